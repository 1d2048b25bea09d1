"""`kg query --timeout SECONDS`: a query that runs too long is really stopped (its process is killed,
so the store is free again) and the user gets one clear line; quick queries are unaffected."""

from __future__ import annotations

from pathlib import Path

from _fixtures import kg

from kg.store.store import CaseStore

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"


def test_a_long_query_is_stopped_and_releases_the_store(example_store: Path) -> None:
    code, out, err = kg("--store", str(example_store), "query", "--sparql", HEAVY, "--timeout", "1")
    assert code == 1 and out == ""
    assert err.strip() == "kg: query stopped: it did not finish within 1 s (--timeout)"
    # the child held the store for writing (no one else did); killed, it no longer does
    with CaseStore(example_store) as store:
        assert not store.read_only and len(store) > 0


def test_a_quick_query_gives_the_same_output_with_a_timeout(example_store: Path) -> None:
    plain = kg("--store", str(example_store), "query", "cases-overview", "--format", "json")
    bounded = kg("--store", str(example_store), "query", "cases-overview", "--format", "json", "--timeout", "60")
    assert plain[0] == bounded[0] == 0
    assert bounded[1] == plain[1] and plain[1].count('"case"') == 7


def test_errors_inside_the_query_process_are_reported(example_store: Path, tmp_path: Path) -> None:
    code, _, err = kg("--store", str(example_store), "query", "--sparql", "SELECT", "--timeout", "30")
    assert code == 1 and err.startswith("kg: invalid SPARQL: ")
    code, _, err = kg("--store", str(tmp_path / "none"), "query", "counts", "--timeout", "30")
    assert code == 1 and "no CaseKG store at" in err
