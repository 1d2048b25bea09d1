"""Disease names recognised by their form (kg/extract/pathology.py, rules/pathology.tsv)."""

from __future__ import annotations

from kg.extract import Extractor
from kg.extract.pathology import pathology_rules
from kg.model import Document


def _found(text: str) -> list[tuple[str, str, str]]:
    extraction = Extractor.builtin()(Document(source="t", format="text", text=text))
    return [(m.text, m.category, m.code) for m in extraction.mentions]


def test_suffixes_name_diseases_the_lexicon_lacks() -> None:
    found = _found("Endoscopy showed duodenitis; the biopsy an ameloblastoma. Imaging showed coxarthrosis.")
    assert ("duodenitis", "Disease", "MONDO:0021166") in found  # inflammatory disease
    assert ("ameloblastoma", "Disease", "MONDO:0005070") in found  # neoplasm
    assert ("coxarthrosis", "Disease", "MONDO:0000001") in found


def test_words_with_a_suffix_that_are_no_disease() -> None:
    found = _found("The diagnosis and prognosis were discussed; an anastomosis was made; leukocytosis was noted.")
    assert not [f for f in found if f[1] == "Disease"], found


def test_heads_take_the_words_in_front_of_them() -> None:
    found = _found("A 3 cm parathyroid carcinoma, Blau syndrome and growth hormone deficiency were diagnosed.")
    assert ("parathyroid carcinoma", "Disease", "MESH:D002277") in found  # the unit "cm" is not part of it
    assert ("Blau syndrome", "Disease", "MESH:C538157") in found  # the lexicon's own concept
    assert ("growth hormone deficiency", "Disease", "MESH:D003677") in found  # over the chemical
    assert not [f for f in found if f[1] == "Chemical"]


def test_an_unknown_eponym_with_a_generic_head() -> None:
    found = _found("He was found to have Jarcho syndrome and ocular disease remained active.")
    assert ("Jarcho syndrome", "Disease", "MONDO:0000001") in found
    assert ("ocular disease", "Disease", "MONDO:0000001") in found


def test_bare_heads_and_compounds_are_no_names() -> None:
    found = _found("The disease was treated. Disease activity fell; a tumor was seen and tumor cells were counted.")
    assert not [f for f in found if f[1] == "Disease"], found
    assert ("tumor", "Finding", "HP:0002664") in found  # "tumor" heads no name: an observation


def test_the_dictionary_wins() -> None:
    found = _found("She had acute myeloid leukemia and metastatic disease; then disease progression.")
    assert ("acute myeloid leukemia", "Disease", "MONDO:0018874") in found
    assert ("metastatic disease", "Finding", "MESH:D009362") in found
    assert ("disease progression", "Outcome", "NCIT:C17747") in found


def test_abbreviations_of_names_found_by_form() -> None:
    text = ("He developed vascular leak syndrome (VLS). VLS regressed. The guideline of the Society for "
            "Inherited Metabolic Disorders (SIMD) was followed.")
    found = _found(text)
    assert [f for f in found if f[0] == "VLS"] == [("VLS", "Disease", "MONDO:0000001")] * 2
    assert ("Inherited Metabolic Disorders", "Disease", "MONDO:0000001") in found
    assert not [f for f in found if f[0] == "SIMD"]  # a name by form inside a long form is not the long form


def test_rules_are_well_formed() -> None:
    rules = pathology_rules()
    assert rules.concept_of("panuveitis") is not None and rules.concept_of("diagnosis") is None
    assert rules.concept_of("thrombocytosis") is None  # every "-cytosis" is a blood count finding
    assert rules.heads["disease"][1] and not rules.heads["carcinoma"][1]  # a bare "disease" is no name
    assert all(concept.category == "Disease" for _, concept in rules.suffixes)


def test_names_by_form_are_mentions_not_facts() -> None:
    from kg.assemble.case import assemble_case
    from kg.extract.extractor import FORM_EXTRACTOR

    extraction = Extractor.builtin()(Document(source="t", format="text", text="A 40-year-old man had Jarcho syndrome."))
    mention = next(m for m in extraction.mentions if m.text == "Jarcho syndrome")
    assert mention.extractors == (FORM_EXTRACTOR,)
    assert not assemble_case(extraction).diagnoses  # "disease" (MONDO:0000001) is no diagnosis to record


def test_degree_words_and_anti_are_no_names() -> None:
    found = _found("He had moderate impairment and a similar syndrome; antituberculosis and anti-tenosynovitis drugs "
                   "were given until euthyroidism.")
    assert not [f for f in found if f[1] == "Disease"], found


def test_a_long_form_about_something_else_lends_no_disease() -> None:
    found = _found("The Model for End-Stage Liver Disease (MELD) score was 20. MELD rose.")
    assert not [f for f in found if f[0] == "MELD"]
    # nor is the disease in the score's name one the text asserts (kg/extract/diagnosis_frames.py)
    assert not [f for f in found if f[1] == "Disease"], found


def test_an_abbreviation_inside_the_name() -> None:
    found = _found("Echo showed left ventricular (LV) dysfunction. He had (LV) dysfunction.")
    assert [f for f in found if f[1] == "Disease"] == [("left ventricular (LV) dysfunction", "Disease", "MONDO:0000001")]
