"""Stage 4, write RDF: Case -> quads (``case_graph``), codes -> terms graph (``terms``)."""

from kg.rdf.case_graph import Activity, case_quads
from kg.rdf.namespaces import PREFIX_MAP, doc_key, graph_iri
from kg.rdf.terms import case_term_quads, lexicon_term_quads

__all__ = ["Activity", "case_quads", "case_term_quads", "lexicon_term_quads", "PREFIX_MAP", "doc_key", "graph_iri"]
