"""Error classes of `kg annotate` on the shared dev/train splits (make eval).

Each gold or predicted mention that is not an exact match falls in one class:
``wrong id`` (same span, other concept), ``boundary`` (overlaps a gold mention of the
category, other offsets), ``spurious`` (overlaps nothing), ``missed`` (gold mention no
prediction touches; ``missed abbreviation`` when it is a short upper-case form).
The five most frequent texts of each class follow its count.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict

from eval_annotate import _predict, selected

from kg.evaluate.gold import canonical_ids, read_gold


def _classes(gold, predicted, category):
    counts: dict[str, Counter] = defaultdict(Counter)
    by_id = {d.id: d for d in predicted}
    for document in gold:
        wanted = [m for m in document.mentions if m.category == category]
        found = [m for m in by_id.get(document.id, document).mentions if m.category == category] if document.id in by_id else []
        gold_spans = {(m.start, m.end): m for m in wanted}
        for m in found:
            g = gold_spans.get((m.start, m.end))
            if g is not None:
                if set(canonical_ids(g.ids, category)) != set(canonical_ids(m.ids, category)) and canonical_ids(g.ids, category):
                    counts["wrong id"][m.text.lower()] += 1
            elif any(g.start < m.end and m.start < g.end for g in wanted):
                counts["boundary"][m.text.lower()] += 1
            else:
                counts["spurious"][m.text.lower()] += 1
        for g in wanted:
            if not any(m.start < g.end and g.start < m.end for m in found):
                short = len(g.text) <= 6 and g.text.upper() == g.text
                counts["missed abbreviation" if short else "missed"][g.text.lower()] += 1
    return counts


def main() -> int:
    for name, scored, categories, files, training in selected(sys.argv[1:]):
        gold = read_gold(scored)
        predicted = _predict(name, scored, categories, files, training, gold)
        for category in categories:
            print(f"== {name} {category}")
            for cls, texts in sorted(_classes(gold, predicted, category).items(), key=lambda i: -sum(i[1].values())):
                examples = ", ".join(f"{t} ({n})" for t, n in texts.most_common(5))
                print(f"  {cls:<20} {sum(texts.values()):>5}  e.g. {examples}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
