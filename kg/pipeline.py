"""The whole path of a report: read -> extract -> assemble -> RDF -> store, for a batch.

Workers (``jobs`` processes) read, extract, assemble and serialize each input to N-Quads
bytes (pyoxigraph objects do not cross processes); this process collects them into large
batches and hands each batch to a writer thread (:class:`_BackgroundWriter`, which calls
:meth:`CaseStore.write_documents`; pyoxigraph releases the GIL while it loads), so the
workers and the collector go on with the next inputs while a batch is written. A bounded
number of inputs and at most two batches (one being written, one filling) are in flight,
so memory stays flat however many files there are. A file that fails is reported and
skipped; the rest of the batch goes on, and nothing already stored is lost.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from kg import __version__
from kg.assemble.series import assemble
from kg.errors import CaseKGError, ReadError
from kg.extract import Extractor
from kg.inputs import Input, expand_inputs
from kg.model import Case, Document
from kg.rdf import Activity, case_term_quads, lexicon_term_quads
from kg.rdf.case_graph import activity_quads, case_nquads
from kg.rdf.namespaces import TERMS_GRAPH
from kg.read import read_data, read_file
from kg.store.store import CaseStore

__all__ = [
    "IngestReport", "IngestOptions", "DocumentResult", "InputResult", "ingest", "iter_input_files",
    "process_file", "process_input", "run_started_at", "PRE_ANNOTATED_FORMATS",
]

#: formats whose annotations stand on their own: our dictionary runs on them only with ``reannotate``
PRE_ANNOTATED_FORMATS = frozenset({"pubtator", "bioc", "brat"})
_NQUADS = ox.RdfFormat.N_QUADS


@dataclass
class IngestReport:
    documents: int = 0
    unchanged: int = 0
    skipped: int = 0
    patients: int = 0
    facts: int = 0
    triples: int = 0
    failures: list[str] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass(frozen=True)
class IngestOptions:
    """What every worker needs besides the extractor (plain data, so it pickles)."""

    activity: Activity
    format: str | None = None
    reannotate: bool = False
    skip_hashes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DocumentResult:
    """One document, ready for the writer: its graph serialized as N-Quads."""

    graph: str
    content_hash: str
    nquads: bytes = b""
    terms: bytes = b""
    patients: int = 0
    facts: int = 0
    triples: int = 0
    skipped: bool = False


@dataclass(frozen=True)
class InputResult:
    source: str
    documents: tuple[DocumentResult, ...] = ()
    error: str | None = None


def run_started_at() -> str:
    """The run's timestamp; ``SOURCE_DATE_EPOCH`` pins it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def iter_input_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Files named, and the report files inside folders named (recursively, sorted)."""
    for item in expand_inputs(paths):
        if item.path is not None:
            yield item.path


def _extract(document: Document, extractor: Extractor, reannotate: bool) -> Case:
    if not reannotate and document.format in PRE_ANNOTATED_FORMATS and document.annotations:
        extractor = replace(extractor, use_dictionary=False)
    return assemble(extractor(document))


def process_file(path: Path, extractor: Extractor, format: str | None = None, reannotate: bool = True) -> list[Case]:
    """Read, extract and assemble every document of one file (pure apart from reading it)."""
    return [_extract(document, extractor, reannotate) for document in read_file(path, format=format)]


def _fact_count(case: Case) -> int:
    return sum(
        len(c.diagnoses) + len(c.therapies) + len(c.outcomes) + len(c.adverse_events) + len(c.findings)
        for c in case.patient_cases
    )


def _content_hash(document: Document) -> str:
    return hashlib.sha256(document.text.encode()).hexdigest()


def process_input(item: Input, extractor: Extractor, options: IngestOptions) -> InputResult:
    """Everything a worker does for one input; errors become the result's ``error``."""
    try:
        if item.data is not None:
            documents = read_data(item.data, item.source, options.format)
        else:
            if item.path is None or not item.path.exists():
                raise ReadError(item.source, "no such file or folder")
            documents = read_file(item.path, format=options.format)
        results = []
        for document in documents:
            digest = _content_hash(document)
            if digest in options.skip_hashes:
                results.append(DocumentResult(graph="", content_hash=digest, skipped=True))
                continue
            case = _extract(document, extractor, options.reannotate)
            graph, nquads, triples = case_nquads(case, options.activity)
            terms = case_term_quads(case, extractor.lexicon)
            results.append(DocumentResult(
                graph=graph, content_hash=digest, nquads=nquads,
                terms=ox.serialize(terms, format=_NQUADS) if terms else b"",
                patients=len(case.patient_cases), facts=_fact_count(case), triples=triples,
            ))
        return InputResult(item.source, tuple(results))
    except CaseKGError as failure:
        return InputResult(item.source, error=str(failure))
    except Exception as failure:  # a bug on one input must not stop the batch: report it
        return InputResult(item.source, error=f"{item.source}: internal error ({type(failure).__name__}: {failure})")


# ---------------------------------------------------------------- worker processes

_WORKER: tuple[Extractor, IngestOptions] | None = None


def _init_worker(extractor: Extractor, options: IngestOptions) -> None:
    global _WORKER
    _WORKER = (extractor, options)


def _work(items: list[Input]) -> list[InputResult]:
    assert _WORKER is not None
    extractor, options = _WORKER
    return [process_input(item, extractor, options) for item in items]


def _size(item: Input) -> int:
    if item.data is not None:
        return len(item.data)
    try:
        return item.path.stat().st_size if item.path is not None else 0
    except OSError:
        return 0


