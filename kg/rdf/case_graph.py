"""Stage 4, write RDF: a Case -> the quads of its document's named graph (MODEL.md).

Every IRI is deterministic (no blank nodes), so the same input gives the same quads.
No triple is written into two graphs: the union default graph of Oxigraph is a bag, and
a shared triple would repeat query rows. The run itself is described once, in the
activities graph.
Sentences are nodes shared by the mentions in them: each sentence's text is stored once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from functools import lru_cache

from kg.identifiers import InvalidIdentifier
from kg.identifiers import expand as _expand
from kg.model import Case, Mention, Relation
from kg.rdf.relations import predicate_for
from kg.rdf.namespaces import ACTIVITIES_GRAPH, CKGID, DCTERMS, PROV, RDF, RDFS, XSD, ckg, doc_key, graph_iri

__all__ = ["Activity", "case_quads", "activity_quads", "case_iri", "ACTIVITY_PREDICATES"]

_TYPE = NamedNode(RDF + "type")
_LABEL = NamedNode(RDFS + "label")
_BOOLEAN = NamedNode(XSD + "boolean")
_INTEGER = NamedNode(XSD + "integer")
_DECIMAL = NamedNode(XSD + "decimal")
_DATETIME = NamedNode(XSD + "dateTime")
_DATE = NamedNode(XSD + "date")


@dataclass(frozen=True)
class Activity:
    """One ``kg ingest`` run: what produced a graph (tool, lexicon, time)."""

    tool_version: str
    lexicon_version: str
    started_at: str  # ISO 8601 dateTime

    @property
    def iri(self) -> NamedNode:
        digest = hashlib.sha256(f"{self.tool_version}|{self.lexicon_version}|{self.started_at}".encode()).hexdigest()
        return NamedNode(f"{CKGID}activity/{digest[:16]}")


#: predicates whose triples describe the run, not the document (ignored when comparing graphs)
ACTIVITY_PREDICATES = frozenset({PROV + "wasGeneratedBy"})


#: the same few hundred codes recur in every document: expand each once
expand = lru_cache(maxsize=1 << 16)(_expand)


def case_iri(key: str) -> str:
    return f"{CKGID}case/{key}"


def _bool(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=_BOOLEAN)


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=_INTEGER)


class _Writer:
    def __init__(self, graph: NamedNode) -> None:
        self.graph = graph
        self.quads: list[Quad] = []

    def add(self, subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal) -> None:
        self.quads.append(Quad(subject, predicate, obj, self.graph))

    def node(self, iri: str, cls: str, label: str) -> NamedNode:
        node = NamedNode(iri)
        self.add(node, _TYPE, ckg(cls))
        self.add(node, _LABEL, Literal(label))
        return node


def case_quads(case: Case, activity: Activity) -> tuple[NamedNode, list[Quad]]:
    """The named graph IRI for the case's document and every quad in it."""
    document = case.document
    key = doc_key(document)
    base = case_iri(key)
    writer = _Writer(graph_iri(key))
    report = writer.node(base, "CaseReport", document.title or f"Case report {key}")
    for identifier in document.identifiers:
        writer.add(report, NamedNode(DCTERMS + "identifier"), Literal(identifier))
    if document.title:
        writer.add(report, NamedNode(DCTERMS + "title"), Literal(document.title))
    if document.date:
        writer.add(report, NamedNode(DCTERMS + "date"), Literal(document.date, datatype=_DATE))
    writer.add(report, NamedNode(DCTERMS + "source"), Literal(document.source))
    writer.add(report, ckg("contentHash"), Literal(hashlib.sha256(document.text.encode()).hexdigest()))
    _activity(writer, report, activity)

    mentions = _Mentions(writer, case, base, report)
    series = len(case.patient_cases) > 1
    for part in case.patient_cases:
        # a case series puts each patient's facts under its patient IRI, so they stay distinct
        prefix = f"{base}/patient/{part.patient.index}" if series else base
        _patient(writer, mentions, part, base, prefix, key, report)

    for mention in case.extraction.mentions:
        mentions.write(mention)
    _relations(writer, mentions, case, base)
    return writer.graph, writer.quads


