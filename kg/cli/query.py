"""``kg query`` and ``kg queries``: canned and ad-hoc SPARQL over the store."""

from __future__ import annotations

import click

from kg.cli.base import Context, cli, fail
from kg.errors import CaseKGError
from kg.store.queries import apply_bindings, bind_parameters, list_queries, resolve_query
from kg.store.results import FORMATS as RESULT_FORMATS
from kg.store.results import render, rows_from_solutions


@cli.command()
@click.argument("query", required=False)
@click.option("--sparql", help="Run this SPARQL text instead of a canned query.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter (repeatable).")
@click.option("--format", "output_format", type=click.Choice(RESULT_FORMATS), default="table", show_default=True,
              help="Output format.")
@click.pass_obj
def query(obj: Context, query: str | None, sparql: str | None, params: tuple[str, ...], output_format: str) -> None:
    """Run a canned query (by NAME, see 'kg queries'), a .rq FILE, or --sparql TEXT.

    Parameters are bound as RDF terms, never pasted into the query: an IRI parameter
    takes a CURIE (MONDO:0018874, MESH:D015470, NCBIGene:930) or a full IRI.
    The default graph is the union of all documents, the terms and the ontology.
    """
    if bool(query) == bool(sparql):
        fail("give either a query NAME/FILE.rq or --sparql TEXT", 2)
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
        with obj.open(read_only=True) as store:
            try:
                rows = rows_from_solutions(store.query(text))
            except SyntaxError as error:
                raise CaseKGError(f"invalid SPARQL: {str(error).splitlines()[0]}") from None
    except CaseKGError as error:
        fail(str(error))
        return
    click.echo(render(rows, output_format), nl=False)


@cli.command("queries")
def queries_command() -> None:
    """List the canned queries: name, description, parameters (name:type=default)."""
    for canned in list_queries():
        params = " ".join(p.describe() for p in canned.parameters)
        line = f"{canned.name}\t{canned.title}: {canned.description}"
        click.echo(line + (f"\t[{params}]" if params else ""))
