"""Short forms and pathogens that the sentence calls a diagnosis (kg/extract/diagnosis_frames.py)."""

from __future__ import annotations

from kg.extract import Extractor
from kg.extract.diagnosis_frames import diagnosis_frames
from kg.model import Document


def _found(text: str) -> list[tuple[str, str, str]]:
    extraction = Extractor.builtin()(Document(source="t", format="text", text=text))
    return [(m.text, m.category, m.code) for m in extraction.mentions]


def _diseases(text: str) -> list[str]:
    return [f[0] for f in _found(text) if f[1] == "Disease"]


def test_an_undefined_short_form_after_a_diagnosis_phrase_is_a_disease() -> None:
    text = ("A diagnosis of PV was made on the basis of a bone marrow analysis. "
            "She was suspected of having JLNS because of her deafness. The findings were consistent with PAM.")
    found = _found(text)
    for short in ("PV", "JLNS", "PAM"):
        assert (short, "Disease", "MONDO:0000001") in found, (short, found)


def test_the_short_form_is_a_disease_wherever_the_document_writes_it() -> None:
    text = "The patient was diagnosed with PD at the age of 49 years. He showed good symptom control of PD."
    assert _diseases(text) == ["PD", "PD"]


def test_adjectives_and_determiners_between_phrase_and_short_form() -> None:
    assert _diseases("He was incidentally diagnosed with idiopathic BCS during a checkup.") == ["BCS"]
    assert _diseases("Thus a diagnosis of advanced PMME was established.") == ["PMME"]


def test_a_short_form_that_modifies_a_noun_or_is_defined_is_no_disease() -> None:
    assert _diseases("There was a high clinical suspicion of CNS metastases.") == []  # "CNS" modifies
    assert _diseases("Her left ventricular ejection fraction (LVEF) was 0.20. It confirmed the LVEF of 0.20.") == []
    assert _diseases("It was consistent with BCS-TIPS prognostic index and TIPS-BCS PI score.") == []
    assert _diseases("She had been diagnosed with a stage IIA breast tumour.") == []  # a stage, not a short form


def test_a_short_form_without_a_diagnosis_phrase_stays_unknown() -> None:
    assert _diseases("The PV was measured and the PAM was recorded.") == []


def test_a_pathogen_named_as_a_diagnosis_is_its_infection() -> None:
    found = _found("A 30-year-old woman with a history of HIV presented. She was not infected with "
                   "human immunodeficiency virus. Respiratory infections were caused by MRSA.")
    assert ("HIV", "Disease", "MONDO:0005109") in found  # the lexicon's HIV infection
    assert ("human immunodeficiency virus", "Disease", "MONDO:0005109") in found
    assert ("MRSA", "Disease", "MESH:D007239") in found  # infection in general


def test_a_pathogen_as_a_test_or_an_organism_stays_a_species() -> None:
    found = _found("The HIV test was negative. The sample returned positive for VZV DNA. "
                   "Cultures grew Staphylococcus aureus. He was found to be Helicobacter pylori positive.")
    assert not [f for f in found if f[1] == "Disease"], found
    assert ("Staphylococcus aureus", "Species", "NCBITaxon:1280") in found


def test_a_pathogen_carrier_and_a_hyphenated_positive() -> None:
    assert _diseases("She was a hepatitis B virus carrier.") == ["hepatitis B virus"]
    assert "HIV" in _diseases("An HIV-positive man presented with fever.")


def test_a_negated_frame_keeps_its_negation() -> None:
    extraction = Extractor.builtin()(Document(source="t", format="text",
                                               text="The patient was not infected with human immunodeficiency virus."))
    [mention] = [m for m in extraction.mentions if m.category == "Disease"]
    assert mention.negated


def test_frames_are_read_by_kind() -> None:
    frames = diagnosis_frames()
    assert ("diagnosed", "with") in frames.before
    assert ("positive", "for") in frames.before_pathogen and ("positive", "for") not in frames.before
    assert "carrier" in frames.after_pathogen


def test_a_disease_that_qualifies_an_instrument_is_no_disease_mention() -> None:
    text = ("Her Model for End-Stage Liver Disease (MELD) score was 11. Erlotinib failed in phase III NSCLC trials. "
            "Viral hepatitis serologies were negative.")
    assert _diseases(text) == []
    assert _diseases("He had liver disease and NSCLC.") == ["liver disease", "NSCLC"]


def test_lists_after_a_frame_and_the_short_form_of_an_infection() -> None:
    found = _found("A woman with a history of HIV and HCV presented. He was not infected with "
                   "human immunodeficiency virus (HIV).")
    assert [f[0] for f in found if f[1] == "Disease"] == ["HIV", "HCV", "human immunodeficiency virus", "HIV"]
    assert _diseases("A diagnosis of PV was made and CT showed splenomegaly.") == ["PV"]  # "CT" is no list item
    assert _diseases("She was diagnosed with a stage IIA, T1bN1 tumour.") == []  # stage codes


def test_a_gene_symbol_named_as_a_diagnosis_is_the_disease() -> None:
    text = "Plasma exchange was started with a suspected diagnosis of ATM. The ATM gene was normal."
    found = [f[:2] for f in _found(text) if f[0].startswith("ATM")]
    assert found[0] == ("ATM", "Disease")
    assert found[1][1] == "Gene"  # "ATM gene": the symbol modifies a noun


def test_what_a_frame_does_not_reach() -> None:
    # a procedure's short form after "history of"; an animal names no infection; a list after a
    # prepositional phrase is not the frame's
    assert _diseases("He had a history of TURBT.") == []
    found = _found("Arrhythmias caused by ouabain in anaesthetized cats and dogs were studied.")
    assert [f[1] for f in found if f[0] in ("cats", "dogs")] == ["Species", "Species"], found
    # a disease before "virus infection" names the infection, not an instrument
    assert "hepatitis" in _diseases("Fifteen had simultaneous hepatitis virus infection.")
