"""`kg export --format owl|owl-turtle`: an OWL 2 DL document that OWL tools read and reason over,
and Turtle/TriG exports without the `\\/` escapes some stores mis-read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.rdf.namespaces import CKG, OWL, RDF, RDFS
from kg.store.export import export, plain_prefixes
from kg.store.owl import OWL2_DATATYPES
from kg.store.store import CaseStore

SEED_003 = "https://w3id.org/casekg/id/case/doi-10.3389_fimmu.2025.1598754"
AML = "http://purl.obolibrary.org/obo/MONDO_0018874"
TYPE = ox.NamedNode(RDF + "type")
LABEL = ox.NamedNode(RDFS + "label")
INDIVIDUAL = ox.NamedNode(OWL + "NamedIndividual")
DECLARATIONS = {OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty",
                OWL + "NamedIndividual", RDFS + "Datatype"}


def run_export(store: Path, fmt: str, out: Path) -> Path:
    result = CliRunner().invoke(cli, ["--store", str(store), "export", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def owl_file(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_export(example_store, "owl", tmp_path_factory.mktemp("owl") / "casekg.owl")


@pytest.fixture(scope="module")
def owl_triples(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> list[ox.Triple]:
    path = run_export(example_store, "owl-turtle", tmp_path_factory.mktemp("owl") / "casekg.owl.ttl")
    return list(ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE))


@pytest.fixture(scope="module")
def owlready2_module():
    module = pytest.importorskip("owlready2", reason="owlready2 is not installed - no HermiT check")
    if shutil.which("java") is None:
        pytest.skip("Java is not on PATH; owlready2 needs it to run HermiT")
    return module


def reason(owlready2, path: Path):
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    with onto:
        owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
    return world


def test_hermit_finds_the_export_consistent_with_classes_and_individuals(owlready2_module, owl_file: Path) -> None:
    world = reason(owlready2_module, owl_file)
    assert list(world.inconsistent_classes()) == []
    patient_class = world[CKG + "Patient"]
    patients = {p.iri for p in patient_class.instances()}
    assert SEED_003 + "/patient/1" in patients
    assert len(patients) == 7
    therapies = {t.iri for t in world[CKG + "Therapy"].instances()}
    assert SEED_003 + "/therapy/2" in therapies
    # subclass reasoning: every therapy is a clinical assertion
    assert therapies <= {a.iri for a in world[CKG + "ClinicalAssertion"].instances()}
    aml = world[AML]
    assert aml is not None and aml.label == ["acute myeloid leukemia"]
    world.close()


def test_hermit_sees_broken_data(owlready2_module, tmp_path: Path) -> None:
    """Guard against a vacuous pass: a therapy with two line numbers (functional) is inconsistent."""
    path = tmp_path / "store"
    with CaseStore(path) as store:
        from kg.pipeline import ingest

        ingest([Path(__file__).resolve().parent.parent / "examples" / "cml_imatinib_case.txt"], store)
        (therapy,) = [row["t"] for row in store.query(f"SELECT ?t WHERE {{ ?t <{CKG}sequence> 1 }} LIMIT 1")]
        graph = next(iter(store.documents()))
        integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
        store.add([ox.Quad(therapy, ox.NamedNode(CKG + "sequence"), ox.Literal("7", datatype=integer), graph)])
    out = run_export(path, "owl", tmp_path / "bad.owl")
    with pytest.raises(owlready2_module.OwlReadyInconsistentOntologyError):
        reason(owlready2_module, out)


def test_py_horned_owl_parses_the_export(owl_file: Path) -> None:
    pyhornedowl = pytest.importorskip("pyhornedowl", reason="py-horned-owl is not installed")
    ontology = pyhornedowl.open_ontology(str(owl_file), "rdf")
    assert str(ontology.get_iri()) == "https://w3id.org/casekg/id/export"
    assert str(ontology.get_version_iri()).startswith("https://w3id.org/casekg/id/export/sha256-")
    classes = set(ontology.get_classes())
    assert {CKG + name for name in ("Patient", "Diagnosis", "Therapy", "Outcome", "AdverseEvent")} <= classes
    individuals = set(ontology.get_named_individuals())
    assert {SEED_003 + "/patient/1", SEED_003 + "/therapy/2", AML} <= individuals
    assert CKG + "code" in set(ontology.get_object_properties())
    assert CKG + "negated" in set(ontology.get_data_properties())


def test_one_header_with_a_version_iri(owl_triples: list[ox.Triple]) -> None:
    headers = [t.subject for t in owl_triples if t.predicate == TYPE and t.object == ox.NamedNode(OWL + "Ontology")]
    assert headers == [ox.NamedNode("https://w3id.org/casekg/id/export")]
    versions = [t.object for t in owl_triples if t.subject == headers[0] and t.predicate.value == OWL + "versionIRI"]
    assert len(versions) == 1 and versions[0].value.startswith("https://w3id.org/casekg/id/export/sha256-")


def test_every_used_term_is_declared_with_a_label(owl_triples: list[ox.Triple]) -> None:
    declared: dict[ox.NamedNode, set[str]] = {}
    for t in owl_triples:
        if t.predicate == TYPE and isinstance(t.subject, ox.NamedNode) and t.object.value in DECLARATIONS:
            declared.setdefault(t.subject, set()).add(t.object.value)
    labelled = {t.subject for t in owl_triples if t.predicate == LABEL}
    built_in = {RDF + "type", RDFS + "label", RDFS + "comment", RDFS + "seeAlso", OWL + "versionInfo"}
    problems = []
    for t in owl_triples:
        if t.predicate.value not in built_in and not t.predicate.value.startswith((RDF, OWL, RDFS)):
            if t.predicate not in declared:
                problems.append(f"undeclared property {t.predicate}")
        if t.predicate.value in {CKG + "code", CKG + "target", CKG + "species"}:
            if OWL + "NamedIndividual" not in declared.get(t.object, set()):
                problems.append(f"concept {t.object} is not a declared individual")
            if t.object not in labelled:
                problems.append(f"concept {t.object} has no label")
        if t.predicate == TYPE and t.object.value.startswith(CKG):
            if OWL + "NamedIndividual" not in declared.get(t.subject, set()):
                problems.append(f"data node {t.subject} is not a declared individual")
    for term in declared:
        if term not in labelled:
            problems.append(f"declared term {term} has no label")
    assert not sorted(set(problems)), sorted(set(problems))[:10]


def test_literals_use_only_owl2_datatypes(owl_triples: list[ox.Triple]) -> None:
    datatypes = {t.object.datatype.value for t in owl_triples if isinstance(t.object, ox.Literal)}
    assert datatypes <= OWL2_DATATYPES
    dates = [t.object for t in owl_triples if t.predicate.value == "http://purl.org/dc/terms/date"]
    assert dates and all(d.value[:4].isdigit() for d in dates)  # xsd:date values kept, as strings


def test_tbox_class_expressions_stay_blank_nodes(owl_file: Path) -> None:
    triples = list(ox.parse(owl_file.read_bytes(), format=ox.RdfFormat.RDF_XML))
    union_of = [t for t in triples if t.predicate.value == OWL + "unionOf"]
    assert union_of and all(isinstance(t.subject, ox.BlankNode) for t in union_of)
    assert not any(t.subject.value.startswith("https://w3id.org/casekg/id/.well-known/genid") for t in triples)


def test_owl_export_is_repeatable(example_store: Path, tmp_path: Path) -> None:
    first = run_export(example_store, "owl", tmp_path / "a.owl").read_bytes()
    second = run_export(example_store, "owl", tmp_path / "b.owl").read_bytes()
    assert first == second


@pytest.mark.parametrize("fmt, syntax", [("turtle", ox.RdfFormat.TURTLE), ("trig", ox.RdfFormat.TRIG)])
def test_turtle_and_trig_have_no_escaped_local_names_and_round_trip(
    example_store: Path, tmp_path: Path, fmt: str, syntax: ox.RdfFormat
) -> None:
    data = run_export(example_store, fmt, tmp_path / f"x.{fmt}").read_bytes()
    assert b"\\/" not in data
    assert b"@prefix ckgid:" not in data  # case/... IRIs are written in full
    reparsed = {(str(q.subject), str(q.predicate), str(q.object)) for q in ox.parse(data, format=syntax)
                if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
    with CaseStore(example_store, read_only=True) as store:
        stored = {(str(q.subject), str(q.predicate), str(q.object)) for q in store.quads()
                  if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
    assert reparsed == stored


def test_plain_prefixes_drops_a_prefix_with_any_non_plain_local_name() -> None:
    ex = "http://example.org/"
    items = [
        ox.Triple(ox.NamedNode(ex + "a/b"), ox.NamedNode("http://other.org/p"), ox.NamedNode("http://third.org/x-1")),
    ]
    chosen = plain_prefixes({"ex": ex, "o": "http://other.org/", "t": "http://third.org/"}, items)
    assert chosen == {"o": "http://other.org/", "t": "http://third.org/"}


def test_export_to_a_binary_stream_matches_the_file(example_store: Path, tmp_path: Path) -> None:
    import io

    buffer = io.BytesIO()
    with CaseStore(example_store, read_only=True) as store:
        export(store, "owl-turtle", buffer)
    assert buffer.getvalue() == run_export(example_store, "owl-turtle", tmp_path / "o.ttl").read_bytes()
