"""Canned SPARQL queries (``queries/*.rq``) and safe parameter binding.

Each file starts with a header of comment lines::

    # title: Therapies and outcomes for a disease
    # description: ...
    # param: disease iri = MONDO:0018874 -- a MONDO or MeSH disease id

A parameter named ``disease`` is the query variable ``?disease``. Values are parsed into
RDF terms (an ``iri`` parameter must be a CURIE or IRI in a known namespace; pyoxigraph
validates and escapes every term) and bound with a ``VALUES`` block at the top of the
query's WHERE clause: a value is always one RDF term and can never change the query.
This is also how the same queries run against a remote SPARQL endpoint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Variable

from kg.errors import QueryError
from kg.identifiers import InvalidIdentifier, expand
from kg.rdf.namespaces import XSD
from kg.resources import queries_dir

__all__ = [
    "Parameter", "CannedQuery", "load_query", "list_queries", "resolve_query", "bind_parameters", "parse_term",
    "apply_bindings",
]

_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$", re.IGNORECASE)
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>iri|string|integer|decimal|boolean)"
    r"(?:\s*=\s*(?P<default>[^\s]*))?\s*(?:--\s*(?P<description>.*))?$"
)
_TYPES = ("iri", "string", "integer", "decimal", "boolean")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    description: str

    def describe(self) -> str:
        default = f"={self.default}" if self.default else " (optional)"
        return f"{self.name}:{self.type}{default}"


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    sparql: str
    path: Path


def load_query(path: Path) -> CannedQuery:
    title = description = ""
    parameters: list[Parameter] = []
    text = path.read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = f"{description} {value}".strip()
        else:
            param = _PARAM.match(value)
            if not param:
                raise QueryError(f"{path}: cannot read parameter line {value!r}")
            parameters.append(
                Parameter(
                    name=param.group("name"),
                    type=param.group("type"),
                    default=param.group("default") or None,
                    description=(param.group("description") or "").strip(),
                )
            )
    return CannedQuery(path.stem, title or path.stem, description, tuple(parameters), text, path)


def list_queries() -> list[CannedQuery]:
    return [load_query(p) for p in sorted(queries_dir().glob("*.rq"))]


def resolve_query(name_or_path: str) -> CannedQuery:
    """A canned query by name, or any ``.rq`` file by path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return load_query(path)
    candidate = queries_dir() / f"{name_or_path}.rq"
    if candidate.is_file():
        return load_query(candidate)
    names = ", ".join(q.name for q in list_queries())
    raise QueryError(f"no canned query or .rq file named {name_or_path!r} (canned queries: {names})")


def parse_term(value: str, type_: str, name: str = "value") -> NamedNode | Literal:
    """An RDF term from a user-supplied string, or QueryError."""
    if type_ == "iri":
        try:
            return NamedNode(expand(value))
        except (InvalidIdentifier, ValueError):
            raise QueryError(f"parameter {name}: {value!r} is not a CURIE or IRI in a known namespace") from None
    if type_ == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"parameter {name}: {value!r} is not an integer")
        return Literal(str(int(value)), datatype=NamedNode(XSD + "integer"))
    if type_ == "decimal":
        try:
            return Literal(str(Decimal(value)), datatype=NamedNode(XSD + "decimal"))
        except InvalidOperation:
            raise QueryError(f"parameter {name}: {value!r} is not a number") from None
    if type_ == "boolean":
        if value.lower() not in {"true", "false"}:
            raise QueryError(f"parameter {name}: {value!r} is not true or false")
        return Literal(value.lower(), datatype=NamedNode(XSD + "boolean"))
    return Literal(value)


def bind_parameters(query: CannedQuery | None, values: dict[str, str]) -> dict[Variable, NamedNode | Literal]:
    """Substitutions for a query's variables from ``name=value`` pairs (defaults filled in)."""
    declared = {p.name: p for p in query.parameters} if query else {}
    unknown = sorted(set(values) - set(declared)) if query else []
    if unknown:
        known = ", ".join(declared) or "none"
        raise QueryError(f"unknown parameter {', '.join(unknown)} for query {query.name} (parameters: {known})")
    substitutions: dict[Variable, NamedNode | Literal] = {}
    for name, parameter in declared.items():
        value = values.get(name, parameter.default)
        if value is None or value == "":
            continue
        substitutions[Variable(name)] = parse_term(value, parameter.type, name)
    if query is None:
        for name, value in values.items():
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
            kind = "iri" if re.match(r"^[A-Za-z][\w.-]*:[^\s]+$", value) and ":" in value else "string"
            try:
                substitutions[Variable(name)] = parse_term(value, kind, name)
            except QueryError:
                substitutions[Variable(name)] = Literal(value)
    return substitutions


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def apply_bindings(sparql: str, bindings: dict[Variable, NamedNode | Literal]) -> str:
    """The query with one ``VALUES ?name { term }`` per binding at the top of its WHERE clause."""
    if not bindings:
        return sparql
    body = _strip_comments(sparql)
    match = _WHERE.search(body)
    if match is None:
        raise QueryError("parameters need a query with a WHERE clause")
    values = " ".join(f"VALUES {variable} {{ {term} }}" for variable, term in bindings.items())
    return f"{body[: match.end()]}\n  {values}\n{body[match.end():]}"


def _strip_comments(sparql: str) -> str:
    """Drop ``#`` comment lines so a header cannot hide the WHERE keyword."""
    return "\n".join(line for line in sparql.splitlines() if not line.lstrip().startswith("#"))
