"""Query results as rows of plain values, and their table/CSV/TSV/JSON renderings."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterable

import pyoxigraph as ox

from kg.identifiers import compress

__all__ = ["Rows", "rows_from_solutions", "rows_from_terms", "rows_from_triples", "render", "FORMATS"]

FORMATS = ("table", "csv", "tsv", "json")


class Rows:
    """Column names and rows of display values (IRIs shown as CURIEs where known)."""

    def __init__(self, columns: list[str], rows: list[list[object]]) -> None:
        self.columns = columns
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def as_dicts(self) -> list[dict[str, object]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def _value(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return compress(term.value) or term.value
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype in {"integer", "int", "long"}:
            return int(term.value)
        if datatype in {"decimal", "double", "float"}:
            number = float(term.value)
            return int(number) if number.is_integer() else number
        if datatype == "boolean":
            return term.value in {"true", "1"}  # "1"/"0" are valid too (Virtuoso answers with them)
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def rows_from_solutions(result: object) -> Rows:
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        return rows_from_terms(columns, ([solution[c] for c in columns] for solution in result))
    if isinstance(result, ox.QueryBoolean):
        return Rows(["result"], [[bool(result)]])
    if isinstance(result, ox.QueryTriples):
        return rows_from_triples(result)
    raise TypeError(f"unexpected query result {type(result).__name__}")


def rows_from_terms(columns: list[str], terms: Iterable[list[object]]) -> Rows:
    """Rows from solutions already read as lists of RDF terms (``None`` for unbound)."""
    return Rows(columns, [[_value(term) for term in row] for row in terms])


def rows_from_triples(triples: object) -> Rows:
    """CONSTRUCT/DESCRIBE results (from the store or parsed from an endpoint's answer)."""
    return Rows(["subject", "predicate", "object"],
                [[_value(t.subject), _value(t.predicate), _value(t.object)] for t in triples])


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _table(rows: Rows) -> str:
    width = shutil.get_terminal_size((160, 20)).columns
    cells = [[_cell(v).replace("\n", " ") for v in row] for row in rows.rows]
    widths = [len(c) for c in rows.columns]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    limit = max(12, (width - 3 * len(widths)) // max(1, len(widths)))
    widths = [min(w, max(limit, 24)) for w in widths]

    def fit(text: str, w: int) -> str:
        return text if len(text) <= w else text[: w - 1] + "…"

    lines = [" | ".join(fit(c, w).ljust(w) for c, w in zip(rows.columns, widths)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines.extend(" | ".join(fit(c, w).ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells)
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def render(rows: Rows, format: str) -> str:
    if format == "table":
        return _table(rows)
    if format in {"csv", "tsv"}:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if format == "csv" else "\t", lineterminator="\n")
        writer.writerow(rows.columns)
        writer.writerows([[_cell(v) for v in row] for row in rows.rows])
        return buffer.getvalue()
    if format == "json":
        return json.dumps(rows.as_dicts(), indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown output format {format!r}; choose from {', '.join(FORMATS)}")
