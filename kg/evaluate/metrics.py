"""Precision, recall and F1 of predicted annotations against gold.

Two measures, as in the NCBI Disease and BioCreative V CDR evaluations (Doğan et al.
2014; Wei et al. 2016) used for DNorm and TaggerOne (Leaman & Lu 2016):

* mention: a predicted (document, start, end, category) counts when gold has exactly
  that span and category (NER, exact offsets);
* concept: per document the set of (category, id) pairs, composites split into their
  ids (normalization, document level).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.evaluate.gold import GoldDocument, canonical_ids

__all__ = ["Score", "score_mentions", "score_concepts", "mention_set", "concept_set"]


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _compare(gold: set, predicted: set) -> Score:
    return Score(len(gold & predicted), len(predicted - gold), len(gold - predicted))


def mention_set(documents: Iterable[GoldDocument], category: str) -> set[tuple[str, int, int]]:
    return {(d.id, m.start, m.end) for d in documents for m in d.mentions if m.category == category}


def concept_set(
    documents: Iterable[GoldDocument], category: str, keep: Callable[[str], bool] | None = None
) -> set[tuple[str, str]]:
    return {
        (d.id, curie)
        for d in documents
        for m in d.mentions
        if m.category == category
        for curie in canonical_ids(m.ids, category)
        if keep is None or keep(curie)
    }


def _restrict(gold: list[GoldDocument], predicted: list[GoldDocument]) -> list[GoldDocument]:
    """Only predictions for documents the gold has (a prediction file may hold more)."""
    ids = {d.id for d in gold}
    return [d for d in predicted if d.id in ids]


def score_mentions(gold: list[GoldDocument], predicted: list[GoldDocument], category: str) -> Score:
    return _compare(mention_set(gold, category), mention_set(_restrict(gold, predicted), category))


def score_concepts(
    gold: list[GoldDocument], predicted: list[GoldDocument], category: str, keep: Callable[[str], bool] | None = None
) -> Score:
    return _compare(concept_set(gold, category, keep), concept_set(_restrict(gold, predicted), category, keep))
