"""CaseKG: clinical case reports -> a provenance-rich knowledge graph in Oxigraph.

The data path is the package layout: ``read`` (files -> Document), ``extract``
(Document -> Extraction), ``assemble`` (Extraction -> Case), ``rdf`` (Case -> quads),
``store`` (quads -> Oxigraph, queries, exports). ``cli`` and ``api`` drive them.
"""

__version__ = "0.1.0"

from kg.extract.context import classify_assertion  # noqa: E402

__all__ = ["__version__", "classify_assertion"]
