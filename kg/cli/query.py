"""``kg query`` and ``kg queries``: canned and ad-hoc SPARQL over the store or a remote endpoint."""

from __future__ import annotations

import click

from kg.cli.base import Context, cli, fail
from kg.errors import CaseKGError
from kg.remote.sparql import DATASETS, query_endpoint
from kg.store.queries import apply_bindings, bind_parameters, list_queries, resolve_query
from kg.store.results import FORMATS as RESULT_FORMATS
from kg.store.results import Rows, render, rows_from_solutions
from kg.store.timed import query_with_timeout


@cli.command()
@click.argument("query", required=False)
@click.option("--sparql", help="Run this SPARQL text instead of a canned query.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter (repeatable).")
@click.option("--format", "output_format", type=click.Choice(RESULT_FORMATS), default="table", show_default=True,
              help="Output format.")
@click.option("--endpoint", metavar="URL", default=None,
              help="Run at this SPARQL 1.1 query endpoint instead of the store (e.g. http://127.0.0.1:7878/query).")
@click.option("--dataset", type=click.Choice(DATASETS), default="auto", show_default=True,
              help="With --endpoint: the default graph to query. 'endpoint': the endpoint's own (a union "
                   "default graph); 'graphs': the CaseKG named graphs on it, sent as default-graph-uri; "
                   "'auto': 'endpoint' when its default graph shows every case report, else 'graphs'.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Stop the query after SECONDS and fail (the query runs in a child process that is killed).")
@click.pass_obj
def query(obj: Context, query: str | None, sparql: str | None, params: tuple[str, ...], output_format: str,
          endpoint: str | None, dataset: str, timeout: float | None) -> None:
    """Run a canned query (by NAME, see 'kg queries'), a .rq FILE, or --sparql TEXT.

    Parameters are bound as RDF terms, never pasted into the query: an IRI parameter
    takes a CURIE (MONDO:0018874, MESH:D015470, NCBIGene:930) or a full IRI.
    The default graph is the union of all documents, the terms and the ontology.
    With --endpoint the same query, bound the same way, runs at a remote SPARQL endpoint.
    """
    if bool(query) == bool(sparql):
        fail("give either a query NAME/FILE.rq or --sparql TEXT ('kg queries' lists the canned queries)", 2)
    values: dict[str, str] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            fail(f"--param {item!r}: expected NAME=VALUE", 2)
        values[name.strip()] = value
    try:
        canned = resolve_query(query) if query else None
        text = canned.sparql if canned else sparql
        text = apply_bindings(text, bind_parameters(canned, values))
        rows = run_query(obj, text, endpoint=endpoint, dataset=dataset, timeout=timeout)
    except CaseKGError as error:
        fail(str(error))
        return
    click.echo(render(rows, output_format), nl=False)


def run_query(obj: Context, text: str, *, endpoint: str | None, dataset: str, timeout: float | None) -> Rows:
    """Rows of ``text`` from the endpoint, from a killable child process, or from the store."""
    if endpoint:
        return query_endpoint(endpoint, text, dataset=dataset, timeout=timeout)
    if timeout:
        return query_with_timeout(obj.store_path, text, timeout)
    with obj.open(read_only=True) as store:
        try:
            return rows_from_solutions(store.query(text))
        except SyntaxError as error:
            raise CaseKGError(f"invalid SPARQL: {str(error).splitlines()[0]}") from None


@cli.command("queries")
def queries_command() -> None:
    """List the canned queries: name, description, parameters (name:type=default)."""
    for canned in list_queries():
        params = " ".join(p.describe() for p in canned.parameters)
        line = f"{canned.name}\t{canned.title}: {canned.description}"
        click.echo(line + (f"\t[{params}]" if params else ""))
