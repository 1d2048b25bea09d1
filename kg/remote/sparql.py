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
_GRAPHS_WITH_DATA = "SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {prefix})) }}"


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


Solutions = tuple[list[str], list[list["ox.Term | None"]]]


def _solutions(body: bytes, results_format: ox.QueryResultsFormat) -> bool | Solutions:
    results = ox.parse_query_results(body, format=results_format)
    if isinstance(results, ox.QueryBoolean):
        return bool(results)
    columns = [v.value for v in results.variables]
    return columns, [[solution[c] for c in columns] for solution in results]


def _parse(url: str, answer: Response) -> bool | list[ox.Triple] | Solutions:
    """The answer read in full (pyoxigraph parses lazily; a broken answer must fail here):
    a boolean (ASK), triples (CONSTRUCT, DESCRIBE) or columns and rows of terms (SELECT)."""
    media = answer.content_type.split(";")[0].strip().lower()
    results_format = ox.QueryResultsFormat.from_media_type(media) if media else None
    rdf_format = ox.RdfFormat.from_media_type(media) if media else None
    problem = ""
    try:
        if results_format is not None:
            return _solutions(answer.body, results_format)
        if rdf_format is not None:
            return list(ox.parse(answer.body, format=rdf_format))
    except (SyntaxError, ValueError) as error:
        problem = str(error)  # raised below, once the half-read results are released (on this thread)
    if problem and b"cancelled" in answer.body[-300:].lower():  # how the Oxigraph server ends at its time limit
        raise EndpointTimeout(f"endpoint {url} stopped the query at its time limit")
    if problem:
        raise EndpointError(f"endpoint {url} sent results that cannot be read: {problem}")
    raise EndpointError(f"endpoint {url} answered with {media or 'no content type'}, not SPARQL results")


def _rows(parsed: bool | list[ox.Triple] | Solutions) -> Rows:
    if isinstance(parsed, bool):
        return Rows(["result"], [[parsed]])
    if isinstance(parsed, list):
        return rows_from_triples(parsed)
    columns, terms = parsed
    if columns == ["__ASK_RETVAL"]:  # Virtuoso 7 answers ASK with one integer binding
        return Rows(["result"], [[bool(terms and terms[0][0] is not None and terms[0][0].value not in {"0", "false"})]])
    return rows_from_terms(columns, terms)


def _column(url: str, sparql: str, timeout: float | None) -> list[ox.Term]:
    """The first column of a SELECT answer, as RDF terms (unbound cells left out)."""
    parsed = _parse(url, _send(url, sparql, [], timeout))
    if not isinstance(parsed, tuple):
        raise EndpointError(f"endpoint {url} did not answer a SELECT query with solutions")
    return [row[0] for row in parsed[1] if row and row[0] is not None]


def casekg_graphs(url: str, timeout: float | None = 60.0) -> list[str]:
    """The CaseKG named graphs on the endpoint (documents, terms, ontology, activities)."""
    prefix = CKGID + "graph/"
    names = _column(url, _GRAPH_NAMES, timeout)
    if not names:  # some stores (Virtuoso) do not list graphs for an empty pattern
        names = _column(url, _GRAPHS_WITH_DATA.format(prefix=ox.Literal(prefix)), timeout)
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
    return _rows(_parse(url, _send(url, sparql, graphs, timeout)))
