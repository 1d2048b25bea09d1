"""The graph in other places: SPARQL endpoints (query, Graph Store Protocol push) and servers.

``http`` sends requests with bounded retries, ``sparql`` runs queries at any SPARQL 1.1
query endpoint, ``gsp`` pushes named graphs with the Graph Store Protocol, ``server`` runs
the Oxigraph server over a store.
"""
