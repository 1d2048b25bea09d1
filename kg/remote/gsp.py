"""``kg push``: send the store's named graphs to a SPARQL 1.1 Graph Store Protocol endpoint.

Each graph goes in its own ``PUT <endpoint>?graph=<iri>`` with an N-Triples body, so the
remote copy of a document is replaced as a whole, the way ``kg ingest`` replaces it here,
and a failure leaves every other graph as it was. The ontology, terms and activities
graphs travel too: the canned queries need them.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.remote.http import request
from kg.store.store import CaseStore

__all__ = ["PushReport", "push", "graph_url"]


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0
    sent: list[str] = field(default_factory=list)


def graph_url(endpoint: str, graph: str) -> str:
    """``<endpoint>?graph=<iri>`` (indirect graph identification), keeping any query string."""
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{separator}{urllib.parse.urlencode({'graph': graph})}"


def _graph_names(store: CaseStore) -> list[ox.NamedNode]:
    names = store.oxigraph.named_graphs()
    return sorted((g for g in names if isinstance(g, ox.NamedNode)), key=str)


def push(
    store: CaseStore,
    endpoint: str,
    *,
    timeout: float = 120.0,
    attempts: int = 3,
    on_graph: Callable[[str, int], None] | None = None,
) -> PushReport:
    """PUT every named graph of ``store`` to ``endpoint``; stop at the first one refused."""
    report = PushReport()
    for graph in _graph_names(store):
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in store.oxigraph.quads_for_pattern(None, None, None, graph)]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        request(
            "PUT",
            graph_url(endpoint, graph.value),
            data=body,
            headers={"Content-Type": "application/n-triples"},
            timeout=timeout,
            attempts=attempts,
            what=f"graph {graph.value}",
            name=endpoint,
        )
        report.graphs += 1
        report.triples += len(triples)
        report.sent.append(graph.value)
        if on_graph is not None:
            on_graph(graph.value, len(triples))
    return report
