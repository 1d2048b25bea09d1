"""The TBox (ontologies/casekg.ttl): parses everywhere, names the MODEL.md contract, stays OWL 2 DL
and is consistent under HermiT."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef

ROOT = Path(__file__).resolve().parent.parent
TBOX = ROOT / "ontologies" / "casekg.ttl"

CKG = "https://w3id.org/casekg/vocab#"
ONTOLOGY_IRI = URIRef("https://w3id.org/casekg/vocab")

# The names MODEL.md makes public: keep them (and their kind).
MODEL_CLASSES = [
    "CaseReport",
    "Patient",
    "Diagnosis",
    "Therapy",
    "Outcome",
    "AdverseEvent",
    "Finding",
    "Mention",
    "Sentence",
]
MODEL_OBJECT_PROPERTIES = [
    "describes",
    "hasDiagnosis",
    "receivedTherapy",
    "hasFinding",
    "hasMention",
    "code",
    "treats",
    "target",
    "precededBy",
    "hasOutcome",
    "hasAdverseEvent",
    "evidence",
    "sentence",
    "species",
]
MODEL_DATATYPE_PROPERTIES = [
    "negated",
    "certainty",
    "qualifier",
    "grade",
    "sequence",
    "duration",
    "age",
    "sex",
    "start",
    "end",
    "text",
    "category",
    "extractor",
]
# Additions beside the contract (recorded in the TBox with label and definition).
EXTENSION_CLASSES = ["ClinicalAssertion", "IngestActivity", "AnnotatedRelation"]
EXTENSION_OBJECT_PROPERTIES = [
    "hasOverallOutcome", "qualifierCode", "inDocument", "followedBy",
    "relationPredicate", "relationSubject", "relationObject", "pendingGraph",
]
EXTENSION_DATATYPE_PROPERTIES = [
    "section", "contentHash", "toolVersion", "lexiconVersion", "relationType", "annotationType", "experiencer",
]

ASSERTION_CLASSES = ["Diagnosis", "Therapy", "Outcome", "AdverseEvent", "Finding"]

OWL_DECLARATIONS = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDFS.Datatype,
    OWL.NamedIndividual,
}


def ckg(name: str) -> URIRef:
    return URIRef(CKG + name)


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(TBOX, format="turtle")


def ckg_subjects(graph: rdflib.Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(CKG)}


# --- parsing -------------------------------------------------------------------------------


def test_parses_in_rdflib_and_pyoxigraph_with_same_triples(graph: rdflib.Graph) -> None:
    with TBOX.open("rb") as handle:
        oxi = list(pyoxigraph.parse(handle, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(graph) > 0
    assert len(oxi) == len(graph)
    # The same named-node statements (blank nodes aside) come out of both parsers.
    rdflib_named = {
        (str(s), str(p), str(o))
        for s, p, o in graph
        if not isinstance(s, rdflib.BNode) and not isinstance(o, rdflib.BNode)
    }
    oxi_named = {
        (t.subject.value, t.predicate.value, t.object.value)
        for t in oxi
        if not isinstance(t.subject, pyoxigraph.BlankNode)
        and not isinstance(t.object, pyoxigraph.BlankNode)
    }
    assert rdflib_named == oxi_named


def test_ontology_header(graph: rdflib.Graph) -> None:
    dcterms = rdflib.Namespace("http://purl.org/dc/terms/")
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph
    assert (ONTOLOGY_IRI, OWL.versionIRI, URIRef("https://w3id.org/casekg/vocab/0.1.0")) in graph
    assert (ONTOLOGY_IRI, OWL.versionInfo, Literal("0.1.0")) in graph
    for prop in (dcterms.title, dcterms.description, RDFS.comment):
        assert graph.value(ONTOLOGY_IRI, prop) is not None, prop
    assert (
        ONTOLOGY_IRI,
        dcterms.license,
        URIRef("https://creativecommons.org/licenses/by/4.0/"),
    ) in graph


# --- every ckg: term is declared, labelled and defined ------------------------------------


def test_every_ckg_term_is_declared_labelled_and_defined(graph: rdflib.Graph) -> None:
    subjects = ckg_subjects(graph)
    assert subjects, "no ckg: terms found"
    problems = []
    for term in sorted(subjects):
        types = set(graph.objects(term, RDF.type))
        if not types & OWL_DECLARATIONS:
            problems.append(f"{term}: no OWL declaration")
        english = [
            lbl
            for lbl in graph.objects(term, RDFS.label)
            if isinstance(lbl, Literal) and lbl.language == "en"
        ]
        if len(english) != 1:
            problems.append(f"{term}: {len(english)} English rdfs:label")
        if not list(graph.objects(term, SKOS.definition)):
            problems.append(f"{term}: no skos:definition")
    assert not problems, "\n".join(problems)


def test_no_undeclared_ckg_iri_is_referenced(graph: rdflib.Graph) -> None:
    """A ckg: IRI used as an object (domain, range, superclass...) must itself be declared."""
    subjects = ckg_subjects(graph)
    used = {o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(CKG)}
    assert used <= subjects, sorted(used - subjects)


# --- the MODEL.md contract ------------------------------------------------------------------


@pytest.mark.parametrize("name", MODEL_CLASSES + EXTENSION_CLASSES)
def test_class_is_declared(graph: rdflib.Graph, name: str) -> None:
    assert (ckg(name), RDF.type, OWL.Class) in graph


@pytest.mark.parametrize("name", MODEL_OBJECT_PROPERTIES + EXTENSION_OBJECT_PROPERTIES)
def test_object_property_is_declared(graph: rdflib.Graph, name: str) -> None:
    assert (ckg(name), RDF.type, OWL.ObjectProperty) in graph
    assert (ckg(name), RDF.type, OWL.DatatypeProperty) not in graph


@pytest.mark.parametrize("name", MODEL_DATATYPE_PROPERTIES + EXTENSION_DATATYPE_PROPERTIES)
def test_datatype_property_is_declared(graph: rdflib.Graph, name: str) -> None:
    assert (ckg(name), RDF.type, OWL.DatatypeProperty) in graph
    assert (ckg(name), RDF.type, OWL.ObjectProperty) not in graph
    # Datatype properties range over XSD datatypes (or an enumeration of literals).
    ranges = list(graph.objects(ckg(name), RDFS.range))
    assert len(ranges) == 1, ranges
    rng = ranges[0]
    if isinstance(rng, URIRef):
        assert str(rng).startswith(str(rdflib.XSD)), rng
    else:
        assert (rng, RDF.type, RDFS.Datatype) in graph
        assert graph.value(rng, OWL.oneOf) is not None


def test_ckg_terms_are_exactly_the_listed_ones(graph: rdflib.Graph) -> None:
    """A new ckg: term must be added to this test's lists (and so, reviewed)."""
    listed = {
        ckg(n)
        for n in MODEL_CLASSES
        + EXTENSION_CLASSES
        + MODEL_OBJECT_PROPERTIES
        + EXTENSION_OBJECT_PROPERTIES
        + MODEL_DATATYPE_PROPERTIES
        + EXTENSION_DATATYPE_PROPERTIES
    }
    assert ckg_subjects(graph) == listed


