"""The extraction algorithms on small texts: each rule can be seen to work and to fail."""

from __future__ import annotations

import pytest

from kg import classify_assertion
from kg.extract.abbreviations import best_long_form, find_abbreviations
from kg.extract.demographics import extract_demographics
from kg.extract.lexicon import Concept
from kg.extract.matcher import DictionaryMatcher, is_case_sensitive
from kg.extract.sentences import split_sentences
from kg.extract.tokens import tokenize
from kg.read import read_text


# Schwartz & Hearst (2003): examples from the paper
@pytest.mark.parametrize(
    ("short", "window", "expected"),
    [
        ("HSF", "Heat shock transcription factor", "Heat shock transcription factor"),
        ("ANG II", "in the presence of angiotensin II", "angiotensin II"),
        ("GVHD", "developed graft-versus-host disease", "graft-versus-host disease"),
        ("XYZ", "heat shock factor", None),
    ],
)
def test_best_long_form(short: str, window: str, expected: str | None) -> None:
    assert best_long_form(short, window) == expected


def test_abbreviation_offsets_point_at_both_forms() -> None:
    text = "He developed cytokine release syndrome (CRS) on day 2."
    (found,) = find_abbreviations(text)
    assert (found.short, found.long) == ("CRS", "cytokine release syndrome")
    assert text[found.long_start : found.long_end] == "cytokine release syndrome"
    assert text[found.short_start : found.short_start + 3] == "CRS"


@pytest.mark.parametrize(
    ("sentence", "phrase", "negated", "temporality", "experiencer"),
    [
        ("GVHD or neurotoxicity was not observed.", "neurotoxicity", True, "recent", "patient"),
        ("No severe side effects like GVHD were observed.", "GVHD", True, "recent", "patient"),
        ("There was no evidence of tumor lysis syndrome.", "tumor lysis syndrome", True, "recent", "patient"),
        ("Infection was ruled out.", "Infection", True, "recent", "patient"),
        ("She recovered without neutropenia.", "neutropenia", True, "recent", "patient"),
        ("The patient had only grade I CRS.", "CRS", False, "recent", "patient"),
        ("He had a history of hypertension.", "hypertension", False, "historical", "patient"),
        ("Her mother had breast cancer.", "breast cancer", False, "recent", "other"),
        ("Breast cancer was diagnosed in her mother and sister.", "Breast cancer", False, "recent", "other"),
        # a relative as donor or origin is no experiencer: the patient received / inherited it
        ("She received bone marrow transplantation from her mother.", "bone marrow transplantation", False, "recent",
         "patient"),
        ("He underwent stem cell transplantation from an HLA-matched sibling donor.", "stem cell transplantation",
         False, "recent", "patient"),
        ("She inherited the BRCA1 mutation from her father.", "BRCA1 mutation", False, "recent", "patient"),
        ("GVHD prophylaxis consisted of tacrolimus.", "GVHD", False, "hypothetical", "patient"),
        ("Fever resolved, but pneumonia developed.", "pneumonia", False, "recent", "patient"),
        ("No fever, but pneumonia developed.", "pneumonia", False, "recent", "patient"),
    ],
)
def test_classify_assertion(sentence: str, phrase: str, negated: bool, temporality: str, experiencer: str) -> None:
    start = sentence.index(phrase)
    result = classify_assertion(sentence, start, start + len(phrase))
    assert result == {
        "negated": negated,
        "certainty": result["certainty"],
        "temporality": temporality,
        "experiencer": experiencer,
    }
    assert result["certainty"] in {"affirmed", "negated", "uncertain", "hypothetical", "historical"}


def test_sentences_respect_abbreviations_and_decimals() -> None:
    text = "Dr. Smith saw the patient, i.e. a 3.5-year-old boy. He had AML. Fig. 2 shows it.\n\nNew paragraph"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Dr. Smith saw the patient, i.e. a 3.5-year-old boy.",
        "He had AML.",
        "Fig. 2 shows it.",
        "New paragraph",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


@pytest.mark.parametrize(
    ("text", "age", "sex"),
    [
        ("We report a 35-yearold male with AML.", 35, "male"),
        ("A 6-year-old girl presented with fever.", 6, "female"),
        ("An 18-month-old boy was admitted.", 1.5, "male"),
        ("A sixty-year-old woman had CML.", 60, "female"),
        ("The patient, aged 71 years, had lymphoma. He was treated.", 71, "male"),
        ("Samples were analysed.", None, "unknown"),
        # "İ" lower-cases to two characters: offsets must still point at the words
        ("Seen in İzmir: A 52-YEAR-OLD WOMAN with CML. She improved.", 52, "female"),
        ("İzmir clinic. The patient had CML; she and her family agreed.", None, "female"),
    ],
)
def test_demographics(text: str, age: float | None, sex: str) -> None:
    document = read_text(text, "case.txt")
    found = extract_demographics(document, split_sentences(text))
    assert found.age == age
    assert found.sex == sex
    if age is not None:
        assert found.age_evidence is not None and found.age_evidence.start is not None
        assert "old" in found.age_evidence.text.lower() or "aged" in found.age_evidence.text.lower()
        assert text[found.age_evidence.start : found.age_evidence.end] == found.age_evidence.text
    if sex != "unknown":
        evidence = found.sex_evidence
        assert evidence is not None and text[evidence.start : evidence.end] == evidence.text
        assert evidence.text.lower() in {"woman", "she", "boy", "girl", "male", "he"}


