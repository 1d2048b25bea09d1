"""The whole path of a report: read -> extract -> assemble -> RDF -> store.

``ingest`` is what ``kg ingest`` and ``Graph.ingest`` run. A file that fails is reported
and skipped; the rest of the batch goes on, and nothing already stored is lost.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from kg import __version__
from kg.assemble import assemble_case
from kg.errors import CaseKGError, ReadError
from kg.extract import Extractor
from kg.model import Case
from kg.rdf import Activity, case_quads, case_term_quads, lexicon_term_quads
from kg.rdf.case_graph import activity_quads
from kg.rdf.namespaces import TERMS_GRAPH
from kg.read import read_file
from kg.store.store import CaseStore

__all__ = ["IngestReport", "ingest", "iter_input_files", "process_file", "run_started_at"]

#: file endings read when walking a folder (explicitly named files are always read)
_FOLDER_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
_SKIPPED_NAMES = ("readme", "license", "licence", "changelog", "provenance", "contributing")


@dataclass
class IngestReport:
    documents: int = 0
    unchanged: int = 0
    patients: int = 0
    facts: int = 0
    triples: int = 0
    failures: list[str] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def run_started_at() -> str:
    """The run's timestamp; ``SOURCE_DATE_EPOCH`` pins it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def iter_input_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Files named, and the report files inside folders named (recursively, sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                name = child.name.lower()
                if (
                    child.is_file()
                    and child.suffix.lower() in _FOLDER_SUFFIXES
                    and not name.startswith(".")
                    and not name.startswith(_SKIPPED_NAMES)
                    and not any(part.startswith(".") for part in child.relative_to(path).parts)
                ):
                    yield child
        else:
            yield path


def process_file(path: Path, extractor: Extractor, format: str | None = None) -> list[Case]:
    """Read, extract and assemble every document of one file (pure apart from reading it)."""
    return [assemble_case(extractor(document)) for document in read_file(path, format=format)]


def _fact_count(case: Case) -> int:
    return len(case.diagnoses) + len(case.therapies) + len(case.outcomes) + len(case.adverse_events) + len(case.findings)


def ingest(
    paths: Iterable[Path | str],
    store: CaseStore,
    *,
    format: str | None = None,
    extractor: Extractor | None = None,
    on_progress: Callable[[Path, str | None], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into ``store``; one failing file does not stop the rest."""
    extractor = extractor or Extractor.builtin()
    activity = Activity(__version__, extractor.lexicon.version, run_started_at())
    run_quads = activity_quads(activity)
    store.ensure_ontology()
    store.ensure_graph(TERMS_GRAPH, lexicon_term_quads(extractor.lexicon), extractor.lexicon.version)
    report = IngestReport()
    for path in iter_input_files(paths):
        error = None
        try:
            if not path.exists():
                raise ReadError(str(path), "no such file or folder")
            for case in process_file(path, extractor, format):
                graph, quads = case_quads(case, activity)
                if store.same_graph(graph, quads):
                    report.unchanged += 1
                else:
                    store.replace_graph(graph, quads, also=[*run_quads, *case_term_quads(case, extractor.lexicon)])
                report.documents += 1
                report.patients += 1
                report.facts += _fact_count(case)
                report.triples += len(quads)
                report.graphs.append(graph.value)
        except CaseKGError as failure:
            error = str(failure)
            report.failures.append(error)
        if on_progress is not None:
            on_progress(path, error)
    store.flush()
    return report
