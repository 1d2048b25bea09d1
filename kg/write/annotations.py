"""Annotated documents written as PubTator lines or a BioC JSON collection.

PubTator: ``PMID|t|title``, ``PMID|a|abstract``, then ``PMID<TAB>start<TAB>end<TAB>text<TAB>Type<TAB>ID``
with Type one of Disease, Chemical, Gene, Species and ids in the corpora's own forms:
MeSH as ``D015470``, OMIM as ``OMIM:...``, NCBI Gene and Taxonomy as bare numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.annotator import Annotated

__all__ = ["AnnotatedDocument", "corpus_id", "write_pubtator", "write_bioc_json"]


@dataclass(frozen=True)
class AnnotatedDocument:
    id: str
    text: str
    annotations: tuple[Annotated, ...]


def corpus_id(ids: str) -> str:
    """``MESH:D015470|NCBIGene:7157`` -> ``D015470|7157`` (PubTator's own id forms).

    >>> corpus_id("MESH:D001943|MESH:D010051")
    'D001943|D010051'
    >>> corpus_id("OMIM:114480"), corpus_id("NCBITaxon:9606")
    ('OMIM:114480', '9606')
    """
    parts = []
    for curie in ids.split("|"):
        prefix, _, local = curie.partition(":")
        parts.append(local if prefix in {"MESH", "NCBIGene", "NCBITaxon"} else curie)
    return "|".join(parts)


def write_pubtator(documents: Iterable[AnnotatedDocument]) -> str:
    blocks = []
    for document in documents:
        title, _, abstract = document.text.partition("\n")
        # one line each: later line breaks and tabs become spaces (same length: offsets hold)
        lines = [f"{document.id}|t|{_one_line(title)}", f"{document.id}|a|{_one_line(abstract)}"]
        for a in document.annotations:
            lines.append(f"{document.id}\t{a.start}\t{a.end}\t{a.text}\t{a.category}\t{corpus_id(a.ids)}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


_LINE_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\v": " ", "\f": " ", "\x1c": " ", "\x1d": " ",
                              "\x1e": " ", "\x85": " ", "\u2028": " ", "\u2029": " "})


def _one_line(text: str) -> str:
    """``text`` on one line, every character where it was (PubTator offsets count characters)."""
    return text.translate(_LINE_BREAKS)


def write_bioc_json(documents: Iterable[AnnotatedDocument], source: str = "CaseKG") -> str:
    collection = {"source": source, "date": "", "key": "", "infons": {}, "documents": []}
    for document in documents:
        annotations = [
            {"id": str(n), "infons": {"type": a.category, "identifier": corpus_id(a.ids)}, "text": a.text,
             "locations": [{"offset": a.start, "length": a.end - a.start}]}
            for n, a in enumerate(document.annotations)
        ]
        passage = {"offset": 0, "infons": {}, "text": document.text, "sentences": [], "annotations": annotations,
                   "relations": []}
        collection["documents"].append({"id": document.id, "infons": {}, "passages": [passage], "relations": []})
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
