"""Which predicate an annotator's relation type means.

Relations that come with the input (PubTator ``CID``, BioRED ``Association``, brat
``CAUSE``) are written as ``ckg:AnnotatedRelation`` nodes that keep the annotator's own
type (``ckg:relationType``) and, where one is defined, a Biolink predicate
(``ckg:relationPredicate``) so that relations from different corpora can be queried alike.
Types with no clear Biolink meaning (brat's ``MODIFY``, temporal ``BEFORE``) get
``biolink:related_to``; their ``ckg:relationType`` says the rest.
"""

from __future__ import annotations

__all__ = ["BIOLINK", "predicate_for"]

BIOLINK = "https://w3id.org/biolink/vocab/"

_PREDICATES = {
    "cid": "causes",  # BC5CDR: chemical-induced disease
    "cause": "causes",
    "causes": "causes",
    "association": "associated_with",
    "positive_correlation": "positively_correlated_with",
    "negative_correlation": "negatively_correlated_with",
    "bind": "physically_interacts_with",
    "drug_interaction": "interacts_with",
    "cotreatment": "coexists_with",
    "sub_procedure": "has_part",
    "before": "precedes",
    "after": "preceded_by",
    "overlap": "temporally_related_to",
}


def predicate_for(relation_type: str) -> str:
    """The Biolink predicate IRI for an annotator's relation type (``related_to`` when unknown).

    >>> predicate_for("CID"), predicate_for("MODIFY")
    ('https://w3id.org/biolink/vocab/causes', 'https://w3id.org/biolink/vocab/related_to')
    """
    return BIOLINK + _PREDICATES.get(relation_type.strip().lower(), "related_to")