def _patient(writer: _Writer, mentions: _Mentions, case: Case, base: str, prefix: str, key: str, report: NamedNode) -> None:
    """One patient and its facts (``prefix`` is where the fact IRIs live)."""
    patient = writer.node(f"{base}/patient/{case.patient.index}", "Patient", f"Patient {case.patient.index} of {key}")
    writer.add(report, ckg("describes"), patient)
    if case.patient.age is not None:
        writer.add(patient, ckg("age"), Literal(str(Decimal(str(case.patient.age)).normalize()), datatype=_DECIMAL))
    writer.add(patient, ckg("sex"), Literal(case.patient.sex))
    writer.add(patient, ckg("species"), NamedNode(expand(case.patient.species)))
    for mention in case.patient.evidence:
        writer.add(patient, ckg("evidence"), mentions.iri(mention))

    diagnosis_iris = {}
    for dx in case.diagnoses:
        node = _assertion(writer, mentions, f"{prefix}/diagnosis/{dx.index}", "Diagnosis", dx.label, dx.code, dx.evidence)
        writer.add(patient, ckg("hasDiagnosis"), node)
        _status(writer, node, dx.negated, dx.certainty)
        for qualifier in dx.qualifiers:
            writer.add(node, ckg("qualifier"), Literal(qualifier))
        for code in dx.qualifier_codes:
            writer.add(node, ckg("qualifierCode"), NamedNode(expand(code)))
        diagnosis_iris[dx.index] = node

    therapy_iris = {}
    for therapy in case.therapies:
        node = _assertion(
            writer, mentions, f"{prefix}/therapy/{therapy.index}", "Therapy", therapy.label, therapy.code, therapy.evidence
        )
        therapy_iris[therapy.index] = node
        writer.add(patient, ckg("receivedTherapy"), node)
        writer.add(node, ckg("sequence"), _int(therapy.sequence))
        for target in therapy.targets:
            writer.add(node, ckg("target"), NamedNode(expand(target)))
        for dx in therapy.treats:
            writer.add(node, ckg("treats"), diagnosis_iris[dx])
    for therapy in case.therapies:
        for earlier in therapy.preceded_by:
            writer.add(therapy_iris[therapy.index], ckg("precededBy"), therapy_iris[earlier])

    for outcome in case.outcomes:
        node = _assertion(
            writer, mentions, f"{prefix}/outcome/{outcome.index}", "Outcome", outcome.label, outcome.code, outcome.evidence
        )
        _status(writer, node, outcome.negated, outcome.certainty)
        if outcome.duration:
            writer.add(node, ckg("duration"), Literal(outcome.duration))
        if outcome.therapies:
            for index in outcome.therapies:
                writer.add(therapy_iris[index], ckg("hasOutcome"), node)
        else:
            writer.add(patient, ckg("hasOverallOutcome"), node)

    for event in case.adverse_events:
        node = _assertion(
            writer, mentions, f"{prefix}/adverse-event/{event.index}", "AdverseEvent", event.label, event.code, event.evidence
        )
        _status(writer, node, event.negated, event.certainty)
        if event.grade is not None:
            writer.add(node, ckg("grade"), _int(event.grade))
        for index in event.therapies:
            writer.add(therapy_iris[index], ckg("hasAdverseEvent"), node)

    for finding in case.findings:
        node = _assertion(
            writer, mentions, f"{prefix}/finding/{finding.index}", "Finding", finding.label, finding.code, finding.evidence
        )
        _status(writer, node, finding.negated, finding.certainty)
        writer.add(patient, ckg("hasFinding"), node)


def _relations(writer: _Writer, mentions: _Mentions, case: Case, base: str) -> None:
    """The input's own relations, as ``ckg:AnnotatedRelation`` nodes between mentions or concepts."""
    spans = {a.id: (a.start, a.end) for a in case.document.annotations if a.id is not None and a.start is not None}
    for number, relation in enumerate(case.document.relations, start=1):
        ends = [_relation_end(mentions, spans, relation, value) for value in (relation.subject, relation.object)]
        if ends[0] is None or ends[1] is None:
            continue  # an end that is neither a written mention nor a known concept
        node = writer.node(f"{base}/relation/{number}", "AnnotatedRelation", f"{relation.predicate} ({relation.source})")
        writer.add(node, ckg("relationType"), Literal(relation.predicate))
        writer.add(node, ckg("relationPredicate"), NamedNode(predicate_for(relation.predicate)))
        writer.add(node, ckg("relationSubject"), ends[0])
        writer.add(node, ckg("relationObject"), ends[1])
        writer.add(node, ckg("extractor"), Literal(relation.source))


def _relation_end(mentions: _Mentions, spans: dict[str, tuple], relation: Relation, value: str) -> NamedNode | None:
    if relation.by_id:
        span = spans.get(value)
        iri = f"{mentions.base}/mention/{span[0]}-{span[1]}" if span else None
        return NamedNode(iri) if iri in mentions.written else None
    try:
        return NamedNode(expand(value))
    except InvalidIdentifier:
        return None


def _activity(writer: _Writer, report: NamedNode, activity: Activity) -> None:
    writer.add(report, NamedNode(PROV + "wasGeneratedBy"), activity.iri)


