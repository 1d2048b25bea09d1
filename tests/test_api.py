"""The Python API (`kg.open`) mirrors the CLI: same rows, same exports, same store lock rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _fixtures import EXAMPLES
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.errors import CaseKGError, QueryError, StoreLockedError
from kg.store.store import CaseStore


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "store"
    with kg.open(path) as graph:
        report = graph.ingest(EXAMPLES)
        assert report.ok and report.documents == 5
        assert graph.ingest([EXAMPLES]).unchanged == 5  # idempotent, like kg ingest
    return path


def cli_json(store: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["--store", str(store), "query", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_query_returns_the_rows_the_cli_prints(store_path: Path) -> None:
    with kg.open(store_path, read_only=True) as graph:
        rows = graph.query("therapies-by-target", target="NCBIGene:930")
        assert rows == cli_json(store_path, "therapies-by-target", "--param", "target=NCBIGene:930")
        assert rows and all(row["gene"] == "NCBIGene:930" for row in rows)
        assert graph.query("cases-overview") == cli_json(store_path, "cases-overview")


def test_query_df_is_a_dataframe_of_the_same_rows(store_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    with kg.open(store_path, read_only=True) as graph:
        frame = graph.query_df("outcomes-by-therapy")
        rows = graph.query("outcomes-by-therapy")
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["therapy_label", "outcome", "negated", "cases"]
    assert frame.to_dict("records") == rows and len(rows) > 5


def test_sparql_text_rq_files_and_errors(store_path: Path, tmp_path: Path) -> None:
    rq = tmp_path / "patients.rq"
    rq.write_text("# title: Patients\n# description: all\n"
                  "SELECT ?p WHERE { ?p a <https://w3id.org/casekg/vocab#Patient> } ORDER BY ?p\n")
    with kg.open(store_path, read_only=True) as graph:
        text = graph.query("SELECT ?p WHERE { ?p a <https://w3id.org/casekg/vocab#Patient> } ORDER BY ?p")
        assert graph.query(str(rq)) == text and len(text) == 5
        assert graph.query(str(rq), timeout=60) == text
        with pytest.raises(QueryError, match="no canned query"):
            graph.query("no-such-query")
        with pytest.raises(QueryError, match="unknown parameter"):
            graph.query("counts", nope=1)
        with pytest.raises(QueryError, match="invalid SPARQL"):
            graph.query("SELECT WHERE {")


def test_export_and_networkx(store_path: Path, tmp_path: Path) -> None:
    with kg.open(store_path, read_only=True) as graph:
        owl = graph.export(tmp_path / "casekg.owl", format="owl")
        assert owl.read_bytes().startswith(b"<?xml")
        assert graph.export(tmp_path / "casekg.ttl").stat().st_size > 1000
        with pytest.raises(CaseKGError, match="unknown export format 'xml'"):
            graph.export(tmp_path / "x", format="xml")
        facts, full = graph.to_networkx(), graph.to_networkx(collapse=False)
    assert {d["kind"] for _, d in facts.nodes(data=True)} == {"document", "patient", "concept"}
    assert full.number_of_nodes() > facts.number_of_nodes()


def test_validate_reports_like_kg_validate(store_path: Path) -> None:
    pytest.importorskip("pyshacl")
    with kg.open(store_path, read_only=True) as graph:
        report = graph.validate()
    assert report.conforms and report.errors == () and report.triples > 1000
    result = CliRunner().invoke(cli, ["--store", str(store_path), "validate"])
    assert result.exit_code == 0 and result.stdout == report.text()


def test_the_store_is_locked_while_open_and_released_by_close(store_path: Path) -> None:
    graph = kg.open(store_path)
    with pytest.raises(StoreLockedError):
        CaseStore(store_path)
    graph.close()
    CaseStore(store_path).close()  # free again
    with pytest.raises(CaseKGError, match="is closed"):
        graph.query("counts")
    assert "closed" in repr(graph)
