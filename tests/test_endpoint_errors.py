"""What `kg query --endpoint` says when the endpoint is not a SPARQL endpoint, refuses, or is down:
one line naming the endpoint and the problem (tested against a tiny local HTTP server)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from _fixtures import kg

from kg.remote.server import free_port

PAGES = {
    "/html": (200, "text/html", b"<html><body><h1>Welcome</h1></body></html>"),
    "/forbidden": (403, "text/html", b"<!DOCTYPE HTML PUBLIC><html><head><title>403</title></head>"
                                     b"<body><h1>Forbidden</h1><p>Login &amp; retry</p></body></html>"),
    "/broken": (200, "application/sparql-results+json", b'{"head": {"vars": ["x"]}, "results": {"bindings": [{'),
    "/ask": (200, "application/sparql-results+json", b'{"head": {}, "boolean": false}'),
}


class _Pages(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - the http.server naming
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status, media, body = PAGES[self.path]
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def ask(url: str) -> tuple[int, str, str]:
    return kg("query", "--sparql", "ASK {}", "--endpoint", url, "--dataset", "endpoint")


def test_a_web_page_is_not_sparql_results(site: str) -> None:
    assert ask(site + "/html") == (1, "", f"kg: endpoint {site}/html answered with text/html, not SPARQL results\n")


def test_a_refusal_shows_the_text_of_the_error_page(site: str) -> None:
    code, _, err = ask(site + "/forbidden")
    assert (code, err) == (1, f"kg: endpoint {site}/forbidden refused the query: HTTP 403: Forbidden\n")


def test_truncated_results_are_an_error_not_rows(site: str) -> None:
    code, out, err = ask(site + "/broken")
    assert code == 1 and out == ""
    assert err.startswith(f"kg: endpoint {site}/broken sent results that cannot be read: ")


def test_an_ask_answer_is_a_boolean_row(site: str) -> None:
    code, out, _ = kg("query", "--sparql", "ASK {}", "--endpoint", site + "/ask", "--dataset", "endpoint",
                      "--format", "csv")
    assert (code, out) == (0, "result\nfalse\n")


def test_nobody_listening(site: str) -> None:
    url = f"http://127.0.0.1:{free_port()}/sparql"
    code, _, err = ask(url)
    assert code == 1
    assert err == f"kg: endpoint {url} failed the query: unreachable ([Errno 111] Connection refused) (after 3 attempts)\n"