def activity_quads(activity: Activity) -> list[Quad]:
    """The run's own description, kept once in the activities graph (not per document)."""
    node = activity.iri
    return [
        Quad(node, _TYPE, ckg("IngestActivity"), ACTIVITIES_GRAPH),
        Quad(node, _LABEL, Literal(f"kg ingest at {activity.started_at}"), ACTIVITIES_GRAPH),
        Quad(node, NamedNode(PROV + "startedAtTime"), Literal(activity.started_at, datatype=_DATETIME), ACTIVITIES_GRAPH),
        Quad(node, ckg("toolVersion"), Literal(activity.tool_version), ACTIVITIES_GRAPH),
        Quad(node, ckg("lexiconVersion"), Literal(activity.lexicon_version), ACTIVITIES_GRAPH),
    ]


def _status(writer: _Writer, node: NamedNode, negated: bool, certainty: str) -> None:
    writer.add(node, ckg("negated"), _bool(negated))
    writer.add(node, ckg("certainty"), Literal(certainty))


def _assertion(
    writer: _Writer, mentions: _Mentions, iri: str, cls: str, label: str, code: str, evidence: tuple[Mention, ...]
) -> NamedNode:
    node = writer.node(iri, cls, label)
    writer.add(node, ckg("code"), NamedNode(expand(code)))
    for mention in evidence:
        writer.add(node, ckg("evidence"), mentions.iri(mention))
    return node


class _Mentions:
    """Writes each mention once, and each sentence node once, on first use."""

    def __init__(self, writer: _Writer, case: Case, base: str, report: NamedNode) -> None:
        self.writer = writer
        self.case = case
        self.base = base
        self.report = report
        self.written: dict[str, Mention] = {}
        self.sentences: set[int] = set()

    def iri(self, mention: Mention) -> NamedNode:
        self.write(mention)
        return NamedNode(f"{self.base}/mention/{mention.key}")

    def write(self, mention: Mention) -> None:
        iri = f"{self.base}/mention/{mention.key}"
        if iri in self.written:
            self._merge(iri, mention)
            return
        self.written[iri] = mention
        w = self.writer
        node = w.node(iri, "Mention", mention.text)
        w.add(self.report, ckg("hasMention"), node)
        for code in mention.codes:
            w.add(node, ckg("code"), NamedNode(expand(code)))
        w.add(node, ckg("text"), Literal(mention.text))
        w.add(node, ckg("category"), Literal(mention.category))
        if mention.source_type:
            w.add(node, ckg("annotationType"), Literal(mention.source_type))
        for extractor in mention.extractors:
            w.add(node, ckg("extractor"), Literal(extractor))
        w.add(node, ckg("negated"), _bool(mention.negated))
        w.add(node, ckg("certainty"), Literal(mention.certainty))
        if mention.section:
            w.add(node, ckg("section"), Literal(mention.section))
        if mention.start is not None and mention.end is not None:
            w.add(node, ckg("start"), _int(mention.start))
            w.add(node, ckg("end"), _int(mention.end))
        if mention.sentence is not None:
            w.add(node, ckg("sentence"), self._sentence(mention.sentence))

    def _merge(self, iri: str, mention: Mention) -> None:
        """A second mention of the same span (our demographics and an input annotation, say)
        adds its codes, extractors and annotator type to the one node."""
        first = self.written[iri]
        node = NamedNode(iri)
        for code in mention.codes:
            if code not in first.codes:
                self.writer.add(node, ckg("code"), NamedNode(expand(code)))
        for extractor in mention.extractors:
            if extractor not in first.extractors:
                self.writer.add(node, ckg("extractor"), Literal(extractor))
        if mention.source_type and not first.source_type:
            self.writer.add(node, ckg("annotationType"), Literal(mention.source_type))
        self.written[iri] = replace(
            first,
            codes=tuple(dict.fromkeys((*first.codes, *mention.codes))),
            extractors=tuple(dict.fromkeys((*first.extractors, *mention.extractors))),
            source_type=first.source_type or mention.source_type,
        )

    def _sentence(self, index: int) -> NamedNode:
        node = NamedNode(f"{self.base}/sentence/{index}")
        if index not in self.sentences:
            self.sentences.add(index)
            sentence = self.case.extraction.sentences[index]
            w = self.writer
            w.add(node, _TYPE, ckg("Sentence"))
            w.add(node, _LABEL, Literal(f"Sentence {index + 1}"))
            w.add(node, ckg("text"), Literal(sentence.text))
            w.add(node, ckg("start"), _int(sentence.start))
            w.add(node, ckg("end"), _int(sentence.end))
        return node
