"""Age and sex of the patient ("a 35-year-old male", "a 6-year-old girl", "aged 71").

The first age phrase in case text wins (case reports introduce the patient once, early);
sex comes from the noun next to the age, else from other patient nouns, else from a clear
majority of pronouns.
"""

from __future__ import annotations

import re

from kg.extract.sentences import sentence_at
from kg.model import Demographics, Document, Mention, Sentence

__all__ = ["extract_demographics", "EXTRACTOR", "AGE_CODE", "SEX_CODES"]

EXTRACTOR = "casekg-demographics@1"
AGE_CODE = "NCIT:C25150"  # Age
SEX_CODES = {"male": "NCIT:C20197", "female": "NCIT:C16576"}

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_NUM = r"(\d{1,3}(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_UNIT = r"(years?|yrs?|y|months?|mos?|m|weeks?|wks?|days?|d)"
_AGE_PATTERNS = [
    re.compile(_NUM + r"[\s-]*" + _UNIT + r"[\s-]*(?:of[\s-]*)?-?\s*old\b", re.IGNORECASE),
    re.compile(_NUM + r"[\s-]*" + r"(year|month|week|day)s?-?old", re.IGNORECASE),  # "35-yearold"
    re.compile(r"\b" + _NUM + r"[\s-]?(?:yo|y/o|y\.o\.)\b", re.IGNORECASE),
    re.compile(r"\baged?\s+(?:of\s+)?" + _NUM + r"(?:\s+" + _UNIT + r")?\b", re.IGNORECASE),
    re.compile(r"\bat\s+the\s+age\s+of\s+" + _NUM + r"(?:\s+" + _UNIT + r")?\b", re.IGNORECASE),
]
#: a cheap first pass: only text near these words can state an age
_AGE_HINT = re.compile(r"old\b|\bage|\by/?o\b|\by\.o\.", re.IGNORECASE)
_UNIT_YEARS = {"y": 1.0, "m": 1 / 12, "w": 7 / 365.25, "d": 1 / 365.25}

_SEX_NOUNS = {
    "male": ("man", "male", "boy", "gentleman", "son", "husband", "father", "he", "his", "him", "mr"),
    "female": ("woman", "female", "girl", "lady", "daughter", "wife", "mother", "she", "her", "hers", "mrs", "ms"),
}
_NOUN = re.compile(r"\b(man|male|boy|gentleman|woman|female|girl|lady|infant|child|patient)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(he|his|him|she|her|hers)\b", re.IGNORECASE)
#: the same three without IGNORECASE, for a lower-cased text (several times faster over a whole text)
_LOWER = {pattern: re.compile(pattern.pattern) for pattern in (_AGE_HINT, _NOUN, _PRONOUN)}


def _searchable(text: str) -> tuple[str, dict[re.Pattern[str], re.Pattern[str]]]:
    """The text to scan and the patterns to scan it with: the lower-cased text when lower-casing
    keeps every offset (it does unless a character lower-cases to two), else the text itself."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered, _LOWER
    return text, {pattern: pattern for pattern in _LOWER}


def _years(number: str, unit: str | None) -> float:
    value = float(_NUMBER_WORDS.get(number.lower(), 0) or number)
    factor = _UNIT_YEARS.get((unit or "y")[0].lower(), 1.0)
    return round(value * factor, 2)


def _mention(text: str, start: int, end: int, code: str, sentences: tuple[Sentence, ...], label: str) -> Mention:
    sentence = sentence_at(sentences, start)
    return Mention(
        start=start,
        end=end,
        text=text[start:end],
        category="Demographic",
        codes=(code,),
        label=label,
        extractors=(EXTRACTOR,),
        sentence=sentence.index if sentence is not None else None,
    )


def _case_spans(document: Document) -> list[tuple[int, int]]:
    """Where the patient is described: the case sections; the whole text when the reader
    found no sections; nowhere when every section is background (a research article)."""
    if not document.sections:
        return [(0, len(document.text))]
    return [(s.start, s.end) for s in document.sections if s.is_case_text]


def extract_demographics(document: Document, sentences: tuple[Sentence, ...]) -> Demographics:
    text = document.text
    scanned, patterns = _searchable(text)
    age = age_evidence = None
    sex, sex_evidence = "unknown", None
    for start, end in _case_spans(document):
        region = text[start:end]
        candidates = []
        for hint in patterns[_AGE_HINT].finditer(scanned[start:end]):
            low, high = max(0, hint.start() - 40), min(len(region), hint.end() + 30)
            for pattern in _AGE_PATTERNS:
                for match in pattern.finditer(region, low, high):
                    unit = match.group(2) if match.lastindex and match.lastindex >= 2 else None
                    candidates.append((match.start(), match.end(), _years(match.group(1), unit)))
            if candidates:
                break
        if candidates:
            first = min(candidates)
            if 0 < first[2] < 130:
                age = first[2]
                age_evidence = _mention(text, start + first[0], start + first[1], AGE_CODE, sentences, "age")
                noun = _NOUN.search(region, first[1], min(len(region), first[1] + 40))
                if noun and (found := _sex_of(noun.group(1))):
                    sex = found
                    sex_evidence = _mention(text, start + noun.start(), start + noun.end(), SEX_CODES[found], sentences, found)
            break
    if sex == "unknown":
        sex, sex_evidence = _sex_from_text(document, sentences, scanned, patterns)
    return Demographics(age=age, age_evidence=age_evidence, sex=sex, sex_evidence=sex_evidence)


def _sex_of(word: str) -> str | None:
    word = word.lower()
    for sex, nouns in _SEX_NOUNS.items():
        if word in nouns[:5]:
            return sex
    return None


def _sex_from_text(document: Document, sentences: tuple[Sentence, ...], scanned: str,
                   patterns: dict[re.Pattern[str], re.Pattern[str]]) -> tuple[str, Mention | None]:
    """Sex from patient nouns, else pronouns of one sex only, or a 3:1 majority of pronouns in case text."""
    text = document.text
    counts = {"male": 0, "female": 0}
    first: dict[str, tuple[int, int]] = {}
    for start, end in _case_spans(document):
        for match in patterns[_NOUN].finditer(scanned, start, end):
            found = _sex_of(match.group(1))
            if found:
                return found, _mention(text, match.start(), match.end(), SEX_CODES[found], sentences, found)
        for match in patterns[_PRONOUN].finditer(scanned, start, end):
            found = "male" if match.group(1).lower() in {"he", "his", "him"} else "female"
            counts[found] += 1
            first.setdefault(found, (match.start(), match.end()))
    for sex, other in (("male", "female"), ("female", "male")):
        if counts[sex] and (counts[other] == 0 or counts[sex] >= 3 * counts[other]):
            start, end = first[sex]
            return sex, _mention(text, start, end, SEX_CODES[sex], sentences, sex)
    return "unknown", None
