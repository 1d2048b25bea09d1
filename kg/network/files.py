"""Network files for Cytoscape and Gephi: GraphML, GEXF and node-link JSON.

GraphML and GEXF take only scalar attributes, so list values (a node with several values
of one property) are written joined with `` | ``; JSON keeps them as lists.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

__all__ = ["NETWORK_FORMATS", "write_network"]

NETWORK_FORMATS = ("graphml", "gexf", "json")


def _scalar(attributes: dict[str, object]) -> dict[str, object]:
    return {key: " | ".join(map(str, value)) if isinstance(value, list) else value
            for key, value in attributes.items()}


def _flattened(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    flat = nx.MultiDiGraph(**graph.graph)
    flat.add_nodes_from((node, _scalar(data)) for node, data in graph.nodes(data=True))
    flat.add_edges_from((u, v, key, _scalar(data)) for u, v, key, data in graph.edges(keys=True, data=True))
    return flat


def write_network(graph: nx.MultiDiGraph, path: Path, format: str) -> None:
    """Write ``graph`` to ``path`` as ``graphml``, ``gexf`` or ``json`` (node-link)."""
    if format == "graphml":
        nx.write_graphml(_flattened(graph), path)
    elif format == "gexf":
        nx.write_gexf(_flattened(graph), path)
    elif format == "json":
        data = nx.node_link_data(graph, edges="edges")
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    else:
        raise ValueError(f"unknown network format {format!r}; choose from {', '.join(NETWORK_FORMATS)}")
