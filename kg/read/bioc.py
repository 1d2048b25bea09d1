"""BioC collections, XML or JSON (the ``bioc`` package parses them): one Document per BioC
document, passages placed at their own offsets, annotations and relations kept.

Passage offsets are global in BioC, so the document text is built by placing each
passage's text at its offset (gaps become newlines); every annotation offset then points
into the text unchanged.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import replace

import bioc
from bioc import biocjson, biocxml

from kg.errors import ReadError
from kg.model import Annotation, Document, Relation, Section
from kg.read.annotation_types import category_of, realign, standardize_ids
from kg.read.jats import patient_table_of_xml

__all__ = ["looks_like_bioc_xml", "looks_like_bioc_json", "read_bioc_xml", "read_bioc_json", "SOURCE"]

SOURCE = "bioc-input@1"

#: BioC passage types (and PMC section_type infons) -> section kind
_PASSAGE_KINDS = {
    "title": "title", "front": "title", "abstract": "abstract", "abstract_title_1": "abstract",
    "case": "case", "case_report": "case", "case presentation": "case", "results": "case",
    "intro": "background", "introduction": "background", "discuss": "background", "discussion": "background",
    "concl": "background", "conclusion": "background", "methods": "background", "ref": "skip",
    "ack_fund": "skip", "comp_int": "skip", "auth_cont": "skip", "table": "background", "fig": "background",
}


def looks_like_bioc_xml(text: str) -> bool:
    head = text.lstrip()[:600]
    return head.startswith("<") and "<collection" in head


def looks_like_bioc_json(text: str) -> bool:
    head = text.lstrip()[:2000]
    return head.startswith("{") and '"documents"' in text[:20000] and '"passages"' in text[:50000]


def _kind(passage: bioc.BioCPassage) -> str:
    for key in ("section_type", "type"):
        value = (passage.infons.get(key) or "").strip().lower()
        if value in _PASSAGE_KINDS:
            return _PASSAGE_KINDS[value]
    return "case" if not passage.infons else "abstract"


def _table_rows_of(doc: bioc.BioCDocument) -> Iterator[tuple[str, str, str]]:
    """(section title, kind, text) for each patient of a table of patients (PMC BioC keeps a
    table's XML in its passage's ``xml`` infon); appended after the passages' text."""
    captions = {p.infons.get("id"): p.text or "" for p in doc.passages if p.infons.get("type") == "table_caption"}
    for number, passage in enumerate((p for p in doc.passages if p.infons.get("xml")), start=1):
        table_id = passage.infons.get("id")
        found = patient_table_of_xml(passage.infons["xml"], captions.get(table_id, ""))
        for row in found.rows if found else ():
            kind = "background" if found.literature else "case"
            yield f"Table {table_id or number} > {row.label}", kind, row.text


def _document(doc: bioc.BioCDocument, source: str) -> Document:
    parts: list[str] = []
    length = 0
    sections = []
    annotations = []
    for passage in sorted(doc.passages, key=lambda p: p.offset):
        text = passage.text or ""
        kind = _kind(passage)
        if passage.offset < length:
            raise ReadError(source, f"document {doc.id}: passage at offset {passage.offset} overlaps the previous one")
        gap = passage.offset - length
        parts.append("\n" * gap)
        length += gap
        parts.append(text)
        if text and kind != "skip":
            title = passage.infons.get("section_type") or passage.infons.get("type") or "Text"
            sections.append(Section(title=title.title(), kind=kind, start=length, end=length + len(text)))
        length += len(text)
        for ann in passage.annotations:
            if not ann.locations:
                continue
            start = min(loc.offset for loc in ann.locations)
            end = max(loc.offset + loc.length for loc in ann.locations)
            category = category_of(ann.infons.get("type", ""))
            raw = ann.infons.get("identifier") or ann.infons.get("Identifier") or ann.infons.get("MESH") or ""
            annotations.append(
                Annotation(text=ann.text or "", curies=standardize_ids(raw, category), category=category,
                           source=SOURCE, start=start, end=end, id=ann.id, type=ann.infons.get("type") or None)
            )
    for label, kind, row_text in _table_rows_of(doc):
        parts.append("\n\n")
        length += 2
        parts.append(row_text)
        sections.append(Section(title=label, kind=kind, start=length, end=length + len(row_text)))
        length += len(row_text)
    full = "".join(parts)
    aligned = []
    for annotation in annotations:
        span = realign(full, annotation.text, annotation.start, annotation.end) if annotation.text else None
        if span is not None:  # annotations whose text cannot be found near their offsets are dropped
            aligned.append(replace(annotation, start=span[0], end=span[1]))
    annotations = aligned
    relations = []
    for rel in doc.relations:
        infons = rel.infons
        kind = infons.get("type", "related")
        first, second = infons.get("entity1"), infons.get("entity2")
        if first and second:
            subject = (standardize_ids(first, "Gene" if first.isdigit() else "Disease") or (first,))[0]
            obj = (standardize_ids(second, "Gene" if second.isdigit() else "Disease") or (second,))[0]
            extra = tuple(sorted((k, v) for k, v in infons.items() if k not in {"type", "entity1", "entity2"}))
            relations.append(Relation(kind, subject, obj, SOURCE, attributes=extra))
        elif len(rel.nodes) >= 2:
            relations.append(Relation(kind, rel.nodes[0].refid, rel.nodes[1].refid, SOURCE, by_id=True))
    identifiers = [f"PMID:{doc.id}"] if doc.id.isdigit() else [doc.id] if doc.id.startswith("PMC") else []
    title = next((full[s.start : s.end] for s in sections if s.kind == "title"), None)
    return Document(
        source=source, format="bioc", text=full, title=title, identifiers=tuple(identifiers),
        sections=tuple(sections), annotations=tuple(annotations), relations=tuple(relations),
    )


def read_bioc_xml(text: str, source: str) -> Iterator[Document]:
    try:
        collection = biocxml.load(io.BytesIO(text.encode("utf-8")))
    except Exception as error:  # the bioc package raises lxml and its own errors
        raise ReadError(source, f"not a valid BioC XML collection ({str(error).splitlines()[0]})") from None
    for doc in collection.documents:
        yield _document(doc, source)


def _with_defaults(node: object) -> object:
    """BioC JSON from PubTator omits empty ``infons``/``relations``; the decoder wants them."""
    if isinstance(node, dict):
        node = {k: _with_defaults(v) for k, v in node.items()}
        if "documents" in node or "passages" in node or "text" in node and "locations" in node:
            node.setdefault("infons", {})
        if "passages" in node:
            node.setdefault("relations", [])
            node.setdefault("infons", {})
        if "offset" in node and "text" in node and "locations" not in node:
            node.setdefault("annotations", [])
            node.setdefault("relations", [])
            node.setdefault("sentences", [])
            node.setdefault("infons", {})
        if "documents" in node:
            for key in ("source", "date", "key"):
                node.setdefault(key, "")
        if "refid" in node:
            node.setdefault("role", "")
        if "nodes" in node or "entity1" in str(node.get("infons", "")):
            node.setdefault("nodes", [])
        return node
    if isinstance(node, list):
        return [_with_defaults(v) for v in node]
    return node


def read_bioc_json(text: str, source: str) -> Iterator[Document]:
    try:
        data = _with_defaults(json.loads(text))
        collection = biocjson.decoder.parse_collection(data)
    except (ValueError, KeyError, TypeError) as error:
        raise ReadError(source, f"not a valid BioC JSON collection ({error})") from None
    for doc in collection.documents:
        yield _document(doc, source)
