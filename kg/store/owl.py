"""The store as one OWL 2 DL document, for Protégé and OWL reasoners.

A plain RDF export is not an ontology an OWL tool can read faithfully: it has no
``owl:Ontology`` header, data nodes and concept IRIs (the values of ``ckg:code``,
``ckg:target``, ``ckg:species``) are not declared individuals, and a property used without
a declaration makes the RDF-to-OWL mapping fail. This module adds exactly those
declarations (with a label for every term), replaces the TBox's own header with a header
for the export (a content-derived version IRI), drops the store's bookkeeping markers,
writes literals of datatypes outside the OWL 2 datatype map (``xsd:date`` of
``dcterms:date``) as plain strings, and keeps everything else, blank-node class
expressions included, as it is.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import pyoxigraph as ox

from kg.identifiers import compress
from kg.rdf.namespaces import CKG, CKGID, DCTERMS, ONTOLOGY_GRAPH, OWL, RDF, RDFS

__all__ = ["OWL_FORMATS", "OWL2_DATATYPES", "EXPORT_ONTOLOGY", "owl_document"]

#: ``kg export --format`` names of the OWL documents and their RDF syntax
OWL_FORMATS: dict[str, ox.RdfFormat] = {"owl": ox.RdfFormat.RDF_XML, "owl-turtle": ox.RdfFormat.TURTLE}

#: IRI of the exported ontology; its version IRI adds the content hash
EXPORT_ONTOLOGY = CKGID + "export"

_TYPE = ox.NamedNode(RDF + "type")
_LABEL = ox.NamedNode(RDFS + "label")
_TEXT = ox.NamedNode(CKG + "text")
_ONTOLOGY = ox.NamedNode(OWL + "Ontology")
_VERSION_INFO = ox.NamedNode(OWL + "versionInfo")
_VERSION_IRI = ox.NamedNode(OWL + "versionIRI")
_INDIVIDUAL = ox.NamedNode(OWL + "NamedIndividual")
_ANNOTATION_PROPERTY = ox.NamedNode(OWL + "AnnotationProperty")
_OBJECT_PROPERTY = ox.NamedNode(OWL + "ObjectProperty")
_DECLARATIONS = frozenset(
    ox.NamedNode(iri)
    for iri in (OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty",
                RDFS + "Datatype", OWL + "NamedIndividual")
)
#: properties OWL 2 already knows (built-in annotation properties and rdf:type)
_BUILT_IN = frozenset(
    ox.NamedNode(iri)
    for iri in (RDF + "type", RDFS + "label", RDFS + "comment", RDFS + "seeAlso", RDFS + "isDefinedBy",
                OWL + "versionInfo", OWL + "deprecated", OWL + "priorVersion", OWL + "backwardCompatibleWith",
                OWL + "incompatibleWith")
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_XSD = "http://www.w3.org/2001/XMLSchema#"
#: the OWL 2 datatype map (OWL 2 Structural Specification, section 4); other datatypes are not DL
OWL2_DATATYPES = frozenset(
    [RDF + "PlainLiteral", RDF + "XMLLiteral", RDF + "langString", RDFS + "Literal", OWL + "real", OWL + "rational"]
    + [_XSD + name for name in (
        "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
        "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
        "double", "float", "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN",
        "boolean", "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp")]
)


def _local_label(iri: str) -> str:
    """``http://www.w3.org/2004/02/skos/core#exactMatch`` -> ``exact match``."""
    local = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    return _CAMEL.sub(" ", local).replace("_", " ").lower() or iri


def _triple(quad: ox.Quad | ox.Triple) -> ox.Triple:
    """The quad as a triple; a literal outside the OWL 2 datatype map becomes a plain string."""
    obj = quad.object
    if isinstance(obj, ox.Literal) and obj.language is None and obj.datatype.value not in OWL2_DATATYPES:
        obj = ox.Literal(obj.value)
    return ox.Triple(quad.subject, quad.predicate, obj)


def _is_marker(quad: ox.Quad) -> bool:
    """The store's ``<graph> owl:versionInfo "sha256-..."`` bookkeeping, not knowledge."""
    return quad.predicate == _VERSION_INFO and quad.subject == quad.graph_name


