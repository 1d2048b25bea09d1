"""The namespaces of MODEL.md and the IRIs of graphs and nodes."""

from __future__ import annotations

import hashlib
import os
import re

from pyoxigraph import NamedNode

from kg.identifiers import PREFIXES
from kg.model import Document

__all__ = [
    "CKG", "CKGID", "RDF", "RDFS", "XSD", "SKOS", "PROV", "DCTERMS", "OWL",
    "PREFIX_MAP", "ckg", "instance_base", "doc_key", "graph_iri", "TERMS_GRAPH", "ONTOLOGY_GRAPH",
    "ACTIVITIES_GRAPH",
]

CKG = "https://w3id.org/casekg/vocab#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"


def instance_base() -> str:
    """Base IRI of instance data (``CASEKG_BASE`` overrides MODEL.md's default)."""
    base = os.environ.get("CASEKG_BASE", "https://w3id.org/casekg/id/")
    return base if base.endswith(("/", "#")) else base + "/"


CKGID = instance_base()

#: prefixes used when serializing (Turtle, TriG) and in canned queries
PREFIX_MAP: dict[str, str] = {
    "ckg": CKG,
    "ckgid": CKGID,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "owl": OWL,
    **{prefix: iri for prefix, (iri, _, _) in PREFIXES.items()},
}


def ckg(local: str) -> NamedNode:
    return NamedNode(CKG + local)


TERMS_GRAPH = NamedNode(CKGID + "graph/terms")
ONTOLOGY_GRAPH = NamedNode(CKGID + "graph/ontology")
ACTIVITIES_GRAPH = NamedNode(CKGID + "graph/activities")

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def doc_key(document: Document) -> str:
    """``pmc-PMC12127159``, ``pmid-15939911``, ``doi-10.3389_fimmu.2025.1598754``, else ``sha256-<16 hex>``."""
    for prefix, key in (("PMC", "pmc"), ("PMID:", "pmid"), ("doi:", "doi")):
        for identifier in document.identifiers:
            if identifier.startswith(prefix):
                value = identifier if prefix == "PMC" else identifier[len(prefix) :]
                return f"{key}-{_UNSAFE.sub('_', value)}"
    return "sha256-" + hashlib.sha256(document.text.encode("utf-8")).hexdigest()[:16]


def graph_iri(key: str) -> NamedNode:
    return NamedNode(f"{CKGID}graph/{key}")
