"""Run CaseKG's queries against any SPARQL 1.1 query endpoint (SPARQL 1.1 Protocol).

The canned queries read the default graph as the union of all of CaseKG's named graphs,
which is what the embedded store does. Remote stores differ: Virtuoso and GraphDB query
all graphs by default, the Oxigraph server does with ``--union-default-graph``, Fuseki
with ``unionDefaultGraph``; a plain Oxigraph or Fuseki server has an empty default graph.
So the dataset of a remote query is one of:

``endpoint``
    the endpoint's own default graph, as it is (union stores, or data loaded as triples);
``graphs``
    the CaseKG named graphs found on the endpoint (IRIs under ``<instance base>graph/``),
    sent as ``default-graph-uri`` *and* ``named-graph-uri`` (standard protocol
    parameters; no query rewriting, and ``GRAPH ?g`` patterns still see every graph);
``auto``
    ``endpoint`` when its default graph already shows every case report that the named
    graphs hold, else ``graphs`` (two small counting queries first).
"""

from __future__ import annotations

import urllib.parse

import pyoxigraph as ox

from kg.rdf.namespaces import CKG, CKGID
from kg.remote.http import EndpointError, EndpointTimeout, Response, request
from kg.store.results import Rows, rows_from_terms, rows_from_triples

__all__ = ["DATASETS", "query_endpoint", "casekg_graphs", "default_graphs"]

DATASETS = ("auto", "endpoint", "graphs")

_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9, application/n-triples;q=0.8, text/turtle;q=0.7"
_IN_DEFAULT = f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ ?r a <{CKG}CaseReport> }}"
_IN_NAMED = f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ GRAPH ?g {{ ?r a <{CKG}CaseReport> }} }}"
_GRAPH_NAMES = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
_GRAPHS_WITH_DATA = "SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {prefix!r})) }}"


def _send(url: str, sparql: str, graphs: list[str], timeout: float | None) -> Response:
    fields = [("query", sparql)]
    fields += [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
    return request(
        "POST",
        url,
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Accept": _ACCEPT, "Content-Type": "application/x-www-form-urlencoded"},
        timeout=timeout,
        what="query",
    )


def _read(url: str, answer: Response, *, raw: bool) -> Rows | list[list[ox.Term | None]]:
    """The whole answer as Rows, or (``raw``) the solutions as RDF terms.

    Read in full here (pyoxigraph parses lazily), so that a broken answer fails here.
    """
    media = answer.content_type.split(";")[0].strip().lower()
    try:
        results_format = ox.QueryResultsFormat.from_media_type(media) if media else None
        if results_format is not None:
            results = ox.parse_query_results(answer.body, format=results_format)
            if isinstance(results, ox.QueryBoolean):
                return [[ox.Literal(str(bool(results)).lower())]] if raw else Rows(["result"], [[bool(results)]])
            columns = [v.value for v in results.variables]
            terms = [[solution[c] for c in columns] for solution in results]
            return terms if raw else _ask_answer(rows_from_terms(columns, terms))
        rdf_format = ox.RdfFormat.from_media_type(media) if media else None
        if rdf_format is not None and not raw:
            return rows_from_triples(list(ox.parse(answer.body, format=rdf_format)))
    except (SyntaxError, ValueError) as error:
        if b"cancelled" in answer.body[-300:].lower():  # the Oxigraph server ends the stream so at its time limit
            raise EndpointTimeout(f"endpoint {url} stopped the query at its time limit") from None
        raise EndpointError(f"endpoint {url} sent results that cannot be read: {error}") from None
    raise EndpointError(f"endpoint {url} answered with {media or 'no content type'}, not SPARQL results")


def _ask_answer(rows: Rows) -> Rows:
    """Virtuoso 7 answers ASK with one integer binding ``__ASK_RETVAL``: make it a boolean."""
    if rows.columns == ["__ASK_RETVAL"]:
        return Rows(["result"], [[bool(rows.rows and rows.rows[0][0])]])
    return rows


def _column(url: str, sparql: str, timeout: float | None) -> list[ox.Term]:
    """The first column of a SELECT answer, as RDF terms (unbound cells left out)."""
    terms = _read(url, _send(url, sparql, [], timeout), raw=True)
    return [row[0] for row in terms if row and row[0] is not None]


def casekg_graphs(url: str, timeout: float | None = 60.0) -> list[str]:
    """The CaseKG named graphs on the endpoint (documents, terms, ontology, activities)."""
    prefix = CKGID + "graph/"
    names = _column(url, _GRAPH_NAMES, timeout)
    if not names:  # some stores (Virtuoso) do not list graphs for an empty pattern
        names = _column(url, _GRAPHS_WITH_DATA.format(prefix=prefix), timeout)
    return sorted({n.value for n in names if isinstance(n, ox.NamedNode) and n.value.startswith(prefix)})


def _count(url: str, sparql: str, timeout: float | None) -> int:
    values = _column(url, sparql, timeout)
    return int(values[0].value) if values else 0


def default_graphs(url: str, dataset: str = "auto", timeout: float | None = 60.0) -> list[str]:
    """The graphs to send as the query's default graph; empty: the endpoint's own."""
    if dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {', '.join(DATASETS)}")
    if dataset == "endpoint":
        return []
    if dataset == "auto":
        if _count(url, _IN_DEFAULT, timeout) >= _count(url, _IN_NAMED, timeout):
            return []
    return casekg_graphs(url, timeout)


def query_endpoint(url: str, sparql: str, *, dataset: str = "auto", timeout: float | None = None) -> Rows:
    """Run ``sparql`` (parameters already bound) at a SPARQL 1.1 query endpoint."""
    graphs = default_graphs(url, dataset, timeout if timeout else 60.0)
    rows = _read(url, _send(url, sparql, graphs, timeout), raw=False)
    assert isinstance(rows, Rows)
    return rows
