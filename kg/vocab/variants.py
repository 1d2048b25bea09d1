"""Name variants added when a vocabulary is compiled (pure functions).

MeSH-style inverted names ("Leukemia, Myeloid, Acute") are also written in running-text
order ("Acute Myeloid Leukemia"), trailing qualifiers ("(disorder)", ", NOS") are
dropped, and eponyms gain their possessive ("Alzheimer Disease" -> "Alzheimer's
Disease"). Hyphen/space/slash variants, Greek letters, British spellings and case are
handled by the token normalization shared with the text (:mod:`kg.extract.tokens`);
plurals by the matcher. The approach follows the term-variant generation of
dictionary taggers such as MetaMap (Aronson 2001) and LexVar (the SPECIALIST lexicon).
"""

from __future__ import annotations

import re

__all__ = ["name_variants"]

_QUALIFIER = re.compile(r"\s*(?:\((?:disorder|disease|finding|morphologic abnormality|situation)\)|,\s*NOS|\s+NOS)\s*$", re.I)
_EPONYM_HEADS = frozenset({"disease", "syndrome", "sarcoma", "palsy", "anemia", "anaemia", "lymphoma", "tumor", "ataxia", "dystrophy"})
_INVERTED_PART = re.compile(r"^[A-Za-z][\w\- ]*$")


def _uninvert(name: str) -> str | None:
    """"Leukemia, Myeloid, Acute" -> "Acute Myeloid Leukemia" (MeSH entry-term inversion)."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) < 2 or len(parts) > 4 or not all(_INVERTED_PART.match(p) for p in parts):
        return None
    if any(len(p.split()) > 3 for p in parts[1:]):
        return None
    return " ".join(reversed(parts))


def _possessive(name: str) -> str | None:
    words = name.split()
    for i, word in enumerate(words[:-1]):
        if word[:1].isupper() and word.isalpha() and len(word) > 3 and words[i + 1].lower() in _EPONYM_HEADS:
            return " ".join(words[:i] + [word + "'s"] + words[i + 1 :])
    return None


def name_variants(name: str) -> list[str]:
    """The name and the variants it is also written as, without repeats.

    >>> name_variants("Leukemia, Myeloid, Acute")
    ['Leukemia, Myeloid, Acute', 'Acute Myeloid Leukemia']
    >>> name_variants("Alzheimer Disease")
    ['Alzheimer Disease', "Alzheimer's Disease"]
    """
    name = " ".join(name.split())
    found = [name]
    stripped = _QUALIFIER.sub("", name)
    if stripped and stripped != name:
        found.append(stripped)
    for base in list(found):
        uninverted = _uninvert(base)
        if uninverted:
            found.append(uninverted)
    for base in list(found):
        possessive = _possessive(base)
        if possessive:
            found.append(possessive)
    return list(dict.fromkeys(found))
