"""The faithful network: every IRI and blank node of the case graphs is a node.

Triples whose object is an IRI or blank node become edges keyed by the predicate's CURIE
(``relation``; ``graph`` names the document graph); literal values become node attributes
keyed by the predicate's CURIE (a list when a node has several). Terms-graph statements
come along for the concepts the cases use; the TBox stays out.
"""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox

from kg.rdf.namespaces import ONTOLOGY_GRAPH, PREFIX_MAP, TERMS_GRAPH
from kg.store.store import CaseStore

__all__ = ["rdf_graph"]


_NAMESPACES = sorted(PREFIX_MAP.items(), key=lambda item: -len(item[1]))


def _id(term: ox.Term) -> str:
    """``_:b0`` for a blank node, else the CURIE (``rdfs:label``, ``MONDO:0018874``) or the IRI."""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    for prefix, namespace in _NAMESPACES:
        if term.value.startswith(namespace) and len(term.value) > len(namespace):
            return f"{prefix}:{term.value[len(namespace):]}"
    return term.value


def _add_value(attributes: dict[str, object], key: str, value: str) -> None:
    if key not in attributes:
        attributes[key] = value
        return
    present = attributes[key]
    values = present if isinstance(present, list) else [present]
    if value not in values:
        attributes[key] = sorted([*values, value])


def _add(graph: nx.MultiDiGraph, quad: ox.Quad) -> None:
    subject = _id(quad.subject)
    if subject not in graph:
        graph.add_node(subject, kind="blank" if isinstance(quad.subject, ox.BlankNode) else "iri")
    predicate = _id(quad.predicate)
    if isinstance(quad.object, ox.Literal):
        _add_value(graph.nodes[subject], predicate, quad.object.value)
        return
    target = _id(quad.object)
    if target not in graph:
        graph.add_node(target, kind="blank" if isinstance(quad.object, ox.BlankNode) else "iri")
    graph.add_edge(subject, target, key=predicate, relation=predicate, graph=_id(quad.graph_name))


def rdf_graph(store: CaseStore) -> nx.MultiDiGraph:
    """Every RDF node of the document graphs (and of the terms they use) with every statement."""
    graph = nx.MultiDiGraph(name="CaseKG RDF")
    terms: list[ox.Quad] = []
    for quad in store.quads():
        if quad.graph_name == TERMS_GRAPH:
            terms.append(quad)
        elif quad.graph_name != ONTOLOGY_GRAPH:
            _add(graph, quad)
    for quad in terms:
        if _id(quad.subject) in graph:
            _add(graph, quad)
    return graph
