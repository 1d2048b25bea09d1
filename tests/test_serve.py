"""`kg serve`: the store read-only over the SPARQL 1.1 Protocol (the Oxigraph server), on loopback,
with a query time limit; updates refused; stopping kg stops the server."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from _fixtures import canned_queries, comparable, kg, local_rows
from _servers import oxigraph_available, require

from kg.remote.server import free_port, port_is_free, running, stop, wait_until_ready
from kg.remote.sparql import default_graphs, query_endpoint

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) != STR(?f)) }"


def kg_process(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def served(example_store: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    require(oxigraph_available(), "the Oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    process = kg_process("--store", str(example_store), "serve", "--port", str(port), "--timeout", "1")
    try:
        wait_until_ready(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
        yield f"http://127.0.0.1:{port}", process
    finally:
        stop(process)


def test_canned_queries_give_the_same_rows(served: tuple[str, subprocess.Popen], example_store: Path) -> None:
    base, _ = served
    assert default_graphs(base + "/query", "auto") == []  # the served default graph is the union
    for name, sparql in canned_queries():
        remote = query_endpoint(base + "/query", sparql)
        assert comparable(remote, sparql) == comparable(local_rows(example_store, sparql), sparql), name


def test_updates_are_refused(served: tuple[str, subprocess.Popen], example_store: Path) -> None:
    base, _ = served
    update = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(base + "/update", data=update), timeout=30)
    assert refused.value.code == 403
    code, _, err = kg("--store", str(example_store), "push", "--endpoint", base + "/store", "-q")
    assert code == 1 and "HTTP 403" in err
    assert query_endpoint(base + "/query", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }").rows[0][0] > 1000


def test_a_query_over_the_time_limit_is_stopped(served: tuple[str, subprocess.Popen]) -> None:
    base, _ = served
    code, out, err = kg("query", "--sparql", HEAVY, "--endpoint", base + "/query")
    assert code == 1, out
    assert err.strip() == f"kg: endpoint {base}/query stopped the query at its time limit"


def test_kg_query_timeout_bounds_the_wait_for_an_endpoint(example_store: Path) -> None:
    """A server without a time limit keeps computing; `kg query --timeout` stops waiting for it."""
    require(oxigraph_available(), "the Oxigraph server is not installed (pip install oxigraph)")
    with running(example_store, read_only=True) as server:
        code, out, err = kg("query", "--sparql", HEAVY, "--endpoint", server.query_url, "--timeout", "1")
    assert code == 1, out
    assert err.strip() == f"kg: endpoint {server.query_url} did not answer the query within 1 s"


def test_stopping_kg_serve_stops_the_server(example_store: Path) -> None:
    require(oxigraph_available(), "the Oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    process = kg_process("--store", str(example_store), "serve", "--port", str(port))
    try:
        wait_until_ready(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
        assert f"read-only at http://127.0.0.1:{port}/query" in process.stdout.readline()
        process.send_signal(signal.SIGTERM)
        process.wait(60)
    finally:
        stop(process)
    assert port_is_free("127.0.0.1", port)  # the Oxigraph child is gone too


def test_busy_port_and_missing_store_are_clear_errors(example_store: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = kg("--store", str(example_store), "serve", "--port", str(port))
    assert code == 1
    assert err.strip() == f"kg: cannot serve on 127.0.0.1:{port}: the address is in use (choose another --port)"
    code, _, err = kg("--store", str(tmp_path / "none"), "serve")
    assert code == 1 and "no CaseKG store at" in err
