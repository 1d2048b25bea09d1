"""Helpers shared by the tests of exports, endpoints and the Python API.

The ``example_store`` fixture they use lives in conftest.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.store.queries import apply_bindings, bind_parameters, list_queries, resolve_query
from kg.store.results import Rows, rows_from_solutions
from kg.store.store import CaseStore

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def kg(*args: str) -> tuple[int, str, str]:
    """Run the ``kg`` command line in-process: exit code, stdout, stderr."""
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


_GROUP_CONCAT = re.compile(
    r'GROUP_CONCAT\s*\(\s*(?:DISTINCT\s+)?\?\w+\s*;\s*separator\s*=\s*"([^"]*)"\s*\)\s+AS\s+\?(\w+)', re.IGNORECASE
)


def comparable(rows: Rows, sparql: str) -> tuple[list[str], list[str]]:
    """Columns and sorted rows, with GROUP_CONCAT cells as sorted parts.

    SPARQL leaves to the store the order of rows that tie under ORDER BY, the order inside a
    GROUP_CONCAT, and whether an empty group concatenates to "" or to nothing; everything
    else must be equal.
    """
    separators = {name: separator for separator, name in _GROUP_CONCAT.findall(sparql)}
    normalized = []
    for row in rows.rows:
        cells: list[object] = []
        for column, value in zip(rows.columns, row):
            if column in separators:
                value = tuple(sorted(str(value).split(separators[column]))) if value not in (None, "") else ()
            cells.append(value)
        normalized.append(repr(cells))
    return rows.columns, sorted(normalized)


def local_rows(store: Path, sparql: str) -> Rows:
    with CaseStore(store, read_only=True) as opened:
        return rows_from_solutions(opened.query(sparql))


def canned_queries() -> list[tuple[str, str]]:
    """(id, bound SPARQL) for every canned query with its defaults, and a few with parameters."""
    cases = [(q.name, apply_bindings(q.sparql, bind_parameters(q, {}))) for q in list_queries()]
    for name, params in [
        ("therapies-for-disease", {"disease": "MESH:D015470"}),
        ("case-timeline", {"case": "doi-10.3389_fimmu.2025.1598754"}),
        ("outcomes-by-therapy", {"therapy": "NCIT:C126102"}),
        ("documents-mentioning", {"concept": "NCBIGene:160364"}),
    ]:
        query = resolve_query(name)
        key = ",".join(f"{k}={v}" for k, v in params.items())
        cases.append((f"{name}[{key}]", apply_bindings(query.sparql, bind_parameters(query, params))))
    return cases
