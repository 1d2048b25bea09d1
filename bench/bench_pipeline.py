"""Benchmarks: print speed and memory figures (never asserted in tests).

    make bench                 # or: python bench/bench_pipeline.py [--copies N]

Figures: lexicon compile time, extraction docs/s on the bundled examples (and on the
MACCROBAT texts when ../shared/corpora is present), end-to-end ingest docs/s and
triples/s into an on-disk store, and peak memory (RSS).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.assemble import assemble_case  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.extract.lexicon import builtin_lexicon  # noqa: E402
from kg.pipeline import ingest  # noqa: E402
from kg.read import read_path  # noqa: E402
from kg.store.store import CaseStore  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_files() -> list[Path]:
    files = [p for p in sorted((ROOT / "examples").iterdir()) if p.suffix in {".txt", ".md"} and p.name != "README.md"]
    corpora = Path(os.environ.get("CASEKG_CORPORA", ROOT.parent / "shared" / "corpora"))
    maccrobat = corpora / "maccrobat2020" / "brat"
    if maccrobat.is_dir():
        files += sorted(maccrobat.glob("*.txt"))
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3, help="how many times to replicate the input set")
    args = parser.parse_args()

    start = time.perf_counter()
    builtin_lexicon.cache_clear()
    extractor = Extractor.builtin()
    print(f"lexicon: {len(extractor.lexicon)} concepts compiled in {time.perf_counter() - start:.2f} s")

    files = corpus_files()
    documents = [read_path(p) for p in files]
    characters = sum(len(d.text) for d in documents)
    start = time.perf_counter()
    for _ in range(args.copies):
        for document in documents:
            assemble_case(extractor(document))
    elapsed = time.perf_counter() - start
    n = len(documents) * args.copies
    print(f"extract+assemble: {n} documents ({characters * args.copies / 1e6:.1f} M chars) in {elapsed:.2f} s "
          f"= {n / elapsed:.0f} docs/s")

    workdir = Path(tempfile.mkdtemp(prefix="casekg-bench-"))
    try:
        inputs = workdir / "inputs"
        for copy in range(args.copies):
            folder = inputs / f"copy{copy}"
            folder.mkdir(parents=True)
            for i, path in enumerate(files):
                # distinct text per copy so each is its own document
                text = path.read_text(encoding="utf-8") + f"\n\n(copy {copy})\n"
                (folder / f"{i:05d}{path.suffix}").write_text(text, encoding="utf-8")
        store = CaseStore(workdir / "store")
        start = time.perf_counter()
        report = ingest([inputs], store, extractor=extractor)
        elapsed = time.perf_counter() - start
        print(f"ingest end to end: {report.documents} documents, {report.triples} triples in {elapsed:.2f} s "
              f"= {report.documents / elapsed:.0f} docs/s, {report.triples / elapsed:.0f} triples/s "
              f"({len(report.failures)} failures)")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"peak memory: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
