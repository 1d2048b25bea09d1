"""Accuracy on MACCROBAT 2020: ingest the ``.txt`` case reports (annotations unseen), score the
graph against the brat ``.ann`` gold standard.

Prints: Age and Sex accuracy (documents whose gold has an Age / Sex entity); span-overlap
precision / recall / F1 of our mentions about the patient (not those with ``ckg:experiencer``,
a relative's conditions, which MACCROBAT types Family_history) per gold type (Disease_disorder vs our Disease,
Medication + Therapeutic_procedure vs our Chemical + Therapy, Outcome vs Outcome); and
negation accuracy on gold entities with ``POLARITY NEG`` that we found. Scored from the
store (SPARQL), so it measures what ``kg ingest`` writes.

    CASEKG_CORPORA=../shared/corpora .venv/bin/python bench/eval_maccrobat.py [--limit N] [--errors N]

``--errors N`` also prints, for Disease_disorder, the N most frequent missed gold surfaces
(with the category of any mention of ours that overlaps them) and spurious Disease surfaces
(with the gold types that overlap them), and how many of each fall in every such class.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from kg.extract import Extractor
from kg.pipeline import ingest
from kg.read.brat import read_brat
from kg.store.store import CaseStore

CKG = "https://w3id.org/casekg/vocab#"
#: gold brat type(s) -> our mention categories; scored by span overlap
GROUPS = {
    "Disease_disorder": ({"Disease_disorder"}, {"Disease"}),
    "Medication + Therapeutic_procedure": ({"Medication", "Therapeutic_procedure"}, {"Chemical", "Therapy"}),
    "Medication": ({"Medication"}, {"Chemical", "Therapy"}),
    "Therapeutic_procedure": ({"Therapeutic_procedure"}, {"Chemical", "Therapy"}),
    "Outcome": ({"Outcome"}, {"Outcome"}),
}
BARS = {"Age": 0.95, "Sex": 0.95, "Disease_disorder": 0.70, "Medication + Therapeutic_procedure": 0.60}
_AGE = re.compile(r"(\d+(?:\.\d+)?)\s*-?\s*(years?|yrs?|yo|y|months?|mos?|weeks?|wks?|days?)?", re.IGNORECASE)
_UNIT = {"m": 1 / 12, "w": 1 / 52, "d": 1 / 365}
_SEX = {"male": "male", "man": "male", "boy": "male", "gentleman": "male", "he": "male", "his": "male",
        "female": "female", "woman": "female", "girl": "female", "lady": "female", "she": "female", "her": "female"}


def gold_age(text: str) -> float | None:
    match = _AGE.search(text)
    if not match:
        return None
    unit = (match.group(2) or "y").lower()
    return float(match.group(1)) * _UNIT.get(unit[0], 1.0) if unit[0] in _UNIT and not unit.startswith("y") else float(match.group(1))


def gold_sex(text: str) -> str | None:
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _SEX:
            return _SEX[word]
    return None


def our_output(store: CaseStore) -> tuple[dict[str, dict], dict[str, list[tuple[int, int, str, bool]]]]:
    patients: dict[str, dict] = {}
    for row in store.query(f"""SELECT ?source ?age ?sex WHERE {{ ?r <http://purl.org/dc/terms/source> ?source ;
            <{CKG}describes> ?p . OPTIONAL {{ ?p <{CKG}age> ?age }} OPTIONAL {{ ?p <{CKG}sex> ?sex }} }}"""):
        patients[row["source"].value] = {
            "age": float(row["age"].value) if row["age"] else None, "sex": row["sex"].value if row["sex"] else None}
    mentions: dict[str, list] = defaultdict(list)
    # a mention of a relative's condition (ckg:experiencer "other") is no entity of this patient's:
    # MACCROBAT files "her mother had breast cancer" under Family_history, not Disease_disorder
    for row in store.query(f"""SELECT ?source ?s ?e ?cat ?neg WHERE {{ ?r <http://purl.org/dc/terms/source> ?source ;
            <{CKG}hasMention> ?m . ?m <{CKG}start> ?s ; <{CKG}end> ?e ; <{CKG}category> ?cat ; <{CKG}negated> ?neg
            FILTER NOT EXISTS {{ ?m <{CKG}experiencer> ?who }} }}"""):
        mentions[row["source"].value].append(
            (int(row["s"].value), int(row["e"].value), row["cat"].value, row["neg"].value == "true"))
    return patients, mentions


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class DiseaseErrors:
    """Missed gold Disease_disorder spans and spurious Disease mentions, by surface and by class."""

    def __init__(self) -> None:
        self.missed: Counter[str] = Counter()
        self.missed_as: Counter[str] = Counter()
        self.spurious: Counter[str] = Counter()
        self.spurious_as: Counter[str] = Counter()
        self.found: Counter[str] = Counter()
        self.wrong: Counter[str] = Counter()

    def add(self, text: str, gold: list, predicted: list[tuple[int, int, str, bool]]) -> None:
        diseases = [(a.start, a.end) for a in gold if a.label == "Disease_disorder"]
        ours = [(s, e) for s, e, c, _ in predicted if c == "Disease"]
        for start, end in diseases:
            if any(overlaps((start, end), p) for p in ours):
                continue
            other = sorted({c for s, e, c, _ in predicted if overlaps((s, e), (start, end))}) or ["-"]
            kind = "/".join(other)
            self.missed_as[kind] += 1
            self.missed[f"{text[start:end].lower()}  [{kind}]"] += 1
        for start, end in ours:
            if any(overlaps((start, end), g) for g in diseases):
                self.found[text[start:end].lower()] += 1
                continue
            self.wrong[text[start:end].lower()] += 1
            labels = sorted({a.label for a in gold if overlaps((a.start, a.end), (start, end))}) or ["-"]
            kind = "/".join(labels)
            self.spurious_as[kind] += 1
            self.spurious[f"{text[start:end].lower()}  [{kind}]"] += 1

    def print(self, top: int) -> None:
        for title, by_class, by_surface in (
            ("missed gold Disease_disorder, by our overlapping category", self.missed_as, self.missed),
            ("spurious Disease mentions, by overlapping gold type", self.spurious_as, self.spurious),
        ):
            print(f"{title} ({sum(by_class.values())}):")
            for kind, n in by_class.most_common():
                print(f"  {n:5d}  {kind}")
            for surface, n in by_surface.most_common(top):
                print(f"  {n:5d}  {surface}")
        worse = sorted((s for s in self.wrong if self.wrong[s] > self.found[s]), key=lambda s: -self.wrong[s])
        print(f"our Disease surfaces more often spurious than right ({len(worse)}; spurious / right):")
        for surface in worse[:top]:
            print(f"  {self.wrong[surface]:5d} / {self.found[surface]:<5d} {surface}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print the N most frequent missed and spurious Disease_disorder surfaces")
    parser.add_argument("--vocab", type=Path, default=None,
                        help="a vocabulary compiled by 'kg vocab build' (default: the built-in lexicon)")
    args = parser.parse_args()
    corpora = Path(os.environ.get("CASEKG_CORPORA", "../shared/corpora"))
    folder = corpora / "maccrobat2020" / "brat"
    if not folder.is_dir():
        print(f"MACCROBAT not found at {folder} (set CASEKG_CORPORA)", file=sys.stderr)
        return 1
    texts = sorted(folder.glob("*.txt"))[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        with CaseStore(Path(tmp) / "store") as store:
            extractor = Extractor.from_vocab(args.vocab) if args.vocab else None
            report = ingest(texts, store, jobs=args.jobs, extractor=extractor)
            patients, mentions = our_output(store)
    print(f"MACCROBAT 2020: {len(texts)} documents ingested as plain text ({len(report.failures)} failures)")

    age_total = age_ok = sex_total = sex_ok = 0
    counts = {name: [0, 0, 0, 0] for name in GROUPS}  # tp_pred, n_pred, tp_gold, n_gold
    neg_total = neg_found = neg_ok = 0
    errors = DiseaseErrors()
    for path in texts:
        text = path.read_text(encoding="utf-8")
        gold = read_brat(text, path.with_suffix(".ann").read_text(encoding="utf-8"), str(path))
        ours = patients.get(str(path), {})
        ages = [gold_age(a.text) for a in gold.annotations if a.label == "Age"]
        ages = [a for a in ages if a is not None]
        if ages:
            age_total += 1
            age_ok += ours.get("age") is not None and any(abs(ours["age"] - a) < 0.5 for a in ages)
        sexes = [gold_sex(a.text) for a in gold.annotations if a.label == "Sex"]
        sexes = [s for s in sexes if s]
        if sexes:
            sex_total += 1
            sex_ok += ours.get("sex") == sexes[0]
        predicted = mentions.get(str(path), [])
        for name, (gold_types, our_categories) in GROUPS.items():
            gold_spans = [(a.start, a.end) for a in gold.annotations if a.label in gold_types]
            pred_spans = [(s, e) for s, e, c, _ in predicted if c in our_categories]
            counts[name][0] += sum(any(overlaps(p, g) for g in gold_spans) for p in pred_spans)
            counts[name][1] += len(pred_spans)
            counts[name][2] += sum(any(overlaps(g, p) for p in pred_spans) for g in gold_spans)
            counts[name][3] += len(gold_spans)
        errors.add(text, gold.annotations, predicted)
        for a in gold.annotations:
            if a.negated:
                neg_total += 1
                hits = [n for s, e, _, n in predicted if overlaps((s, e), (a.start, a.end))]
                if hits:
                    neg_found += 1
                    neg_ok += any(hits)

    def verdict(name: str, value: float) -> str:
        bar = BARS.get(name)
        return "" if bar is None else f"  (bar {bar:.2f}: {'PASS' if value >= bar else 'FAIL'})"

    age = age_ok / age_total if age_total else 0.0
    sex = sex_ok / sex_total if sex_total else 0.0
    print(f"Age accuracy  {age:.3f}  ({age_ok}/{age_total} documents with a gold Age){verdict('Age', age)}")
    print(f"Sex accuracy  {sex:.3f}  ({sex_ok}/{sex_total} documents with a gold Sex){verdict('Sex', sex)}")
    print("span overlap            precision  recall     F1   (gold entities, our mentions)")
    for name, (tp_pred, n_pred, tp_gold, n_gold) in counts.items():
        p = tp_pred / n_pred if n_pred else 0.0
        r = tp_gold / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {name:<36} {p:6.3f}  {r:6.3f}  {f:6.3f}   ({n_gold}, {n_pred}){verdict(name, f)}")
    print(f"negation: {neg_total} gold entities with POLARITY NEG; we have a mention on {neg_found}; "
          f"negated correctly {neg_ok}/{neg_found} = {neg_ok / neg_found if neg_found else 0:.3f} "
          f"(of all NEG entities: {neg_ok / neg_total if neg_total else 0:.3f})")
    if args.errors:
        errors.print(args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