def _subject_first(triple: ox.Triple) -> tuple[str, bool, str]:
    """Order by subject, its types first: Turtle then groups each node's statements."""
    return str(triple.subject), triple.predicate != _TYPE, str(triple)


def owl_document(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The triples of an OWL 2 DL ontology holding the TBox, the declarations and the data.

    Deterministic for the same quads (blank nodes must already be named canonically):
    the version IRI is ``<EXPORT_ONTOLOGY>/sha256-<16 hex of the content>``.
    """
    tbox: list[ox.Triple] = []
    data: list[ox.Triple] = []
    for quad in quads:
        if _is_marker(quad):
            continue
        (tbox if quad.graph_name == ONTOLOGY_GRAPH else data).append(_triple(quad))
    headers = {t.subject for t in tbox if t.predicate == _TYPE and t.object == _ONTOLOGY}
    tbox_versions = [t.object for t in tbox if t.subject in headers and t.predicate == _VERSION_IRI]
    tbox = [t for t in tbox if t.subject not in headers]
    body = sorted({*tbox, *data, *_declarations(tbox, data)}, key=_subject_first)
    digest = hashlib.sha256("\n".join(map(str, body)).encode()).hexdigest()[:16]
    return _header(f"sha256-{digest}", tbox_versions) + body


def _declarations(tbox: list[ox.Triple], data: list[ox.Triple]) -> list[ox.Triple]:
    """Declarations and labels the data needs: individuals, undeclared properties, labels."""
    declared: dict[ox.NamedNode, set[ox.NamedNode]] = {}
    for t in tbox:
        if t.predicate == _TYPE and t.object in _DECLARATIONS and isinstance(t.subject, ox.NamedNode):
            declared.setdefault(t.subject, set()).add(t.object)
    labelled = {t.subject for t in (*tbox, *data) if t.predicate == _LABEL}
    # mentions and sentences are named by their text (the store keeps no rdfs:label copy)
    texts = {t.subject: t.object.value for t in data if t.predicate == _TEXT and isinstance(t.object, ox.Literal)}
    object_properties = {term for term, kinds in declared.items() if _OBJECT_PROPERTY in kinds}

    individuals: set[ox.NamedNode] = set()
    new_properties: set[ox.NamedNode] = set()
    for t in data:
        if isinstance(t.subject, ox.NamedNode):
            individuals.add(t.subject)
        if t.predicate in object_properties and isinstance(t.object, ox.NamedNode):
            individuals.add(t.object)
        if t.predicate not in declared and t.predicate not in _BUILT_IN:
            new_properties.add(t.predicate)
    individuals -= set(declared)

    out: list[ox.Triple] = []
    for term in sorted(individuals, key=str):
        out.append(ox.Triple(term, _TYPE, _INDIVIDUAL))
        if term not in labelled:
            out.append(ox.Triple(term, _LABEL, ox.Literal(texts.get(term) or compress(term.value) or term.value)))
    for term in sorted(new_properties, key=str):
        out.append(ox.Triple(term, _TYPE, _ANNOTATION_PROPERTY))
    for term in sorted((set(declared) | new_properties) - labelled, key=str):
        out.append(ox.Triple(term, _LABEL, ox.Literal(_local_label(term.value), language="en")))
    return out


def _header(version: str, tbox_versions: list[ox.Term]) -> list[ox.Triple]:
    ontology = ox.NamedNode(EXPORT_ONTOLOGY)
    triples = [
        ox.Triple(ontology, _TYPE, _ONTOLOGY),
        ox.Triple(ontology, _VERSION_IRI, ox.NamedNode(f"{EXPORT_ONTOLOGY}/{version}")),
        ox.Triple(ontology, _VERSION_INFO, ox.Literal(version)),
        ox.Triple(ontology, ox.NamedNode(DCTERMS + "title"), ox.Literal("CaseKG knowledge graph", language="en")),
        ox.Triple(ontology, ox.NamedNode(RDFS + "comment"), ox.Literal(
            "The CaseKG vocabulary (TBox) and the case graphs of a CaseKG store as one OWL 2 DL ontology: "
            "case reports, patients and clinical assertions are individuals, and so are the concepts "
            "they are coded with.", language="en")),
    ]
    triples += [ox.Triple(ontology, ox.NamedNode(RDFS + "seeAlso"), v) for v in tbox_versions]
    return triples
