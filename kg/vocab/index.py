"""The compiled name index: normalized name keys -> the concept each category gives them.

Two Aho-Corasick automata (pyahocorasick; Aho & Corasick 1975) run over the normalized
token string of :mod:`kg.extract.tokens`: one case-folded for ordinary names, one
case-preserving for symbols and short abbreviations. Keys are `` token token `` with a
space at each end, so every match lies on token boundaries. A key carries one
:class:`Candidate` per category (the best-scored concept of that category, decided when
the vocabulary was compiled), so a span never names two concepts of one kind.

The automata store integers (``row << 10 | key length``) pointing into a shared table
of candidate tuples, so they pickle as flat buffers and load in about a second.
"""

from __future__ import annotations

import pickle
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from kg.extract.tokens import Token, key_positions, normalized_key, token_spans

__all__ = ["Candidate", "Hit", "NameIndex"]

_LENGTH_BITS = 10
_LENGTH_MASK = (1 << _LENGTH_BITS) - 1


@dataclass(frozen=True)
class Candidate:
    category: str
    ids: str  # one CURIE, or several joined by "|" for a composite name
    #: share of this name's occurrences in training text that gold annotated as this category
    #: (-1.0 when no training corpus said anything about it)
    precision: float = -1.0


class Hit(NamedTuple):
    """A name occurrence (a tuple, like :class:`~kg.extract.tokens.Token`: tens of thousands
    are made per corpus, and a frozen dataclass costs several times as much to build)."""

    start: int
    end: int
    key: str
    candidates: tuple[Candidate, ...]
    case_sensitive: bool

    @property
    def length(self) -> int:
        return self.end - self.start


def _automaton(table: dict[str, int]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for key, value in table.items():
        automaton.add_word(key, value)
    if table:
        automaton.make_automaton()
    return automaton


class NameIndex:
    """Folded and exact name automata plus the candidate table (build once, scan many texts)."""

    def __init__(self, folded: ahocorasick.Automaton, exact: ahocorasick.Automaton,
                 rows: list[tuple[tuple[str, str, float], ...]]) -> None:
        self._folded, self._exact = folded, exact
        self._rows = rows
        self._candidates: dict[int, tuple[Candidate, ...]] = {}

    @classmethod
    def from_tables(cls, folded: dict[str, tuple[Candidate, ...]], exact: dict[str, tuple[Candidate, ...]]) -> NameIndex:
        rows: list[tuple[tuple[str, str, float], ...]] = []
        interned: dict[tuple, int] = {}

        def encode(table: dict[str, tuple[Candidate, ...]]) -> dict[str, int]:
            result = {}
            for key, candidates in table.items():
                if len(key) > _LENGTH_MASK:
                    continue
                row = tuple((c.category, c.ids, c.precision) for c in candidates)
                number = interned.get(row)
                if number is None:
                    number = interned[row] = len(rows)
                    rows.append(row)
                result[key] = number << _LENGTH_BITS | len(key)
            return result

        return cls(_automaton(encode(folded)), _automaton(encode(exact)), rows)

    def save(self, directory: Path) -> None:
        """One pickle (pyahocorasick pickles its automata as flat buffers: loading is a copy,
        several times faster than ``Automaton.save``/``ahocorasick.load``)."""
        with (directory / "index.pickle").open("wb") as handle:
            pickle.dump((self._folded, self._exact, self._rows), handle, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def load(cls, directory: Path) -> NameIndex:
        with (directory / "index.pickle").open("rb") as handle:
            folded, exact, rows = pickle.load(handle)
        return cls(folded, exact, rows)

    def __len__(self) -> int:
        return len(self._folded) + len(self._exact)

    def candidates(self, row: int) -> tuple[Candidate, ...]:
        found = self._candidates.get(row)
        if found is None:
            found = self._candidates[row] = tuple(Candidate(*c) for c in self._rows[row])
        return found

    def items(self, folded: bool = True):
        """(key, candidates) of every name (compile-time statistics and plain-scan benchmarks)."""
        automaton = self._folded if folded else self._exact
        for key, value in automaton.items():
            yield key, self.candidates(value >> _LENGTH_BITS)

    def hits(self, tokens: list[Token] | None = None, text: str | None = None) -> list[Hit]:
        """Every name occurrence on token boundaries, overlapping ones included."""
        if text is None:
            words = [t.text for t in tokens or ()]
            ends = [t.end for t in tokens or ()]
        else:
            words, ends = token_spans(text)
        found: list[Hit] = []
        cached = self._candidates
        for automaton, fold in ((self._folded, True), (self._exact, False)):
            if automaton.kind != ahocorasick.AHOCORASICK:
                continue
            key, forms, kept = normalized_key(words, fold)
            matches = list(automaton.iter(key))
            if not matches:
                continue
            positions = key_positions(forms)
            for key_end, value in matches:
                begin = key_end - (value & _LENGTH_MASK) + 1
                # token indexes: the space at ``begin`` precedes the first token, the one at
                # ``key_end`` the token after the last
                first = bisect_left(positions, begin)
                last = bisect_left(positions, key_end) - 1
                if kept is not None:
                    first, last = kept[first], kept[last]
                row = value >> _LENGTH_BITS
                found.append(Hit(ends[first] - len(words[first]), ends[last], key[begin : key_end + 1],
                                 cached.get(row) or self.candidates(row), not fold))
        return found

    def lookup(self, key_folded: str, key_exact: str) -> tuple[Candidate, ...]:
        for automaton, key in ((self._exact, key_exact), (self._folded, key_folded)):
            if key.strip() and automaton.exists(key):
                return self.candidates(automaton.get(key) >> _LENGTH_BITS)
        return ()
