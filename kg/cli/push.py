"""``kg push``: copy the store's named graphs to another triple store (Graph Store Protocol)."""

from __future__ import annotations

import click

from kg.cli.base import Context, cli, fail
from kg.errors import CaseKGError
from kg.remote.gsp import push as push_graphs


@cli.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="SPARQL 1.1 Graph Store Protocol address, e.g. http://127.0.0.1:7878/store (Oxigraph server).")
@click.option("--timeout", type=click.FloatRange(min=1), default=120.0, show_default=True, metavar="SECONDS",
              help="How long one graph's upload may take.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the summary line.")
@click.pass_obj
def push(obj: Context, endpoint: str, timeout: float, quiet: bool) -> None:
    """Send every named graph (documents, terms, ontology, activities) to a Graph Store endpoint.

    Each graph is replaced there as a whole (HTTP PUT ...?graph=IRI, N-Triples), so pushing
    again after a re-ingest updates the remote copy. Unreachable or overloaded endpoints are
    retried a few times; a graph the endpoint refuses stops the push with its answer.
    """
    def progress(graph: str, triples: int) -> None:
        if not quiet:
            click.echo(f"pushed {graph} ({triples} triples)", err=True)

    try:
        with obj.open(read_only=True) as store:
            report = push_graphs(store, endpoint, timeout=timeout, on_graph=progress)
    except CaseKGError as error:
        fail(str(error))
        return
    click.echo(f"{report.graphs} graph(s), {report.triples} triple(s) pushed to {endpoint}")
