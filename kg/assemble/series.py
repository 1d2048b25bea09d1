"""Case series: an article that reports several patients ("Case 1", "Patient 2") yields one
patient per report, each with the facts narrated in its own part of the text.

The parts come from section titles (JATS, BioC: "Case 1", "Case presentation > Patient 2")
or, in plain text, from paragraphs that open with such a heading. Each part is assembled
like a single case from the mentions inside it; text outside every part (title, abstract,
introduction) keeps its mentions but gives no patient facts, since it may speak of any of
the patients.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.assemble.case import assemble_case
from kg.extract.demographics import extract_demographics
from kg.model import Case, Document, Extraction, Section

__all__ = ["assemble", "patient_segments"]

_NUMBER = r"(\d{1,2}|[IVX]{1,4})\b"
_TITLE = re.compile(r"\b(?:case|patient)\s*(?:no\.?\s*|#\s*)?" + _NUMBER, re.IGNORECASE)
_HEADING = re.compile(r"(?m)^[ \t]*(?:case|patient)\s*(?:no\.?\s*|#\s*)?" + _NUMBER + r"[ \t]*(?:[:.)\-\u2013\u2014]|$)",
                      re.IGNORECASE)


def _from_titles(document: Document) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for section in document.sections:
        match = _TITLE.search(section.title.rsplit(">", 1)[-1]) if section.kind == "case" else None
        if match:
            key = match.group(1).upper()
            start, end = found.get(key, (section.start, section.end))
            found[key] = (min(start, section.start), max(end, section.end))
    return found


def _from_headings(document: Document) -> dict[str, tuple[int, int]]:
    text = document.text
    case_spans = [(s.start, s.end) for s in document.sections if s.kind == "case"] or [(0, len(text))]
    found: dict[str, tuple[int, int]] = {}
    for low, high in case_spans:
        matches = [m for m in _HEADING.finditer(text, low, high)]
        for this, following in zip(matches, [*matches[1:], None]):
            key = this.group(1).upper()
            if key not in found:
                found[key] = (this.start(), following.start() if following else high)
    return found


def patient_segments(document: Document) -> list[tuple[int, int]]:
    """The (start, end) of each patient's part, in order; empty unless there are two or more.

    >>> from kg.model import Document
    >>> text = "Case 1: a 40-year-old man.\\nCase 2: a 7-year-old girl."
    >>> patient_segments(Document("x", "text", text))
    [(0, 27), (27, 53)]
    """
    for finder in (_from_titles, _from_headings):
        found = finder(document)
        if len(found) >= 2:
            return sorted(found.values())
    return []


def assemble(extraction: Extraction) -> Case:
    """The Case of a document: one patient, or (a case series) one per patient's part."""
    document = extraction.document
    segments = patient_segments(document)
    if not segments:
        return assemble_case(extraction)
    parts = []
    for number, (start, end) in enumerate(segments, start=1):
        part_document = replace(document, sections=(Section(f"Patient {number}", "case", start, end),))
        part = replace(
            extraction,
            mentions=tuple(m for m in extraction.mentions if m.start is not None and start <= m.start < end),
            demographics=extract_demographics(part_document, extraction.sentences),
        )
        case = assemble_case(part)
        parts.append(replace(case, extraction=extraction, patient=replace(case.patient, index=number)))
    return replace(parts[0], more_patients=tuple(parts[1:]))
