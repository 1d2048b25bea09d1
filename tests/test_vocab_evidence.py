"""Training evidence for vocabulary names (kg.vocab.compile): siblings, boundaries, smoothing."""

from __future__ import annotations

from kg.vocab.compile import _apply_precision, _evidence, _names_a_part, _number_siblings
from kg.vocab.index import Candidate


def test_number_siblings_of_a_key() -> None:
    assert " placebo " in _number_siblings(" placebos ")
    assert " tumor cell lines " in _number_siblings(" tumor cell line ")
    assert " therapy " in _number_siblings(" therapies ") and " therapies " in _number_siblings(" therapy ")
    assert _number_siblings(" ca ") == []


def test_a_rare_name_borrows_its_siblings_evidence() -> None:
    stats = {(" placebo ", "Chemical"): (0, 60), (" placebos ", "Chemical"): (0, 1), (" cocaine ", "Chemical"): (9, 1)}
    assert _evidence(" placebos ", "Chemical", stats) == (0, 61)
    assert _evidence(" cocaine ", "Chemical", stats) == (9, 1)  # enough of its own
    assert _evidence(" heroin ", "Chemical", stats) == (0, 0)


def test_a_gold_mention_inside_the_name_makes_it_over_reach() -> None:
    assert _names_a_part(0, 16, [(0, 8)])  # "dopamine" inside "dopamine agonist"
    assert not _names_a_part(0, 8, [(0, 8)])  # the same span is an exact match
    assert not _names_a_part(5, 8, [(0, 16)])  # inside a longer gold mention


def test_one_unannotated_occurrence_is_judged_with_its_branch() -> None:
    table = {" drinking water ": (Candidate("Chemical", "MESH:D1"),), " rare drug ": (Candidate("Chemical", "MESH:D2"),)}
    stats = {(" drinking water ", "Chemical"): (0, 1), (" rare drug ", "Chemical"): (0, 1)}
    groups = {"MESH:D1": frozenset({"D01.045"}), "MESH:D2": frozenset({"D03.633"})}
    by_group = {"D01.045": (4, 6), "D03.633": (90, 10)}  # branch precision 0.4 and 0.9
    kept, dropped = _apply_precision(table, stats, groups, by_group)
    assert list(kept) == [" rare drug "] and dropped == 1


def test_gene_names_need_most_of_their_occurrences_annotated() -> None:
    """A gene name the gold leaves out a third of the time is a family's ("protein kinase C");
    a disease name at that rate stays."""
    table = {" protein kinase c ": (Candidate("Gene", "NCBIGene:5578"),), " cd4 ": (Candidate("Gene", "NCBIGene:920"),),
             " gout ": (Candidate("Disease", "MESH:D1"),), " helicase ": (Candidate("Gene", "NCBIGene:164045"),)}
    stats = {(" protein kinase c ", "Gene"): (2, 1), (" cd4 ", "Gene"): (9, 1), (" gout ", "Disease"): (2, 1),
             (" helicase ", "Gene"): (0, 1)}
    groups = {"NCBIGene:164045": frozenset({"Gene"})}
    kept, dropped = _apply_precision(table, stats, groups, {"Gene": (90, 10)})  # genes: 0.9 annotated
    assert sorted(kept) == [" cd4 ", " gout "] and dropped == 2


def test_an_annotation_does_not_take_a_gene_symbol_from_its_gene() -> None:
    from kg.vocab.compile import _annotation_score, _Concept, _official_symbols, _symbol_key

    concepts = {"NCBIGene:4313": _Concept("Gene", "MMP2"), "NCBIGene:4130": _Concept("Gene", "MAP1A")}
    symbol_of = _official_symbols(concepts).get(_symbol_key("MMP-2"))
    assert symbol_of == "NCBIGene:4313"
    slip = _annotation_score("NCBIGene:4130", "Gene", 4, concepts, symbol_of)
    assert slip < 1.0 < _annotation_score("NCBIGene:4313", "Gene", 4, concepts, symbol_of) == 20.0
    assert _annotation_score("NCBIGene:4130", "Gene", 4, concepts, None) == 20.0  # not a symbol


def test_generic_gene_descriptions_are_not_names() -> None:
    from kg.vocab.compile import COMMON_GENE_WORD, _common_gene_words, _Concept, generic_gene_name

    concepts = {f"NCBIGene:{i}": _Concept("Gene", f"G{i}", {f"DNA repair protein {i}": 1.0, "zinc finger": 1.0})
                for i in range(COMMON_GENE_WORD)}
    concepts["NCBIGene:x"] = _Concept("Gene", "XRCC9", {"DNA repair protein": 0.5, "XRCC9 repair protein": 1.0})
    common = _common_gene_words(concepts)
    assert {"dna", "repair", "protein", "zinc", "finger"} <= common and "xrcc9" not in common
    assert generic_gene_name("DNA repair protein", common) and generic_gene_name("zinc-finger protein", common)
    assert not generic_gene_name("XRCC9 repair protein", common)  # a word of its own
    assert not generic_gene_name("DNA repair protein 2", common)  # a number tells members apart
    assert not generic_gene_name("DNA repair protein beta", common) and not generic_gene_name("DNA repair protein II", common)


def test_numbers_and_diseases_listed_as_gene_aliases_are_not_names() -> None:
    from kg.vocab.gene_names import not_a_gene_name

    assert not_a_gene_name("14.1") and not_a_gene_name("Zellweger syndrome") and not_a_gene_name("Machado-Joseph disease")
    assert not not_a_gene_name("p53") and not not_a_gene_name("MS") and not not_a_gene_name("disease resistance protein 1")


def test_a_one_word_protein_name_at_a_sentence_start() -> None:
    from kg.vocab.gene_names import gene_variants

    assert "Autotaxin" in gene_variants("autotaxin", symbol=False)
    assert gene_variants("Autotaxin", symbol=False) == [] and "Nrf" not in gene_variants("nrf", symbol=False)


def test_gene_name_numerals_and_glued_greek_letters() -> None:
    from kg.vocab.gene_names import gene_variants

    assert "histone deacetylase II" in gene_variants("histone deacetylase 2", symbol=False)
    assert "desmoglein 3" in gene_variants("desmoglein III", symbol=False)
    assert "p110 gamma" in gene_variants("p110gamma", symbol=False)
    assert gene_variants("protein I", symbol=False) == [] and gene_variants("factor 11", symbol=False) == []


def test_another_species_annotation_names_the_human_namesake() -> None:
    from kg.vocab.compile import _Concept, _gene_namesakes, _symbol_key

    concepts = {"NCBIGene:2353": _Concept("Gene", "FOS", {"FOS": 3.0, "C-FOS": 1.0, "p55": 1.0}),
                "NCBIGene:9999": _Concept("Gene", "XYZ", {"XYZ": 3.0, "p55": 1.0, "nuclear protein": 0.5})}
    namesakes = _gene_namesakes(concepts)
    assert namesakes[_symbol_key("c-Fos")] == "NCBIGene:2353"  # any case, the one gene with that alias
    assert _symbol_key("p55") not in namesakes and _symbol_key("nuclear protein") not in namesakes


def test_ion_channel_aliases_in_protein_case() -> None:
    from kg.vocab.gene_names import gene_variants

    assert gene_variants("KV4.2", symbol=False) == ["Kv4.2"] and gene_variants("CAV1.2", symbol=False) == ["Cav1.2"]
    assert gene_variants("KV42", symbol=False) == ["KV-42"]  # no channel number: only the hyphen spelling
