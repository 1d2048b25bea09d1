"""Exports of the whole store in the standard RDF syntaxes.

Dataset formats (N-Quads, TriG) keep the named graphs; triple formats (Turtle,
N-Triples, RDF/XML, JSON-LD) write the union of all graphs. Output is sorted where the
syntax allows it (N-Quads, N-Triples), so two exports of the same graph are identical.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.rdf.namespaces import PREFIX_MAP
from kg.store.store import CaseStore

__all__ = ["EXPORT_FORMATS", "export"]

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


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


def export(store: CaseStore, format: str, output: Path | BinaryIO) -> None:
    rdf_format = EXPORT_FORMATS[format]
    quads = _stable_blank_nodes(list(store.quads()))
    if rdf_format.supports_datasets:
        items: list = quads
    else:
        items = list({ox.Triple(q.subject, q.predicate, q.object) for q in quads})
    prefixes = PREFIX_MAP if rdf_format in {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML} else None
    data = ox.serialize(items, format=rdf_format, prefixes=prefixes)
    if rdf_format in {ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES}:
        data = _sorted_lines(data)
    if isinstance(output, Path):
        output.write_bytes(data)
    else:
        output.write(data)
