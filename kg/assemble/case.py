"""Stage 3, assemble: an Extraction -> the Case (patient, diagnoses, therapies, outcomes,
adverse events, findings), each fact with the mentions that are its evidence.

Only our own extractors' mentions in sentences that narrate the patient become facts;
mentions from background sentences, keywords and the input's own annotations stay
Mentions. Hypothetical mentions and other people's conditions never become facts.
"""

from __future__ import annotations

import re
from collections import defaultdict

from kg.assemble.modifiers import grade_near, qualifiers_near
from kg.assemble.narrative import narrative_sentences
from kg.assemble.timeline import Line, line_for, order_lines, position
from kg.extract.extractor import DICTIONARY_EXTRACTOR
from kg.model import (
    AdverseEvent,
    Case,
    Diagnosis,
    Extraction,
    Finding,
    Mention,
    Outcome,
    Patient,
    Therapy,
)

__all__ = ["assemble_case"]

_THERAPY_CATEGORIES = {"Therapy", "Chemical"}
_MAX_QUALIFIER_GAP_WORDS = 2


def _is_fact_source(mention: Mention, narrative: frozenset[int]) -> bool:
    return (
        mention.start is not None
        and mention.sentence in narrative
        and DICTIONARY_EXTRACTOR in mention.extractors
        and mention.experiencer == "patient"
        and mention.certainty != "hypothetical"
    )


def _modifies_disease(text: str, mention: Mention, diseases: list[Mention]) -> bool:
    """"relapsed ALL", "refractory multiple myeloma": an outcome word used as a qualifier."""
    for disease in diseases:
        if disease.start is None or mention.end is None or disease.sentence != mention.sentence:
            continue
        if disease.start <= mention.start < disease.end:  # type: ignore[operator]
            return True
        if mention.end <= disease.start:
            gap = text[mention.end : disease.start].replace("/", " ").replace("-", " ")
            if len(gap) < 30 and len(gap.split()) <= _MAX_QUALIFIER_GAP_WORDS and "," not in gap:
                return True
    return False


def assemble_case(extraction: Extraction) -> Case:
    document = extraction.document
    text = document.text
    narrative = narrative_sentences(extraction)
    facts = [m for m in extraction.mentions if _is_fact_source(m, narrative)]
    facts.sort(key=lambda m: position(document, m))

    adverse = [m for m in facts if "adverse_event" in m.flags and m.category in {"Disease", "Finding"}]
    diseases = [m for m in facts if m.category == "Disease" and "adverse_event" not in m.flags]
    therapy_mentions = [m for m in facts if m.category in _THERAPY_CATEGORIES and not m.negated]
    outcome_mentions = [
        m for m in facts if m.category == "Outcome" and not _modifies_disease(text, m, diseases)
    ]
    other_findings = [m for m in facts if m.category == "Finding" and "adverse_event" not in m.flags]

    diagnoses, negated_diseases = _diagnoses(extraction, diseases)
    lines = order_lines(document, therapy_mentions, [*outcome_mentions, *adverse, *diseases])
    therapies = _therapies(text, therapy_mentions, lines, diagnoses, adverse)
    index_of = {t.code: t.index for t in therapies}

    by_sentence: dict[int | None, list[Mention]] = defaultdict(list)
    for mention in therapy_mentions:
        by_sentence[mention.sentence].append(mention)

    def attached(mention: Mention) -> Line | None:
        return line_for(document, mention, by_sentence.get(mention.sentence, []), lines)

    outcomes = _grouped(
        outcome_mentions,
        attached,
        index_of,
        lambda i, code, label, evidence, therapies_, negated, certainty: Outcome(
            i, code, label, evidence, therapies=therapies_, negated=negated, certainty=certainty
        ),
    )
    adverse_with_line = [m for m in adverse if attached(m) is not None]
    adverse_without = [m for m in adverse if attached(m) is None]
    grades = {
        (m.start, m.end): grade_near(text, extraction.sentences[m.sentence], m)  # type: ignore[index]
        for m in adverse_with_line
    }
    adverse_events = _grouped(
        adverse_with_line,
        attached,
        index_of,
        lambda i, code, label, evidence, therapies_, negated, certainty: AdverseEvent(
            i,
            code,
            label,
            evidence,
            therapies=therapies_,
            grade=max((g for m in evidence if (g := grades.get((m.start, m.end))) is not None), default=None),
            negated=negated,
            certainty=certainty,
        ),
    )
    findings = _findings([*other_findings, *adverse_without, *negated_diseases])
    demographics = extraction.demographics
    patient = Patient(
        index=1,
        age=demographics.age,
        sex=demographics.sex,
        species=demographics.species,
        evidence=tuple(m for m in (demographics.age_evidence, demographics.sex_evidence) if m is not None),
    )
    return Case(
        extraction=extraction,
        patient=patient,
        diagnoses=tuple(diagnoses),
        therapies=tuple(therapies),
        outcomes=tuple(outcomes),
        adverse_events=tuple(adverse_events),
        findings=tuple(findings),
    )


