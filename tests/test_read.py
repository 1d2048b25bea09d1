"""Readers: format detection, the seed formats, and one-line errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ReadError
from kg.read import detect_format, read_path, read_text
from kg.read.summary import parse_entity_list

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_summary_seed_metadata_sections_and_annotations(seeds: Path) -> None:
    doc = read_path(next(seeds.glob("000_*.txt")))
    assert doc.format == "summary"
    assert doc.title.startswith("CD19 CAR-T cells derived from recipient")
    assert "PMC12127159" in doc.identifiers
    assert "doi:10.3389/fimmu.2025.1586349" in doc.identifiers
    assert doc.journal == "Frontiers in Immunology" and doc.date == "2025-05-19"
    assert doc.authors[0] == "Hua Li" and len(doc.authors) == 5
    kinds = {s.title: s.kind for s in doc.sections}
    assert kinds["Abstract"] == "abstract" and kinds["TL;DR"] == "summary" and kinds["Key findings"] == "summary"
    assert "Full text" not in kinds  # the placeholder paragraph is not case text
    assert "Linked entities" not in doc.text and "NCBI Gene 930" not in doc.text
    curies = {(a.text, a.curie, a.category) for a in doc.annotations}
    assert ("CD19", "NCBIGene:930", "Gene") in curies
    assert ("acute lymphoblastic leukemia", "MONDO:0004967", "Disease") in curies
    assert ("ALL", "MESH:D054198", "Disease") in curies
    assert ("Homo sapiens", "NCBITaxon:9606", "Species") in curies
    cd19 = [a for a in doc.annotations if a.aliases]
    assert cd19 and cd19[0].aliases == ("B4", "CVID3")


def test_article_page_seed_drops_boilerplate(seeds: Path) -> None:
    doc = read_path(next(seeds.glob("003_*.txt")))
    assert doc.format == "article-page"
    assert doc.title.startswith("Combined umbilical cord blood and peripheral blood stem cell transplantation")
    assert doc.identifiers == ("doi:10.3389/fimmu.2025.1598754",)
    assert doc.authors == ("Meng Fanqiao", "Yu Liu", "Dongfeng Zeng")
    assert doc.affiliations[0].startswith("Daping Hospital")
    assert doc.journal == "Front. Immunol."
    assert doc.date == "2025-05-19"
    assert "Acute Myeloid Leukemia" in doc.keywords and "CAR-CLL1" in doc.keywords
    for boilerplate in ("Copyright", "Disclaimer", "Provisionally accepted", "Correspondence", "Research Topic"):
        assert boilerplate not in doc.text
    assert "We report a 35-yearold male with AML" in doc.text
    assert [s.kind for s in doc.sections] == ["title", "abstract", "keywords"]


def test_plain_text_is_all_case_text() -> None:
    doc = read_text("A 6-year-old girl had fever.\n", "note.txt")
    assert doc.format == "text" and doc.sections[0].kind == "case"
    assert doc.text.startswith("A 6-year-old girl")


def test_format_override_wins_over_detection() -> None:
    text = "# Case Report: X\n\n**Authors:** A\n\n## Abstract\n\nA 50-year-old man.\n"
    assert detect_format(text, "x.md") == "summary"
    assert read_text(text, "x.md", format="text").format == "text"


def test_entity_list_standardizes_identifiers() -> None:
    items = parse_entity_list(
        "- **Genes:** CLEC12A (C-type lectin domain family 12 member A) [NCBI Gene 160364] {aka CLL1, CD371}\n"
        "- **Diseases:** AML (mesh:D015470), GVHD (MONDO_0013730)\n",
        "test",
    )
    assert [(a.text, a.curie) for a in items] == [
        ("CLEC12A", "NCBIGene:160364"),
        ("AML", "MESH:D015470"),
        ("GVHD", "MONDO:0013730"),
    ]
    assert items[0].aliases == ("CLL1", "CD371")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x00\x01\x02binary\x00", "binary file"),
        (b"%PDF-1.7 ...", "binary file"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
        (b'{"not": "a case report"}', "unknown format"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_path(path)
    message = str(info.value)
    assert message.startswith(str(path) + ":")
    assert problem in message
    assert "\n" not in message


def test_unknown_extension_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(ReadError, match="unknown format"):
        read_path(path)


def test_bundled_examples_are_detected_in_their_formats() -> None:
    formats = {p.name: read_path(p).format for p in EXAMPLES.glob("*") if p.name != "README.md"}
    assert len(formats) >= 4
    assert "summary" in formats.values() and "article-page" in formats.values() and "text" in formats.values()


@pytest.mark.parametrize(
    ("xml", "named"),
    [
        ("<article><front/></article>", "JATS article (no PMC id, PMID or DOI)"),
        ('<article><front><article-meta><article-id pub-id-type="pmid">123</article-id></article-meta></front></article>',
         "JATS article PMID:123"),
    ],
)
def test_an_empty_jats_article_is_a_one_line_error_naming_the_file_and_the_article(tmp_path: Path, xml: str, named: str) -> None:
    path = tmp_path / "empty-article.xml"
    path.write_text(xml, encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_path(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    assert f"{named} has no title, abstract or body text" in message
