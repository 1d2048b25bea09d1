"""Stage 4, write RDF: a Case -> the quads of its document's named graph (MODEL.md).

Every IRI is deterministic (no blank nodes), so the same input gives the same quads.
No triple is written into two graphs: the union default graph of Oxigraph is a bag, and
a shared triple would repeat query rows. The run itself is described once, in the
activities graph.
Sentences are nodes shared by the mentions in them: each sentence's text is stored once,
and so is the section it lies in (a mention repeats ``ckg:section`` only when it differs).
Every node has an ``rdfs:label`` (MODEL.md), mentions their text and sentences "Sentence N";
an input annotator's type is kept only where it says more than the category.

The graph is written straight as N-Quads text (:func:`case_nquads`): building a pyoxigraph
``Quad`` per triple and serializing them cost more than the rest of writing a document.
IRIs from outside the document (codes, targets) are checked once each (``_iri``); the
others are built from the validated document IRI and digits.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Quad

from kg.identifiers import InvalidIdentifier
from kg.identifiers import expand as _expand
from kg.model import Case, Mention, Relation
from kg.rdf.relations import predicate_for
from kg.rdf.namespaces import ACTIVITIES_GRAPH, CKG, CKGID, DCTERMS, PROV, RDF, RDFS, XSD, ckg, doc_key, graph_iri

__all__ = ["Activity", "case_quads", "case_nquads", "activity_quads", "case_iri", "ACTIVITY_PREDICATES"]

_TYPE = NamedNode(RDF + "type")
_LABEL = NamedNode(RDFS + "label")
_DATETIME = NamedNode(XSD + "dateTime")
# the same terms as N-Triples text
_A = f"<{RDF}type>"
_RDFS_LABEL = f"<{RDFS}label>"
_TRUE = f'"true"^^<{XSD}boolean>'
_FALSE = f'"false"^^<{XSD}boolean>'
#: mention categories that name a condition someone has: ConText's experiencer is about these
#: (a therapy "from his HLA-haploidentical mother" is still the patient's)
_CONDITIONS = frozenset({"Disease", "Finding", "Outcome"})


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


@lru_cache(maxsize=1 << 16)
def _iri(value: str) -> str:
    """``<value>``, checked to be an IRI once per distinct value (ValueError if it is not)."""
    NamedNode(value)
    return f"<{value}>"


@lru_cache(maxsize=None)
def _p(local: str) -> str:
    """A ``ckg:`` property or class as N-Triples text."""
    return f"<{CKG}{local}>"


def _lit(value: str) -> str:
    """A plain (xsd:string) literal as N-Triples text."""
    return f'"{_escape(value)}"'


def _escape(value: str) -> str:
    """Escape what a N-Triples string may not hold raw (most values have none of it)."""
    if "\\" in value or '"' in value or "\n" in value or "\r" in value:
        return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return value


def _typed(value: str, datatype: str) -> str:
    return f'"{_escape(value)}"^^<{XSD}{datatype}>'


def _decimal(value: float) -> str:
    """An xsd:decimal lexical form: ``60``, ``0.5`` (never ``6E+1``, which is not one)."""
    return format(Decimal(str(value)).normalize(), "f")


def _int(value: int) -> str:
    return f'"{int(value)}"^^<{XSD}integer>'


def _bool(value: bool) -> str:
    return _TRUE if value else _FALSE


class _Writer:
    """Collects one graph's statements as N-Quads lines (terms are N-Triples text)."""

    def __init__(self, graph: str) -> None:
        self.graph = graph
        self._tail = f" <{graph}> .\n"
        self.lines: list[str] = []

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.append(f"{subject} {predicate} {obj}{self._tail}")

    def node(self, iri: str, cls: str, label: str | None = None) -> str:
        node = f"<{iri}>"
        self.add(node, _A, _p(cls))
        if label is not None:
            self.add(node, _RDFS_LABEL, _lit(label))
        return node

    def nquads(self) -> bytes:
        return "".join(self.lines).encode("utf-8")


