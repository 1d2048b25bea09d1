"""The data types that flow between pipeline stages.

read -> :class:`Document`; extract -> :class:`Extraction` (sentences, mentions,
demographics); assemble -> :class:`Case` (patient, diagnoses, therapies, outcomes,
adverse events, findings). Every stage output is a frozen dataclass so a stage cannot
mutate what an earlier one produced, and every clinical fact keeps the mentions that
are its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Annotation",
    "Relation",
    "Section",
    "Document",
    "Sentence",
    "Mention",
    "Demographics",
    "Extraction",
    "Patient",
    "Diagnosis",
    "Therapy",
    "Outcome",
    "AdverseEvent",
    "Finding",
    "Case",
    "CATEGORIES",
    "CERTAINTIES",
]

#: Mention categories written as ``ckg:category`` (MODEL.md, Provenance).
CATEGORIES = ("Disease", "Gene", "Species", "Chemical", "Therapy", "Outcome", "Finding")

#: Values of ``ckg:certainty``.
CERTAINTIES = ("affirmed", "negated", "uncertain", "hypothetical", "historical")


@dataclass(frozen=True)
class Section:
    """A span of the document text with its role.

    ``kind`` says whether facts about the patient may come from it: ``title``,
    ``abstract``, ``summary`` and ``case`` may; ``keywords`` and ``background`` yield
    mentions only.
    """

    title: str
    kind: str
    start: int
    end: int

    @property
    def is_case_text(self) -> bool:
        return self.kind in {"title", "abstract", "summary", "case"}


@dataclass(frozen=True)
class Annotation:
    """An entity annotation that came with the input (a summary's entity list, PubTator
    or BioC annotations, brat entities).

    ``curies`` are standardized (empty when the annotator left the mention ungrounded;
    several for a composite mention); ``start``/``end`` are set when the annotation had
    offsets in the document text; ``id`` is the annotator's own id (brat ``T3``, BioC ``5``).
    """

    text: str
    curies: tuple[str, ...]
    category: str
    source: str
    label: str | None = None
    aliases: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    id: str | None = None
    negated: bool = False
    #: the annotator's own entity type ("SpecificDisease", "Lab_value")
    type: str | None = None

    @property
    def curie(self) -> str:
        return self.curies[0] if self.curies else ""


@dataclass(frozen=True)
class Relation:
    """A relation stated by the input's annotator (PubTator ``CID``, BioRED ``Association``,
    brat ``R1``). ``subject``/``object`` are CURIEs for concept-level relations, or
    annotation ids (``Annotation.id``) for mention-level ones (``by_id`` says which)."""

    predicate: str
    subject: str
    object: str
    source: str
    by_id: bool = False
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Document:
    """One case report as read from disk, before any extraction.

    ``text`` is the text every offset refers to: for structured inputs it is the
    readable parts joined with blank lines (page boilerplate removed).
    """

    source: str
    format: str
    text: str
    title: str | None = None
    identifiers: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    journal: str | None = None
    date: str | None = None
    keywords: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    relations: tuple[Relation, ...] = ()

    def section_at(self, offset: int) -> Section | None:
        """The section that contains ``offset`` (None when sections are unknown)."""
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A grounded span of text: the NER layer and the evidence of every fact."""

    start: int | None
    end: int | None
    text: str
    category: str
    codes: tuple[str, ...]
    label: str
    extractors: tuple[str, ...]
    sentence: int | None = None
    section: str | None = None
    negated: bool = False
    certainty: str = "affirmed"
    experiencer: str = "patient"
    flags: frozenset[str] = frozenset()
    targets: tuple[str, ...] = ()
    #: the input annotator's own entity type, for mentions taken over from the input
    source_type: str | None = None

    @property
    def code(self) -> str:
        return self.codes[0] if self.codes else ""

    @property
    def key(self) -> str:
        """The part of the mention IRI after ``mention/``."""
        if self.start is None or self.end is None:
            name = self.code or "".join(c if c.isalnum() else "_" for c in self.text.lower())[:40]
            return "doc-" + name.replace(":", "-")
        return f"{self.start}-{self.end}"


@dataclass(frozen=True)
class Demographics:
    age: float | None = None
    age_evidence: Mention | None = None
    sex: str = "unknown"
    sex_evidence: Mention | None = None
    species: str = "NCBITaxon:9606"


@dataclass(frozen=True)
class Extraction:
    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    abbreviations: tuple[tuple[str, str], ...] = ()
    demographics: Demographics = field(default_factory=Demographics)

    def sentence_of(self, mention: Mention) -> Sentence | None:
        if mention.sentence is None:
            return None
        return self.sentences[mention.sentence]


@dataclass(frozen=True)
class Patient:
    index: int
    age: float | None
    sex: str
    species: str
    evidence: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Diagnosis:
    index: int
    code: str
    label: str
    evidence: tuple[Mention, ...]
    qualifiers: tuple[str, ...] = ()
    qualifier_codes: tuple[str, ...] = ()
    negated: bool = False
    certainty: str = "affirmed"


@dataclass(frozen=True)
class Therapy:
    """One therapy the patient received.

    ``sequence`` is the line of therapy in narrated order (1-based); procedures given
    together ("cord blood and PBSCT with DLI") are separate nodes sharing one line, and
    each is ``preceded_by`` every therapy of the line before.
    """

    index: int
    sequence: int
    code: str
    label: str
    evidence: tuple[Mention, ...]
    targets: tuple[str, ...] = ()
    treats: tuple[int, ...] = ()
    preceded_by: tuple[int, ...] = ()
    negated: bool = False
    certainty: str = "affirmed"


@dataclass(frozen=True)
class Outcome:
    index: int
    code: str
    label: str
    evidence: tuple[Mention, ...]
    therapies: tuple[int, ...] = ()
    negated: bool = False
    certainty: str = "affirmed"
    duration: str | None = None


@dataclass(frozen=True)
class AdverseEvent:
    index: int
    code: str
    label: str
    evidence: tuple[Mention, ...]
    therapies: tuple[int, ...] = ()
    grade: int | None = None
    negated: bool = False
    certainty: str = "affirmed"


@dataclass(frozen=True)
class Finding:
    index: int
    code: str
    label: str
    evidence: tuple[Mention, ...]
    negated: bool = False
    certainty: str = "affirmed"


@dataclass(frozen=True)
class Case:
    """The assembled case: what the graph says about one report's patient.

    A case series (several patients in one report) is the first patient's Case with the
    others in ``more_patients``: each a Case of the same extraction with its own patient
    (``patient.index`` 2, 3 ...) and facts.
    """

    extraction: Extraction
    patient: Patient
    diagnoses: tuple[Diagnosis, ...] = ()
    therapies: tuple[Therapy, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    adverse_events: tuple[AdverseEvent, ...] = ()
    findings: tuple[Finding, ...] = ()
    more_patients: tuple[Case, ...] = ()

    @property
    def patient_cases(self) -> tuple[Case, ...]:
        """Every patient's Case, this one first."""
        return (self, *self.more_patients)

    @property
    def document(self) -> Document:
        return self.extraction.document