def _matcher() -> DictionaryMatcher:
    return DictionaryMatcher(
        [
            Concept("MONDO:0004967", "Disease", "acute lymphoblastic leukemia", ("ALL",)),
            Concept("MONDO:0018874", "Disease", "acute myeloid leukemia", ("AML",)),
            Concept("MONDO:0000001", "Disease", "leukemia", ()),
            Concept("NCBIGene:930", "Gene", "CD19", ()),
            Concept("NCIT:C126102", "Therapy", "CAR-T cell therapy", ("CAR-T", "CAR T cells")),
            Concept("HP:0002090", "Finding", "pneumonia", ()),
        ]
    )


def test_matcher_longest_match_case_and_boundaries() -> None:
    text = "All patients with acute myeloid leukaemia (AML), not ALL, got CD19 CAR T cells; cd19 is lower case. Pneumonias."
    found = [(text[m.start : m.end], m.concepts[0].curie) for m in _matcher().find(tokenize(text))]
    assert ("acute myeloid leukaemia", "MONDO:0018874") in found  # British spelling, longest match
    assert ("leukaemia", "MONDO:0000001") not in found
    assert ("ALL", "MONDO:0004967") in found
    assert ("All", "MONDO:0004967") not in found  # case-sensitive abbreviation
    assert ("CD19", "NCBIGene:930") in found and ("cd19", "NCBIGene:930") not in found
    assert ("CAR T cells", "NCIT:C126102") in found
    assert ("Pneumonias", "HP:0002090") in found  # plural
    assert not any(text[m.start : m.end] == "AML" and m.start == 0 for m in _matcher().find(tokenize("AMLX")))


def test_case_sensitivity_rule() -> None:
    assert is_case_sensitive("ALL", "Disease")
    assert is_case_sensitive("CLL1", "Gene")
    assert not is_case_sensitive("acute lymphoblastic leukemia", "Disease")


def test_typographic_apostrophe_and_hand_curated_diseases() -> None:
    from kg.extract import Extractor
    from kg.model import Document

    text = "She had Bowen’s disease and mitral regurgitation; a tumor was found."
    found = [(m.text, m.category, m.code) for m in Extractor.builtin()(Document(source="t", format="text", text=text)).mentions]
    assert ("Bowen’s disease", "Disease", "MONDO:0020761") in found
    assert ("mitral regurgitation", "Disease", "MESH:D008944") in found
    assert ("tumor", "Finding", "HP:0002664") in found  # a bare tumor is an observation, not a diagnosis


@pytest.mark.parametrize(
    ("sentence", "kind", "narrative"),
    [
        ("The patient had only grade I CRS.", "abstract", True),
        ("HE WAS ADMITTED WITH FEVER.", "abstract", True),
        ("R/R AML Carries An Extremely Poor Prognosis In Patients.", "abstract", False),
        ("A 45-Year-Old woman presented with pain.", "background", False),
        ("Fever and chills on day 3.", "case", True),
    ],
)
def test_is_narrative_ignores_case(sentence: str, kind: str, narrative: bool) -> None:
    from kg.assemble.narrative import is_narrative

    assert is_narrative(sentence, kind) is narrative


def test_narrative_cues_are_lower_case() -> None:
    """The cues run over the lower-cased sentence, so an upper-case letter in a pattern
    (other than an escape such as \\S or \\D) could never match."""
    import re

    from kg.resources import rules_dir

    rows = [line.split("\t")[0] for line in (rules_dir() / "narrative.tsv").read_text().splitlines()
            if line.strip() and not line.startswith(("#", "pattern\t"))]
    assert rows
    assert [p for p in rows if re.search(r"(?<!\\)[A-Z]", p)] == []


def test_context_triggers_read_off_the_whole_text_match_per_sentence_triggers() -> None:
    """The extractor normalizes a document once and reads each sentence's triggers off it;
    that must find what normalizing the sentence alone finds (joiners such as "-" and "/"
    dropped, a trigger never spanning two sentences)."""
    from kg.extract.context import context_rules
    from kg.extract.tokens import normalize_text

    text = ("No fever or chills were reported. Her mother had breast cancer; the patient denied "
            "chest pain. Graft-versus-host disease was not observed / ruled out. History of asthma. Cough was denied")
    tokens = tokenize(text)
    whole = normalize_text(tokens, fold_case=True)
    rules = context_rules()
    found = 0
    for sentence in split_sentences(text):
        local = [t for t in tokens if sentence.start <= t.start < sentence.end]
        expected, expected_kept = rules.triggers(local)
        triggers, kept = rules.triggers_within(whole, sentence.start, sentence.end)
        assert (triggers, kept) == (expected, expected_kept), sentence.text
        found += len(triggers)
    assert found >= 5  # "no", "mother", "denied", "not", "history of", a last word "denied"
    # a trigger that is the text's last word is found (the key's final space belongs to it)
    assert [(kept[t.first].text, t.category) for t in triggers] == [("denied", "NEGATED")]


def test_a_transplant_from_a_relative_is_the_patients_therapy() -> None:
    """The relative is the donor, not the experiencer: the transplant is a Therapy of the patient,
    while a relative's own disease stays out of the patient's diagnoses."""
    from kg.assemble import assemble_case
    from kg.extract import Extractor

    text = ("A 12-year-old girl with acute lymphoblastic leukemia received haploidentical stem cell "
            "transplantation from her mother. Her mother had breast cancer. She achieved complete remission.")
    case = assemble_case(Extractor.builtin()(read_text(text, "case.txt")))
    assert any("transplantation" in t.label for t in case.therapies)
    assert [d.label for d in case.diagnoses] == ["acute lymphoblastic leukemia"]
