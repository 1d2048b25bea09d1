"""SHACL validation of a store against ``ontologies/shapes.ttl`` (pySHACL).

The store's graphs (documents, terms, activities; not the TBox, which the shapes do not
describe) are copied into an rdflib graph once, validated without inference, and the
pySHACL results graph is read back into :class:`Violation` values, one line each:

    ckgid:case/pmc-PMC9900001/therapy/2  ckg:sequence  every Therapy has one ckg:sequence, ...
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import CaseKGError
from kg.rdf.namespaces import ONTOLOGY_GRAPH, PREFIX_MAP
from kg.resources import ontologies_dir
from kg.store.store import CaseStore

__all__ = ["Violation", "ValidationReport", "validate_store", "validate_ntriples", "default_shapes"]

_SH = "http://www.w3.org/ns/shacl#"
_NAMESPACES = sorted(PREFIX_MAP.items(), key=lambda item: -len(item[1]))


def default_shapes() -> Path:
    return ontologies_dir() / "shapes.ttl"


def _short(term: object) -> str:
    """A CURIE for an IRI in a known namespace, ``"text"`` for a literal, else the term."""
    text = str(term)
    if type(term).__name__ == "Literal":
        return f'"{text}"'
    for prefix, namespace in _NAMESPACES:
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return text


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node, which property, which rule, which value."""

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"
    shape: str = ""

    def line(self) -> str:
        value = f" (value {self.value})" if self.value and self.value != self.focus else ""
        severity = "" if self.severity == "Violation" else f"[{self.severity}] "
        return f"{self.focus}  {self.path or '-'}  {severity}{self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]
    triples: int

    @property
    def errors(self) -> tuple[Violation, ...]:
        """The results of severity Violation (warnings and infos aside)."""
        return tuple(v for v in self.violations if v.severity == "Violation")

    def text(self, *, warnings: bool = False) -> str:
        """One line per violation (and per warning when asked), then a summary line."""
        shown = self.violations if warnings else self.errors
        lines = [v.line() for v in shown]
        others = len(self.violations) - len(self.errors)
        notes = f", {others} warning(s)" + ("" if warnings or not others else " (--warnings lists them)")
        if self.errors:
            nodes = len({v.focus for v in self.errors})
            lines.append(f"{len(self.errors)} violation(s) on {nodes} node(s){notes}; {self.triples} triples checked")
        else:
            lines.append(f"conforms: no violations{notes}; {self.triples} triples checked")
        return "\n".join(lines) + "\n"


def _load_shapes(path: Path):
    import rdflib

    try:
        return rdflib.Graph().parse(path, format="turtle")
    except FileNotFoundError:
        raise CaseKGError(f"{path}: no such shapes file") from None
    except Exception as error:  # noqa: BLE001 - rdflib raises many kinds for bad Turtle
        raise CaseKGError(f"{path}: not valid Turtle ({str(error).splitlines()[0]})") from None


def validate_ntriples(data: bytes, shapes: Path | None = None) -> ValidationReport:
    """Validate N-Triples ``data`` against the shapes (the CaseKG shapes by default)."""
    try:
        import pyshacl
        import rdflib
    except ImportError:
        raise CaseKGError("SHACL validation needs pySHACL: pip install 'casekg[validate]'") from None
    graph = rdflib.Graph().parse(data=data, format="nt")
    shapes_graph = _load_shapes(shapes or default_shapes())
    conforms, results, _ = pyshacl.validate(graph, shacl_graph=shapes_graph, inference="none",
                                            allow_warnings=True, advanced=False)
    sh = rdflib.Namespace(_SH)
    violations = []
    top = [r for report in results.subjects(rdflib.RDF.type, sh.ValidationReport) for r in results.objects(report, sh.result)]
    for result in top:  # nested sh:detail results explain these; one line per broken rule is enough
        def one(predicate: rdflib.URIRef) -> str:
            value = results.value(result, predicate)
            return "" if value is None else _short(value)

        violations.append(Violation(
            focus=one(sh.focusNode), path=one(sh.resultPath), message=str(results.value(result, sh.resultMessage) or ""),
            value=one(sh.value), severity=one(sh.resultSeverity).split("#")[-1].removeprefix("sh:"),
            shape=one(sh.sourceShape) if isinstance(results.value(result, sh.sourceShape), rdflib.URIRef) else "",
        ))
    violations.sort(key=lambda v: (v.focus, v.path, v.message, v.value))
    return ValidationReport(bool(conforms), tuple(violations), len(graph))


def validate_store(store: CaseStore, shapes: Path | None = None) -> ValidationReport:
    """Validate every graph of the store except the TBox."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads() if q.graph_name != ONTOLOGY_GRAPH}
    return validate_ntriples(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), shapes)