def _certainty(mentions: list[Mention]) -> str:
    affirmed = [m for m in mentions if not m.negated]
    chosen = affirmed or mentions
    certainties = [m.certainty for m in chosen]
    return "affirmed" if "affirmed" in certainties else certainties[0]


def _diagnoses(extraction: Extraction, diseases: list[Mention]) -> tuple[list[Diagnosis], list[Mention]]:
    """One Diagnosis per affirmed disease concept, ordered by how central it is to the case."""
    text = extraction.document.text
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in diseases:
        groups[mention.code].append(mention)
    negated: list[Mention] = []
    counts = defaultdict(int)
    for mention in extraction.mentions:
        if mention.category == "Disease":
            counts[mention.code] += 1
    ranked = sorted(groups, key=lambda code: (-counts[code], groups[code][0].start or 0))
    diagnoses: list[Diagnosis] = []
    for code in ranked:
        mentions = groups[code]
        if all(m.negated for m in mentions):
            negated.extend(mentions)
            continue
        evidence = [m for m in mentions if not m.negated]
        qualifiers: dict[str, str | None] = {}
        for mention in evidence:
            sentence = extraction.sentences[mention.sentence]  # type: ignore[index]
            for qualifier in qualifiers_near(text, sentence, mention):
                qualifiers.setdefault(qualifier.label, qualifier.code)
        diagnoses.append(
            Diagnosis(
                index=len(diagnoses) + 1,
                code=code,
                label=evidence[0].label,
                evidence=tuple(evidence),
                qualifiers=tuple(qualifiers),
                qualifier_codes=tuple(dict.fromkeys(c for c in qualifiers.values() if c)),
                negated=False,
                certainty=_certainty(evidence),
            )
        )
    return diagnoses, negated


_SUPPORTIVE_BEFORE = re.compile(
    r"^[^.;]{0,40}?\b(?:treated|managed|controlled|resolved|responded|required|requiring|received|given|"
    r"administered|improved)\b[^.;]{0,25}$",
    re.IGNORECASE,
)
_SUPPORTIVE_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}(?:for|to treat|to control|to manage|against)\s+(?:\w+\s+){0,3}$",
                               re.IGNORECASE)


def _is_supportive(text: str, therapy: Mention, adverse: list[Mention]) -> bool:
    """A therapy given for an adverse event ("CRS treated with tocilizumab") treats no diagnosis."""
    for event in adverse:
        if event.sentence != therapy.sentence or event.negated or event.start is None or therapy.start is None:
            continue
        if event.end <= therapy.start and _SUPPORTIVE_BEFORE.match(text[event.end : therapy.start]):  # type: ignore[operator]
            return True
        if therapy.end <= event.start and _SUPPORTIVE_AFTER.match(text[therapy.end : event.start]):  # type: ignore[operator]
            return True
    return False


def _therapies(
    text: str,
    mentions: list[Mention],
    lines: list[Line],
    diagnoses: list[Diagnosis],
    adverse: list[Mention],
) -> list[Therapy]:
    by_code: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_code[mention.code].append(mention)
    primary = (diagnoses[0].index,) if diagnoses else ()
    therapies: list[Therapy] = []
    previous_line: list[int] = []
    for line in lines:
        this_line: list[int] = []
        for code in line.codes:
            evidence = by_code[code]
            first = min(evidence, key=lambda m: m.start or 0)
            supportive = any(_is_supportive(text, m, adverse) for m in evidence)
            targets = tuple(dict.fromkeys(t for m in evidence for t in m.targets))
            index = len(therapies) + 1
            therapies.append(
                Therapy(
                    index=index,
                    sequence=line.number,
                    code=code,
                    label=first.label,
                    evidence=tuple(evidence),
                    targets=targets,
                    treats=() if supportive else primary,
                    preceded_by=tuple(previous_line),
                )
            )
            this_line.append(index)
        previous_line = this_line
    return therapies


def _grouped(mentions, attached, index_of, build):
    """One node per (concept, therapies, negated), in narrative order, with all its evidence."""
    groups: dict[tuple, list[Mention]] = {}
    for mention in mentions:
        line = attached(mention)
        therapies = tuple(index_of[c] for c in line.codes if c in index_of) if line else ()
        groups.setdefault((mention.code, therapies, mention.negated), []).append(mention)
    nodes = []
    for (code, therapies, negated), evidence in groups.items():
        nodes.append(
            build(len(nodes) + 1, code, evidence[0].label, tuple(evidence), therapies, negated, _certainty(evidence))
        )
    return nodes


def _findings(mentions: list[Mention]) -> list[Finding]:
    groups: dict[tuple[str, bool], list[Mention]] = {}
    for mention in mentions:
        groups.setdefault((mention.code, mention.negated), []).append(mention)
    return [
        Finding(i, code, evidence[0].label, tuple(evidence), negated=negated, certainty=_certainty(evidence))
        for i, ((code, negated), evidence) in enumerate(groups.items(), start=1)
    ]
