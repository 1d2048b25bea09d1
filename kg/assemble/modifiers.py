"""Words that modify a fact: diagnosis qualifiers ("relapsed", "Ph+") and adverse-event
grades ("grade I CRS" -> 1, "CRS (grade 2)" -> 2). Qualifier cues are data
(``rules/qualifiers.tsv``); grades follow the CTCAE/ASTCT convention of 1-5.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.model import Mention, Sentence
from kg.resources import rules_dir

__all__ = ["Qualifier", "qualifiers_near", "grade_near"]


@dataclass(frozen=True)
class Qualifier:
    label: str
    code: str | None


@lru_cache(maxsize=1)
def _qualifier_rules() -> tuple[tuple[re.Pattern[str], str, str | None], ...]:
    path = rules_dir() / "qualifiers.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        return tuple(
            (re.compile(row["pattern"], re.IGNORECASE), row["qualifier"], row["code"] or None)
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        )


_WORDS_BEFORE = 5
_AFTER_CLAUSE = re.compile(
    r"^[\s,]*(?:\([^)]*\)\s*)?(?:(?:who|that|which)\s+)?(?:had\s+|has\s+)?(?:experienced\s+|developed\s+)?"
    r"(relapsed|relapse|recurred|progressed|was refractory|refractory)\b",
    re.IGNORECASE,
)


def qualifiers_near(text: str, sentence: Sentence, mention: Mention) -> list[Qualifier]:
    """Qualifiers in the words before a disease mention, inside it, or in a clause after it."""
    assert mention.start is not None and mention.end is not None
    before = text[sentence.start : mention.start]
    window = " ".join(before.split()[-_WORDS_BEFORE:])
    # stop at a clause break so "after chemotherapy, refractory ..." does not leak
    window = re.split(r"[;:.]|\bwith\b|\bafter\b|\band\b(?=\s+\w+\s+\w+)", window)[-1]
    after = _AFTER_CLAUSE.match(text[mention.end : sentence.end])
    regions = [window, mention.text, after.group(1) if after else ""]
    found: dict[str, Qualifier] = {}
    for pattern, label, code in _qualifier_rules():
        for region in regions:
            match = pattern.search(region)
            if match:
                value = " ".join(match.group(0).split()) if label == "$0" else label
                found.setdefault(value, Qualifier(value, code))
    return list(found.values())


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}
_GRADE = r"grade\s*[:=]?\s*(i{1,3}|iv|v|[1-5])\b"
_GRADE_BEFORE = re.compile(_GRADE + r"[^.;]{0,30}$", re.IGNORECASE)
_GRADE_AFTER = re.compile(r"^\s*(?:\(|,)?\s*(?:\w+\s+){0,1}?" + _GRADE, re.IGNORECASE)


def _grade_value(token: str) -> int:
    token = token.lower()
    return _ROMAN[token] if token in _ROMAN else int(token)


def grade_near(text: str, sentence: Sentence, mention: Mention) -> int | None:
    """The grade written next to an adverse-event mention, if any."""
    assert mention.start is not None and mention.end is not None
    before = text[max(sentence.start, mention.start - 40) : mention.start]
    match = _GRADE_BEFORE.search(before)
    if match and len(before[match.end(1) :].split()) <= 3:
        return _grade_value(match.group(1))
    match = _GRADE_AFTER.match(text[mention.end : sentence.end])
    if match:
        return _grade_value(match.group(1))
    return None
