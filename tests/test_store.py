"""The store: atomic graph replacement, locking, read-only access, version markers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.store.store import CaseStore

G = ox.NamedNode("https://w3id.org/casekg/id/graph/doc-1")
OTHER = ox.NamedNode("https://w3id.org/casekg/id/graph/doc-2")


def quad(s: str, o: str, graph: ox.NamedNode = G) -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"http://example.org/{s}"), ox.NamedNode("http://example.org/p"), ox.Literal(o), graph)


def test_replace_graph_replaces_only_that_graph(tmp_path: Path) -> None:
    store = CaseStore(tmp_path / "s")
    store.replace_graph(G, [quad("a", "1"), quad("b", "2")])
    store.replace_graph(OTHER, [quad("c", "3", OTHER)])
    store.replace_graph(G, [quad("a", "one")])
    values = sorted(q.object.value for q in store.quads())
    assert values == ["3", "one"]


def test_replace_graph_is_all_or_nothing(tmp_path: Path) -> None:
    store = CaseStore(tmp_path / "s")
    store.replace_graph(G, [quad("a", "old")])
    # an update that fails half-way (its second part is invalid) must leave the old graph
    with pytest.raises((StoreError, SyntaxError, ValueError)):
        store.oxigraph.update(f"DROP SILENT GRAPH {G} ; INSERT DATA {{ GRAPH {G} {{ <x:a> <x:p> }} }}")
    assert [q.object.value for q in store.quads()] == ["old"]


def test_literals_with_quotes_and_newlines_survive(tmp_path: Path) -> None:
    store = CaseStore(tmp_path / "s")
    tricky = 'x" } ; DROP ALL ; #\nline two \\ end'
    store.replace_graph(G, [quad("a", tricky)])
    assert [q.object.value for q in store.quads()] == [tricky]


def test_same_graph_ignores_which_run_produced_it(tmp_path: Path) -> None:
    store = CaseStore(tmp_path / "s")
    run = ox.NamedNode("http://www.w3.org/ns/prov#wasGeneratedBy")
    first = [quad("a", "1"), ox.Quad(ox.NamedNode("http://example.org/a"), run, ox.NamedNode("urn:run:1"), G)]
    second = [quad("a", "1"), ox.Quad(ox.NamedNode("http://example.org/a"), run, ox.NamedNode("urn:run:2"), G)]
    store.replace_graph(G, first)
    assert store.same_graph(G, second)
    assert not store.same_graph(G, [quad("a", "2")])


def test_ensure_graph_writes_once_per_version(tmp_path: Path) -> None:
    store = CaseStore(tmp_path / "s")
    assert store.ensure_graph(OTHER, [quad("t", "1", OTHER)], "v1")
    assert not store.ensure_graph(OTHER, [quad("t", "1", OTHER)], "v1")
    assert store.ensure_graph(OTHER, [quad("t", "2", OTHER)], "v2")
    values = sorted(q.object.value for q in store.quads() if q.predicate.value == "http://example.org/p")
    assert values == ["2"]


def test_ontology_graph_is_loaded(tmp_path: Path) -> None:
    store = CaseStore(tmp_path / "s")
    assert store.ensure_ontology()
    assert not store.ensure_ontology()
    assert bool(store.query("ASK { <https://w3id.org/casekg/vocab#Patient> a <http://www.w3.org/2002/07/owl#Class> }"))


def test_read_only_open_of_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no CaseKG store at"):
        CaseStore(tmp_path / "missing", read_only=True)


def test_store_in_use_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "s"
    store = CaseStore(path)
    store.replace_graph(G, [quad("a", "1")])
    store.flush()
    code = (
        "import sys\n"
        "from kg.store.store import CaseStore\n"
        "from kg.errors import StoreLockedError\n"
        "try:\n"
        f"    CaseStore({str(path)!r})\n"
        "except StoreLockedError as e:\n"
        "    print(e); sys.exit(3)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 3, result.stderr
    assert f"store {path} is in use by another process" in result.stdout
    assert "Traceback" not in result.stderr
    store.close()
    # once released, another process can open it
    reader = subprocess.run(
        [sys.executable, "-c", f"from kg.store.store import CaseStore; print(len(CaseStore({str(path)!r}, read_only=True)))"],
        capture_output=True, text=True, timeout=60,
    )
    assert reader.returncode == 0, reader.stderr
    assert reader.stdout.strip() == "1"


def test_case_nquads_escape_literals_and_write_decimal_ages(tmp_path: Path) -> None:
    """The graph is written as N-Quads text by hand: quotes, backslashes and line breaks in
    literals survive, and ages are xsd:decimal lexical forms (60, not 6E+1)."""
    from kg.extract import Extractor
    from kg.pipeline import _extract, run_started_at
    from kg.rdf import Activity, case_quads
    from kg.rdf.case_graph import case_nquads
    from kg.read import read_data

    text = 'A 60-year-old man with AML said "no\\\\pain".\r\nHe received imatinib.'
    document = read_data(text.encode(), "weird \"name\".txt", "text")[0]
    case = _extract(document, Extractor.builtin(), True)
    activity = Activity("0", "0", run_started_at())
    graph, data, count = case_nquads(case, activity)
    quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == count and case_quads(case, activity)[1] == quads
    values = {q.object.value for q in quads if isinstance(q.object, ox.Literal)}
    assert 'weird "name".txt' in values
    assert any('"no\\\\pain"' in v for v in values)
    ages = [q.object for q in quads if q.predicate.value.endswith("#age")]
    assert [a.value for a in ages] == ["60"]


def test_a_relatives_condition_is_a_mention_with_an_experiencer() -> None:
    """"Her mother had breast cancer": the mention says whose condition it names
    (ckg:experiencer "other"); the patient's own mentions, and a therapy "from his mother",
    carry none."""
    from kg.extract import Extractor
    from kg.pipeline import _extract, run_started_at
    from kg.rdf import Activity, case_quads
    from kg.read import read_data

    text = ("A 40-year-old woman with asthma underwent bone marrow transplantation from her mother. "
            "Her mother had breast cancer.")
    document = read_data(text.encode(), "family.txt", "text")[0]
    case = _extract(document, Extractor.builtin(), True)
    quads = case_quads(case, Activity("0", "0", run_started_at()))[1]
    texts = {q.subject: q.object.value for q in quads if q.predicate.value.endswith("#text")}
    others = {texts[q.subject]: q.object.value for q in quads if q.predicate.value.endswith("#experiencer")}
    assert others == {"breast cancer": "other"}, others
    assert "asthma" in texts.values() and "bone marrow transplantation" in texts.values()
