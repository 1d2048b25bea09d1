"""``kg graph``: the store as a network file for Cytoscape or Gephi."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.base import Context, cli, fail
from kg.errors import CaseKGError
from kg.network import NETWORK_FORMATS, facts_graph, rdf_graph, write_network


@cli.command("graph")
@click.option("--format", "network_format", type=click.Choice(NETWORK_FORMATS), default="graphml", show_default=True,
              help="graphml (Cytoscape, yEd, Gephi), gexf (Gephi) or node-link json (networkx, d3).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
@click.option("--all-nodes", is_flag=True,
              help="Every RDF node and statement, instead of facts between patients, documents and concepts.")
@click.pass_obj
def graph_command(obj: Context, network_format: str, output: Path, all_nodes: bool) -> None:
    """Write the graph as a network: patients, documents and concepts as nodes, facts as edges.

    Edges carry relation, negated, certainty, sequence (line of therapy), grade and the
    evidence sentences; --all-nodes keeps every RDF node instead (kg.Graph.to_networkx).
    """
    try:
        with obj.open(read_only=True) as store:
            network = rdf_graph(store) if all_nodes else facts_graph(store)
        write_network(network, output, network_format)
    except (CaseKGError, OSError) as error:
        fail(f"{output}: {error}" if isinstance(error, OSError) else str(error))
        return
    click.echo(f"{network.number_of_nodes()} node(s), {network.number_of_edges()} edge(s) written to {output}")
