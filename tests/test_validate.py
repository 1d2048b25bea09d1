"""`kg validate` (SHACL, ontologies/shapes.ttl): our own graphs conform, and each kind of broken
graph is reported on the right node and property, with exit code 1."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import rdflib
from _fixtures import EXAMPLES, kg

from kg.identifiers import PREFIXES
from kg.pipeline import ingest
from kg.resources import ontologies_dir
from kg.store.store import CaseStore

pytest.importorskip("pyshacl", reason="pySHACL is not installed (pip install -e '.[dev]')")

CASE = "https://w3id.org/casekg/id/case/sha256-f3de8bbb2d8eee35"
SHORT = "ckgid:case/sha256-f3de8bbb2d8eee35"
CKG = "https://w3id.org/casekg/vocab#"


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("validate") / "store"
    with CaseStore(path) as store:
        report = ingest([EXAMPLES / "cml_imatinib_case.txt"], store)
    assert report.graphs == ["https://w3id.org/casekg/id/graph/sha256-f3de8bbb2d8eee35"]
    return path


def broken(small_store: Path, tmp_path: Path, update: str) -> Path:
    """A copy of the small store after ``update`` (which must change something)."""
    path = tmp_path / "broken"
    shutil.copytree(small_store, path)
    with CaseStore(path) as store:
        before = set(store.quads())
        store.oxigraph.update(f"PREFIX ckg: <{CKG}>\n" + update)
        assert set(store.quads()) != before, "the update changed nothing"
    return path


def test_our_graphs_conform(example_store: Path) -> None:
    code, out, err = kg("--store", str(example_store), "validate")
    assert code == 0, out + err
    assert out.splitlines()[-1].startswith("conforms: no violations")


def drop(node: str, prop: str) -> str:
    """The update that removes every ``ckg:<prop>`` of ``<CASE>/<node>``."""
    return f"DELETE WHERE {{ GRAPH ?g {{ <{CASE}/{node}> ckg:{prop} ?old }} }}"


def put(node: str, prop: str, value: str) -> str:
    """The update that sets ``ckg:<prop>`` of ``<CASE>/<node>`` to ``value`` (replacing any)."""
    where = f"GRAPH ?g {{ <{CASE}/{node}> a ?class }} OPTIONAL {{ GRAPH ?g {{ <{CASE}/{node}> ckg:{prop} ?old }} }}"
    return (f"DELETE {{ GRAPH ?g {{ <{CASE}/{node}> ckg:{prop} ?old }} }} "
            f"INSERT {{ GRAPH ?g {{ <{CASE}/{node}> ckg:{prop} {value} }} }} WHERE {{ {where} }}")


# (what is broken, SPARQL update, focus node, property, the rule's message)
BREAKAGES = [
    ("therapy without a line", drop("therapy/1", "sequence"),
     "therapy/1", "ckg:sequence", "every Therapy has one ckg:sequence"),
    ("therapy without a code", drop("therapy/2", "code"),
     "therapy/2", "ckg:code", "every fact has exactly one ckg:code"),
    ("code that is a literal", put("diagnosis/1", "code", '"MONDO:0011996"'),
     "diagnosis/1", "ckg:code", "ckg:code is an IRI in a known namespace"),
    ("code in an unknown namespace", put("diagnosis/1", "code", "<http://example.org/cml>"),
     "diagnosis/1", "ckg:code", "ckg:code is an IRI in a known namespace"),
    ("fact without evidence", drop("outcome/1", "evidence"),
     "outcome/1", "ckg:evidence", "every fact has evidence"),
    ("negation not written", drop("adverse-event/1", "negated"),
     "adverse-event/1", "ckg:negated", "ckg:negated is always written"),
    ("negation as a string", put("finding/1", "negated", '"false"'),
     "finding/1", "ckg:negated", "ckg:negated is always written, once, as an xsd:boolean"),
    ("unknown certainty", put("outcome/2", "certainty", '"maybe"'),
     "outcome/2", "ckg:certainty", "ckg:certainty is one of"),
    ("grade out of range", put("adverse-event/1", "grade", "9"),
     "adverse-event/1", "ckg:grade", "ckg:grade is at most one xsd:integer from 1 to 5"),
    ("sex spelled otherwise", put("patient/1", "sex", '"F"'),
     "patient/1", "ckg:sex", "every Patient has one ckg:sex"),
    ("outcome that is not an Outcome", put("therapy/1", "hasOutcome", f"<{CASE}/finding/1>"),
     "therapy/1", "ckg:hasOutcome", "ckg:hasOutcome points to an Outcome"),
    ("mention ending before it starts", put("mention/1121-1130", "end", "0"),
     "mention/1121-1130", "ckg:start", "ckg:start is one xsd:integer >= 0, before ckg:end"),
]


@pytest.mark.parametrize("what, update, focus, path, message", BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_broken_graph_is_reported(small_store: Path, tmp_path: Path, what: str, update: str,
                                  focus: str, path: str, message: str) -> None:
    store = broken(small_store, tmp_path, update)
    code, out, err = kg("--store", str(store), "validate")
    assert code == 1, out + err
    lines = out.splitlines()
    problems = lines[:-1]
    assert len(problems) == 1, out  # exactly the broken thing, nothing else
    node, prop, rule = problems[0].split("  ", 2)
    assert (node, prop, rule.startswith(message)) == (f"{SHORT}/{focus}", path, True), problems[0]
    assert re.match(r"1 violation\(s\) on 1 node\(s\)", lines[-1])


def test_warnings_are_listed_on_request(small_store: Path, tmp_path: Path) -> None:
    store = broken(small_store, tmp_path, "DELETE { GRAPH ?g { ?m ckg:extractor ?e } } INSERT { GRAPH ?g { ?m ckg:extractor "
                   "\"hand-made\" } } WHERE { { SELECT ?m WHERE { GRAPH ?x { ?m a ckg:Mention } } ORDER BY ?m LIMIT 1 } "
                   "GRAPH ?g { ?m ckg:extractor ?e } }")
    code, out, _ = kg("--store", str(store), "validate")
    assert code == 0 and "1 warning(s) (--warnings lists them)" in out and "[Warning]" not in out
    code, out, _ = kg("--store", str(store), "validate", "--warnings")
    assert code == 0
    assert "ckg:extractor  [Warning] ckg:extractor is written as name@version (MODEL.md) (value \"hand-made\")" in out


def test_bad_shapes_files_are_one_clear_line(small_store: Path, tmp_path: Path) -> None:
    code, _, err = kg("--store", str(small_store), "validate", "--shapes", str(tmp_path / "none.ttl"))
    assert (code, err.strip()) == (1, f"kg: {tmp_path / 'none.ttl'}: no such shapes file")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle\n")
    code, _, err = kg("--store", str(small_store), "validate", "--shapes", str(bad))
    assert code == 1 and err.startswith(f"kg: {bad}: not valid Turtle") and len(err.strip().splitlines()) == 1


def test_known_namespaces_match_the_identifier_prefixes() -> None:
    """The shapes' list of concept namespaces and kg.identifiers.PREFIXES stay in step."""
    shapes = rdflib.Graph().parse(ontologies_dir() / "shapes.ttl")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    pattern = str(shapes.value(rdflib.URIRef("https://w3id.org/casekg/shapes#KnownConcept"), sh.pattern))
    for prefix, (namespace, _, _) in PREFIXES.items():
        matches = re.search(pattern, namespace + "0000001") is not None
        assert matches == (prefix not in {"ckg", "ckgid"}), prefix
    assert re.search(pattern, "http://example.org/0000001") is None


def test_code_without_a_term_label_is_reported(small_store: Path, tmp_path: Path) -> None:
    store = broken(small_store, tmp_path, f"""
        DELETE {{ GRAPH ?t {{ ?c <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}
        WHERE {{ GRAPH ?g {{ <{CASE}/diagnosis/1> ckg:code ?c }}
                 GRAPH ?t {{ ?c <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}""")
    code, out, _ = kg("--store", str(store), "validate")
    assert code == 1
    assert f"{SHORT}/diagnosis/1  ckg:code  ckg:code is an IRI in a known namespace" in out
    assert "with a label and a category in the terms graph" in out
