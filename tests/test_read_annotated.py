"""PubTator and BioC readers: many documents per file, offsets that point into the text,
identifiers standardized by type, relations kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.read import detect_format, read_documents, read_file
from kg.read.annotation_types import category_of, realign, standardize_ids

PUBTATOR = (
    "111|t|Imatinib for chronic myeloid leukemia.\n"
    "111|a|Imatinib caused rash in a CML patient.\n"
    "111\t0\t8\tImatinib\tChemical\tD000068877\n"
    "111\t13\t37\tchronic myeloid leukemia\tDisease\tD015464\n"
    "111\t39\t47\tImatinib\tChemical\tD000068877\n"
    "111\t55\t59\trash\tDisease\tD005076|D012871\n"
    "111\t65\t68\tCML\tDisease\t-1\n"
    "111\tCID\tD000068877\tD005076\n"
    "\n"
    "222|t|BRCA1 in mice.\n"
    "222|a|\n"
    "222\t0\t5\tBRCA1\tGene\t672\n"
    "222\t9\t13\tmice\tSpecies\t10090\n"
)


def test_pubtator_documents_offsets_ids_relations() -> None:
    assert detect_format(PUBTATOR, "x.txt") == "pubtator"
    first, second = read_documents(PUBTATOR, "x.txt")
    assert first.identifiers == ("PMID:111",) and second.identifiers == ("PMID:222",)
    for doc in (first, second):
        for a in doc.annotations:
            assert doc.text[a.start : a.end] == a.text
    by_text = {a.text: a for a in first.annotations}
    assert by_text["chronic myeloid leukemia"].curies == ("MESH:D015464",)
    assert by_text["rash"].curies == ("MESH:D005076", "MESH:D012871")
    assert by_text["CML"].curies == ()
    assert first.relations[0].predicate == "CID"
    assert (first.relations[0].subject, first.relations[0].object) == ("MESH:D000068877", "MESH:D005076")
    assert [(a.category, a.curies) for a in second.annotations] == [("Gene", ("NCBIGene:672",)), ("Species", ("NCBITaxon:10090",))]
    assert [s.kind for s in first.sections] == ["title", "abstract"]


def test_annotation_types_and_ids() -> None:
    assert category_of("SpecificDisease") == "Disease" and category_of("GeneOrGeneProduct") == "Gene"
    assert category_of("OrganismTaxon") == "Species" and category_of("SequenceVariant") == "Variant"
    assert standardize_ids("930;931", "Gene") == ("NCBIGene:930", "NCBIGene:931")
    assert standardize_ids("10434(Tax:9606)", "Gene") == ("NCBIGene:10434",)
    assert standardize_ids("rs123", "Variant") == ()
    assert realign("abc TREK2 channel", "TREK2", 4, 7) == (4, 9)
    assert realign("abc TREK2 channel", "TREK2", 0, 5) == (4, 9)
    assert realign("abc", "zzz", 0, 3) is None


@pytest.mark.parametrize("name", ["Dev.PubTator", "Dev.BioC.XML", "Dev.BioC.JSON"])
def test_biored_dev_in_three_formats_agrees(corpora: Path, name: str) -> None:
    documents = read_file(corpora / "biored" / name)
    assert len(documents) == 100
    assert sum(len(d.annotations) for d in documents) == 3533
    assert sum(len(d.relations) for d in documents) == 1162
    for doc in documents:
        for a in doc.annotations:
            assert doc.text[a.start : a.end] == a.text
    first = documents[0]
    assert first.identifiers == ("PMID:14510914",)
    assert first.annotations[0].curies == ("MESH:D003409",)


def test_shared_pubtator_corpora_read_cleanly(corpora: Path) -> None:
    counts = {
        "bc5cdr/CDR_DevelopmentSet.PubTator.txt": 500,
        "ncbi-disease/NCBIdevelopset_corpus.txt": 100,
        "ncbi-gene-species/GNormPlus_Train.PubTator": 432,
        "ncbi-gene-species/SPECIES_Train.PubTator": 639,
    }
    for relative, expected in counts.items():
        documents = read_file(corpora / relative)
        assert len(documents) == expected, relative
        assert all(d.format == "pubtator" for d in documents)


def test_malformed_pubtator_names_the_line(tmp_path: Path) -> None:
    from kg.errors import ReadError

    path = tmp_path / "bad.pubtator"
    path.write_text("1|t|Title\n1|a|Text\nthis is not a pubtator line\n")
    with pytest.raises(ReadError, match=r"bad.pubtator: line 3"):
        read_file(path, format="pubtator")


def test_unknown_annotator_types_become_other_with_their_own_name_kept(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli
    from kg.store.store import CaseStore

    assert category_of("Lab_value") == "Other" and category_of("Sex") == "Demographic"
    (tmp_path / "case.txt").write_text("A 50-year-old man had a hemoglobin of 9 g/dL.\n")
    (tmp_path / "case.ann").write_text("T1\tLab_value 38 44\t9 g/dL\nT2\tSex 14 17\tman\n")
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["--store", str(store), "ingest", str(tmp_path / "case.ann")])
    assert result.exit_code == 0, result.output
    with CaseStore(store, read_only=True) as opened:
        rows = {(r["c"].value, r["t"].value) for r in opened.query(
            "SELECT ?c ?t WHERE { ?m <https://w3id.org/casekg/vocab#category> ?c ; "
            "<https://w3id.org/casekg/vocab#annotationType> ?t }")}
    # "man" is also our own sex evidence: one Mention node carries both
    assert rows == {("Other", "Lab_value"), ("Demographic", "Sex")}
    validate = CliRunner().invoke(cli, ["--store", str(store), "validate"])
    assert validate.exit_code == 0, validate.output
