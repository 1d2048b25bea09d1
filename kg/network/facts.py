"""The collapsed network: who had what, received what, and what followed.

The RDF graph reifies every fact as an assertion node (so negation and evidence can attach
to it); for network analysis that indirection is in the way. Here the assertion nodes
become edges and their properties edge attributes:

    document  -describes->          patient
    patient   -has_disease->        disease concept       (also has_finding, has_outcome)
    patient   -received->           therapy concept       (sequence = line of therapy)
    therapy   -has_outcome->        outcome concept       (one edge per outcome; sequence of its therapy)
    therapy   -has_adverse_event->  adverse-event concept (grade when the text gives one)
    therapy   -targets->            gene concept

Every edge carries ``relation``, ``fact`` (the assertion's CURIE; the edge key with the
therapy's, ``<therapy>-><fact>``, on edges that start at a therapy),
``document``, ``patient``, ``negated``, ``certainty`` and ``evidence`` (the evidence
sentences) where they apply. Attribute values are plain strings, numbers and booleans, so
the graph writes to GraphML and GEXF as it is.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pyoxigraph as ox

from kg.identifiers import compress
from kg.store.store import CaseStore

__all__ = ["facts_graph"]

_PREFIXES = """
PREFIX ckg: <https://w3id.org/casekg/vocab#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
_FACTS = _PREFIXES + """
SELECT ?report ?patient ?link ?fact ?code ?therapy ?therapy_code ?negated ?certainty ?grade ?sequence WHERE {
  ?report ckg:describes ?patient .
  { ?patient ckg:hasDiagnosis ?fact . BIND("has_disease" AS ?link) }
  UNION { ?patient ckg:hasFinding ?fact . BIND("has_finding" AS ?link) }
  UNION { ?patient ckg:hasOverallOutcome ?fact . BIND("has_outcome" AS ?link) }
  UNION { ?patient ckg:receivedTherapy ?fact . BIND("received" AS ?link) }
  UNION { ?patient ckg:receivedTherapy ?therapy . ?therapy ckg:hasOutcome ?fact ; ckg:code ?therapy_code .
          OPTIONAL { ?therapy ckg:sequence ?therapy_line } BIND("has_outcome" AS ?link) }
  UNION { ?patient ckg:receivedTherapy ?therapy . ?therapy ckg:hasAdverseEvent ?fact ; ckg:code ?therapy_code .
          OPTIONAL { ?therapy ckg:sequence ?therapy_line } BIND("has_adverse_event" AS ?link) }
  ?fact ckg:code ?code .
  OPTIONAL { ?fact ckg:negated ?negated }
  OPTIONAL { ?fact ckg:certainty ?certainty }
  OPTIONAL { ?fact ckg:grade ?grade }
  OPTIONAL { ?fact ckg:sequence ?own_line }
  BIND(COALESCE(?own_line, ?therapy_line) AS ?sequence)
}
"""
_EVIDENCE = _PREFIXES + """
SELECT ?fact ?text WHERE {
  ?fact ckg:evidence ?m . ?m ckg:text ?mention_text .
  OPTIONAL { ?m ckg:sentence/ckg:text ?sentence_text }
  BIND(COALESCE(?sentence_text, ?mention_text) AS ?text)
}
"""
_QUALIFIERS = _PREFIXES + "SELECT ?fact ?q WHERE { ?fact a ckg:Diagnosis ; ckg:qualifier ?q }"
_TARGETS = _PREFIXES + """
SELECT ?report ?patient ?therapy ?code ?gene WHERE {
  ?report ckg:describes ?patient . ?patient ckg:receivedTherapy ?therapy . ?therapy ckg:code ?code ; ckg:target ?gene
}
"""
_CONCEPTS = _PREFIXES + """
SELECT DISTINCT ?c ?label ?category WHERE {
  ?x ckg:code|ckg:target ?c . FILTER NOT EXISTS { ?x a ckg:Mention }
  OPTIONAL { ?c rdfs:label ?label } OPTIONAL { ?c ckg:category ?category }
}
"""
_PEOPLE = _PREFIXES + """
SELECT ?node ?kind ?label ?title ?age ?sex WHERE {
  { ?node a ckg:CaseReport . BIND("document" AS ?kind) OPTIONAL { ?node dcterms:title ?title } }
  UNION { ?node a ckg:Patient . BIND("patient" AS ?kind)
          OPTIONAL { ?node ckg:age ?age } OPTIONAL { ?node ckg:sex ?sex } }
  ?node rdfs:label ?label .
}
"""
#: the category a concept gets from the role it plays, when the terms graph has none
_ROLE_CATEGORY = {"has_disease": "Disease", "has_finding": "Finding", "received": "Therapy",
                  "has_outcome": "Outcome", "has_adverse_event": "AdverseEvent", "targets": "Gene"}


