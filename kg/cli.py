"""The ``kg`` command line: ingest, query, queries, export, stats.

Every command reads the store given by ``--store`` (or ``CASEKG_STORE``, default
``./casekg-store``). Errors print one line on stderr and exit non-zero.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import CaseKGError
from kg.read import FORMATS as INPUT_FORMATS
from kg.store.export import EXPORT_FORMATS, export
from kg.store.queries import apply_bindings, bind_parameters, list_queries, resolve_query
from kg.store.results import FORMATS as RESULT_FORMATS
from kg.store.results import render, rows_from_solutions
from kg.store.store import DEFAULT_STORE, CaseStore

__all__ = ["main", "cli"]


class _Context:
    def __init__(self, store: Path) -> None:
        self.store_path = store

    def open(self, *, read_only: bool) -> CaseStore:
        return CaseStore(self.store_path, read_only=read_only)


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"kg: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_STORE,
    envvar="CASEKG_STORE",
    show_default=True,
    help="Folder of the Oxigraph store (env CASEKG_STORE).",
)
@click.version_option(__version__, prog_name="kg")
@click.pass_context
def cli(ctx: click.Context, store: Path) -> None:
    """CaseKG: turn clinical case reports into a knowledge graph and query it.

    \b
    kg ingest examples/            read reports into the store
    kg queries                     list the canned queries
    kg query cases-overview        run one and print a table
    kg export --format turtle -o case-graph.ttl
    """
    ctx.obj = _Context(store)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "input_format",
    type=click.Choice(sorted(INPUT_FORMATS)),
    default=None,
    help="Read every file as this format instead of detecting it from the content.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the summary line.")
@click.pass_obj
def ingest(obj: _Context, paths: tuple[Path, ...], input_format: str | None, quiet: bool) -> None:
    """Read case reports (files or folders, recursively) into the store.

    Each document becomes one named graph; ingesting a document again replaces its graph
    atomically. Files that cannot be read are reported on stderr (one line each) and
    skipped; the others are ingested, and the exit code is 1.
    """
    from kg.pipeline import ingest as run_ingest

    def progress(path: Path, error: str | None) -> None:
        if error:
            click.echo(f"kg: {error}", err=True)
        elif not quiet:
            click.echo(f"ingested {path}", err=True)

    try:
        with obj.open(read_only=False) as store:
            report = run_ingest(paths, store, format=input_format, on_progress=progress)
    except CaseKGError as error:
        _fail(str(error))
        return
    click.echo(
        f"{report.documents} document(s) ({report.unchanged} unchanged), {report.patients} patient(s), "
        f"{report.facts} fact(s), {report.triples} triple(s); {len(report.failures)} failure(s)"
    )
    if report.failures:
        sys.exit(1)


@cli.command()
@click.argument("query", required=False)
@click.option("--sparql", help="Run this SPARQL text instead of a canned query.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter (repeatable).")
@click.option("--format", "output_format", type=click.Choice(RESULT_FORMATS), default="table", show_default=True,
              help="Output format.")
@click.pass_obj
def query(obj: _Context, query: str | None, sparql: str | None, params: tuple[str, ...], output_format: str) -> None:
    """Run a canned query (by NAME, see 'kg queries'), a .rq FILE, or --sparql TEXT.

    Parameters are bound as RDF terms, never pasted into the query: an IRI parameter
    takes a CURIE (MONDO:0018874, MESH:D015470, NCBIGene:930) or a full IRI.
    The default graph is the union of all documents, the terms and the ontology.
    """
    if bool(query) == bool(sparql):
        _fail("give either a query NAME/FILE.rq or --sparql TEXT", 2)
    values: dict[str, str] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            _fail(f"--param {item!r}: expected NAME=VALUE", 2)
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
        _fail(str(error))
        return
    click.echo(render(rows, output_format), nl=False)


@cli.command("queries")
def queries_command() -> None:
    """List the canned queries: name, description, parameters (name:type=default)."""
    for canned in list_queries():
        params = " ".join(p.describe() for p in canned.parameters)
        line = f"{canned.name}\t{canned.title}: {canned.description}"
        click.echo(line + (f"\t[{params}]" if params else ""))


@cli.command("export")
@click.option("--format", "export_format", type=click.Choice(sorted(EXPORT_FORMATS)), default="turtle",
              show_default=True, help="RDF syntax. nquads/trig keep one named graph per document.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@click.pass_obj
def export_command(obj: _Context, export_format: str, output: Path | None) -> None:
    """Write the whole store (documents, terms, ontology) in a standard RDF syntax."""
    try:
        with obj.open(read_only=True) as store:
            export(store, export_format, output if output else sys.stdout.buffer)
    except CaseKGError as error:
        _fail(str(error))


_STATS = """
PREFIX ckg: <https://w3id.org/casekg/vocab#>
SELECT ?kind (COUNT(DISTINCT ?node) AS ?n) WHERE {
  VALUES ?kind { ckg:CaseReport ckg:Patient ckg:Diagnosis ckg:Therapy ckg:Outcome ckg:AdverseEvent
                 ckg:Finding ckg:Mention ckg:Sentence }
  ?node a ?kind .
} GROUP BY ?kind
"""
_NEGATED = """
PREFIX ckg: <https://w3id.org/casekg/vocab#>
SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {
  ?f ckg:negated true . FILTER NOT EXISTS { ?f a ckg:Mention }
}
"""


@cli.command()
@click.pass_obj
def stats(obj: _Context) -> None:
    """Counts: documents, triples, and nodes of each class in the store."""
    try:
        with obj.open(read_only=True) as store:
            counts = {row[0]: row[1] for row in rows_from_solutions(store.query(_STATS)).rows}
            negated = rows_from_solutions(store.query(_NEGATED)).rows[0][0]
            documents = len(store.documents())
            total = len(store)
    except CaseKGError as error:
        _fail(str(error))
        return
    click.echo(f"store           {obj.store_path}")
    click.echo(f"documents       {documents}")
    click.echo(f"quads           {total}")
    for kind in ("CaseReport", "Patient", "Diagnosis", "Therapy", "Outcome", "AdverseEvent", "Finding",
                 "Mention", "Sentence"):
        click.echo(f"{kind:<15} {counts.get('ckg:' + kind, counts.get(kind, 0))}")
    click.echo(f"negated facts   {negated}")


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    main()
