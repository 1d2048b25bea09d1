"""PubTator files: ``PMID|t|title``, ``PMID|a|abstract``, then one tab-separated line per
mention (``PMID start end text Type ID``) and per relation (``PMID Type ID1 ID2 ...``),
documents separated by blank lines. One file holds many documents.

The document text is the title, a newline, and the abstract, so the file's offsets
(which count one separator character) point into it unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.errors import ReadError
from kg.model import Annotation, Document, Relation, Section
from kg.read.annotation_types import category_of, realign, standardize_ids

__all__ = ["looks_like_pubtator", "read_pubtator", "SOURCE"]

SOURCE = "pubtator-input@1"
_TEXT_LINE = re.compile(r"^(\d+|[^|\t]+)\|([ta])\|(.*)$")
_FIRST = re.compile(r"^\s*[^|\t\n]+\|t\|", re.MULTILINE)


def looks_like_pubtator(text: str) -> bool:
    head = text.lstrip()[:2000]
    return bool(_FIRST.match(head))


def _document(pmid: str, title: str, abstract: str, mentions: list[list[str]], relations: list[list[str]],
              source: str) -> Document:
    text = f"{title}\n{abstract}" if abstract else title
    annotations = []
    for fields in mentions:
        start, end, surface, kind = int(fields[1]), int(fields[2]), fields[3], fields[4]
        category = category_of(kind)
        ids = standardize_ids(fields[5] if len(fields) > 5 else "", category)
        span = realign(text, surface, start, end)
        if span is None:
            continue  # the annotator's offsets and text disagree beyond repair: drop this mention
        start, end = span
        annotations.append(
            Annotation(text=surface, curies=ids, category=category, source=SOURCE, start=start, end=end, type=kind)
        )
    rels = []
    for fields in relations:
        kind, first, second = fields[1], fields[2], fields[3]
        category = "Chemical" if kind == "CID" else "Disease"
        subject = (standardize_ids(first, "Chemical" if kind == "CID" else _guess(first)) or (first,))[0]
        obj = (standardize_ids(second, category if kind == "CID" else _guess(second)) or (second,))[0]
        extra = tuple(("field", f) for f in fields[4:])
        rels.append(Relation(kind, subject, obj, SOURCE, attributes=extra))
    sections = [Section("Title", "title", 0, len(title))]
    if abstract:
        sections.append(Section("Abstract", "abstract", len(title) + 1, len(text)))
    identifiers = (f"PMID:{pmid}",) if pmid.isdigit() else ()
    return Document(
        source=source, format="pubtator", text=text, title=title or None, identifiers=identifiers,
        sections=tuple(sections), annotations=tuple(annotations), relations=tuple(rels),
    )


def _guess(identifier: str) -> str:
    """Category of a bare relation argument: MeSH ids are diseases or chemicals, numbers genes."""
    return "Gene" if identifier.isdigit() else "Disease"


def read_pubtator(text: str, source: str) -> Iterator[Document]:
    pmid = title = abstract = None
    mentions: list[list[str]] = []
    relations: list[list[str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            if pmid is not None:
                yield _document(pmid, title or "", abstract or "", mentions, relations, source)
            pmid = title = abstract = None
            mentions, relations = [], []
            continue
        match = _TEXT_LINE.match(line)
        if match:
            if pmid is not None and match.group(1) != pmid:
                yield _document(pmid, title or "", abstract or "", mentions, relations, source)
                title = abstract = None
                mentions, relations = [], []
            pmid = match.group(1)
            if match.group(2) == "t":
                title = match.group(3)
            else:
                abstract = match.group(3)
            continue
        fields = line.split("\t")
        if pmid is None or fields[0] != pmid:
            raise ReadError(source, f"line {number}: not a PubTator title, abstract, mention or relation line")
        if len(fields) >= 5 and fields[1].isdigit() and fields[2].isdigit():
            mentions.append(fields)
        elif len(fields) >= 4:
            relations.append(fields)
        else:
            raise ReadError(source, f"line {number}: a PubTator line needs at least 4 tab-separated fields")
    if pmid is not None:
        yield _document(pmid, title or "", abstract or "", mentions, relations, source)