def test_no_iri_is_both_object_and_datatype_property(graph: rdflib.Graph) -> None:
    obj = set(graph.subjects(RDF.type, OWL.ObjectProperty))
    dat = set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    ann = set(graph.subjects(RDF.type, OWL.AnnotationProperty))
    assert not obj & dat
    assert not (obj | dat) & ann


def test_external_properties_used_in_data_are_declared(graph: rdflib.Graph) -> None:
    dcterms = rdflib.Namespace("http://purl.org/dc/terms/")
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    for prop in (dcterms.identifier, dcterms.title, dcterms.date, dcterms.source):
        assert (prop, RDF.type, OWL.AnnotationProperty) in graph, prop
    for prop in (SKOS.exactMatch, SKOS.closeMatch, SKOS.definition):
        assert (prop, RDF.type, OWL.AnnotationProperty) in graph, prop
    assert (prov.wasGeneratedBy, RDF.type, OWL.ObjectProperty) in graph
    assert (prov.startedAtTime, RDF.type, OWL.DatatypeProperty) in graph
    assert (ckg("IngestActivity"), RDFS.subClassOf, prov.Activity) in graph


def test_assertion_classes_share_a_superclass(graph: rdflib.Graph) -> None:
    for name in ASSERTION_CLASSES:
        assert (ckg(name), RDFS.subClassOf, ckg("ClinicalAssertion")) in graph, name


