"""The NegEx/ConText test kit (Chapman et al. 2001; Harkema et al. 2009) and its scores.

Kit lines: number, blank, target phrase, sentence (target in upper case), Affirmed |
Negated, Recent | Historical | Hypothetical, Patient | Other. A prediction file has the
same shape (only the number and the last three columns are read).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ReadError
from kg.evaluate.metrics import Score

__all__ = ["KitItem", "looks_like_negex", "read_negex", "classify_kit", "NegexScores", "score_negex"]


@dataclass(frozen=True)
class KitItem:
    number: str
    target: str
    sentence: str
    negation: str
    temporality: str
    experiencer: str

    def span(self) -> tuple[int, int]:
        """Where the target is in the sentence (the kit writes it in upper case)."""
        words = [re.escape(w) for w in self.target.split()]
        match = re.search(r"\s+".join(words), self.sentence, re.IGNORECASE) if words else None
        if match is None:
            return 0, len(self.sentence)
        return match.start(), match.end()


_ROW = re.compile(r"^\d+\t[^\t]*\t[^\t]+\t[^\t]+\t(Affirmed|Negated)\t", re.MULTILINE)


def looks_like_negex(head: str) -> bool:
    return bool(_ROW.search(head))


def read_negex(path: Path) -> list[KitItem]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fields = line.split("\t")
        if not line.strip():
            continue
        if len(fields) < 7:
            raise ReadError(str(path), f"line {number}: a NegEx kit line needs 7 tab-separated fields")
        items.append(KitItem(fields[0], fields[2].strip(), fields[3], fields[4].strip(), fields[5].strip(), fields[6].strip()))
    return items


def classify_kit(items: list[KitItem], classify: Callable[[str, int, int], dict]) -> list[KitItem]:
    """Our predictions for every kit sentence, as kit items."""
    predicted = []
    for item in items:
        start, end = item.span()
        result = classify(item.sentence, start, end)
        predicted.append(KitItem(item.number, item.target, item.sentence,
                                 "Negated" if result["negated"] else "Affirmed",
                                 str(result["temporality"]).capitalize(), str(result["experiencer"]).capitalize()))
    return predicted


@dataclass(frozen=True)
class NegexScores:
    negation: Score
    accuracy: float
    temporality_accuracy: float
    experiencer_accuracy: float
    items: int


def score_negex(gold: list[KitItem], predicted: list[KitItem]) -> NegexScores:
    by_number = {p.number: p for p in predicted}
    tp = fp = fn = correct = temporal = experiencer = 0
    for item in gold:
        guess = by_number.get(item.number)
        if guess is None:
            fn += item.negation == "Negated"
            continue
        gold_neg, pred_neg = item.negation == "Negated", guess.negation == "Negated"
        tp += gold_neg and pred_neg
        fp += pred_neg and not gold_neg
        fn += gold_neg and not pred_neg
        correct += gold_neg == pred_neg
        temporal += item.temporality.lower() == guess.temporality.lower()
        experiencer += item.experiencer.lower() == guess.experiencer.lower()
    n = len(gold) or 1
    return NegexScores(Score(tp, fp, fn), correct / n, temporal / n, experiencer / n, len(gold))
