"""Assertion status of a mention: negated, uncertain, hypothetical, historical, other person.

A small ConText engine (Harkema H, et al. ConText: an algorithm for determining negation,
experiencer, and temporal status from clinical reports. J Biomed Inform 2009;42:839-51).
Triggers live in ``ontologies/rules/context.tsv``; a trigger modifies targets after it
(forward), before it (backward) or both, within its sentence, up to a terminator
("but", "however", ";") and at most :data:`MAX_SCOPE` tokens after it or
:data:`MAX_BACKWARD_SCOPE` tokens before it. Pseudo-triggers
("no increase", "not only") are longest matches that assert nothing. Section headers
("PAST MEDICAL HISTORY:", direction ``section``) govern the rest of their sentence.
"""

from __future__ import annotations

import csv
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

import ahocorasick

from kg.extract.tokens import NormalizedText, Token, name_key, normalize_text, token_start, tokenize
from kg.resources import rules_dir

__all__ = ["Assertion", "ContextRules", "context_rules", "assert_span", "classify_assertion", "MAX_SCOPE"]

#: how many tokens a trigger reaches, after it (forward) and before it (backward)
MAX_SCOPE = 8
MAX_BACKWARD_SCOPE = 6

_CERTAINTY_ORDER = ("negated", "hypothetical", "uncertain", "historical")


@dataclass(frozen=True)
class Assertion:
    negated: bool = False
    certainty: str = "affirmed"
    temporality: str = "recent"
    experiencer: str = "patient"

    def as_dict(self) -> dict[str, object]:
        return {
            "negated": self.negated,
            "certainty": self.certainty,
            "temporality": self.temporality,
            "experiencer": self.experiencer,
        }


@dataclass(frozen=True)
class Trigger:
    first: int  # token indices, inclusive
    last: int
    category: str
    direction: str


class ContextRules:
    """The trigger table compiled into an Aho-Corasick automaton over normalized tokens."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        self._automaton = ahocorasick.Automaton()
        for literal, category, direction in rows:
            key = name_key(literal, fold_case=True)
            if key.strip():
                self._automaton.add_word(key, (len(key), category, direction))
        self._automaton.make_automaton()

    def triggers(self, tokens: list[Token]) -> tuple[list[Trigger], tuple[Token, ...]]:
        """Longest non-overlapping triggers in ``tokens`` (token indices into the kept tokens)."""
        normalized = normalize_text(tokens, fold_case=True)
        return self._chosen(normalized, 0, len(normalized.tokens)), normalized.tokens

    def triggers_within(self, normalized: NormalizedText, start: int, end: int) -> tuple[list[Trigger], tuple[Token, ...]]:
        """:meth:`triggers` of the tokens between character offsets ``start`` and ``end``, read
        off the whole text's case-folded normalization (a document is normalized once, not
        once more per sentence)."""
        first, last = normalized.token_range(start, end)
        return self._chosen(normalized, first, last), normalized.tokens[first:last]

    def _chosen(self, normalized: NormalizedText, first_token: int, end_token: int) -> list[Trigger]:
        """Triggers among kept tokens ``first_token`` .. ``end_token - 1``, as indices from ``first_token``."""
        if first_token >= end_token:
            return []
        key_start, key_end = normalized.key_range(first_token, end_token)
        found = []
        for position, (length, category, direction) in self._automaton.iter(normalized.key, key_start, key_end):
            first = normalized.starts.get(position - length + 1)
            last = normalized.ends.get(position)
            if first is not None and last is not None:
                found.append(Trigger(first - first_token, last - first_token, category, direction))
        chosen: list[Trigger] = []
        for trigger in sorted(found, key=lambda t: (t.first - t.last, t.first)):
            if all(trigger.last < c.first or c.last < trigger.first for c in chosen):
                chosen.append(trigger)
        return sorted(chosen, key=lambda t: t.first)


@lru_cache(maxsize=1)
def context_rules() -> ContextRules:
    path = rules_dir() / "context.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = [(r["literal"], r["category"].upper(), r["direction"].lower()) for r in reader]
    return ContextRules(rows)


def _token_range(tokens: tuple[Token, ...], start: int, end: int) -> tuple[int, int] | None:
    """The first and last of the (ordered) tokens that overlap ``start:end``."""
    first = bisect_right(tokens, start, key=_END)
    last = bisect_left(tokens, end, key=token_start) - 1
    return (first, last) if first <= last else None


_END = attrgetter("end")


def assert_span(
    triggers: list[Trigger], tokens: tuple[Token, ...], start: int, end: int
) -> Assertion:
    """The assertion for the target at character offsets ``start:end`` of the tokenized text."""
    target = _token_range(tokens, start, end)
    if target is None:
        return Assertion()
    first, last = target
    terminators = [t for t in triggers if t.category == "TERMINATE"]
    hits: set[str] = set()
    for trigger in triggers:
        if trigger.category in {"TERMINATE", "PSEUDO"} or not (trigger.last < first or trigger.first > last):
            continue
        if trigger.last < first and trigger.direction == "section":
            hits.add(trigger.category)  # a section header governs the rest of its sentence
            continue
        if trigger.last < first and trigger.direction in {"forward", "both"}:
            gap, scope = (trigger.last, first), MAX_SCOPE
        elif trigger.first > last and trigger.direction in {"backward", "both"}:
            gap, scope = (last, trigger.first), MAX_BACKWARD_SCOPE
        else:
            continue
        if gap[1] - gap[0] > scope:
            continue
        if any(gap[0] < term.first and term.last < gap[1] for term in terminators):
            continue
        hits.add(trigger.category)
    negated = "NEGATED" in hits
    certainty = "affirmed"
    for name, category in zip(_CERTAINTY_ORDER, ("NEGATED", "HYPOTHETICAL", "POSSIBLE", "HISTORICAL")):
        if category in hits:
            certainty = name
            break
    temporality = "hypothetical" if "HYPOTHETICAL" in hits else "historical" if "HISTORICAL" in hits else "recent"
    return Assertion(
        negated=negated,
        certainty=certainty,
        temporality=temporality,
        experiencer="other" if "FAMILY" in hits else "patient",
    )


def classify_assertion(sentence: str, start: int, end: int) -> dict[str, object]:
    """Negation, temporality and experiencer of the phrase ``sentence[start:end]``.

    >>> classify_assertion("GVHD was not observed.", 0, 4)["negated"]
    True
    >>> classify_assertion("Her mother had breast cancer.", 15, 28)["experiencer"]
    'other'
    """
    triggers, tokens = context_rules().triggers(tokenize(sentence))
    return assert_span(triggers, tokens, start, end).as_dict()
