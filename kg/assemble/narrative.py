"""Which sentences narrate this patient's case, and which speak in general.

A case report's abstract opens and closes with sentences about the disease, the therapy or
the literature ("R/R AML carries a poor prognosis", "This case highlights ..."). Their
mentions stay in the graph as Mentions, but they yield no patient facts. The cues are data
(``rules/narrative.tsv``).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from kg.model import Document, Extraction, Sentence
from kg.resources import rules_dir

__all__ = ["narrative_sentences", "is_narrative"]


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern[str]]:
    path = rules_dir() / "narrative.tsv"
    grouped: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            grouped.setdefault(row["cue"].upper(), []).append(f"(?:{row['pattern']})")
    # matched against the lower-cased sentence: several times faster than re.IGNORECASE
    return {cue: re.compile("|".join(patterns)) for cue, patterns in grouped.items()}


def is_narrative(sentence: str, section_kind: str) -> bool:
    """True when ``sentence`` (in a section of ``section_kind``) is about the patient.

    >>> is_narrative("The patient had only grade I CRS.", "abstract")
    True
    >>> is_narrative("R/R AML carries an extremely poor prognosis in patients.", "abstract")
    False
    """
    if section_kind in {"keywords", "background"}:
        return False
    cues = _cues()
    lowered = sentence.lower()
    if cues["PATIENT"].search(lowered):
        return True
    if cues["GENERIC"].search(lowered):
        return False
    return True


def narrative_sentences(extraction: Extraction, among: frozenset[int] | None = None) -> frozenset[int]:
    """Indices of the sentences that narrate the patient's case (of those in ``among``, when
    given: the cue patterns are dear, and only sentences with mentions can yield facts)."""
    document: Document = extraction.document
    chosen = set()
    for sentence in extraction.sentences:
        if among is not None and sentence.index not in among:
            continue
        section = document.section_at(sentence.start)
        kind = section.kind if section else "case"
        if is_narrative(sentence.text, kind):
            chosen.add(sentence.index)
    return frozenset(chosen)


def section_kind(document: Document, sentence: Sentence) -> str:
    section = document.section_at(sentence.start)
    return section.kind if section else "case"
