"""Evaluation runs as the CLI and ``make eval`` print them: one row per category and measure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kg.evaluate.gold import GoldDocument, GoldMention, read_gold
from kg.evaluate.metrics import Score, score_concepts, score_mentions
from kg.evaluate.negex import classify_kit, looks_like_negex, read_negex, score_negex

__all__ = ["evaluate_files", "score_rows", "format_row", "HEADER", "annotate_gold_texts"]

HEADER = f"{'corpus':<28} {'category':<9} {'measure':<8} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}"


def format_row(corpus: str, category: str, measure: str, score: Score) -> str:
    return (f"{corpus:<28} {category:<9} {measure:<8} {score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f} "
            f"{score.tp:>6} {score.fp:>6} {score.fn:>6}")


def score_rows(corpus: str, gold: list[GoldDocument], predicted: list[GoldDocument], categories: list[str],
               keep=None) -> list[str]:
    rows = []
    present = {m.category for d in gold for m in d.mentions}
    for category in categories:
        if category not in present:
            continue
        rows.append(format_row(corpus, category, "mention", score_mentions(gold, predicted, category)))
        rows.append(format_row(corpus, category, "concept", score_concepts(gold, predicted, category, keep)))
    return rows


def annotate_gold_texts(gold: list[GoldDocument], annotator) -> list[GoldDocument]:
    return [
        GoldDocument(d.id, d.text, [GoldMention(a.start, a.end, a.text, a.category, a.ids) for a in annotator(d.text)])
        for d in gold
    ]


def unmatched_documents(gold: list[GoldDocument], predicted: list[GoldDocument]) -> str | None:
    """A warning when the prediction's document ids do not line up with the gold's (a wrong
    file, or ids renumbered): the scores would silently count every gold mention as missed."""
    gold_ids, predicted_ids = {d.id for d in gold}, {d.id for d in predicted}
    missing, extra = gold_ids - predicted_ids, predicted_ids - gold_ids
    if not missing and not extra:
        return None
    parts = []
    if missing:
        parts.append(f"{len(missing)} of {len(gold_ids)} gold document(s) have no prediction (e.g. {min(missing)})")
    if extra:
        parts.append(f"{len(extra)} predicted document(s) are not in the gold (e.g. {min(extra)})")
    return "warning: " + "; ".join(parts)


def evaluate_files(gold_path: Path, predicted_path: Path | None, categories: list[str], vocab_dir: Path,
                   warn: Callable[[str], None] | None = None) -> str:
    """The score table; ``warn`` hears about documents the two files do not share."""
    head = gold_path.read_text(encoding="utf-8", errors="replace")[:4000] if gold_path.is_file() else ""
    if looks_like_negex(head):
        from kg.extract.context import classify_assertion

        kit = read_negex(gold_path)
        predicted = read_negex(predicted_path) if predicted_path else classify_kit(kit, classify_assertion)
        s = score_negex(kit, predicted)
        return (f"NegEx kit ({s.items} sentences): negation P {s.negation.precision:.3f} R {s.negation.recall:.3f} "
                f"F1 {s.negation.f1:.3f} accuracy {s.accuracy:.3f}; temporality accuracy "
                f"{s.temporality_accuracy:.3f}; experiencer accuracy {s.experiencer_accuracy:.3f}")
    gold = read_gold(gold_path)
    if predicted_path is not None:
        predicted = read_gold(predicted_path)
        warning = unmatched_documents(gold, predicted)
        if warning and warn is not None:
            warn(warning)
    else:
        from kg.annotate import load_annotator

        predicted = annotate_gold_texts(gold, load_annotator(vocab_dir, categories))
    return "\n".join([HEADER, *score_rows(gold_path.name, gold, predicted, categories)])
