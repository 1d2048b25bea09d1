"""Exports of the whole store in the standard RDF syntaxes.

Dataset formats (N-Quads, TriG) keep the named graphs; triple formats (Turtle,
N-Triples, RDF/XML, JSON-LD) write the union of all graphs; ``owl`` and ``owl-turtle``
write one OWL 2 DL ontology (``kg.store.owl``). Output is sorted where the syntax allows
it (N-Quads, N-Triples), so two exports of the same graph are identical. Turtle and TriG
use a prefix only where every local name under it is plain: ``ckgid:case\\/...`` is legal
Turtle, but some stores (Virtuoso 7) read the ``\\/`` escape into the IRI.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.rdf.namespaces import PREFIX_MAP
from kg.store.owl import OWL_FORMATS, owl_document
from kg.store.store import CaseStore

__all__ = ["EXPORT_FORMATS", "ALL_FORMATS", "export", "plain_prefixes"]

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
#: every ``kg export --format`` name: the RDF syntaxes and the OWL documents
ALL_FORMATS: dict[str, ox.RdfFormat] = {**EXPORT_FORMATS, **OWL_FORMATS}

_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(set(data.splitlines()))
    return b"\n".join(lines) + (b"\n" if lines else b"")


def _stable_blank_nodes(quads: list[ox.Quad]) -> list[ox.Quad]:
    """Rename blank nodes (only the TBox has them) canonically, so exports are repeatable."""
    blank = [q for q in quads if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)]
    if not blank:
        return quads
    dataset = ox.Dataset(blank)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    named = [q for q in quads if not (isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode))]
    return named + list(dataset)


def plain_prefixes(prefixes: dict[str, str], items: Iterable[ox.Triple | ox.Quad]) -> dict[str, str]:
    """The prefixes under which every IRI in ``items`` has a plain local name (no escapes)."""
    iris: set[str] = set()
    for item in items:
        for term in (item.subject, item.predicate, item.object, getattr(item, "graph_name", None)):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    return {
        prefix: namespace
        for prefix, namespace in prefixes.items()
        if all(_PLAIN_LOCAL.fullmatch(iri[len(namespace):]) for iri in iris if iri.startswith(namespace))
    }


def export(store: CaseStore, format: str, output: Path | BinaryIO) -> None:
    rdf_format = ALL_FORMATS[format]
    quads = _stable_blank_nodes(list(store.quads()))
    if format in OWL_FORMATS:
        items: list = owl_document(quads)
    elif rdf_format.supports_datasets:
        items = quads
    else:
        items = list({ox.Triple(q.subject, q.predicate, q.object) for q in quads})
    prefixes = None
    if rdf_format in {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML}:
        prefixes = plain_prefixes(PREFIX_MAP, items)
    data = ox.serialize(items, format=rdf_format, prefixes=prefixes)
    if rdf_format in {ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES}:
        data = _sorted_lines(data)
    if isinstance(output, Path):
        output.write_bytes(data)
    else:
        output.write(data)
