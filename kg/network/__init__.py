"""The graph as networkx objects, for analysis in Python and for Cytoscape / Gephi.

``facts`` builds the collapsed view (patients, documents and concepts as nodes; the
clinical facts as edges), ``rdf_nodes`` the faithful one (every RDF node), ``files``
writes either as GraphML, GEXF or node-link JSON.
"""

from kg.network.facts import facts_graph
from kg.network.files import NETWORK_FORMATS, write_network
from kg.network.rdf_nodes import rdf_graph

__all__ = ["facts_graph", "rdf_graph", "write_network", "NETWORK_FORMATS"]
