"""`to_networkx` / `kg graph`: facts become edges between patients, documents and concepts, with the
assertion's negation, line, grade and evidence; --all-nodes keeps every RDF node. Checked against
SPARQL counts over the same store, and read back from GraphML, GEXF and JSON."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from _fixtures import local_rows
from click.testing import CliRunner

from kg.cli import cli
from kg.network import facts_graph, rdf_graph
from kg.store.store import CaseStore

CKG = "PREFIX ckg: <https://w3id.org/casekg/vocab#> "
SEED = "ckgid:case/doi-10.3389_fimmu.2025.1598754"
PATIENT = SEED + "/patient/1"


@pytest.fixture(scope="module")
def facts(example_store: Path) -> nx.MultiDiGraph:
    with CaseStore(example_store, read_only=True) as store:
        return facts_graph(store)


def count(store: Path, pattern: str) -> int:
    return local_rows(store, CKG + f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}").rows[0][0]


def edges(graph: nx.MultiDiGraph, relation: str) -> list[tuple[str, str, dict]]:
    return [(u, v, d) for u, v, d in graph.edges(data=True) if d["relation"] == relation]


def test_one_edge_per_fact(facts: nx.MultiDiGraph, example_store: Path) -> None:
    expected = {
        "describes": count(example_store, "?r ckg:describes ?p"),
        "has_disease": count(example_store, "?p ckg:hasDiagnosis ?f"),
        "has_finding": count(example_store, "?p ckg:hasFinding ?f"),
        "received": count(example_store, "?p ckg:receivedTherapy ?f"),
        "has_outcome": count(example_store, "{ ?t ckg:hasOutcome ?f } UNION { ?p ckg:hasOverallOutcome ?f }"),
        "has_adverse_event": count(example_store, "?t ckg:hasAdverseEvent ?f"),
        "targets": count(example_store, "?t ckg:target ?g"),
    }
    assert Counter(d["relation"] for _, _, d in facts.edges(data=True)) == expected
    assert min(expected.values()) > 0


def test_nodes_are_patients_documents_and_concepts(facts: nx.MultiDiGraph) -> None:
    kinds = Counter(d["kind"] for _, d in facts.nodes(data=True))
    assert kinds["document"] == kinds["patient"] == 7 and kinds["concept"] > 20 and len(kinds) == 3
    assert facts.nodes[PATIENT].items() >= {"kind": "patient", "age": 35, "sex": "male", "curie": PATIENT}.items()
    aml = facts.nodes["MONDO:0018874"]
    assert (aml["label"], aml["category"], aml["curie"]) == ("acute myeloid leukemia", "Disease", "MONDO:0018874")
    assert facts.nodes["NCIT:C126102"]["roles"] == "received"


def test_worked_example_as_edges(facts: nx.MultiDiGraph) -> None:
    (dx,) = [d for d in facts.get_edge_data(PATIENT, "MONDO:0018874").values()]
    assert dx["relation"] == "has_disease" and dx["negated"] is False and dx["certainty"] == "affirmed"
    assert {"relapsed", "refractory"} <= set(dx["qualifiers"].split(", "))
    assert dx["evidence"] and dx["document"] == SEED
    (cart,) = facts.get_edge_data(PATIENT, "NCIT:C126102").values()
    assert (cart["relation"], cart["sequence"]) == ("received", 2)
    shock = [d for d in facts.get_edge_data("NCIT:C126102", "MESH:D012772").values() if d["patient"] == PATIENT]
    assert shock and shock[0]["relation"] == "has_adverse_event" and shock[0]["sequence"] == 2
    assert any(d["relation"] == "targets" and d["patient"] == PATIENT
               for d in facts.get_edge_data("NCIT:C126102", "NCBIGene:160364").values())


def test_negation_and_grade_are_edge_attributes(facts: nx.MultiDiGraph, example_store: Path) -> None:
    links = "ckg:hasDiagnosis|ckg:hasFinding|ckg:hasOverallOutcome|ckg:hasOutcome|ckg:hasAdverseEvent"
    negated = count(example_store, f"?x {links} ?f . ?f ckg:negated true")  # one edge per link of a fact
    assert negated > 0
    assert sum(1 for _, _, d in facts.edges(data=True) if d.get("negated") is True) == negated
    graded = count(example_store, "?t ckg:hasAdverseEvent ?f . ?f ckg:grade ?g")
    assert sum(1 for _, _, d in edges(facts, "has_adverse_event") if "grade" in d) == graded > 0


def test_all_nodes_keeps_every_rdf_node(example_store: Path) -> None:
    with CaseStore(example_store, read_only=True) as store:
        full = rdf_graph(store)
    subjects = count(example_store, "{ SELECT DISTINCT ?s WHERE { ?s a ?type "
                     "FILTER(STRSTARTS(STR(?s), 'https://w3id.org/casekg/id/case/')) } }")
    data_nodes = [n for n, d in full.nodes(data=True) if n.startswith("ckgid:")]
    assert len(data_nodes) >= subjects > 100
    mention = SEED + "/mention/"
    some_mention = next(n for n in data_nodes if n.startswith(mention))
    assert full.nodes[some_mention]["ckg:text"]
    assert any(d["relation"] == "ckg:code" for d in full.get_edge_data(SEED + "/therapy/2", "NCIT:C126102").values())
    assert full.nodes["MONDO:0018874"]["rdfs:label"] == "acute myeloid leukemia"  # from the terms graph
    assert not any(d["kind"] == "blank" for _, d in full.nodes(data=True))  # the TBox stays out


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_kg_graph_files_read_back(example_store: Path, facts: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"casekg.{fmt}"
    result = CliRunner().invoke(cli, ["--store", str(example_store), "graph", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{facts.number_of_nodes()} node(s), {facts.number_of_edges()} edge(s)" in result.stdout
    if fmt == "graphml":
        back = nx.read_graphml(out)
    elif fmt == "gexf":
        back = nx.read_gexf(out)
    else:
        back = nx.node_link_graph(json.loads(out.read_text()), edges="edges")
    assert back.number_of_nodes() == facts.number_of_nodes()
    assert back.number_of_edges() == facts.number_of_edges()
    assert back.nodes["MONDO:0018874"]["label"] == "acute myeloid leukemia"
    negated = [d for _, _, d in back.edges(data=True) if d.get("negated") in (True, "true")]
    assert len(negated) == sum(1 for _, _, d in facts.edges(data=True) if d.get("negated") is True)


def test_all_nodes_file_joins_multiple_values(example_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.graphml"
    result = CliRunner().invoke(cli, ["--store", str(example_store), "graph", "--all-nodes", "-o", str(out)])
    assert result.exit_code == 0, result.output
    back = nx.read_graphml(out)
    dx = back.nodes[SEED + "/diagnosis/1"]
    assert set(dx["ckg:qualifier"].split(" | ")) >= {"relapsed", "refractory"}
