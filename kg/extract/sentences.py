"""Sentence splitting tuned for case reports (abbreviations, decimals, initials, lists).

Rules, not a model: a period, question or exclamation mark ends a sentence when
whitespace and a capital letter, digit or opening bracket follow, unless the word before
it is a known abbreviation (``rules/sentence_exceptions.txt``), a single initial, or part
of a number. Blank lines, list bullets and heading-like lines always end a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.model import Sentence
from kg.resources import rule_lines

__all__ = ["split_sentences", "sentence_at"]

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_LINE_BREAK = re.compile(r"\n")


@lru_cache(maxsize=1)
def _exceptions() -> frozenset[str]:
    return frozenset(line.lower() for line in rule_lines("sentence_exceptions.txt"))


_LAST_WORD = re.compile(r"([\w.]+)$")


def _word_before(text: str, index: int) -> str:
    match = _LAST_WORD.search(text, max(0, index - 40), index)
    return match.group(1) if match else ""


def _hard_breaks(text: str) -> list[int]:
    """Offsets after which a sentence must end because of layout (blank lines, bullets, headings)."""
    breaks = []
    for match in _LINE_BREAK.finditer(text):
        i = match.start()
        before = text[:i].rstrip(" \t")
        after = text[i + 1 :]
        line_start = before.rfind("\n") + 1
        previous_line = before[line_start:].strip()
        if (
            not previous_line
            or after.startswith("\n")
            or re.match(r"\s*([-*•·]|\d+[.)])\s", after)
            or before.endswith((".", "!", "?", ":", ";"))
            or (len(previous_line) < 60 and not previous_line.endswith((",", "and", "or", "the", "of")))
        ):
            breaks.append(i)
    return breaks


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences with exact offsets; whitespace around them is not part of them."""
    cuts = set(_hard_breaks(text))
    exceptions = _exceptions()
    for match in _BOUNDARY.finditer(text):
        word = _word_before(text, match.start()).lower().rstrip(".")
        if word in exceptions or (len(word) == 1 and word.isalpha()):
            continue
        cuts.add(match.end())
    sentences: list[Sentence] = []
    start = 0
    for cut in sorted(cuts) + [len(text)]:
        chunk = text[start:cut]
        stripped = chunk.strip()
        if stripped:
            offset = start + (len(chunk) - len(chunk.lstrip()))
            sentences.append(Sentence(len(sentences), offset, offset + len(stripped), stripped))
        start = cut
    return tuple(sentences)


def sentence_at(sentences: tuple[Sentence, ...], offset: int) -> Sentence | None:
    """The sentence that contains ``offset`` (binary search; sentences are in text order)."""
    low, high = 0, len(sentences) - 1
    while low <= high:
        middle = (low + high) // 2
        sentence = sentences[middle]
        if offset < sentence.start:
            high = middle - 1
        elif offset >= sentence.end:
            low = middle + 1
        else:
            return sentence
    return None
