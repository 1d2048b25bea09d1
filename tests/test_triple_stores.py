"""The exports load unchanged into other triple stores (the Oxigraph server, Virtuoso 7), and every
canned query gives the same rows there as in the embedded store, through `kg query --endpoint`."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from _fixtures import canned_queries, comparable, kg, local_rows
from _servers import Virtuoso, oxigraph_available, require, virtuoso

from kg.identifiers import expand
from kg.remote.server import Server, running
from kg.remote.sparql import casekg_graphs, default_graphs, query_endpoint
from kg.store.store import CaseStore

QUERIES = canned_queries()
IDS = [name for name, _ in QUERIES]
#: fixtures of endpoints holding one export as it is, and the dataset `auto` must pick there
ENDPOINTS = {
    "oxigraph_quads": "graphs",  # named graphs, default graph not the union
    "oxigraph_triples": "endpoint",  # N-Triples in the default graph
    "virtuoso_quads": "endpoint",  # named graphs; Virtuoso's default graph is the union
    "virtuoso_triples": "endpoint",  # N-Triples in one graph
    "virtuoso_turtle": "endpoint",  # Turtle in one graph (no `\/` escapes to mis-read)
    "virtuoso_trig": "endpoint",  # TriG, graphs kept
}
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
SUBJECTS = "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) }"


@pytest.fixture(scope="module")
def exports(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    paths = {}
    for fmt, suffix in [("nquads", "nq"), ("ntriples", "nt"), ("turtle", "ttl"), ("trig", "trig")]:
        paths[fmt] = folder / f"casekg.{suffix}"
        code, _, err = kg("--store", str(example_store), "export", "--format", fmt, "-o", str(paths[fmt]))
        assert code == 0, err
    return paths


def post(url: str, data: bytes, content_type: str) -> None:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type}, method="POST")
    with urllib.request.urlopen(request, timeout=120) as answer:
        assert answer.status in (200, 201, 204)


@pytest.fixture(scope="module")
def oxigraph_quads(exports: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """An Oxigraph server (default graph NOT the union) holding the N-Quads export, as it is."""
    require(oxigraph_available(), "the Oxigraph server is not installed (pip install oxigraph)")
    with running(tmp_path_factory.mktemp("oxigraph-nq") / "db", union_default_graph=False) as server:
        post(server.store_url, exports["nquads"].read_bytes(), "application/n-quads")
        yield server


@pytest.fixture(scope="module")
def oxigraph_triples(exports: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """An Oxigraph server holding the N-Triples export in its default graph."""
    require(oxigraph_available(), "the Oxigraph server is not installed (pip install oxigraph)")
    with running(tmp_path_factory.mktemp("oxigraph-nt") / "db", union_default_graph=False) as server:
        post(server.store_url + "?default", exports["ntriples"].read_bytes(), "application/n-triples")
        yield server


@pytest.fixture(scope="module")
def virtuoso_server() -> Iterator[Virtuoso]:
    with virtuoso() as server:
        yield server


def _virtuoso_holding(fmt: str):
    """A fixture: the Virtuoso server holding exactly the ``fmt`` export."""

    @pytest.fixture()
    def holding(virtuoso_server: Virtuoso, exports: dict[str, Path]) -> Virtuoso:
        return virtuoso_server.holding(exports[fmt])

    return holding


virtuoso_quads = _virtuoso_holding("nquads")
virtuoso_triples = _virtuoso_holding("ntriples")
virtuoso_turtle = _virtuoso_holding("turtle")
virtuoso_trig = _virtuoso_holding("trig")


def stored_graphs(store: Path) -> dict[str, int]:
    with CaseStore(store, read_only=True) as opened:
        return {g.value: len(list(opened.oxigraph.quads_for_pattern(None, None, None, g)))
                for g in opened.oxigraph.named_graphs()}


# --- what arrives -------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["oxigraph_quads", "virtuoso_quads", "virtuoso_trig"])
def test_dataset_exports_keep_every_graph_and_quad(request, endpoint: str, example_store: Path) -> None:
    url = request.getfixturevalue(endpoint).query_url
    local = stored_graphs(example_store)
    assert casekg_graphs(url) == sorted(local)
    rows = query_endpoint(url, PER_GRAPH, dataset="endpoint").rows
    counts = {(g if "://" in g else expand(g)): n for g, n in rows}
    assert {g: n for g, n in counts.items() if g.startswith("https://w3id.org/casekg/")} == local


@pytest.mark.parametrize("endpoint", ["oxigraph_triples", "virtuoso_triples", "virtuoso_turtle"])
def test_triple_exports_arrive_with_every_iri_intact(request, endpoint: str, example_store: Path) -> None:
    url = request.getfixturevalue(endpoint).query_url
    remote = {str(row[0]) for row in query_endpoint(url, SUBJECTS, dataset="endpoint").rows}
    local = {str(row[0]) for row in local_rows(example_store, SUBJECTS).rows}
    assert not any("\\" in iri for iri in remote)  # a mis-read `\/` escape would land here
    assert local <= remote and all(iri in local for iri in remote if "casekg" in iri)


@pytest.mark.parametrize("endpoint, dataset", ENDPOINTS.items())
def test_auto_dataset_choice(request, endpoint: str, dataset: str) -> None:
    url = request.getfixturevalue(endpoint).query_url
    graphs = default_graphs(url, "auto")
    assert (graphs == casekg_graphs(url) and graphs) if dataset == "graphs" else graphs == []


# --- the canned queries -------------------------------------------------------------------------


@pytest.mark.parametrize("name, sparql", QUERIES, ids=IDS)
@pytest.mark.parametrize("endpoint", ENDPOINTS)  # innermost varies slowest: one load per endpoint
def test_canned_query_gives_the_same_rows(request, endpoint: str, example_store: Path, name: str, sparql: str) -> None:
    url = request.getfixturevalue(endpoint).query_url
    local = local_rows(example_store, sparql)
    assert local.rows, name
    assert comparable(query_endpoint(url, sparql, dataset="auto"), sparql) == comparable(local, sparql)


@pytest.mark.parametrize("endpoint", ["oxigraph_quads", "virtuoso_quads"])
def test_cli_output_is_identical(request, endpoint: str, example_store: Path) -> None:
    url = request.getfixturevalue(endpoint).query_url
    args = ["query", "therapies-for-disease", "--param", "disease=MESH:D015470", "--format", "csv"]
    code, here, err = kg("--store", str(example_store), *args)
    assert code == 0, err
    code, there, err = kg(*args, "--endpoint", url)
    assert code == 0, err
    assert there == here and here.count("\n") > 5
    ask = ["query", "--sparql", "ASK { ?r a <https://w3id.org/casekg/vocab#CaseReport> }", "--format", "csv"]
    assert kg(*ask, "--endpoint", url)[:2] == (0, "result\ntrue\n")  # Virtuoso answers ASK in its own way


def test_plain_oxigraph_server_has_an_empty_default_graph(oxigraph_quads: Server) -> None:
    """Why `auto` sends the named graphs there: the server's own default graph is empty."""
    rows = query_endpoint(oxigraph_quads.query_url, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", dataset="endpoint")
    assert rows.rows == [[0]]