def _chunks(items: Iterator[Input], size: int, max_bytes: int = 256 * 1024) -> Iterator[list[Input]]:
    """Groups of small inputs (one task each, less overhead); a big input travels alone."""
    chunk: list[Input] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += _size(item)
        if len(chunk) >= size or total >= max_bytes:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def _results(items: Iterator[Input], extractor: Extractor, options: IngestOptions, jobs: int) -> Iterator[InputResult]:
    """Results in input order; with ``jobs > 1`` a bounded window of chunks is in flight."""
    if jobs <= 1:
        for item in items:
            yield process_input(item, extractor, options)
        return
    window: deque[Future[list[InputResult]]] = deque()
    # spawn, not fork: the writer holds the open store (RocksDB threads and locks)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(extractor, options)) as pool:
        for chunk in _chunks(items, 8):
            window.append(pool.submit(_work, chunk))
            if len(window) >= jobs * 2:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


# ---------------------------------------------------------------- the writer


class _Batch:
    """Documents waiting to be written, and the shared-graph quads not yet written."""

    def __init__(self) -> None:
        self.documents: list[tuple[str, bytes]] = []
        self.quads = 0
        self.extra: list[bytes] = []
        self.seen_extra: set[bytes] = set()

    def add_extra(self, nquads: bytes) -> None:
        for line in nquads.splitlines(keepends=True):
            if line not in self.seen_extra:
                self.seen_extra.add(line)
                self.extra.append(line)


class _BackgroundWriter:
    """Writes batches in a thread, in order, while the caller fills the next one.

    One batch at a time is handed over (the caller blocks until the previous one is
    written), so at most two batches are in memory: one being written, one filling.
    After a failed batch no later batch is written, and the error is raised in the
    caller at the next :meth:`submit` or at :meth:`close`.
    """

    def __init__(self, store: CaseStore, bulk: bool) -> None:
        self.store = store
        self.bulk = bulk
        self.error: BaseException | None = None
        self._idle = threading.Semaphore(1)
        self._queue: queue.SimpleQueue[tuple[list[tuple[str, bytes]], bytes] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="casekg-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            try:
                if self.error is None:
                    self.store.write_documents(*item, bulk=self.bulk, checked=True)
            except BaseException as error:  # handed to the caller's thread
                self.error = error
            finally:
                self._idle.release()

    def submit(self, documents: list[tuple[str, bytes]], also: bytes) -> None:
        self._idle.acquire()  # the previous batch is written
        self._raise()
        self._queue.put((documents, also))

    def close(self) -> None:
        """Wait for every submitted batch; raise the first write error."""
        self._queue.put(None)
        self._thread.join()
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            self._idle.release()  # keep close() and a later submit() from blocking
            raise self.error


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def ingest(
    paths: Iterable[Path | str],
    store: CaseStore,
    *,
    format: str | None = None,
    extractor: Extractor | None = None,
    on_progress: Callable[[str, str | None, int], None] | None = None,
    jobs: int = 1,
    reannotate: bool = False,
    skip_existing: bool = False,
    batch_quads: int = 250_000,
    bulk: bool = True,
    stdin: object = None,
) -> IngestReport:
    """Ingest files, folders, globs and ``-`` into ``store``; one failing input does not stop the rest.

    ``on_progress(source, error, documents)`` is called once per input, in input order.
    """
    extractor = extractor or Extractor.builtin()
    activity = Activity(__version__, extractor.lexicon.version, run_started_at())
    store.ensure_ontology()
    store.ensure_graph(TERMS_GRAPH, lexicon_term_quads(extractor.lexicon), extractor.lexicon.version)
    options = IngestOptions(
        activity=activity, format=format, reannotate=reannotate,
        skip_hashes=store.content_hashes() if skip_existing else frozenset(),
    )
    report = IngestReport()
    writer = _BackgroundWriter(store, bulk)
    batch = _Batch()
    batch.add_extra(ox.serialize(activity_quads(activity), format=_NQUADS))
    pending_activity = True

    def flush() -> None:
        nonlocal batch, pending_activity
        if batch.documents or (batch.extra and not pending_activity):
            writer.submit(batch.documents, b"".join(batch.extra))
            seen = batch.seen_extra
            batch = _Batch()
            batch.seen_extra = seen  # terms already written need not be sent again this run

    try:
        for result in _results(expand_inputs(paths, stdin=stdin), extractor, options, jobs):
            if result.error:
                report.failures.append(result.error)
            for doc in result.documents:
                if not _count(report, doc):
                    continue
                if _unchanged(store, doc):
                    report.unchanged += 1
                    continue
                batch.documents.append((doc.graph, doc.nquads))
                batch.quads += doc.triples
                if doc.terms:
                    batch.add_extra(doc.terms)
                pending_activity = False
                if batch.quads >= batch_quads:
                    flush()
            if on_progress is not None:
                on_progress(result.source, result.error, len(result.documents))
        flush()
    finally:
        writer.close()
    store.flush()
    return report


def _count(report: IngestReport, doc: DocumentResult) -> bool:
    """Add ``doc`` to the report's counts; False when it was skipped (not extracted)."""
    if doc.skipped:
        report.skipped += 1
        return False
    report.documents += 1
    report.patients += doc.patients
    report.facts += doc.facts
    report.triples += doc.triples
    report.graphs.append(doc.graph)
    return True


def _unchanged(store: CaseStore, doc: DocumentResult) -> bool:
    """True when the document's graph is stored already with the same content.

    (A document still in a batch the writer thread has not finished counts as new here;
    :meth:`CaseStore.write_documents` then sees it stored and replaces it atomically.)
    """
    graph = ox.NamedNode(doc.graph)
    if not store.oxigraph.contains_named_graph(graph):
        return False
    return store.same_graph(graph, ox.parse(doc.nquads, format=_NQUADS))
