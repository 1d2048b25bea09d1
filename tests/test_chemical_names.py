"""Chemical-name boundaries (kg.extract.chemical_names) through the vocabulary annotator."""

from __future__ import annotations

import pytest

from kg.extract.annotator import Annotator
from kg.extract.chemical_names import chemical_word, is_substituent
from kg.extract.tokens import name_key
from kg.vocab.index import Candidate, NameIndex

NAMES = {
    "methyl": "MESH:D008737", "phenyl": "MESH:C049867", "tetrahydropyridine": "MESH:D011759",
    "acetyl": "MESH:C011632", "serotonin": "MESH:D012701", "cocaine": "MESH:D003042",
    "methylcholanthrene": "MESH:D008748", "spiperone": "MESH:D013134", "phosphate": "MESH:D010710",
    "fenoprofen": "MESH:D005279", "warfarin": "MESH:D014859", "calcium": "MESH:D002118",
    "sodium": "MESH:D012964", "dihydropyridine": "MESH:C038806", "piperacillin": "MESH:D010878",
    "ions": "MESH:D007477", "dopa": "MESH:D004295", "nitroprusside": "MESH:D009599",
    "sodium nitroprusside": "MESH:D009599",
}


def _annotator(extra: dict[str, str] | None = None) -> Annotator:
    names = {**NAMES, **(extra or {})}
    folded = {name_key(n, fold_case=True): (Candidate("Chemical", curie),) for n, curie in names.items()}
    return Annotator(NameIndex.from_tables(folded, {}), ["Chemical", "Disease"])


def _found(text: str, extra: dict[str, str] | None = None) -> list[tuple[str, str]]:
    return [(a.text, a.ids) for a in _annotator(extra)(text)]


MPTP = "1-methyl-4-phenyl-1,2,3,6-tetrahydropyridine"


def test_fragments_of_a_systematic_name_are_dropped_or_the_whole_name_found() -> None:
    text = f"four {MPTP}-treated monkeys"
    assert _found(text) == []
    assert _found(text, {MPTP: "MESH:D015632"}) == [(MPTP, "MESH:D015632")]


def test_names_glued_to_ordinary_words_stay() -> None:
    assert _found("cocaine-induced seizures and (cocaine)-related deaths") == [
        ("cocaine", "MESH:D003042"), ("cocaine", "MESH:D003042")]


def test_locant_and_stereo_prefixes_are_taken_in_isotope_labels_are_not() -> None:
    assert _found("3-methylcholanthrene and l-dopa") == [
        ("3-methylcholanthrene", "MESH:D008748"), ("l-dopa", "MESH:D004295")]
    assert _found("[3H]spiperone binding and (-)-spiperone") == [
        ("spiperone", "MESH:D013134"), ("spiperone", "MESH:D013134")]


def test_substituent_names_are_no_compounds() -> None:
    assert is_substituent("acetyl") and is_substituent("2-phenethyl") and not is_substituent("fentanyl")
    assert _found("N-acetyl serotonin and Tri-ortho-tolyl phosphate") == []
    assert _found("N-acetyl serotonin", {"N-acetyl serotonin": "MESH:C006389"}) == [("N-acetyl serotonin", "MESH:C006389")]


@pytest.mark.parametrize("text, expected", [
    ("fenoprofen calcium, and", [("fenoprofen calcium", "MESH:D005279")]),
    ("with sodium warfarin.", [("sodium warfarin", "MESH:D014859")]),
    ("with Sodium warfarin.", [("Sodium warfarin", "MESH:D014859")]),
    ("piperacillin sodium in 118 patients", [("piperacillin sodium", "MESH:D010878")]),
    ("sodium nitroprusside was", [("sodium nitroprusside", "MESH:D009599")]),
    ("dihydropyridine calcium antagonists", [("dihydropyridine", "MESH:C038806"), ("calcium", "MESH:D002118")]),
    ("sodium ions", [("sodium", "MESH:D012964")]),  # rule 4, not "ions" with a sodium salt
])
def test_a_salt_is_one_mention_with_its_drug(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_chemical_word_stops_at_slashes_and_unbalanced_brackets() -> None:
    text = "(CPA/EE) and (MPTP)-exposed"
    assert text[slice(*chemical_word(text, 1, 4))] == "CPA"
    start = text.index("MPTP")
    assert text[slice(*chemical_word(text, start, start + 4))] == "(MPTP)-exposed"


def test_a_truncation_inside_a_word_defines_a_short_form() -> None:
    from kg.extract.abbreviations import find_abbreviations

    found = [(a.short, a.long) for a in find_abbreviations("The pilocarpine (PILO) model and kainic acid (KA).")]
    assert found == [("PILO", "pilocarpine"), ("KA", "kainic acid")]
    # a "long form" that only restates the short form as its first token defines nothing
    assert find_abbreviations("with CD19-directed cells (CD19) only") == []


def test_plural_and_singular_short_forms_share_the_definition() -> None:
    annotator = _annotator({"prostaglandins": "MESH:D011453", "PG": "MESH:D010400"})
    found = [(a.text, a.ids) for a in annotator("prostaglandins (PGs) matter; one PG and two PGs.")]
    assert found == [("prostaglandins", "MESH:D011453"), ("PGs", "MESH:D011453"), ("PG", "MESH:D011453"),
                     ("PGs", "MESH:D011453")]


def test_a_name_before_a_locant_word_is_part_of_a_longer_name() -> None:
    extra = {"adenosine": "MESH:D000241"}
    assert _found("cyclic adenosine 3',5'-monophosphate rose; adenosine fell", extra) == [("adenosine", "MESH:D000241")]


def test_respellings_of_a_name_are_looked_up() -> None:
    extra = {"PGE": "MESH:D011458", "PGE2": "MESH:D015232", "L-dopa": "MESH:D007980"}
    assert _found("PGE(2) and l-dopa", extra) == [("PGE(2)", "MESH:D015232"), ("l-dopa", "MESH:D007980")]


def test_code_names_with_and_without_separator() -> None:
    from kg.vocab.variants import code_name_variants

    assert code_name_variants("KF 17837") == ["KF17837"] and code_name_variants("PJ34") == ["PJ 34"]
    assert code_name_variants("P 300") == [] and code_name_variants("Aspirin") == []


def test_a_form_word_after_a_chemical_leaves_the_chemical() -> None:
    extra = {"lithium": "MESH:D008094", "lithium compounds": "MESH:D018020"}
    assert _found("calcium ions and lithium compounds; ions", extra) == [
        ("calcium", "MESH:D002118"), ("lithium", "MESH:D008094"), ("ions", "MESH:D007477")]


def test_a_hyphenated_systematic_word_is_also_looked_up_joined() -> None:
    extra = {"thyronine": "MESH:D013960", "triiodothyronine": "MESH:D014284"}
    assert _found("given tri-iodo-thyronine daily", extra) == [("tri-iodo-thyronine", "MESH:D014284")]
