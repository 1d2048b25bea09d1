"""What annotators call their entity types, and how they write identifiers.

PubTator, BioC (BioRED), NCBI Disease, BC5CDR, GNormPlus and SPECIES-800 each name types
their own way (``SpecificDisease``, ``DiseaseOrPhenotypicFeature``, ``GeneOrGeneProduct``,
``OrganismTaxon`` ...) and write bare ids (``D015470``, ``930``, ``9606``) whose namespace
follows from the type. This module maps both to CaseKG's categories and CURIEs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.identifiers import InvalidIdentifier, standardize

__all__ = ["category_of", "standardize_ids", "realign"]

_CATEGORY = {
    "disease": "Disease",
    "specificdisease": "Disease",
    "diseaseclass": "Disease",
    "modifier": "Disease",
    "compositemention": "Disease",
    "diseaseorphenotypicfeature": "Disease",
    "disease_disorder": "Disease",
    "phenotype": "Finding",
    "sign_symptom": "Finding",
    "chemical": "Chemical",
    "chemicalentity": "Chemical",
    "drug": "Chemical",
    "medication": "Chemical",
    "gene": "Gene",
    "geneorgeneproduct": "Gene",
    "protein": "Gene",
    "familyname": "Gene",
    "domainmotif": "Gene",
    "species": "Species",
    "organismtaxon": "Species",
    "organism": "Species",
    "sequencevariant": "Variant",
    "variant": "Variant",
    "dnamutation": "Variant",
    "proteinmutation": "Variant",
    "snp": "Variant",
    "cellline": "CellLine",
    "age": "Demographic",
    "sex": "Demographic",
    "therapeutic_procedure": "Therapy",
    "outcome": "Outcome",
}

#: the namespace of a bare identifier, by category
_BARE_PREFIX = {"Disease": "MESH", "Chemical": "MESH", "Gene": "NCBIGene", "Species": "NCBITaxon"}
_SPLIT = re.compile(r"[|;,]")
_TAX_SUFFIX = re.compile(r"\(Tax:\d+\)$")


def category_of(annotation_type: str) -> str:
    """CaseKG category for an annotator's type name; ``Other`` when CaseKG has none (the
    annotator's own type is kept beside it as ``ckg:annotationType``)."""
    return _CATEGORY.get(annotation_type.strip().lower().replace(" ", ""), "Other")


@lru_cache(maxsize=65_536)  # corpora repeat the same ids in every document
def standardize_ids(raw: str, category: str) -> tuple[str, ...]:
    """Standard CURIEs from an annotator's id field: ``D002318|D012131`` -> two MeSH CURIEs;
    ``-1``, ``-`` or empty -> none; ids outside the known namespaces are dropped.

    >>> standardize_ids("D002318|D012131", "Disease")
    ('MESH:D002318', 'MESH:D012131')
    >>> standardize_ids("930", "Gene"), standardize_ids("OMIM:601462", "Disease")
    (('NCBIGene:930',), ('OMIM:601462',))
    """
    curies: list[str] = []
    for part in _SPLIT.split(raw or ""):
        part = _TAX_SUFFIX.sub("", part.strip())
        if not part or part in {"-1", "-", "None", "null"}:
            continue
        if ":" not in part and "://" not in part:
            prefix = _BARE_PREFIX.get(category)
            if prefix is None:
                continue
            if prefix == "MESH" and not re.fullmatch(r"[CDG]\d+", part):
                continue
            if prefix != "MESH" and not part.isdigit():
                continue
            part = f"{prefix}:{part}"
        try:
            curies.append(standardize(part))
        except InvalidIdentifier:
            continue
    return tuple(dict.fromkeys(curies))


def realign(text: str, surface: str, start: int, end: int, window: int = 100) -> tuple[int, int] | None:
    """Offsets where ``surface`` really is, for annotators' off-by-some errors.

    Corpora carry a few annotations whose end (or both offsets) is wrong; the surface
    string is the better witness. Returns None when the surface is not near ``start``.
    """
    if text[start:end] == surface:
        return start, end
    if text[start : start + len(surface)] == surface:
        return start, start + len(surface)
    low = max(0, start - window)
    found = text.find(surface, low, start + len(surface) + window)
    if found >= 0:
        return found, found + len(surface)
    return None
