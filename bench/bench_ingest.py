"""Batch ingest throughput and memory, end to end into an on-disk store (never asserted in tests).

    make bench                                   # both corpora at 20,000 documents
    python bench/bench_ingest.py --docs 100000 --corpus maccrobat -j 2

Two corpora, each replicated (each copy made distinct, so every copy is its own graph):

- ``maccrobat``: the MACCROBAT 2020 case report texts (3 KB each), one file per document,
  read as plain text, with extraction;
- ``abstracts``: BioRED + BC5CDR + NCBI Disease train/dev (PubTator, pre-annotated,
  about 2,300 abstracts), 500 documents per file, annotations kept (no ``--reannotate``).

For each: ``kg ingest`` runs as a subprocess on a fresh store; printed are documents/s,
triples/s, the peak memory of the whole process tree (sampled from /proc) and the CPU
seconds the tree used (user + system: on a machine shared with other jobs the wall time
swings, the CPU time much less). Then the
*floor* for the same documents: a bare pyahocorasick scan of the texts with the CTD MEDIC
disease names, plus ``Store.bulk_load`` of the very N-Quads our run wrote; and our time
as a multiple of the floor's.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import ahocorasick
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
KG = Path(sys.executable).parent / "kg"
PUBTATOR_SOURCES = (
    "biored/Train.PubTator", "biored/Dev.PubTator",
    "bc5cdr/CDR_TrainingSet.PubTator.txt", "bc5cdr/CDR_DevelopmentSet.PubTator.txt",
    "ncbi-disease/NCBItrainset_corpus.txt", "ncbi-disease/NCBIdevelopset_corpus.txt",
)


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(c) for c in handle.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total / 1024


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_ingest(arguments: list[str], store: Path, jobs: int) -> tuple[float, float, str, float]:
    """Wall seconds, peak tree RSS (MB), the summary line and the tree's CPU seconds of one ``kg ingest``."""
    cpu = _children_cpu()
    command = [str(KG), "--store", str(store), "ingest", "-q", "-j", str(jobs), *arguments]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"kg ingest failed ({process.returncode}): {err[-2000:]}")
    return seconds, peak, out.strip().splitlines()[0] if out.strip() else err.strip(), _children_cpu() - cpu


def make_maccrobat(corpora: Path, target: Path, count: int) -> list[str]:
    sources = sorted((corpora / "maccrobat2020" / "brat").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    target.mkdir(parents=True)
    for n in range(count):
        copy, index = divmod(n, len(texts))
        sub = target / f"{n // 5000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{sources[index].stem}_{copy}.txt").write_text(f"{texts[index]}\nCopy {copy}.\n", encoding="utf-8")
    return [str(target)]


def _pubtator_documents(corpora: Path) -> list[str]:
    documents = []
    for name in PUBTATOR_SOURCES:
        text = (corpora / name).read_text(encoding="utf-8")
        documents.extend(block.strip("\n") for block in re.split(r"\n\s*\n", text) if block.strip())
    return documents


def make_abstracts(corpora: Path, target: Path, count: int) -> list[str]:
    documents = _pubtator_documents(corpora)
    target.mkdir(parents=True)
    batch: list[str] = []
    files = 0
    for n in range(count):
        copy, index = divmod(n, len(documents))
        block = documents[index]
        pmid = block.split("|", 1)[0]
        # a distinct PMID per copy: every copy is its own document graph
        block = re.sub(rf"^{re.escape(pmid)}(?=[|\t])", f"{copy + 1}{int(pmid):09d}", block, flags=re.MULTILINE)
        batch.append(block)
        if len(batch) == 500 or n == count - 1:
            (target / f"part{files:05d}.pubtator").write_text("\n\n".join(batch) + "\n", encoding="utf-8")
            files += 1
            batch = []
    return [str(target)]


