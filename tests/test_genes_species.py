"""Gene and species recognition and normalization: name variants, abbreviations, species.

Small vocabularies and training files written here (our own rows, in the real formats).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.genes import chromosome_band, gene_like_name, gene_series, modifies_another_gene, other_organism_gene
from kg.vocab import build_vocab, load_vocab

GENE_HEADER = ("#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\tmap_location\tdescription\t"
               "type_of_gene\tSymbol_from_nomenclature_authority\tFull_name_from_nomenclature_authority\t"
               "Nomenclature_status\tOther_designations\tModification_date\tFeature_type\n")
#: tax, id, symbol, synonyms, description, other designations
GENES = [
    ("9606", "9380", "GRHPR", "GLXR|PH2", "glyoxylate and hydroxypyruvate reductase", "glycerate dehydrogenase"),
    ("9606", "920", "CD4", "CD4mut", "CD4 molecule", "T-cell surface antigen T4/Leu-3"),
    ("9606", "7124", "TNF", "DIF|TNF-alpha|TNFA", "tumor necrosis factor", "tumor necrosis factor ligand 1F"),
    ("9606", "3627", "CXCL10", "IP-10|IFI10", "C-X-C motif chemokine ligand 10", "interferon-induced protein 10"),
    ("9606", "1616", "DAXX", "BING2|DAP6", "death domain associated protein", "ETS1-associated protein 1"),
    ("9606", "51592", "TRIM33", "TIF1-gamma|RFG7", "tripartite motif containing 33", "transcriptional intermediary factor 1"),
    ("9606", "4693", "NDP", "EVR2|FEVR", "NDP norrin cystine knot growth factor", "norrin|nuclear protein"),
    ("9606", "7157", "TP53", "P53|LFS1", "tumor protein p53", "cellular tumor antigen p53"),
    ("9606", "3558", "IL2", "IL-2|TCGF", "interleukin 2", "T cell growth factor"),
    ("9606", "900001", "TEST1", "p54|alpha1", "casekg test gene 1", "nuclear protein"),
    ("9606", "900002", "TEST2", "p54", "casekg test gene 2", "-"),
    ("9606", "900003", "TEST3", "p54", "casekg test gene 3", "-"),
    ("9606", "706", "TSPO", "PBR|MBR", "translocator protein", "-"),
    ("9606", "2597", "GAPDH", "G3PD|GAPD", "glyceraldehyde-3-phosphate dehydrogenase", "-"),
    ("9606", "900004", "TEST4", "-", "ATP-binding cassette, sub-family A (ABC1), member 1", "-"),
]


def _gene_info(path: Path) -> Path:
    rows = [f"{t}\t{g}\t{s}\t-\t{syn}\t-\t1\t1p\t{d}\tprotein-coding\t{s}\t{d}\tO\t{o}\t20201206\t-"
            for t, g, s, syn, d, o in GENES]
    path.write_text(GENE_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _pubtator(path: Path, documents: list[tuple[str, str, list[tuple[str, str, str]]]]) -> Path:
    """Documents as (id, title, [(surface, type, id)]); mentions are found in order in the title."""
    blocks = []
    for pmid, title, mentions in documents:
        lines = [f"{pmid}|t|{title}", f"{pmid}|a|"]
        start = 0
        for surface, kind, ids in mentions:
            start = title.index(surface, start)
            lines.append(f"{pmid}\t{start}\t{start + len(surface)}\t{surface}\t{kind}\t{ids}")
            start += len(surface)
        blocks.append("\n".join(lines))
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return path


def _annotate(vocab: Path, text: str, categories=("Gene",)) -> list[tuple[str, str]]:
    annotator = load_vocab(vocab).annotator(list(categories))
    return [(a.text, a.ids) for a in annotator(text)]


@pytest.fixture(scope="module")
def gene_vocab(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("genes-src")
    training = _pubtator(folder / "train.PubTator", [
        ("1", "CD4 in mice.", [("CD4", "Gene", "12504(Tax:10090)")]),
        ("2", "CD4 again in mice.", [("CD4", "Gene", "12504(Tax:10090)")]),
        ("3", "Soluble TNF receptors and TNF receptor genes.",
         [("TNF receptors", "FamilyName", ""), ("TNF receptor genes", "FamilyName", "")]),
        ("4", "chemokines were measured", [("chemokines", "Gene", "3627,1616")]),
    ])
    target = tmp_path_factory.mktemp("genes-vocab")
    build_vocab([_gene_info(folder / "gene_info")], target, [training])
    return target


def test_gene_like_long_forms() -> None:
    assert gene_like_name("glyoxylate reductase/hydroxypyruvate reductase")
    assert gene_like_name("neutrophil-activating peptide 2")
    assert gene_like_name("extracellular regulated protein kinase 1")
    assert not gene_like_name("dendritic cells") and not gene_like_name("Machado-Joseph disease")
    assert not gene_like_name("IkappaB kinases")  # a plural names a family
    assert gene_like_name("IFN-induced protein of 10 kDa") and gene_like_name("T-cell alpha-chemoattractant")
    assert not gene_like_name("cells of 10 kDa")
    # a member's type or class after the head ("retinol-binding protein type II (CRBPII)")
    assert gene_like_name("cellular retinol-binding protein type II") and gene_like_name("alcohol dehydrogenase class IV")
    assert not gene_like_name("primary hyperoxaluria type II")


def test_family_members_written_as_one_mention() -> None:
    genes = {"MMP-2": "2", "MMP-9": "9", "MMP-13": "13", "CDKN2A": "A", "CDKN2B": "B", "NPHP1": "n1", "NPHP2": "n2",
             "NPHP4": "n4", "IL-1alpha": "a", "IL-1beta": "b"}
    def series(text: str) -> list[tuple[str, list[str]]]:
        return [(text[s:e], ids) for s, e, ids in gene_series(text, genes.get)]
    assert series("MMP-2, -9 and -13 levels") == [("MMP-2, -9 and -13", ["2", "9", "13"])]
    assert series("in CDKN2A/B and IL-1alpha/beta") == [("CDKN2A/B", ["A", "B"]), ("IL-1alpha/beta", ["a", "b"])]
    assert series("the NPHP1-4 genes") == [("NPHP1-4", ["n1", "n2", "n4"])]  # three of four name genes
    assert series("days 1-3, MMP-2 and 9, types 1 and -2, NPHP1-9") == []  # no stem, or too few genes
    shared = {"synapsin I": "s1", "synapsin II": "s2", "PKC alpha": "a", "PKC zeta": "z"}
    assert [(t[s:e], ids) for t in ["the synapsins I and II were", "PKC isoforms alpha and zeta"]
            for s, e, ids in gene_series(t, shared.get)] == [("synapsins I and II", ["s1", "s2"]),
                                                           ("PKC isoforms alpha and zeta", ["a", "z"])]
    assert gene_series("patients 1 and 2, types I and II", shared.get) == []


def test_symbols_with_digits_in_any_case_and_hyphenation(gene_vocab: Path) -> None:
    assert _annotate(gene_vocab, "trim-33 and Trim33 bind") == [("trim-33", "NCBIGene:51592"), ("Trim33", "NCBIGene:51592")]


def test_a_gene_name_at_the_tail_of_a_long_form_is_not_what_it_defines(gene_vocab: Path) -> None:
    """"Ah receptor nuclear translocator protein (Arnt)": Arnt is not TSPO, "translocator protein"."""
    found = _annotate(gene_vocab, "The Ah receptor nuclear translocator protein (Arnt) binds. Arnt is required.")
    assert ("Arnt", "NCBIGene:706") not in found and ("translocator protein", "NCBIGene:706") in found
    assert _annotate(gene_vocab, "The translocator protein (TP) binds. TP is required.")[-1] == ("TP", "NCBIGene:706")


def test_a_symbol_defined_by_a_name_ending_in_its_number_keeps_its_meaning(gene_vocab: Path) -> None:
    text = "the tissue expressed seminal trait 3 (TEST3) and TEST3 variants"
    assert _annotate(gene_vocab, text) == [("TEST3", "NCBIGene:900003"), ("TEST3", "NCBIGene:900003")]


def test_a_series_is_one_mention_of_its_genes(gene_vocab: Path) -> None:
    assert _annotate(gene_vocab, "Mutations in TEST1-3 were found.") == [("TEST1-3", "NCBIGene:900001|NCBIGene:900002|NCBIGene:900003")]


def test_chromosome_bands_are_not_p_proteins() -> None:
    text = "t(4;11)(p16.2;p15.4); maps to 11p15.2-p15.1, band p13; p16 and p21 levels"
    bands = [m.group() for m in re.finditer(r"[pq]\d+", text) if chromosome_band(text, m.start(), m.end())]
    assert bands == ["p16", "p15", "p15", "p15", "p13"]


def test_a_gene_name_modifying_another_gene_name() -> None:
    """"IFN-induced protein" names another gene; "Bax-induced apoptosis" names Bax."""
    for text, name in (("IFN-induced protein of 10 kDa", "IFN"), ("TNF receptor", "TNF"),
                       ("BRCA2-associated factor", "BRCA2"), ("cyclin-dependent kinases", "cyclin"),
                       ("TNF-like", "TNF"), ("MAD-related proteins", "MAD"), ("Src homology 2 domains", "Src"),
                       ("the RAS superfamily", "the RAS"), ("NF-E2 binding sites", "NF-E2"), ("GAL4 DNA-binding domain", "GAL4"),
                       ("ICE-family proteases", "ICE"), ("C-C chemokine receptor 6.", "C-C chemokine receptor"),
                       ("PDE beta is", "PDE"), ("Collagen XVIII, containing", "Collagen"),
                       ("interferon gamma (IFN-gamma)-inducible protein 10", "interferon gamma"),
                       ("CD4+ T cells", "CD4"), ("CD34(+) progenitors", "CD34")):
        assert modifies_another_gene(text, len(name)), text
    for text, name in (("Bax-induced apoptosis", "Bax"), ("p53-dependent transcription of the", "p53"),
                       ("IL-2 levels", "IL-2"), ("IL-2, TNF", "IL-2"), ("TNF 10.5 ng", "TNF"), ("IL-2 I-TAC", "IL-2"),
                       ("interleukin 2 (IL-2) levels", "interleukin 2")):
        assert not modifies_another_gene(text, len(name)), text


def test_symbol_defined_by_an_unknown_gene_name_keeps_its_meaning(gene_vocab: Path) -> None:
    text = "The glyoxylate reductase/hydroxypyruvate reductase (GRHPR) gene. GRHPR is mutated."
    assert _annotate(gene_vocab, text) == [("GRHPR", "NCBIGene:9380"), ("GRHPR", "NCBIGene:9380")]
    # defined as something that is not a gene: the symbol is an abbreviation of that
    assert _annotate(gene_vocab, "primary hyperoxaluria type 2 (PH2) ... PH2 patients") == []


def test_another_species_training_id_does_not_take_a_human_symbol(gene_vocab: Path) -> None:
    assert _annotate(gene_vocab, "CD4 T cells") == [("CD4", "NCBIGene:920")]


def test_a_name_inside_a_family_mention_is_not_evidence_against_it(gene_vocab: Path) -> None:
    assert _annotate(gene_vocab, "TNF levels rose") == [("TNF", "NCBIGene:7124")]


MESH_ORGANISMS = [
    # descriptor, name, entry terms, trees, NCBI Taxonomy ids (MeSH's own columns)
    ("D000001", "Bacillus", "", "B03.300.100", "1386"),
    ("D000002", "Bacillus cereus", "", "B03.300.100.200", "1396"),
    ("D000003", "Cattle", "Cow|Cows", "B01.050.100", "30521|9913|9915"),
    ("D000004", "Botrytis", "", "B01.300.100", "33196"),
    # two genera sharing an initial and an epithet: both give "P. syringae" (ids for the test)
    ("D000005", "Pseudomonas syringae", "", "B03.300.200", "317"),
    ("D000006", "Phytophthora syringae", "", "B01.300.200", "4799"),
    ("D000007", "Chlamydia pneumoniae", "", "B03.300.300", "83558"),
    ("D009980", "Influenza A virus", "", "B04.820.480", "2955291"),
    ("D053124", "Influenza A Virus, H5N1 Subtype", "H5N1 Virus|H5N1", "B04.820.480.500", "102793"),
    ("D003698", "Hepatitis Delta Virus", "Delta Agent", "B04.265.270", "39759"),
]


@pytest.fixture(scope="module")
def species_vocab(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("species-src")
    mesh = folder / "mesh.tsv"
    mesh.write_text("".join("\t".join(row) + "\n" for row in MESH_ORGANISMS), encoding="utf-8")
    target = tmp_path_factory.mktemp("species-vocab")
    build_vocab([mesh], target)
    return target


def test_mesh_organisms_take_the_first_registered_taxon_and_their_rank() -> None:
    from kg.vocab.sources import HIGHER_TAXON, LOWEST_TAXON, read_mesh_descriptors
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        mesh = Path(folder) / "mesh.tsv"
        mesh.write_text("".join("\t".join(row) + "\n" for row in MESH_ORGANISMS), encoding="utf-8")
        entries = {e.label: e for e in read_mesh_descriptors(mesh)}
    assert entries["Cattle"].curie == "NCBITaxon:9913"
    assert entries["Bacillus"].groups == (HIGHER_TAXON,) and entries["Bacillus cereus"].groups == (LOWEST_TAXON,)


def test_builtin_organisms_join_every_vocabulary(species_vocab: Path) -> None:
    found = _annotate(species_vocab, "Mice and rats, but also zebrafish and cows.", ("Species",))
    assert found == [("Mice", "NCBITaxon:10090"), ("rats", "NCBITaxon:10116"), ("zebrafish", "NCBITaxon:7955"),
                     ("cows", "NCBITaxon:9913")]


def test_genus_of_an_unknown_binomial_and_modifying_hosts_are_not_mentions(species_vocab: Path) -> None:
    assert _annotate(species_vocab, "Botrytis cinerea grows on grapes.", ("Species",)) == []
    assert _annotate(species_vocab, "Botrytis was isolated.", ("Species",)) == [("Botrytis", "NCBITaxon:33196")]
    assert _annotate(species_vocab, "Bacillus cereus toxin", ("Species",)) == [("Bacillus cereus", "NCBITaxon:1396")]
    assert _annotate(species_vocab, "the tomato mosaic virus and mouse hepatitis virus", ("Species",)) == []
    assert _annotate(species_vocab, "human and mouse cells", ("Species",)) == [
        ("human", "NCBITaxon:9606"), ("mouse", "NCBITaxon:10090")]


def test_abbreviated_binomials_name_the_documents_own_species(species_vocab: Path) -> None:
    text = "Phytophthora syringae infects pears; P. syringae oospores"
    assert _annotate(species_vocab, text, ("Species",)) == [
        ("Phytophthora syringae", "NCBITaxon:4799"), ("P. syringae", "NCBITaxon:4799")]
    text = "Pseudomonas syringae infects pears; P. syringae cells"
    assert _annotate(species_vocab, text, ("Species",)) == [
        ("Pseudomonas syringae", "NCBITaxon:317"), ("P. syringae", "NCBITaxon:317")]
    # only the abbreviated form is known: the full binomial takes its concept
    text = "Chlamydophila pneumoniae and C. pneumoniae"
    assert _annotate(species_vocab, text, ("Species",)) == [
        ("Chlamydophila pneumoniae", "NCBITaxon:83558"), ("C. pneumoniae", "NCBITaxon:83558")]


def test_a_bare_genus_stands_for_the_species_the_document_names(species_vocab: Path) -> None:
    text = "Bacillus cereus toxin. Bacillus grew."
    assert _annotate(species_vocab, text, ("Species",)) == [
        ("Bacillus cereus", "NCBITaxon:1396"), ("Bacillus", "NCBITaxon:1396")]
    assert _annotate(species_vocab, "Botrytis cinerea infects grapes; Botrytis spreads", ("Species",)) == []
    # epithets that do not look Latin count when the document abbreviates the genus before them
    assert _annotate(species_vocab, "Bacillus robur and B. robur", ("Species",)) == []
    # nor the genus of an unnamed species or of a hybrid
    assert _annotate(species_vocab, "Botrytis sp. and Botrytis spp. and Botrytis x hybrida", ("Species",)) == []


def test_training_annotations_choose_among_an_organisms_taxa(tmp_path: Path) -> None:
    from tests.test_vocab import _pubtator

    rows = [("D000008", "Brassica napus", "Rape Plant|Rapeseed", "B01.875.100", "3709")]
    mesh = tmp_path / "mesh.tsv"
    mesh.write_text("".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
    training = _pubtator(tmp_path / "train.PubTator", [("1", "Brassica napus leaves.", [
        ("Brassica napus", "Species", "3708")])])
    build_vocab([mesh], tmp_path / "vocab", [training])
    # the organism's other names follow the taxon the corpus annotates
    assert _annotate(tmp_path / "vocab", "rapeseed oil", ("Species",)) == [("rapeseed", "NCBITaxon:3708")]


def test_subtypes_are_named_as_their_species_and_curated_organisms_keep_their_taxon(species_vocab: Path) -> None:
    text = "H5N1 virus and the delta agent"
    assert _annotate(species_vocab, text, ("Species",)) == [
        ("H5N1 virus", "NCBITaxon:11320"), ("delta agent", "NCBITaxon:12475")]


def test_long_organism_names_with_numbers_are_names(species_vocab: Path) -> None:
    # not the long systematic names of chemicals that vocabularies drop
    assert _annotate(species_vocab, "human immunodeficiency virus type 1 infection", ("Species",)) == [
        ("human immunodeficiency virus type 1", "NCBITaxon:11676")]


def test_a_host_before_a_latin_name_in_apposition_is_a_mention(species_vocab: Path) -> None:
    assert _annotate(species_vocab, "the human pathogen Bacillus cereus", ("Species",)) == [
        ("human", "NCBITaxon:9606"), ("Bacillus cereus", "NCBITaxon:1396")]


def test_species_rules_do_what_their_examples_say() -> None:
    import doctest

    import kg.extract.species

    assert doctest.testmod(kg.extract.species).failed == 0


def test_a_host_naming_a_pest_is_not_a_mention(species_vocab: Path) -> None:
    assert _annotate(species_vocab, "the rice water weevil and the Colorado potato beetle", ("Species",)) == []
    assert _annotate(species_vocab, "rice and potato yields", ("Species",)) == [
        ("rice", "NCBITaxon:4530"), ("potato", "NCBITaxon:4113")]


def test_gene_name_variants() -> None:
    from kg.vocab.gene_names import gene_variants, is_name_fragment

    assert "TIF1gamma" in gene_variants("TIF1-gamma") and "IKKbeta" in gene_variants("IKK-beta")
    assert "IL2" in gene_variants("IL-2") and "IL-2" in gene_variants("IL2")
    assert "Daxx" in gene_variants("DAXX") and "p53" in gene_variants("P53", symbol=False)
    assert gene_variants("DAXX", symbol=False) == []  # an alias keeps its case
    # three-letter symbols in protein case, a member's letter kept up; not amino acid codes
    assert "Src" in gene_variants("SRC") and "RelA" in gene_variants("RELA") and "RhoA" in gene_variants("RHOA")
    assert gene_variants("TYR") == [] and gene_variants("MET") == []
    # a receptor's symbol written out with its ligand's ("CNTF receptor", "C5a receptor")
    assert "CNTF receptor" in gene_variants("CNTFR") and gene_variants("C5AR", symbol=False) == ["C5A receptor"]
    assert gene_variants("B1R", symbol=False) == ["B1 receptor"] and gene_variants("AR", symbol=False) == []
    assert "receptor" not in " ".join(gene_variants("CD4"))
    assert gene_variants("tumor necrosis factor") == []
    assert is_name_fragment("alpha1") and is_name_fragment("beta 1") and not is_name_fragment("TNF-alpha")
    # nomenclature's "X subunit beta" as papers write it
    lh = gene_variants("luteinizing hormone subunit beta", symbol=False)
    assert "luteinizing hormone beta subunit" in lh and "luteinizing hormone beta" in lh
    assert {"beta1 integrin", "integrin beta 1"} <= set(gene_variants("integrin subunit beta 1", symbol=False))
    assert gene_variants("ATP synthase peripheral stalk-membrane subunit b", symbol=False) == []


def test_genes_are_found_in_the_spellings_papers_use(gene_vocab: Path) -> None:
    text = "TIF1gamma binds hDaxx; Daxx, p53, IL2 and IL-2 and the protein norrin."
    assert _annotate(gene_vocab, text) == [
        ("TIF1gamma", "NCBIGene:51592"), ("hDaxx", "NCBIGene:1616"), ("Daxx", "NCBIGene:1616"),
        ("p53", "NCBIGene:7157"), ("IL2", "NCBIGene:3558"), ("IL-2", "NCBIGene:3558"), ("norrin", "NCBIGene:4693")]


def test_ambiguous_and_fragmentary_gene_names_are_not_matched(gene_vocab: Path) -> None:
    # "p54" is held by three genes, "nuclear protein" is a designation of two, "alpha1" a fragment
    assert _annotate(gene_vocab, "p54 and a nuclear protein with an alpha1 domain") == []
    # a family a training paper annotated with the genes it studied is not a name for them
    assert _annotate(gene_vocab, "chemokines in serum") == []


def test_the_parts_of_a_dropped_short_form_are_dropped_too(gene_vocab: Path) -> None:
    text = "the IFN-induced protein of 10 kDa (IP-10) and the interleukin 2 receptor alpha (IL2-RA); IL2-RA rose"
    found = _annotate(gene_vocab, text)
    assert ("IL2", "NCBIGene:3558") not in found


def test_a_gene_name_modifying_another_gene_product_is_not_that_gene(gene_vocab: Path) -> None:
    assert _annotate(gene_vocab, "the IL-2 receptor and IL-2-inducible proteins") == []
    assert _annotate(gene_vocab, "IL-2 levels") == [("IL-2", "NCBIGene:3558")]


def test_series_patterns_run_near_their_tails_find_what_a_whole_text_scan_finds() -> None:
    """gene_series runs its costly patterns only over the stretch before each cheap tail
    match; every series a scan of the whole text finds must still be found, first members
    included, however many members the series lists."""
    from kg.extract import genes

    text = ("Levels of MMP-1, -2, -3, -7, -8, -10, -11, -12, and -13 rose; CDKN2A/B was lost. "
            "Synapsins I and II, and PKC isoforms alpha, delta and zeta were seen with IL-1alpha/beta. "
            "NPHP1-9 and freac-1 to freac-7 were sequenced; 5-HT and 3 to 4 days are no series.")
    for pattern, tail in ((genes._ELIDED, genes._ELIDED_HINT), (genes._SPECIFIER_LIST, genes._SPECIFIER_LIST_HINT)):
        whole = [(m.start(), m.end()) for m in pattern.finditer(text)]
        assert whole and [(m.start(), m.end()) for m in genes._ending_at(pattern, tail, text)] == whole
    assert text[slice(*[(m.start(), m.end()) for m in genes._ELIDED.finditer(text)][0])].startswith("MMP-1, -2")
    assert genes._may_hold_range(text) and not genes._may_hold_range("5-HT for 3 to 4 days, 2-3 times")


def test_long_enzyme_names_with_locants_are_gene_names(gene_vocab: Path) -> None:
    # digits alone (a substrate's locants) do not make a long gene name a catalogue description
    text = "Human glyceraldehyde-3-phosphate dehydrogenase was cloned."
    assert _annotate(gene_vocab, text) == [("glyceraldehyde-3-phosphate dehydrogenase", "NCBIGene:2597")]
    # ... commas and brackets still do
    assert _annotate(gene_vocab, "the ATP-binding cassette, sub-family A (ABC1), member 1 gene") == []


def test_another_organisms_gene_is_not_the_human_gene(gene_vocab: Path) -> None:
    text = "The rat glyceraldehyde-3-phosphate dehydrogenase resembles human GAPDH; yeast TP53, murine IL-2 and IL-2 differ."
    # gene mentions still, but of no human gene: without an id
    assert _annotate(gene_vocab, text) == [
        ("glyceraldehyde-3-phosphate dehydrogenase", ""), ("GAPDH", "NCBIGene:2597"), ("TP53", ""), ("IL-2", ""),
        ("IL-2", "NCBIGene:3558")]
    assert other_organism_gene("E. coli TNF", 8) and other_organism_gene("HIV-1 TNF", 6)
    assert not other_organism_gene("mouse and human TNF", 16) and not other_organism_gene("rat-TNF", 4)
    assert not other_organism_gene("TNF", 0)


def test_another_organisms_gene_gives_the_graph_no_concept(gene_vocab: Path) -> None:
    from kg.extract.extractor import Extractor
    from kg.model import Document

    text = "The yeast GAPDH differs from human GAPDH."
    mentions = Extractor.from_vocab(gene_vocab)(Document(source="t.txt", format="text", text=text)).mentions
    genes = [(m.start, m.codes) for m in mentions if m.category == "Gene"]
    assert genes == [(text.rindex("GAPDH"), ("NCBIGene:2597",))]


def test_a_descriptive_name_training_annotates_as_a_family_counts_twice_against_it(tmp_path: Path) -> None:
    # five gene annotations and one family annotation of the same name: 5 / (5 + 2) < 0.75
    documents = [(str(n), "The translocator protein and TSPO.",
                  [("translocator protein", "Gene", "706"), ("TSPO", "Gene", "706")]) for n in range(5)]
    documents.append(("9", "The translocator protein and TSPO families.",
                      [("translocator protein", "FamilyName", ""), ("TSPO", "FamilyName", "")]))
    training = _pubtator(tmp_path / "train.PubTator", documents)
    build_vocab([_gene_info(tmp_path / "gene_info")], tmp_path / "vocab", [training])
    # the symbol keeps its meaning (5 / 6): a family named after a gene still has that gene
    assert _annotate(tmp_path / "vocab", "translocator protein and TSPO") == [("TSPO", "NCBIGene:706")]


def test_a_pseudogene_does_not_take_its_parents_alias(tmp_path: Path) -> None:
    from kg.vocab.sources import read_gene_info

    rows = [("1204", "CLNS1AP1", "ICln|CLNS1B", "chloride nucleotide-sensitive channel 1A pseudogene 1", "pseudo"),
            ("1207", "CLNS1A", "CLCI|ICln", "chloride nucleotide-sensitive channel 1A", "protein-coding")]
    path = tmp_path / "gene_info"
    path.write_text(GENE_HEADER + "".join(
        f"9606\t{g}\t{s}\t-\t{syn}\t-\t1\t1p\t{d}\t{kind}\t{s}\t{d}\tO\t-\t20201206\t-\n" for g, s, syn, d, kind in rows),
        encoding="utf-8")
    pseudogene = [e for e in read_gene_info(path) if e.curie == "NCBIGene:1204"][0]
    # its aliases become weak names; its own pseudogene name stays a synonym
    assert "ICln" not in pseudogene.synonyms and "ICln" in pseudogene.designations
    assert "chloride nucleotide-sensitive channel 1A pseudogene 1" in pseudogene.synonyms
    build_vocab([path], tmp_path / "vocab")
    assert _annotate(tmp_path / "vocab", "ICln and CLNS1AP1 and CLNS1B") == [
        ("ICln", "NCBIGene:1207"), ("CLNS1AP1", "NCBIGene:1204"), ("CLNS1B", "NCBIGene:1204")]


def test_a_letters_only_acronym_naming_patients_is_not_a_gene(gene_vocab: Path) -> None:
    text = "In TNF patients, TNF levels and TP53 patients"
    found = [(a.start, a.text) for a in load_vocab(gene_vocab).annotator(["Gene"])(text)]
    # a locus with a number names patients too ("NF1 patients")
    assert found == [(text.index("TNF levels"), "TNF"), (text.index("TP53"), "TP53")]


def test_a_two_letter_symbol_glued_to_a_longer_name_is_a_fragment(tmp_path: Path) -> None:
    path = tmp_path / "gene_info"
    path.write_text(GENE_HEADER + "".join(
        f"9606\t{g}\t{s}\t-\t{syn}\t-\t1\t1p\t{d}\tprotein-coding\t{s}\t{d}\tO\t-\t20201206\t-\n"
        for g, s, syn, d in [("367", "AR", "-", "androgen receptor"), ("718", "C3", "-", "complement C3")]),
        encoding="utf-8")
    build_vocab([path], tmp_path / "vocab")
    text = "AR-AT and AR-IL-2 sites; the AR gene; the C3-LW region"
    assert _annotate(tmp_path / "vocab", text) == [("AR", "NCBIGene:367"), ("C3", "NCBIGene:718")]
