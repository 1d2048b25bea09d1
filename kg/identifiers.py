"""Identifiers: one CURIE form for every concept, whatever spelling the user pasted.

MODEL.md fixes the prefixes and their IRIs. The ``curies`` package does the expansion
and compression; this module supplies the prefix map with the synonyms users paste
(``ncbigene:930``, ``mesh:D015470``, ``MONDO_0004967``, ``https://www.ncbi.nlm.nih.gov/gene/930``)
and turns them all into the canonical CURIE (``NCBIGene:930``, ``MESH:D015470``,
``MONDO:0004967``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import curies

__all__ = [
    "PREFIXES",
    "standardize",
    "expand",
    "compress",
    "converter",
    "InvalidIdentifier",
]

OBO = "http://purl.obolibrary.org/obo/"

#: canonical prefix -> (IRI prefix, prefix synonyms, other IRI prefixes seen in the wild)
PREFIXES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "MONDO": (OBO + "MONDO_", ("mondo",), ("https://purl.obolibrary.org/obo/MONDO_",)),
    "HP": (OBO + "HP_", ("hp", "HPO"), ("https://purl.obolibrary.org/obo/HP_",)),
    "MAXO": (OBO + "MAXO_", ("maxo",), ()),
    "NCIT": (
        OBO + "NCIT_",
        ("ncit", "NCIt", "NCI", "ncithesaurus"),
        ("http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl#", "http://identifiers.org/ncit/",
         "https://identifiers.org/ncit/"),
    ),
    "NCBITaxon": (
        OBO + "NCBITaxon_",
        ("ncbitaxon", "taxon", "NCBITAXON", "taxonomy", "NCBI_Taxon"),
        ("http://identifiers.org/taxonomy/", "https://identifiers.org/taxonomy/",
         "https://www.ncbi.nlm.nih.gov/Taxonomy/Browser/wwwtax.cgi?id="),
    ),
    "IAO": (OBO + "IAO_", ("iao",), ()),
    "ECO": (OBO + "ECO_", ("eco",), ()),
    "DOID": (OBO + "DOID_", ("doid", "DO"), ()),
    "MESH": (
        "http://id.nlm.nih.gov/mesh/",
        ("mesh", "MeSH", "MSH"),
        ("https://id.nlm.nih.gov/mesh/", "http://identifiers.org/mesh/", "https://identifiers.org/mesh/",
         "http://identifiers.org/mesh:", "https://meshb.nlm.nih.gov/record/ui?ui="),
    ),
    "NCBIGene": (
        "http://identifiers.org/ncbigene/",
        ("ncbigene", "NCBIGENE", "EntrezGene", "entrez", "GeneID", "NCBI_Gene", "ncbi.gene"),
        ("https://identifiers.org/ncbigene/", "https://identifiers.org/ncbigene:",
         "http://identifiers.org/ncbigene:", "https://www.ncbi.nlm.nih.gov/gene/",
         "http://www.ncbi.nlm.nih.gov/gene/"),
    ),
    "OMIM": ("https://omim.org/entry/", ("omim", "MIM", "mim"), ("http://identifiers.org/omim/",)),
    "HGNC": ("http://identifiers.org/hgnc/", ("hgnc",), ("https://identifiers.org/hgnc/",)),
    "CHEBI": (OBO + "CHEBI_", ("chebi",), ()),
    # CaseKG's own vocabulary and default instance namespace (MODEL.md)
    "ckg": ("https://w3id.org/casekg/vocab#", (), ()),
    "ckgid": ("https://w3id.org/casekg/id/", (), ()),
}


class InvalidIdentifier(ValueError):
    """Raised for a string that is not a CURIE or IRI in a known namespace."""


@lru_cache(maxsize=1)
def converter() -> curies.Converter:
    records = [
        curies.Record(
            prefix=prefix,
            uri_prefix=uri_prefix,
            prefix_synonyms=list(synonyms),
            uri_prefix_synonyms=list(other_uris),
        )
        for prefix, (uri_prefix, synonyms, other_uris) in PREFIXES.items()
    ]
    return curies.Converter(records)


_OBO_UNDERSCORE = re.compile(r"^([A-Za-z]+)_(\w+)$")
_BARE_MESH = re.compile(r"^[CDG]\d{6,9}$")


@lru_cache(maxsize=65536)
def standardize(identifier: str) -> str:
    """The canonical CURIE for ``identifier`` (a CURIE or IRI in any accepted spelling).

    >>> standardize("ncbigene:930"), standardize("MONDO_0004967"), standardize("D015470")
    ('NCBIGene:930', 'MONDO:0004967', 'MESH:D015470')
    """
    text = identifier.strip()
    conv = converter()
    if "://" in text:
        curie = conv.compress(text)
        if curie is None:
            raise InvalidIdentifier(f"not an IRI in a known namespace: {identifier!r}")
        return curie
    if _BARE_MESH.match(text):
        return "MESH:" + text
    match = _OBO_UNDERSCORE.match(text)
    if ":" not in text and match:
        text = f"{match.group(1)}:{match.group(2)}"
    if text.count(":") == 2 and text.split(":")[0].upper() in {"MESH", "NCBIGENE", "HGNC", "OMIM"}:
        # doubled prefixes such as "MESH:MESH:D000001" or "HGNC:HGNC:5"
        text = text.split(":", 1)[1]
    prefix, sep, local = text.partition(":")
    if not sep or not local:
        raise InvalidIdentifier(f"not a CURIE: {identifier!r}")
    canonical = conv.standardize_prefix(prefix) or conv.standardize_prefix(prefix.lower())
    if canonical is None:
        for known in PREFIXES:
            if known.lower() == prefix.lower():
                canonical = known
                break
    if canonical is None:
        raise InvalidIdentifier(f"unknown prefix {prefix!r} in {identifier!r}")
    if canonical == "NCIT" and local[:1].lower() == "c":
        local = "C" + local[1:]
    return f"{canonical}:{local}"


@lru_cache(maxsize=65536)
def expand(curie: str) -> str:
    """The IRI of a (canonical or not) CURIE (cached: curies rebuilds its prefix map per call)."""
    canonical = standardize(curie)
    iri = converter().expand(canonical)
    if iri is None:  # pragma: no cover - standardize already checked the prefix
        raise InvalidIdentifier(f"cannot expand {curie!r}")
    return iri


def compress(iri: str) -> str | None:
    """The canonical CURIE of an IRI, or None when it is outside the known namespaces."""
    return converter().compress(iri)