def medic_automaton(corpora: Path) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    with gzip.open(corpora / "ctd-medic" / "CTD_diseases.tsv.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            for name in [fields[0], *(fields[7].split("|") if len(fields) > 7 else [])]:
                name = name.strip().lower()
                if len(name) > 3:
                    automaton.add_word(name, fields[1])
    automaton.make_automaton()
    return automaton


def scan_seconds(automaton: ahocorasick.Automaton, folder: Path) -> float:
    """A bare dictionary scan of every input file's text (reading included)."""
    started = time.perf_counter()
    hits = 0
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            for _ in automaton.iter(path.read_text(encoding="utf-8").lower()):
                hits += 1
    return time.perf_counter() - started


def bulk_load_seconds(store: Path, scratch: Path) -> tuple[float, int]:
    """``Store.bulk_load`` of the document graphs our run wrote, into a fresh store."""
    dump = scratch / "documents.nq"
    source = ox.Store.read_only(str(store))
    special = ("graph/ontology", "graph/terms", "graph/activities", "graph/pending")
    with dump.open("wb") as handle:
        quads = (q for q in source.quads_for_pattern(None, None, None, None) if not str(q.graph_name).endswith(tuple(s + ">" for s in special)))
        ox.serialize(quads, handle, format=ox.RdfFormat.N_QUADS)
    del source
    target = ox.Store(str(scratch / "floor-store"))
    started = time.perf_counter()
    target.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    target.flush()
    seconds = time.perf_counter() - started
    count = len(target)
    return seconds, count


def bench(name: str, maker, corpora: Path, docs: int, jobs: int, automaton, scratch: Path, keep: bool,
          floor: bool = True) -> None:
    folder = scratch / name
    arguments = maker(corpora, folder, docs)
    store = scratch / f"{name}-store"
    seconds, peak, summary, cpu = run_ingest(arguments, store, jobs)
    documents = int(re.match(r"(\d+) document", summary).group(1)) if re.match(r"(\d+) document", summary) else docs
    triples = int(re.search(r"(\d+) triple", summary).group(1)) if re.search(r"(\d+) triple", summary) else 0
    print(f"{name}: {summary}")
    print(f"  end to end (-j {jobs}): {documents / seconds:8.1f} docs/s  {triples / seconds:10.0f} triples/s  "
          f"{seconds:7.1f} s  peak memory {peak:7.0f} MB  ({triples / max(documents, 1):.0f} triples/doc)")
    print(f"  CPU (whole process tree): {cpu:.1f} s = {1000 * cpu / max(documents, 1):.1f} ms/doc")
    if floor:
        scan = scan_seconds(automaton, folder)
        load, loaded = bulk_load_seconds(store, scratch)
        total = scan + load
        print(f"  floor: MEDIC scan {scan:.1f} s + bulk_load of the same {loaded} quads {load:.1f} s = {total:.1f} s "
              f"({documents / total:.0f} docs/s); ours is {seconds / total:.2f}x the floor's time")
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(store, ignore_errors=True)
        shutil.rmtree(scratch / "floor-store", ignore_errors=True)
        (scratch / "documents.nq").unlink(missing_ok=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=int(os.environ.get("BENCH_DOCS", 20000)))
    parser.add_argument("--corpus", choices=["maccrobat", "abstracts", "both"], default="both")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus and stores")
    parser.add_argument("--no-floor", action="store_true", help="skip the floor (scan + bulk_load) measurement")
    args = parser.parse_args()
    corpora = Path(os.environ.get("CASEKG_CORPORA", ROOT.parent / "shared" / "corpora"))
    if not (corpora / "maccrobat2020").is_dir():
        print(f"corpora not found at {corpora} (set CASEKG_CORPORA); skipping", file=sys.stderr)
        return 0
    automaton = medic_automaton(corpora)
    scratch = Path(tempfile.mkdtemp(prefix="casekg-bench-"))
    print(f"batch ingest, {args.docs} documents per corpus, {os.cpu_count()} cores, scratch {scratch}")
    try:
        if args.corpus in ("maccrobat", "both"):
            bench("maccrobat", make_maccrobat, corpora, args.docs, args.jobs, automaton, scratch, args.keep,
                  not args.no_floor)
        if args.corpus in ("abstracts", "both"):
            bench("abstracts", make_abstracts, corpora, args.docs, args.jobs, automaton, scratch, args.keep,
                  not args.no_floor)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
