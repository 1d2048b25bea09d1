"""`kg push --endpoint URL`: every named graph replaced at a Graph Store Protocol endpoint (the
Oxigraph server), with retries for a flaky endpoint and one clear line when it cannot be done."""

from __future__ import annotations

import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from _fixtures import EXAMPLES, canned_queries, comparable, kg, local_rows
from _servers import oxigraph_available, require

from kg.pipeline import ingest
from kg.remote.server import Server, free_port, running
from kg.remote.sparql import query_endpoint
from kg.store.store import CaseStore


@pytest.fixture()
def oxigraph(tmp_path: Path) -> Iterator[Server]:
    require(oxigraph_available(), "the Oxigraph server is not installed (pip install oxigraph)")
    with running(tmp_path / "remote", union_default_graph=True) as server:
        yield server


def remote_graph(server: Server, graph: str) -> set[str]:
    sparql = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    rows = query_endpoint(server.query_url, sparql, dataset="endpoint")
    return {repr(row) for row in rows.rows}


def stored_graph(store: Path, graph: str) -> set[str]:
    return {repr(row) for row in local_rows(store, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows}


def test_push_copies_every_graph_and_the_queries_agree(oxigraph: Server, example_store: Path) -> None:
    code, out, err = kg("--store", str(example_store), "push", "--endpoint", oxigraph.store_url)
    assert code == 0, err
    with CaseStore(example_store, read_only=True) as store:
        graphs = sorted(g.value for g in store.oxigraph.named_graphs())
        total = len(store)
    assert f"{len(graphs)} graph(s), {total} triple(s) pushed to {oxigraph.store_url}" in out
    for graph in graphs:
        assert f"pushed {graph} (" in err
    # no blank-node graph (the TBox) loses or gains a triple: compare counts, and named triples exactly
    counts = query_endpoint(oxigraph.query_url, "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                            dataset="endpoint")
    local_counts = local_rows(example_store, "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert sorted(counts.rows) == sorted(local_counts.rows)
    document = next(g for g in graphs if g.endswith("pmc-PMC9900001"))
    assert remote_graph(oxigraph, document) == stored_graph(example_store, document)
    for name, sparql in canned_queries():
        got = query_endpoint(oxigraph.query_url, sparql, dataset="endpoint")
        assert comparable(got, sparql) == comparable(local_rows(example_store, sparql), sparql), name


def test_push_replaces_each_graph(oxigraph: Server, tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    with CaseStore(store_path) as store:
        report = ingest([EXAMPLES / "cml_imatinib_case.txt"], store)
    (graph,) = report.graphs
    assert kg("--store", str(store_path), "push", "--endpoint", oxigraph.store_url, "-q")[0] == 0
    # something else writes into that graph remotely; the next push puts back exactly our graph
    stray = "<http://example.org/stray> <http://example.org/p> \"left over\" ."
    request = urllib.request.Request(f"{oxigraph.store_url}?{urllib.parse.urlencode({'graph': graph})}",
                                     data=stray.encode(), headers={"Content-Type": "application/n-triples"},
                                     method="POST")
    urllib.request.urlopen(request, timeout=30).close()
    assert any("left over" in row for row in remote_graph(oxigraph, graph))
    code, _, err = kg("--store", str(store_path), "push", "--endpoint", oxigraph.store_url, "-q")
    assert code == 0, err
    assert remote_graph(oxigraph, graph) == stored_graph(store_path, graph)


def test_unreachable_endpoint_is_one_clear_line(example_store: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    code, out, err = kg("--store", str(example_store), "push", "--endpoint", url, "-q")
    assert code == 1
    assert err.startswith(f"kg: endpoint {url} failed the graph https://w3id.org/casekg/id/graph/")
    assert "unreachable" in err and "(after 3 attempts)" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_read_only_endpoint_rejects_the_data(example_store: Path, tmp_path: Path) -> None:
    require(oxigraph_available(), "the Oxigraph server is not installed (pip install oxigraph)")
    with running(example_store, read_only=True) as server:
        code, _, err = kg("--store", str(example_store), "push", "--endpoint", server.store_url, "-q")
    assert code == 1
    assert f"kg: endpoint {server.store_url} refused the graph" in err
    assert "HTTP 403" in err and "read-only" in err


class _Flaky(BaseHTTPRequestHandler):
    """A Graph Store endpoint that is overloaded for its first two requests, then accepts."""

    answers: list[int] = []
    bodies: list[tuple[str, bytes]] = []

    def do_PUT(self) -> None:  # noqa: N802 - the http.server naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        status = self.answers.pop(0) if self.answers else 204
        if status == 204:
            self.bodies.append((urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["graph"][0], body))
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def flaky() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/store"
    finally:
        server.shutdown()
        server.server_close()


def test_overloaded_endpoint_is_retried(flaky: str, tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    with CaseStore(store_path) as store:
        ingest([EXAMPLES / "cml_imatinib_case.txt"], store)
        graphs = sorted(g.value for g in store.oxigraph.named_graphs())
    _Flaky.answers[:] = [503, 503]
    _Flaky.bodies.clear()
    code, _, err = kg("--store", str(store_path), "push", "--endpoint", flaky, "-q")
    assert code == 0, err
    assert [graph for graph, _ in _Flaky.bodies] == graphs
    # each body is the graph's N-Triples, as they are in the store
    first_graph, first_body = _Flaky.bodies[0]
    sent = {(str(t.subject), str(t.predicate), str(t.object)) for t in ox.parse(first_body, format=ox.RdfFormat.N_TRIPLES)
            if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)}
    with CaseStore(store_path, read_only=True) as store:
        kept = {(str(q.subject), str(q.predicate), str(q.object))
                for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(first_graph))
                if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
    assert sent == kept and sent


def test_endpoint_that_stays_overloaded_fails_after_three_attempts(flaky: str, tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    with CaseStore(store_path) as store:
        ingest([EXAMPLES / "cml_imatinib_case.txt"], store)
    _Flaky.answers[:] = [503, 503, 503, 503]
    code, _, err = kg("--store", str(store_path), "push", "--endpoint", flaky, "-q")
    assert code == 1
    assert "HTTP 503" in err and "(after 3 attempts)" in err
    assert _Flaky.answers == [503]  # three attempts were made, not four
