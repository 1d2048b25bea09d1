"""The terms graph: a label, a category and cross-vocabulary equivalents for every code.

Written from the lexicon (all concepts, so a query by any equivalent id finds the case)
and from codes that arrive with input annotations and are not in the lexicon.
``skos:exactMatch`` is written in both directions so one hop answers either way.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Quad

from kg.extract.lexicon import Lexicon
from kg.identifiers import InvalidIdentifier, expand
from kg.model import Case
from kg.rdf.namespaces import RDFS, SKOS, TERMS_GRAPH, ckg

__all__ = ["lexicon_term_quads", "case_term_quads", "term_quads"]

_LABEL = NamedNode(RDFS + "label")
_EXACT = NamedNode(SKOS + "exactMatch")


def term_quads(curie: str, label: str, category: str, xrefs: Iterable[str] = ()) -> list[Quad]:
    node = NamedNode(expand(curie))
    quads = [
        Quad(node, _LABEL, Literal(label), TERMS_GRAPH),
        Quad(node, ckg("category"), Literal(category), TERMS_GRAPH),
    ]
    for xref in xrefs:
        try:
            other = NamedNode(expand(xref))
        except InvalidIdentifier:
            continue  # an xref outside the known namespaces is not worth a broken IRI
        quads.append(Quad(node, _EXACT, other, TERMS_GRAPH))
        quads.append(Quad(other, _EXACT, node, TERMS_GRAPH))
    return quads


def lexicon_term_quads(lexicon: Lexicon) -> list[Quad]:
    quads: list[Quad] = []
    for concept in lexicon:
        quads.extend(term_quads(concept.curie, concept.label, concept.category, concept.xrefs))
    return quads


def case_term_quads(case: Case, lexicon: Lexicon) -> list[Quad]:
    """Terms for codes used by the case that the lexicon does not define.

    The patients' demographic evidence (age, sex mentions; every patient of a case series)
    is not among the extraction's mentions but is written with its codes too, so its codes
    need terms as well.
    """
    quads: list[Quad] = []
    seen: set[str] = set()
    evidence = [mention for part in case.patient_cases for mention in part.patient.evidence]
    for mention in (*case.extraction.mentions, *evidence):
        for code in mention.codes:
            if code not in seen and lexicon.get(code) is None:
                seen.add(code)
                quads.extend(term_quads(code, mention.label, mention.category))
    return quads
