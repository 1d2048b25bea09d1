"""Abbreviation definitions found in the text itself.

Schwartz AS, Hearst MA. A simple algorithm for identifying abbreviation definitions in
biomedical text. Pac Symp Biocomput. 2003:451-62. The candidates are ``long form (SF)``
(and ``SF (long form)``); the long form is the shortest run of preceding words in which
every character of the short form occurs in order, the first one at a word start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Abbreviation", "find_abbreviations", "best_long_form"]


@dataclass(frozen=True)
class Abbreviation:
    short: str
    long: str
    short_start: int
    long_start: int
    long_end: int


_PAREN = re.compile(r"\(([^()]{1,60})\)")


def _valid_short_form(candidate: str) -> bool:
    words = candidate.split()
    if not 1 <= len(words) <= 2 or len(candidate) > 10 or len(candidate) < 2:
        return False
    if not any(c.isalpha() for c in candidate) or not candidate[0].isalnum():
        return False
    return True


def _restates(short: str, long: str) -> bool:
    """True when the "long form" only restates the short form as its first token
    ("CD19-CAR (CD19)"); a truncation inside a word is a real definition
    ("pilocarpine (PILO)", "kainic acid (KA)").

    >>> _restates("CD19", "CD19-CAR T cells"), _restates("PILO", "pilocarpine")
    (True, False)
    """
    if not long.lower().startswith(short.lower()):
        return False
    following = long[len(short) : len(short) + 1]
    return not following.isalpha() or short[-1:].isdigit()


def best_long_form(short: str, long: str) -> str | None:
    """The paper's ``findBestLongForm``: the shortest tail of ``long`` that explains ``short``.

    >>> best_long_form("HSF", "Heat shock transcription factor")
    'Heat shock transcription factor'
    >>> best_long_form("GVHD", "developed graft-versus-host disease")
    'graft-versus-host disease'
    """
    s_index = len(short) - 1
    l_index = len(long) - 1
    while s_index >= 0:
        char = short[s_index].lower()
        if not char.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            long[l_index].lower() != char
            or (s_index == 0 and l_index > 0 and long[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    l_index = long.rfind(" ", 0, l_index + 1) + 1
    candidate = long[l_index:]
    return candidate if len(candidate.split()) >= 1 and len(candidate) > len(short) else None


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Every ``long form (SF)`` definition in ``text`` with offsets.

    >>> [(a.short, a.long) for a in find_abbreviations("cytokine release syndrome (CRS) was mild")]
    [('CRS', 'cytokine release syndrome')]
    """
    found: list[Abbreviation] = []
    for match in _PAREN.finditer(text):
        inside = match.group(1).strip()
        before_start = max(text.rfind("\n", 0, match.start()), text.rfind(".", 0, match.start() - 1)) + 1
        before = text[before_start : match.start()].rstrip()
        if _valid_short_form(inside):
            words = before.split()
            limit = min(len(inside) + 5, len(inside) * 2)
            window = " ".join(words[-limit:])
            long = best_long_form(inside, window)
            if long and not _restates(inside, long):
                long_start = before_start + before.rfind(long)
                found.append(
                    Abbreviation(inside, long, match.start(1) + match.group(1).find(inside), long_start,
                                 long_start + len(long))
                )
        else:
            # "SF (long form)": the short form is the last word before the parenthesis
            last = before.rsplit(None, 1)[-1] if before else ""  # ``before`` ends in a non-space
            if last and _valid_short_form(last) and len(inside.split()) >= 2:
                short = last.strip(",;:")
                long = best_long_form(short, inside)
                if long == inside and short.isupper():
                    start = match.start(1) + (len(match.group(1)) - len(match.group(1).lstrip()))
                    found.append(Abbreviation(short, inside, before_start + len(before) - len(last), start,
                                              start + len(inside)))
    return found + [part for abbreviation in found for part in _compound_parts(abbreviation)]


_COMPOUND_HEAD = re.compile(r"\s+(?:syndrome|disease|disorder|complex)$", re.IGNORECASE)


def _compound_parts(abbreviation: Abbreviation) -> list[Abbreviation]:
    """A hyphenated short form of a hyphenated long form defines its parts too:
    "hyperparathyroidism-jaw tumor syndrome (HPT-JT)" defines HPT and JT.

    >>> [(a.short, a.long) for a in find_abbreviations("the hyperparathyroidism-jaw tumor syndrome (HPT-JT) is")]
    [('HPT-JT', 'hyperparathyroidism-jaw tumor syndrome'), ('HPT', 'hyperparathyroidism'), ('JT', 'jaw tumor')]
    """
    shorts = abbreviation.short.split("-")
    segments = abbreviation.long.split("-")
    if len(shorts) < 2 or len(shorts) != len(segments) or not all(
            len(p) >= 2 and p.isalnum() and p.isupper() for p in shorts):
        return []
    parts = []
    offset = 0
    for index, (short, segment) in enumerate(zip(shorts, segments)):
        if index == len(segments) - 1:
            segment = _COMPOUND_HEAD.sub("", segment)
        long = best_long_form(short, segment)
        if long is None or not long[:1].isalpha():
            return []
        start = abbreviation.long_start + offset + segment.rfind(long)
        parts.append(Abbreviation(short, long, abbreviation.short_start, start, start + len(long)))
        offset += len(segments[index]) + 1
    return parts