def _id(term: ox.Term) -> str:
    return compress(term.value) or term.value


def _plain(term: ox.Term | None) -> object:
    """A literal as a Python value (int, float, bool, str); None when unbound."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        kind = term.datatype.value.rsplit("#", 1)[-1]
        if kind == "integer":
            return int(term.value)
        if kind in {"decimal", "double", "float"}:
            number = float(term.value)
            return int(number) if number.is_integer() else number
        if kind == "boolean":
            return term.value in {"true", "1"}
        return term.value
    return _id(term)


def _by_fact(store: CaseStore, sparql: str) -> dict[str, list[str]]:
    values: dict[str, set[str]] = defaultdict(set)
    for row in store.query(sparql):
        values[_id(row[0])].add(row[1].value)
    return {key: sorted(items) for key, items in values.items()}


def _attributes(**values: object) -> dict[str, object]:
    """Edge or node attributes without the unset ones (GraphML has no null)."""
    return {key: value for key, value in values.items() if value is not None and value != ""}


def facts_graph(store: CaseStore) -> nx.MultiDiGraph:
    """The collapsed MultiDiGraph of the store (see the module docstring)."""
    graph = nx.MultiDiGraph(name="CaseKG facts")
    for row in store.query(_PEOPLE):
        kind = row["kind"].value
        label = _plain(row["title"]) or row["label"].value
        graph.add_node(_id(row["node"]), **_attributes(
            kind=kind, label=label, category="CaseReport" if kind == "document" else "Patient",
            curie=_id(row["node"]), age=_plain(row["age"]), sex=_plain(row["sex"])))
    for row in store.query(_CONCEPTS):
        node = _id(row["c"])
        if node not in graph:
            graph.add_node(node, **_attributes(kind="concept", curie=node, label=_plain(row["label"]) or node,
                                               category=_plain(row["category"])))
    evidence = _by_fact(store, _EVIDENCE)
    qualifiers = _by_fact(store, _QUALIFIERS)
    roles: dict[str, set[str]] = defaultdict(set)

    for row in store.query(_FACTS):
        report, patient, fact = _id(row["report"]), _id(row["patient"]), _id(row["fact"])
        link, code = row["link"].value, _id(row["code"])
        graph.add_edge(_id(row["report"]), patient, key=f"{report}->{patient}", relation="describes")
        therapy = _plain(row["therapy"])
        source = _id(row["therapy_code"]) if therapy else patient
        roles[code].add(link)
        graph.add_edge(source, code, key=f"{therapy}->{fact}" if therapy else fact, **_attributes(
            relation=link, fact=fact, document=report, patient=patient,
            therapy_fact=therapy, negated=_plain(row["negated"]), certainty=_plain(row["certainty"]),
            grade=_plain(row["grade"]), sequence=_plain(row["sequence"]),
            qualifiers=", ".join(qualifiers.get(fact, ())), evidence=" | ".join(evidence.get(fact, ()))))
    for row in store.query(_TARGETS):
        therapy, gene = _id(row["therapy"]), _id(row["gene"])
        roles[gene].add("targets")
        graph.add_edge(_id(row["code"]), gene, key=f"{therapy}->{gene}", relation="targets",
                       therapy_fact=therapy, patient=_id(row["patient"]), document=_id(row["report"]))
    for node, played in roles.items():
        graph.nodes[node]["roles"] = ",".join(sorted(played))
        if "category" not in graph.nodes[node]:
            graph.nodes[node]["category"] = _ROLE_CATEGORY[sorted(played)[0]]
    return graph
