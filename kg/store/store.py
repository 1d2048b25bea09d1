"""Stage 5, store: the on-disk Oxigraph store that holds one named graph per document.

Batches (:meth:`CaseStore.write_documents`) are bulk-loaded: Oxigraph's bulk loader writes
sorted files straight into the database, several times faster than a transaction, but it
is not atomic. So a batch is journaled first, in one transaction, in a *pending* graph: the
names of the documents new to the store, and for each document that replaces a stored
graph, its new N-Quads. Then the replaced graphs are removed, the batch is bulk-loaded, and
the journal is cleared once the load is on disk. Opening the store for writing finishes an
interrupted batch: a replaced document is restored from its journaled N-Quads, a new
document still pending is dropped. A crash therefore leaves each document old or new
(replaced) or absent or complete (new), never partial, and nothing already stored is lost.
(``bulk=False`` uses no bulk loader: the replacements in one SPARQL update, ``DROP GRAPH`` +
``INSERT DATA``, and the new documents in one transaction.) Queries see the union of all graphs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError, StoreLockedError
from kg.rdf.case_graph import ACTIVITY_PREDICATES
from kg.rdf.namespaces import ACTIVITIES_GRAPH, CKG, CKGID, ONTOLOGY_GRAPH, TERMS_GRAPH
from kg.resources import ontologies_dir

__all__ = ["CaseStore", "DEFAULT_STORE", "default_store_path"]

DEFAULT_STORE = "casekg-store"
_VERSION_INFO = ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo")
#: graph names of documents being bulk-loaded (see the module docstring)
PENDING_GRAPH = ox.NamedNode(CKGID + "graph/pending")
_PENDING = ox.NamedNode(CKG + "pendingGraph")
#: journal entry ``<graph> ckg:pendingReplacement "N-Quads"``: the new content of a replaced graph
_REPLACEMENT = ox.NamedNode(CKG + "pendingReplacement")
_NQUADS = ox.RdfFormat.N_QUADS


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
            self.read_only = True
        if not self.read_only:
            self._recover()

    def _recover(self) -> None:
        """Finish a batch that did not (a crash mid-batch): restore each replaced document
        from its journaled N-Quads, drop each new document's partial graph."""
        replaced = list(self._store.quads_for_pattern(None, _REPLACEMENT, None, PENDING_GRAPH))
        pending = [q.object for q in self._store.quads_for_pattern(None, _PENDING, None, PENDING_GRAPH)]
        for entry in replaced:
            if isinstance(entry.subject, ox.NamedNode) and isinstance(entry.object, ox.Literal):
                self._store.remove_graph(entry.subject)
                self._store.load(entry.object.value.encode(), format=_NQUADS, lenient=True)
        for graph in pending:
            if isinstance(graph, ox.NamedNode):
                self._store.remove_graph(graph)
        if pending or replaced:
            self._store.remove_graph(PENDING_GRAPH)
            self._store.flush()

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

    def write_documents(
        self, documents: list[tuple[str, bytes]], also: bytes = b"", *, bulk: bool = True, checked: bool = False
    ) -> None:
        """Replace the graphs of a batch of documents: ``(graph IRI, N-Quads of that graph)``.

        ``also`` is N-Quads for shared graphs (terms, activities), added with set
        semantics. The batch is journaled and bulk-loaded (see the module docstring);
        ``bulk=False`` writes the replacements in one SPARQL update and the new documents in
        one transaction instead. Every document ends up old or new, never a mix. ``checked`` says the N-Quads were written by CaseKG (IRIs already
        validated), so the bulk loader may skip validating them again.
        """
        if not documents and not also:
            return
        latest = dict(documents)  # the same document twice in a batch: the last one wins
        existing = {g for g in latest if self._store.contains_named_graph(ox.NamedNode(g))}
        try:
            if not bulk:
                if existing:
                    self._replace_serialized({g: latest[g] for g in existing})
                fresh = [latest[g] for g in latest if g not in existing]
                if fresh:
                    self._store.load(b"".join(fresh), format=_NQUADS)
            elif latest:
                self._bulk_replace(latest, existing, checked)
            if also:
                self._store.load(also, format=_NQUADS)
        except (OSError, SyntaxError) as error:
            try:  # a bulk load that stopped half-way: finish or drop its graphs now, not at the next open
                self._recover()
            except OSError:
                pass
            raise StoreError(f"cannot write store {self.path}: {error}") from None

    def _bulk_replace(self, latest: dict[str, bytes], existing: set[str], checked: bool) -> None:
        """Journal, remove the replaced graphs (``existing``), bulk-load, clear the journal.

        Replacing through the journal costs a graph removal and a share of the bulk load;
        a SPARQL ``DROP`` + ``INSERT DATA`` of the same document was three to four times slower.
        """
        if not checked:  # a journaled replacement must load again at recovery: validate it now
            for graph in existing:
                for _ in ox.parse(latest[graph], format=_NQUADS):
                    pass
        journal = [
            ox.Quad(ox.NamedNode(g), _REPLACEMENT, ox.Literal(latest[g].decode("utf-8")), PENDING_GRAPH)
            if g in existing else ox.Quad(PENDING_GRAPH, _PENDING, ox.NamedNode(g), PENDING_GRAPH)
            for g in latest
        ]
        self._store.extend(journal)  # one transaction: from here every document can be finished
        for graph in existing:
            self._store.remove_graph(ox.NamedNode(graph))
        self._store.bulk_load(b"".join(latest.values()), format=_NQUADS, lenient=checked)
        self._store.flush()
        self._store.remove_graph(PENDING_GRAPH)

    def _replace_serialized(self, graphs: dict[str, bytes]) -> None:
        drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in graphs)
        quads = ox.parse(b"".join(graphs.values()), format=_NQUADS)
        body = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads)
        self._update(f"{drops}INSERT DATA {{\n{body}\n}}")

    def content_hashes(self) -> frozenset[str]:
        """The ``ckg:contentHash`` of every stored document (for ``--skip-existing``)."""
        predicate = ox.NamedNode(CKG + "contentHash")
        return frozenset(q.object.value for q in self._store.quads_for_pattern(None, predicate, None, None))

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
        special = {ONTOLOGY_GRAPH, TERMS_GRAPH, ACTIVITIES_GRAPH, PENDING_GRAPH}
        return sorted((g for g in self._store.named_graphs() if g not in special), key=str)

    def quads(self) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, None)

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        if not self.read_only:
            self._store.flush()
