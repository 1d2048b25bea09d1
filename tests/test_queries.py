"""Canned queries: headers, parameter binding as RDF terms, and injection attempts."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.store.queries import apply_bindings, bind_parameters, list_queries, load_query, resolve_query

INJECTION = 'x" } ; DROP ALL ; #'


def test_at_least_eight_canned_queries_with_headers() -> None:
    queries = list_queries()
    assert len(queries) >= 8
    names = {q.name for q in queries}
    assert {"cases-overview", "case-timeline", "therapies-for-disease", "adverse-events-by-therapy",
            "therapies-by-target", "documents-mentioning", "fact-provenance", "counts"} <= names
    for query in queries:
        assert query.title and query.description, query.name
        ox.Store().query(query.sparql)  # parses


def test_parameters_are_declared_with_types_and_defaults() -> None:
    query = resolve_query("therapies-for-disease")
    (param,) = query.parameters
    assert (param.name, param.type, param.default) == ("disease", "iri", "MONDO:0018874")


def test_iri_parameters_accept_any_spelling() -> None:
    query = resolve_query("therapies-for-disease")
    for spelling in ("MESH:D015470", "mesh:D015470", "http://id.nlm.nih.gov/mesh/D015470"):
        (term,) = bind_parameters(query, {"disease": spelling}).values()
        assert term == ox.NamedNode("http://id.nlm.nih.gov/mesh/D015470")


def test_injection_in_an_iri_parameter_fails_cleanly() -> None:
    with pytest.raises(QueryError, match="not a CURIE or IRI"):
        bind_parameters(resolve_query("therapies-for-disease"), {"disease": INJECTION})


def test_injection_in_a_string_parameter_is_one_literal() -> None:
    query = resolve_query("case-timeline")
    bound = apply_bindings(query.sparql, bind_parameters(query, {"case": INJECTION}))
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p"), ox.Literal("1")))
    assert list(store.query(bound, use_default_graph_as_union=True)) == []
    assert len(store) == 1
    assert 'VALUES ?case { "x\\" } ; DROP ALL ; #" }' in bound


def test_unknown_parameter_and_bad_integer() -> None:
    with pytest.raises(QueryError, match="unknown parameter"):
        bind_parameters(resolve_query("counts"), {"nope": "1"})


def test_rq_file_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("# title: Mine\n# description: test\n# param: n integer = 3 -- a number\nSELECT ?n WHERE { }\n")
    query = resolve_query(str(path))
    assert query.name == "mine" and query.parameters[0].type == "integer"
    (term,) = bind_parameters(query, {}).values()
    assert term == ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    with pytest.raises(QueryError, match="not an integer"):
        bind_parameters(query, {"n": "3; DROP"})
    assert load_query(path).title == "Mine"


def test_unknown_query_name_lists_the_known_ones() -> None:
    with pytest.raises(QueryError, match="cases-overview"):
        resolve_query("no-such-query")