def _disjoint_groups(graph: rdflib.Graph) -> list[set[URIRef]]:
    groups = []
    for node in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = graph.value(node, OWL.members)
        groups.append(set(rdflib.collection.Collection(graph, members)))
    return groups


def test_assertion_classes_are_pairwise_disjoint(graph: rdflib.Graph) -> None:
    groups = _disjoint_groups(graph)
    assert {ckg(n) for n in ASSERTION_CLASSES} in groups
    top = {ckg(n) for n in ["ClinicalAssertion", "Patient", "Mention", "Sentence", "CaseReport"]}
    assert any(top <= g for g in groups)


@pytest.mark.parametrize(
    "name",
    ["negated", "certainty", "grade", "sequence", "age", "sex", "start", "end", "text", "sentence"],
)
def test_single_valued_properties_are_functional(graph: rdflib.Graph, name: str) -> None:
    assert (ckg(name), RDF.type, OWL.FunctionalProperty) in graph


def test_inverses(graph: rdflib.Graph) -> None:
    assert (ckg("inDocument"), OWL.inverseOf, ckg("hasMention")) in graph
    assert (ckg("followedBy"), OWL.inverseOf, ckg("precededBy")) in graph


# --- alignments -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "namespaces",
    [
        ("https://w3id.org/biolink/vocab/",),
        ("http://semanticscience.org/resource/SIO_", "http://purl.obolibrary.org/obo/NCIT_"),
        ("http://purl.obolibrary.org/obo/IAO_",),
        ("http://purl.obolibrary.org/obo/MAXO_",),
        ("http://www.w3.org/ns/prov#",),
    ],
    ids=["biolink", "sio-or-ncit", "iao", "maxo", "prov"],
)
def test_alignment_exists(graph: rdflib.Graph, namespaces: tuple[str, ...]) -> None:
    targets = {
        str(o)
        for p in (SKOS.exactMatch, SKOS.closeMatch)
        for s, o in graph.subject_objects(p)
        if str(s).startswith(CKG)
    }
    assert any(t.startswith(ns) for t in targets for ns in namespaces), namespaces


# --- OWL 2 DL reasoning (HermiT through owlready2) ------------------------------------------


@pytest.fixture(scope="module")
def owlready2_module():
    module = pytest.importorskip(
        "owlready2", reason="owlready2 is not installed (pip install owlready2) - no HermiT check"
    )
    if shutil.which("java") is None:
        pytest.skip("Java is not on PATH; owlready2 needs it to run HermiT")
    return module


def _load_into_fresh_world(owlready2, graph: rdflib.Graph, path: Path):
    graph.serialize(destination=str(path), format="xml")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    return world, onto


def test_tbox_is_consistent_under_hermit(owlready2_module, graph: rdflib.Graph, tmp_path) -> None:
    owlready2 = owlready2_module
    world, onto = _load_into_fresh_world(owlready2, graph, tmp_path / "casekg.owl")
    try:
        with onto:
            owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError as exc:  # pragma: no cover - the failure
        pytest.fail(f"HermiT finds the TBox inconsistent: {exc}")
    patient = world[CKG + "Patient"]
    assert patient is not None
    assert isinstance(patient, owlready2.ThingClass)
    assert list(world.inconsistent_classes()) == []
    world.close()


def test_hermit_sees_the_disjointness(owlready2_module, tmp_path) -> None:
    """Guard against a vacuous pass: a node typed both Diagnosis and Therapy is inconsistent."""
    owlready2 = owlready2_module
    data = rdflib.Graph().parse(TBOX, format="turtle")
    bad = URIRef("https://w3id.org/casekg/id/case/test/assertion/1")
    data.add((bad, RDF.type, OWL.NamedIndividual))
    data.add((bad, RDF.type, ckg("Diagnosis")))
    data.add((bad, RDF.type, ckg("Therapy")))
    world, onto = _load_into_fresh_world(owlready2, data, tmp_path / "bad.owl")
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        with onto:
            owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
    world.close()
