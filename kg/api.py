"""The Python API for notebooks and scripts: the ``kg`` commands as methods of one object.

>>> import kg
>>> with kg.open("casekg-store") as graph:                       # doctest: +SKIP
...     graph.ingest(["examples/"])
...     graph.query("therapies-for-disease", disease="MESH:D015470")[:1]
...     graph.query_df("cases-overview")                       # a pandas DataFrame
...     graph.to_networkx()                                     # patients, documents, concepts
...     graph.export("casekg.owl", format="owl")

The store stays open (and locked for writing) until ``close()`` or the end of the
``with`` block, so close it before running ``kg ingest`` on the same store from a shell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import CaseKGError, QueryError
from kg.pipeline import IngestReport, ingest
from kg.store.export import ALL_FORMATS, export
from kg.store.queries import apply_bindings, bind_parameters, resolve_query
from kg.store.results import Rows, rows_from_solutions
from kg.store.store import DEFAULT_STORE, CaseStore
from kg.store.timed import query_with_timeout

if TYPE_CHECKING:  # pandas and networkx are imported only by the methods that need them
    import networkx
    import pandas

__all__ = ["Graph", "open_graph"]

_NAME = re.compile(r"^[\w./-]+$")


class Graph:
    """A CaseKG store: ingest reports, run canned or ad-hoc queries, analyse, export."""

    def __init__(self, path: Path | str = DEFAULT_STORE, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._store: CaseStore | None = CaseStore(self.path, read_only=read_only)

    # -------------------------------------------------------------------- lifecycle
    def close(self) -> None:
        """Release the store (and its lock)."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._store is None else ("read-only" if self.read_only else "open")
        return f"<kg.Graph {str(self.path)!r} ({state})>"

    @property
    def store(self) -> CaseStore:
        if self._store is None:
            raise CaseKGError(f"graph {self.path} is closed")
        return self._store

    # -------------------------------------------------------------------- the commands
    def ingest(self, paths: Iterable[Path | str] | Path | str, *, format: str | None = None) -> IngestReport:
        """Read case reports (files or folders) into the store, like ``kg ingest``."""
        if isinstance(paths, (str, Path)):
            paths = [paths]
        return ingest(list(paths), self.store, format=format)

    def rows(self, query: str, *, timeout: float | None = None, **params: object) -> Rows:
        """Columns and rows of a canned query (name or .rq file) or of SPARQL text.

        ``params`` bind the query's parameters as RDF terms (``disease="MESH:D015470"``);
        ``timeout`` (seconds) runs the query in a child process that is stopped when late.
        """
        values = {name: str(value) for name, value in params.items()}
        canned = resolve_query(query) if _NAME.match(query.strip()) else None
        sparql = apply_bindings(canned.sparql if canned else query, bind_parameters(canned, values))
        if timeout:
            return query_with_timeout(self.path, sparql, timeout)
        try:
            return rows_from_solutions(self.store.query(sparql))
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL: {str(error).splitlines()[0]}") from None

    def query(self, query: str, *, timeout: float | None = None, **params: object) -> list[dict[str, object]]:
        """The rows of a query as dicts (column -> value; IRIs as CURIEs, numbers as numbers)."""
        return self.rows(query, timeout=timeout, **params).as_dicts()

    def query_df(self, query: str, *, timeout: float | None = None, **params: object) -> pandas.DataFrame:
        """The rows of a query as a pandas DataFrame (needs ``pip install casekg[notebook]``)."""
        import pandas

        rows = self.rows(query, timeout=timeout, **params)
        return pandas.DataFrame(rows.rows, columns=rows.columns)

    def to_networkx(self, collapse: bool = True) -> networkx.MultiDiGraph:
        """A MultiDiGraph: facts between patients, documents and concepts, or every RDF node."""
        from kg.network import facts_graph, rdf_graph

        return facts_graph(self.store) if collapse else rdf_graph(self.store)

    def export(self, path: Path | str, format: str = "turtle") -> Path:
        """Write the whole store to ``path`` (turtle, ntriples, nquads, trig, rdfxml, jsonld, owl, owl-turtle)."""
        if format not in ALL_FORMATS:
            raise CaseKGError(f"unknown export format {format!r}; choose from {', '.join(sorted(ALL_FORMATS))}")
        target = Path(path)
        export(self.store, format, target)
        return target

    def validate(self, shapes: Path | str | None = None):
        """SHACL validation of the store (see ``kg.validate``); needs ``pip install casekg[validate]``."""
        from kg.validate import validate_store

        return validate_store(self.store, Path(shapes) if shapes else None)

    def __len__(self) -> int:
        return len(self.store)


def open_graph(path: Path | str = DEFAULT_STORE, *, read_only: bool = False) -> Graph:
    """Open (or create) the CaseKG store at ``path``; use it in a ``with`` block or ``close()`` it."""
    return Graph(path, read_only=read_only)
