"""The compiled name index: normalized name keys -> the concept each category gives them.

Two Aho-Corasick automata (pyahocorasick; Aho & Corasick 1975) run over the normalized
token string of :mod:`kg.extract.tokens`: one case-folded for ordinary names, one
case-preserving for symbols and short abbreviations. A key carries one
:class:`Candidate` per category (the best-scored concept of that category, decided when
the vocabulary was compiled), so a span never names two concepts of one kind.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from kg.extract.tokens import Token, normalize_text

__all__ = ["Candidate", "Hit", "NameIndex"]


@dataclass(frozen=True)
class Candidate:
    category: str
    ids: str  # one CURIE, or several joined by "|" for a composite name
    #: share of this name's occurrences in training text that gold annotated as this category
    #: (-1.0 when no training corpus said anything about it)
    precision: float = -1.0


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    key: str
    candidates: tuple[Candidate, ...]
    case_sensitive: bool

    @property
    def length(self) -> int:
        return self.end - self.start


def _automaton(table: dict[str, tuple[Candidate, ...]]) -> ahocorasick.Automaton | None:
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for key, candidates in table.items():
        automaton.add_word(key, (key, candidates))
    automaton.make_automaton()
    return automaton


class NameIndex:
    """Folded and exact name tables compiled into automata (build once, scan many texts)."""

    def __init__(self, folded: dict[str, tuple[Candidate, ...]], exact: dict[str, tuple[Candidate, ...]]) -> None:
        self.folded = folded
        self.exact = exact
        self._automata = ((_automaton(folded), True), (_automaton(exact), False))

    def __len__(self) -> int:
        return len(self.folded) + len(self.exact)

    def hits(self, tokens: list[Token]) -> list[Hit]:
        """Every name occurrence on token boundaries, overlapping ones included."""
        found: list[Hit] = []
        for automaton, fold in self._automata:
            if automaton is None:
                continue
            normalized = normalize_text(tokens, fold_case=fold)
            starts, ends, kept = normalized.starts, normalized.ends, normalized.tokens
            for key_end, (key, candidates) in automaton.iter(normalized.key):
                first = starts.get(key_end - len(key) + 1)
                last = ends.get(key_end)
                if first is not None and last is not None:
                    found.append(Hit(kept[first].start, kept[last].end, key, candidates, not fold))
        return found

    def lookup(self, key_folded: str, key_exact: str) -> tuple[Candidate, ...]:
        return self.exact.get(key_exact) or self.folded.get(key_folded) or ()
