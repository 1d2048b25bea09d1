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
    narrative = narrative_sentences(extraction, frozenset(m.sentence for m in extraction.mentions if m.sentence is not None))
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
    supportive = _supportive_codes(text, therapy_mentions, adverse)
    main = [m for m in therapy_mentions if m.code not in supportive]
    lines = order_lines(document, main, [*outcome_mentions, *adverse, *diseases])
    lines = _drop_class_therapies(lines, main)

    by_sentence: dict[int | None, list[Mention]] = defaultdict(list)
    for mention in main:
        by_sentence[mention.sentence].append(mention)
    attachments = _attach(document, sorted([*outcome_mentions, *adverse], key=lambda m: position(document, m)),
                          by_sentence, lines)

    therapies = _therapies(text, main, lines, diagnoses, adverse)
    therapies += _supportive_therapies(therapy_mentions, supportive, adverse, attachments, lines, len(therapies))
    index_of = {t.code: t.index for t in therapies if t.code not in supportive}

    outcomes = _grouped(
        outcome_mentions,
        attachments,
        index_of,
        lambda i, code, label, evidence, therapies_, negated, certainty: Outcome(
            i, code, label, evidence, therapies=therapies_, negated=negated, certainty=certainty
        ),
    )
    adverse_with_line = [m for m in adverse if attachments.get(_key(m)) is not None]
    adverse_without = [m for m in adverse if attachments.get(_key(m)) is None]
    grades = {
        _key(m): grade_near(text, extraction.sentences[m.sentence], m)  # type: ignore[index]
        for m in adverse_with_line
    }
    adverse_events = _grouped(
        adverse_with_line,
        attachments,
        index_of,
        lambda i, code, label, evidence, therapies_, negated, certainty: AdverseEvent(
            i,
            code,
            label,
            evidence,
            therapies=therapies_,
            grade=max((g for m in evidence if (g := grades.get(_key(m))) is not None), default=None),
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


def _key(mention: Mention) -> tuple[int | None, int | None]:
    return mention.start, mention.end


_RECAP_SECTIONS = {"summary", "title"}


def _attach(
    document, mentions: list[Mention], by_sentence: dict[int | None, list[Mention]], lines: list[Line]
) -> dict[tuple[int | None, int | None], Line | None]:
    """The line each outcome / adverse-event mention follows.

    Mentions are taken in narrative order; a recap (title, TL;DR, key findings) that
    names no therapy reuses the line the narrative gave the same concept.
    """
    seen: dict[str, Line | None] = {}
    result: dict[tuple[int | None, int | None], Line | None] = {}
    for mention in mentions:
        section = document.section_at(mention.start or 0)
        in_sentence = by_sentence.get(mention.sentence, [])
        if section is not None and section.kind in _RECAP_SECTIONS and not in_sentence and mention.code in seen:
            line = seen[mention.code]
        else:
            line = line_for(document, mention, in_sentence, lines)
        seen.setdefault(mention.code, line)
        result[_key(mention)] = line
    return result


def _supportive_codes(text: str, mentions: list[Mention], adverse: list[Mention]) -> set[str]:
    """Therapies only ever named as treatment of an adverse event ("CRS resolved with tocilizumab")."""
    by_code: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_code[mention.code].append(mention)
    return {code for code, ms in by_code.items() if all(_is_supportive(text, m, adverse) for m in ms)}


def _drop_class_therapies(lines: list[Line], mentions: list[Mention]) -> list[Line]:
    """In a line that names specific therapies, a class name ("chemotherapy", "monoclonal
    antibody") only describes them; it stays a Mention and an alias of the line."""
    flags = {m.code: m.flags for m in mentions}
    for line in lines:
        specific = [c for c in line.codes if "class" not in flags.get(c, ())]
        if specific and len(specific) < len(line.codes):
            line.aliases.extend(c for c in line.codes if c not in specific)
            line.codes[:] = specific
    return lines


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
    for general, specific in _generalizations(groups, counts):
        groups[specific].extend(groups.pop(general))
        counts[specific] += counts[general]
    ranked = sorted(groups, key=lambda code: (-counts[code], min(m.start or 0 for m in groups[code])))
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


def _generalizations(groups: dict[str, list[Mention]], counts: dict[str, int]) -> list[tuple[str, str]]:
    """Diseases named less specifically elsewhere in the case: "leukemia" for "acute myeloid
    leukemia", "ALL" for "Philadelphia chromosome-positive ALL". The general name is folded
    into the most frequent more specific one (its label ends with the general label)."""
    labels = {code: " " + " ".join(ms[0].label.lower().replace("-", " ").split()) for code, ms in groups.items()}
    pairs = []
    for general in groups:
        specific = [c for c in groups if c != general and labels[c].endswith(labels[general])]
        if specific:
            pairs.append((general, max(specific, key=lambda c: (counts[c], len(labels[c])))))
    # fold chains (leukemia -> ALL -> Ph+ ALL) towards the most specific end
    targets = dict(pairs)
    resolved = []
    for general, specific in pairs:
        while specific in targets:
            specific = targets[specific]
        resolved.append((general, specific))
    return resolved


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


def _supportive_therapies(
    mentions: list[Mention],
    supportive: set[str],
    adverse: list[Mention],
    attachments: dict,
    lines: list[Line],
    offset: int,
) -> list[Therapy]:
    """Therapies given for an adverse event: numbered with the line whose event they treat."""
    by_code: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.code in supportive:
            by_code[mention.code].append(mention)
    therapies = []
    for code, evidence in by_code.items():
        first = evidence[0]
        events = [a for a in adverse if a.sentence == first.sentence]
        line = next((attachments.get(_key(a)) for a in events if attachments.get(_key(a))), None)
        sequence = line.number if line else (lines[-1].number if lines else 1)
        therapies.append(
            Therapy(
                index=offset + len(therapies) + 1,
                sequence=sequence,
                code=code,
                label=first.label,
                evidence=tuple(evidence),
                targets=tuple(dict.fromkeys(t for m in evidence for t in m.targets)),
            )
        )
    return therapies


def _grouped(mentions, attachments, index_of, build):
    """One node per (concept, therapies, negated), in narrative order, with all its evidence."""
    groups: dict[tuple, list[Mention]] = {}
    for mention in mentions:
        line = attachments.get(_key(mention))
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
