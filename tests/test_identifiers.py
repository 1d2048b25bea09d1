from __future__ import annotations

import pytest

from kg.identifiers import InvalidIdentifier, compress, expand, standardize


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("https://www.ncbi.nlm.nih.gov/gene/930", "NCBIGene:930"),
        ("ncbigene:930", "NCBIGene:930"),
        ("http://identifiers.org/ncbigene/930", "NCBIGene:930"),
        ("https://identifiers.org/ncbigene/930", "NCBIGene:930"),
        ("mesh:D015470", "MESH:D015470"),
        ("MESH:MESH:D015470", "MESH:D015470"),
        ("D015470", "MESH:D015470"),
        ("http://id.nlm.nih.gov/mesh/D015470", "MESH:D015470"),
        ("MONDO_0004967", "MONDO:0004967"),
        ("http://purl.obolibrary.org/obo/MONDO_0004967", "MONDO:0004967"),
        ("ncit:c4870", "NCIT:C4870"),
        ("taxon:9606", "NCBITaxon:9606"),
        ("HGNC:HGNC:5", "HGNC:5"),
    ],
)
def test_standardize(raw: str, canonical: str) -> None:
    assert standardize(raw) == canonical


def test_expand_follows_model_namespaces() -> None:
    assert expand("NCBIGene:930") == "http://identifiers.org/ncbigene/930"
    assert expand("MESH:D015470") == "http://id.nlm.nih.gov/mesh/D015470"
    assert expand("MONDO:0018874") == "http://purl.obolibrary.org/obo/MONDO_0018874"
    assert compress("http://purl.obolibrary.org/obo/NCIT_C4870") == "NCIT:C4870"


@pytest.mark.parametrize("bad", ["x\" } ; DROP ALL ; #", "nonsense", "FOO:123", "http://example.org/x", ""])
def test_invalid_identifiers_raise(bad: str) -> None:
    with pytest.raises(InvalidIdentifier):
        standardize(bad)
