"""The annotator's fast paths give what the plain definitions give (no timing here)."""

from __future__ import annotations

import re

import pytest

from kg.extract.annotator import Annotator
from kg.extract.tokens import word_occurrences
from kg.vocab.index import Candidate, NameIndex

GENE = (Candidate("Gene", "NCBIGene:1"),)
CHEMICAL = (Candidate("Chemical", "MESH:D1"),)


def _index() -> NameIndex:
    return NameIndex.from_tables({" collagen xviii ": CHEMICAL, " car t ": GENE, " il 2 ": GENE},
                                 {" CO ": CHEMICAL})


@pytest.mark.parametrize("text, surface", [
    ("CO, CO2, the CO-rich gas, NCO; CO", "CO"),
    ("aaa aa-aa _aa aa_ aa", "aa"),
    ("TCAs and TCA, (TCA) TCAé", "TCA"),
    ("x", "xy"),
])
def test_occurrences_are_the_word_boundary_regex(text: str, surface: str) -> None:
    pattern = re.compile(r"(?<![\w-])" + re.escape(surface) + r"(?![\w])")
    assert word_occurrences(text, surface) == [m.span() for m in pattern.finditer(text)]


def test_hits_map_back_to_text_offsets_across_dropped_joiners() -> None:
    text = "Anti-CAR-T  cells, IL-2 and CO/CO2: collagen   XVIII."
    found = {(text[h.start : h.end], h.case_sensitive) for h in _index().hits(text=text)}
    assert found == {("CAR-T", False), ("IL-2", False), ("CO", True), ("collagen   XVIII", False)}


def test_a_dead_candidate_tuple_does_not_pass_its_decision_to_a_new_one() -> None:
    """Decisions are cached by the tuple's id; a tuple made for one document (a gene found by
    its "h" prefix) dies, and a later tuple at its address must be judged afresh."""
    annotator = Annotator(_index(), ["Chemical", "Gene"])
    chemical = tuple(CHEMICAL)
    # what a dead gene tuple that lived at this address would have left behind
    annotator._decisions[id(chemical)] = (tuple(GENE), list(GENE), False)
    assert annotator._wanted_candidates(chemical) == list(CHEMICAL)
    assert annotator._decision(chemical)[2] is True


def test_short_form_before_its_long_form_keeps_its_offset() -> None:
    from kg.extract.abbreviations import find_abbreviations

    text = "Patients with\tTNF (tumor necrosis factor) levels"
    (found,) = find_abbreviations(text)
    assert (found.short, text[found.short_start : found.short_start + 3]) == ("TNF", "TNF")
    assert text[found.long_start : found.long_end] == "tumor necrosis factor"


@pytest.mark.parametrize("text", ["hDaxx, hXPC and h-XPC", "the hTERT-based vector", "ahDAXX hABC", "hAB hABCDEFGHIJKLMNOP"])
def test_human_prefix_pattern_is_the_lookbehind_pattern(text: str) -> None:
    from kg.extract.genes import _HUMAN_PREFIXED

    plain = re.compile(r"(?<![\w-])h([A-Z][A-Za-z0-9]{2,14})(?![\w-])")
    assert [m.span(1) for m in _HUMAN_PREFIXED.finditer(text)] == [m.span(1) for m in plain.finditer(text)]
