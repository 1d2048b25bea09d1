"""CaseKG: clinical case reports -> a provenance-rich knowledge graph in Oxigraph.

The data path is the package layout: ``read`` (files -> Document), ``extract``
(Document -> Extraction), ``assemble`` (Extraction -> Case), ``rdf`` (Case -> quads),
``store`` (quads -> Oxigraph, queries, exports). ``cli`` and ``api`` drive them:
``kg.open(path)`` gives the Python API (``kg.api.Graph``).
"""

__version__ = "0.1.0"

from kg.extract.context import classify_assertion  # noqa: E402

__all__ = ["__version__", "classify_assertion", "open", "Graph"]


def __getattr__(name: str) -> object:
    """``kg.open`` and ``kg.Graph``, imported on first use (the CLI does not need them)."""
    if name in {"open", "Graph"}:
        from kg import api

        return api.open_graph if name == "open" else api.Graph
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
