"""Dictionary matching: every lexicon name, found on token boundaries, longest match first.

Two Aho-Corasick automata (pyahocorasick) run over the normalized token string: one
case-folded for ordinary names, one case-preserving for gene symbols and abbreviations
(``ALL`` the leukemia is not ``all`` the word; ``CD19`` is a gene, ``cd19`` is not
written). Overlapping hits are reduced to the longest, leftmost ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from kg.extract.lexicon import Concept, Lexicon
from kg.extract.tokens import NormalizedText, Token, name_key, normalize_text

__all__ = ["Match", "DictionaryMatcher", "is_case_sensitive", "CATEGORY_PRIORITY"]

#: which concept wins when one surface form names several (lower is preferred)
CATEGORY_PRIORITY = {
    "Disease": 0, "Therapy": 1, "Outcome": 2, "Finding": 3, "Chemical": 4, "Gene": 5, "Species": 6,
}

_UPPER_OR_DIGIT = re.compile(r"[A-Z0-9]")


def is_case_sensitive(name: str, category: str) -> bool:
    """Symbols and abbreviations match exactly; ordinary names ignore case.

    >>> is_case_sensitive("ALL", "Disease"), is_case_sensitive("acute leukemia", "Disease")
    (True, False)
    >>> is_case_sensitive("CD19", "Gene"), is_case_sensitive("Rituximab", "Therapy")
    (True, False)
    """
    compact = name.replace(" ", "")
    if category == "Gene" and len(name.split()) == 1:
        return True
    if len(compact) > 12 or " " in name.strip() and len(name.split()) > 2:
        return False
    capitals = sum(1 for c in compact[1:] if c.isupper())
    return capitals >= 1 or (len(compact) <= 4 and bool(_UPPER_OR_DIGIT.search(compact)))


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    concepts: tuple[Concept, ...]
    case_sensitive: bool
    #: recognised by its form (``kg.extract.pathology``), not found in the dictionary
    by_form: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


def _plural_forms(name: str) -> list[str]:
    """Simple English plurals of a multi-letter final word ("infection" -> "infections")."""
    last = name.rsplit(" ", 1)[-1]
    if not last.isalpha() or len(last) < 4 or last.isupper() or last.endswith("s"):
        return []
    if last.endswith("y") and last[-2] not in "aeiou":
        return [name[:-1] + "ies"]
    return [name + "s"]


class DictionaryMatcher:
    """Compiled matcher for one lexicon (build once, reuse for every document)."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        folded: dict[str, list[Concept]] = {}
        exact: dict[str, list[Concept]] = {}
        for concept in concepts:
            for name in concept.names:
                sensitive = is_case_sensitive(name, concept.category)
                variants = [name] if sensitive else [name, *_plural_forms(name)]
                for variant in variants:
                    key = name_key(variant, fold_case=not sensitive)
                    if not key.strip():
                        continue
                    table = exact if sensitive else folded
                    bucket = table.setdefault(key, [])
                    if concept not in bucket:
                        bucket.append(concept)
        self._folded = self._automaton(folded)
        self._exact = self._automaton(exact)

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> DictionaryMatcher:
        return cls(lexicon)

    @staticmethod
    def _automaton(table: dict[str, list[Concept]]) -> ahocorasick.Automaton | None:
        if not table:
            return None
        automaton = ahocorasick.Automaton()
        for key, concepts in table.items():
            ranked = sorted(concepts, key=lambda c: (CATEGORY_PRIORITY.get(c.category, 9), c.curie))
            automaton.add_word(key, (len(key), tuple(ranked)))
        automaton.make_automaton()
        return automaton

    def lookup(self, name: str) -> tuple[Concept, ...]:
        """The concepts a whole name denotes (folded first, then exact)."""
        for automaton, fold in ((self._folded, True), (self._exact, False)):
            key = name_key(name, fold_case=fold)
            if automaton is not None and key.strip() and automaton.exists(key):
                return automaton.get(key)[1]
        return ()

    def all_matches(self, tokens: list[Token], folded: NormalizedText | None = None) -> list[Match]:
        """Every dictionary hit, overlapping ones included (``folded``: the tokens' case-folded
        normalization, when the caller has it already)."""
        hits: list[Match] = []
        for automaton, fold in ((self._folded, True), (self._exact, False)):
            if automaton is None:
                continue
            normalized = folded if fold and folded is not None else normalize_text(tokens, fold_case=fold)
            for key_end, (length, concepts) in automaton.iter(normalized.key):
                span = normalized.span(key_end - length + 1, key_end)
                if span is not None:
                    hits.append(Match(span[0], span[1], concepts, case_sensitive=not fold))
        return hits

    def find(self, tokens: list[Token]) -> list[Match]:
        """Longest, leftmost, non-overlapping matches in text order."""
        return longest_matches(self.all_matches(tokens))


def longest_matches(hits: list[Match]) -> list[Match]:
    """Keep the longest of overlapping hits; on equal spans prefer case-sensitive hits."""
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    for hit in sorted(hits, key=lambda m: (-m.length, m.start, not m.case_sensitive)):
        if any(hit.start < end and start < hit.end for start, end in taken):
            continue
        chosen.append(hit)
        taken.append((hit.start, hit.end))
    return sorted(chosen, key=lambda m: m.start)
