"""Stage 5, store: the on-disk Oxigraph store that holds one named graph per document.

A document's graph is replaced in one SPARQL update (``DROP GRAPH`` + ``INSERT DATA``),
which Oxigraph runs as a single transaction: a crash leaves the old graph or the new one,
never a mix. Queries see the union of all graphs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError, StoreLockedError
from kg.rdf.case_graph import ACTIVITY_PREDICATES
from kg.rdf.namespaces import ACTIVITIES_GRAPH, ONTOLOGY_GRAPH, TERMS_GRAPH
from kg.resources import ontologies_dir

__all__ = ["CaseStore", "DEFAULT_STORE", "default_store_path"]

DEFAULT_STORE = "casekg-store"
_VERSION_INFO = ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo")


def default_store_path() -> Path:
    return Path(os.environ.get("CASEKG_STORE") or DEFAULT_STORE)


def _is_lock_error(error: OSError) -> bool:
    message = str(error).lower()
    return "lock" in message or "resource temporarily unavailable" in message


class CaseStore:
    """A CaseKG store at ``path``; ``read_only`` stores can be opened beside a writer."""

    def __init__(self, path: Path | str, *, read_only: bool = False, create: bool = True) -> None:
        """Open (or create) the store at ``path``.

        ``read_only`` is for commands that only read: the store is opened for writing
        when no one else holds it, and read-only beside a process that does (Oxigraph
        allows one writer per store).
        """
        self.path = Path(path)
        self.read_only = read_only
        if (read_only or not create) and not (self.path / "CURRENT").exists():
            raise StoreError(f"no CaseKG store at {self.path} (run 'kg ingest' first, or pass --store)")
        try:
            self._store = ox.Store(str(self.path))
        except OSError as error:
            if not _is_lock_error(error):
                raise StoreError(f"cannot open store {self.path}: {error}") from None
            if not read_only:
                raise StoreLockedError(
                    f"store {self.path} is in use by another process (close it, or use another --store)"
                ) from None
            try:
                self._store = ox.Store.read_only(str(self.path))
            except (OSError, RuntimeError) as second:
                raise StoreLockedError(
                    f"store {self.path} is in use by another process and cannot be read now ({second})"
                ) from None

    def close(self) -> None:
        """Release the store (and its lock); the object is unusable afterwards."""
        store = getattr(self, "_store", None)
        if store is not None and not self.read_only:
            store.flush()
        self._store = None  # pyoxigraph closes the database with its last reference

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store (for advanced use)."""
        return self._store

    # ------------------------------------------------------------------ writing

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad], also: Iterable[ox.Quad] = ()) -> None:
        """Atomically replace ``graph`` with ``quads`` and add the quads ``also`` (other graphs)."""
        body = " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in quads)
        extra = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in also)
        update = f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body} .\n}}\n{extra} }}"
        self._update(update)

    def add(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads in one transaction (set semantics: present ones are unchanged)."""
        body = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads)
        if body:
            self._update(f"INSERT DATA {{\n{body}\n}}")

    def _update(self, update: str) -> None:
        try:
            self._store.update(update)
        except OSError as error:
            raise StoreError(f"cannot write store {self.path}: {error}") from None

    def same_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> bool:
        """True when ``graph`` already holds ``quads``, ignoring which run produced them."""
        def content(items: Iterable[ox.Quad]) -> set[tuple[str, str, str]]:
            return {
                (str(q.subject), str(q.predicate), str(q.object))
                for q in items
                if q.predicate.value not in ACTIVITY_PREDICATES
            }

        existing = content(self._store.quads_for_pattern(None, None, None, graph))
        return bool(existing) and existing == content(quads)

    def ensure_graph(self, graph: ox.NamedNode, quads: list[ox.Quad], version: str) -> bool:
        """Replace ``graph`` with ``quads`` unless it already holds this ``version``.

        Used for the ontology and terms graphs, whose versions are content hashes.
        """
        marker = ox.Quad(graph, _VERSION_INFO, ox.Literal(version), graph)
        if marker in self._store:
            return False
        self.replace_graph(graph, [*quads, marker])
        return True

    def ensure_ontology(self) -> bool:
        """Load ``ontologies/casekg.ttl`` into the ontology graph when the file changed."""
        path = ontologies_dir() / "casekg.ttl"
        data = path.read_bytes()
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
            for t in ox.parse(data, format=ox.RdfFormat.TURTLE)
        ]
        return self.ensure_graph(ONTOLOGY_GRAPH, quads, "sha256-" + hashlib.sha256(data).hexdigest()[:16])

    # ------------------------------------------------------------------ reading

    def query(self, sparql: str):
        """Run a SPARQL query over the union of all graphs."""
        return self._store.query(sparql, use_default_graph_as_union=True)

    def documents(self) -> list[ox.NamedNode]:
        special = {ONTOLOGY_GRAPH, TERMS_GRAPH, ACTIVITIES_GRAPH}
        return sorted((g for g in self._store.named_graphs() if g not in special), key=str)

    def quads(self) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, None)

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        if not self.read_only:
            self._store.flush()