def case_quads(case: Case, activity: Activity) -> tuple[NamedNode, list[Quad]]:
    """The named graph IRI for the case's document and every quad in it."""
    graph, data, _ = case_nquads(case, activity)
    return NamedNode(graph), list(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def case_nquads(case: Case, activity: Activity) -> tuple[str, bytes, int]:
    """The named graph IRI for the case's document, its N-Quads, and how many lines they are."""
    writer = _case_writer(case, activity)
    return writer.graph, writer.nquads(), len(writer.lines)


def _case_writer(case: Case, activity: Activity) -> _Writer:
    document = case.document
    key = doc_key(document)
    base = case_iri(key)
    NamedNode(base)  # every node IRI of the document extends this one with safe characters
    writer = _Writer(graph_iri(key).value)
    report = writer.node(base, "CaseReport", document.title or f"Case report {key}")
    for identifier in document.identifiers:
        writer.add(report, f"<{DCTERMS}identifier>", _lit(identifier))
    if document.title:
        writer.add(report, f"<{DCTERMS}title>", _lit(document.title))
    if document.date:
        writer.add(report, f"<{DCTERMS}date>", _typed(document.date, "date"))
    writer.add(report, f"<{DCTERMS}source>", _lit(document.source))
    writer.add(report, _p("contentHash"), _lit(hashlib.sha256(document.text.encode()).hexdigest()))
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
    return writer


def _patient(writer: _Writer, mentions: _Mentions, case: Case, base: str, prefix: str, key: str, report: str) -> None:
    """One patient and its facts (``prefix`` is where the fact IRIs live)."""
    patient = writer.node(f"{base}/patient/{case.patient.index}", "Patient", f"Patient {case.patient.index} of {key}")
    writer.add(report, _p("describes"), patient)
    if case.patient.age is not None:
        writer.add(patient, _p("age"), _typed(_decimal(case.patient.age), "decimal"))
    writer.add(patient, _p("sex"), _lit(case.patient.sex))
    writer.add(patient, _p("species"), _iri(expand(case.patient.species)))
    for mention in case.patient.evidence:
        writer.add(patient, _p("evidence"), mentions.iri(mention))

    diagnosis_iris = {}
    for dx in case.diagnoses:
        node = _assertion(writer, mentions, f"{prefix}/diagnosis/{dx.index}", "Diagnosis", dx.label, dx.code, dx.evidence)
        writer.add(patient, _p("hasDiagnosis"), node)
        _status(writer, node, dx.negated, dx.certainty)
        for qualifier in dx.qualifiers:
            writer.add(node, _p("qualifier"), _lit(qualifier))
        for code in dx.qualifier_codes:
            writer.add(node, _p("qualifierCode"), _iri(expand(code)))
        diagnosis_iris[dx.index] = node

    therapy_iris = {}
    for therapy in case.therapies:
        node = _assertion(
            writer, mentions, f"{prefix}/therapy/{therapy.index}", "Therapy", therapy.label, therapy.code, therapy.evidence
        )
        therapy_iris[therapy.index] = node
        writer.add(patient, _p("receivedTherapy"), node)
        writer.add(node, _p("sequence"), _int(therapy.sequence))
        for target in therapy.targets:
            writer.add(node, _p("target"), _iri(expand(target)))
        for dx in therapy.treats:
            writer.add(node, _p("treats"), diagnosis_iris[dx])
    for therapy in case.therapies:
        for earlier in therapy.preceded_by:
            writer.add(therapy_iris[therapy.index], _p("precededBy"), therapy_iris[earlier])

    for outcome in case.outcomes:
        node = _assertion(
            writer, mentions, f"{prefix}/outcome/{outcome.index}", "Outcome", outcome.label, outcome.code, outcome.evidence
        )
        _status(writer, node, outcome.negated, outcome.certainty)
        if outcome.duration:
            writer.add(node, _p("duration"), _lit(outcome.duration))
        if outcome.therapies:
            for index in outcome.therapies:
                writer.add(therapy_iris[index], _p("hasOutcome"), node)
        else:
            writer.add(patient, _p("hasOverallOutcome"), node)

    for event in case.adverse_events:
        node = _assertion(
            writer, mentions, f"{prefix}/adverse-event/{event.index}", "AdverseEvent", event.label, event.code, event.evidence
        )
        _status(writer, node, event.negated, event.certainty)
        if event.grade is not None:
            writer.add(node, _p("grade"), _int(event.grade))
        for index in event.therapies:
            writer.add(therapy_iris[index], _p("hasAdverseEvent"), node)

    for finding in case.findings:
        node = _assertion(
            writer, mentions, f"{prefix}/finding/{finding.index}", "Finding", finding.label, finding.code, finding.evidence
        )
        _status(writer, node, finding.negated, finding.certainty)
        writer.add(patient, _p("hasFinding"), node)


def _relations(writer: _Writer, mentions: _Mentions, case: Case, base: str) -> None:
    """The input's own relations, as ``ckg:AnnotatedRelation`` nodes between mentions or concepts."""
    spans = {a.id: (a.start, a.end) for a in case.document.annotations if a.id is not None and a.start is not None}
    for number, relation in enumerate(case.document.relations, start=1):
        ends = [_relation_end(mentions, spans, relation, value) for value in (relation.subject, relation.object)]
        if ends[0] is None or ends[1] is None:
            continue  # an end that is neither a written mention nor a known concept
        node = writer.node(f"{base}/relation/{number}", "AnnotatedRelation", f"{relation.predicate} ({relation.source})")
        writer.add(node, _p("relationType"), _lit(relation.predicate))
        writer.add(node, _p("relationPredicate"), _iri(predicate_for(relation.predicate)))
        writer.add(node, _p("relationSubject"), ends[0])
        writer.add(node, _p("relationObject"), ends[1])
        writer.add(node, _p("extractor"), _lit(relation.source))


def _relation_end(mentions: _Mentions, spans: dict[str, tuple], relation: Relation, value: str) -> str | None:
    if relation.by_id:
        span = spans.get(value)
        iri = f"{mentions.base}/mention/{span[0]}-{span[1]}" if span else None
        return f"<{iri}>" if iri in mentions.written else None
    try:
        return _iri(expand(value))
    except (InvalidIdentifier, ValueError):
        return None


def _activity(writer: _Writer, report: str, activity: Activity) -> None:
    writer.add(report, f"<{PROV}wasGeneratedBy>", f"<{activity.iri.value}>")


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


def _status(writer: _Writer, node: str, negated: bool, certainty: str) -> None:
    writer.add(node, _p("negated"), _bool(negated))
    writer.add(node, _p("certainty"), _lit(certainty))


def _assertion(
    writer: _Writer, mentions: _Mentions, iri: str, cls: str, label: str, code: str, evidence: tuple[Mention, ...]
) -> str:
    node = writer.node(iri, cls, label)
    writer.add(node, _p("code"), _iri(expand(code)))
    for mention in evidence:
        writer.add(node, _p("evidence"), mentions.iri(mention))
    return node


class _Mentions:
    """Writes each mention once, and each sentence node once, on first use."""

    def __init__(self, writer: _Writer, case: Case, base: str, report: str) -> None:
        self.writer = writer
        self.case = case
        self.base = base
        self.report = report
        self.written: dict[str, Mention] = {}
        #: sentence index -> the section written on the sentence node
        self.sentences: dict[int, str | None] = {}

    def iri(self, mention: Mention) -> str:
        """The mention's node (N-Triples text), written on first use."""
        return f"<{self.write(mention)}>"

    def write(self, mention: Mention) -> str:
        key = mention.key
        iri = f"{self.base}/mention/{key}"
        if not key[0].isdigit():
            _iri(iri)  # a key made from a code or the text: check it is a valid IRI
        if iri in self.written:
            self._merge(iri, mention)
            return iri
        self.written[iri] = mention
        w = self.writer
        node = w.node(iri, "Mention", mention.text)
        w.add(self.report, _p("hasMention"), node)
        for code in mention.codes:
            w.add(node, _p("code"), _iri(expand(code)))
        w.add(node, _p("text"), _lit(mention.text))
        w.add(node, _p("category"), _lit(mention.category))
        if mention.source_type and mention.source_type != mention.category:
            w.add(node, _p("annotationType"), _lit(mention.source_type))
        for extractor in mention.extractors:
            w.add(node, _p("extractor"), _lit(extractor))
        w.add(node, _p("negated"), _bool(mention.negated))
        w.add(node, _p("certainty"), _lit(mention.certainty))
        if mention.experiencer != "patient" and mention.category in _CONDITIONS:
            w.add(node, _p("experiencer"), _lit(mention.experiencer))
        if mention.start is not None and mention.end is not None:
            w.add(node, _p("start"), _int(mention.start))
            w.add(node, _p("end"), _int(mention.end))
        if mention.sentence is not None:
            w.add(node, _p("sentence"), self._sentence(mention.sentence, mention.section))
        if mention.section and (mention.sentence is None or self.sentences[mention.sentence] != mention.section):
            w.add(node, _p("section"), _lit(mention.section))
        return iri

    def _merge(self, iri: str, mention: Mention) -> None:
        """A second mention of the same span (our demographics and an input annotation, say)
        adds its codes, extractors and annotator type to the one node."""
        first = self.written[iri]
        if mention is first or (set(mention.codes) <= set(first.codes) and set(mention.extractors) <= set(first.extractors)
                                and (first.source_type or not mention.source_type)):
            return  # the same mention again (the evidence of several facts): nothing to add
        node = f"<{iri}>"
        for code in mention.codes:
            if code not in first.codes:
                self.writer.add(node, _p("code"), _iri(expand(code)))
        for extractor in mention.extractors:
            if extractor not in first.extractors:
                self.writer.add(node, _p("extractor"), _lit(extractor))
        if mention.source_type and not first.source_type and mention.source_type != first.category:
            self.writer.add(node, _p("annotationType"), _lit(mention.source_type))
        self.written[iri] = replace(
            first,
            codes=tuple(dict.fromkeys((*first.codes, *mention.codes))),
            extractors=tuple(dict.fromkeys((*first.extractors, *mention.extractors))),
            source_type=first.source_type or mention.source_type,
        )

    def _sentence(self, index: int, section: str | None) -> str:
        """The sentence node; on first use it is written with the section of its first mention."""
        node = f"<{self.base}/sentence/{index}>"
        if index not in self.sentences:
            self.sentences[index] = section
            sentence = self.case.extraction.sentences[index]
            w = self.writer
            w.add(node, _A, _p("Sentence"))
            w.add(node, _RDFS_LABEL, _lit(f"Sentence {index}"))
            w.add(node, _p("text"), _lit(sentence.text))
            w.add(node, _p("start"), _int(sentence.start))
            w.add(node, _p("end"), _int(sentence.end))
            if section:
                w.add(node, _p("section"), _lit(section))
        return node
