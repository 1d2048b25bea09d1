"""Stage 2, extract: a Document -> an Extraction (sentences, grounded mentions, demographics).

The order of work: sentences; dictionary matches; abbreviations defined in the text
re-ground their short forms; coordinated names ("UCB and PBSCT", "breast and ovarian
cancer") get their elided head; the input's own annotations are located; then every
mention gets its assertion status from its sentence's ConText triggers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from kg.extract.abbreviations import Abbreviation, find_abbreviations
from kg.extract.annotator import Annotated, Annotator
from kg.extract.context import Assertion, assert_span, context_rules
from kg.extract.demographics import extract_demographics
from kg.extract.diagnosis_frames import frame_hits
from kg.extract.lexicon import Concept, Lexicon, builtin_lexicon
from kg.extract.matcher import DictionaryMatcher, Match, longest_matches
from kg.extract.pathology import pathology_hits
from kg.extract.sentences import sentence_at, split_sentences
from kg.extract.targets import attach_targets
from kg.extract.tokens import NormalizedText, Token, name_key, normalize_text, tokenize, word_occurrences
from kg.model import Annotation, Document, Extraction, Mention, Sentence

__all__ = ["Extractor", "DICTIONARY_EXTRACTOR", "FORM_EXTRACTOR"]

DICTIONARY_EXTRACTOR = "casekg-dictionary@1"
#: names recognised by their form (kg.extract.pathology): Mentions, never patient facts
FORM_EXTRACTOR = "casekg-form@1"

_PREPOSITION = re.compile(r"\b(?:for|of|in|on|with|from|by|to|against|after|during)\b", re.IGNORECASE)
_COORDINATION = re.compile(r"^\s*(?:and|or|&|/|,)\s*$", re.IGNORECASE)


@dataclass
class Extractor:
    """A compiled extractor (lexicon + matcher); build once, call for each document."""

    lexicon: Lexicon
    matcher: DictionaryMatcher
    #: the compiled vocabulary's annotator (diseases, chemicals, genes, species the
    #: built-in lexicon does not know); None when no vocabulary was built
    vocabulary: Annotator | None = None
    vocabulary_version: str | None = None
    vocabulary_labels: dict | None = None
    #: False keeps only the input's own annotations (pre-annotated corpora, no ``--reannotate``)
    use_dictionary: bool = True

    @classmethod
    def builtin(cls) -> Extractor:
        lexicon = builtin_lexicon()
        return cls(lexicon, DictionaryMatcher.from_lexicon(lexicon))

    @classmethod
    def from_vocab(cls, directory: Path) -> Extractor:
        """The built-in lexicon plus the vocabulary compiled in ``directory`` (``kg vocab build``).

        The lexicon keeps its roles (therapies, targets, outcomes); the vocabulary adds
        every name it has that no lexicon mention already covers.
        """
        from kg.vocab.cache import load_vocab
        from kg.vocab.sources import VocabFileError

        vocabulary = load_vocab(Path(directory))
        if vocabulary is None:
            raise VocabFileError(f"{directory}: no compiled vocabulary (run kg vocab build)")
        extractor = cls.builtin()
        extractor.vocabulary = vocabulary.annotator()
        extractor.vocabulary_version = vocabulary.version
        extractor.vocabulary_labels = vocabulary.labels
        return extractor

    @classmethod
    def default(cls, directory: Path | None = None) -> Extractor:
        """The user's compiled vocabulary when one was built (``--vocab``, ``CASEKG_VOCAB`` or
        the user cache), else the built-in lexicon alone."""
        from kg.vocab.cache import read_manifest, resolve_vocab_dir

        folder = resolve_vocab_dir(directory)
        return cls.from_vocab(folder) if read_manifest(folder) is not None else cls.builtin()

    @property
    def version(self) -> str:
        extra = f"+{self.vocabulary_version}" if self.vocabulary_version else ""
        return f"{DICTIONARY_EXTRACTOR}+{self.lexicon.version}{extra}"

    def __call__(self, document: Document) -> Extraction:
        text = document.text
        sentences = split_sentences(text)
        abbreviations = find_abbreviations(text)
        tokens = tokenize(text) if self.use_dictionary else None
        folded = normalize_text(tokens, fold_case=True) if tokens is not None else None
        mentions = self._dictionary_mentions(document, abbreviations, tokens, folded) if tokens is not None else []
        mentions = _merge_annotations(document, mentions, self.lexicon)
        mentions = attach_targets(text, mentions, self._car_t(), DICTIONARY_EXTRACTOR)
        if folded is None and mentions:  # the input's own annotations: normalize the text once for their context
            folded = normalize_text(tokenize(text), fold_case=True)
        mentions = _assign_sentences_and_context(text, sentences, mentions, folded)
        mentions = _share_status_with_abbreviation(text, mentions)
        mentions = [_absence_meaning(m, self.lexicon) for m in mentions]
        mentions = _input_polarity(document, mentions)
        return Extraction(
            document=document,
            sentences=sentences,
            mentions=tuple(mentions),
            abbreviations=tuple((a.short, a.long) for a in abbreviations),
            demographics=extract_demographics(document, sentences),
        )

    def _dictionary_mentions(
        self, document: Document, abbreviations: list[Abbreviation], tokens: list[Token],
        folded: NormalizedText | None = None,
    ) -> list[Mention]:
        text = document.text
        hits = self.matcher.all_matches(tokens, folded)
        hits = hits + pathology_hits(tokens, hits)
        hits = _apply_abbreviations(text, hits, abbreviations, self.matcher)
        hits = frame_hits(text, tokens, hits, abbreviations, self.matcher)
        matches = longest_matches(hits)
        matches = _add_coordinated(text, tokens, matches, abbreviations, self.matcher)
        mentions = [self._mention(document, m) for m in matches]
        if self.vocabulary is not None:
            mentions = _add_vocabulary(document, mentions, self.vocabulary(text), self.vocabulary_labels or {})
        return mentions

    def _car_t(self) -> Concept | None:
        """The lexicon's CAR-T concept, for "CAR-<gene>" constructs."""
        for concept in self.matcher.lookup("CAR-T"):
            if "cell_therapy" in concept.flags:
                return concept
        return None

    def _mention(self, document: Document, match: Match) -> Mention:
        concept = match.concepts[0]
        section = document.section_at(match.start)
        return Mention(
            start=match.start,
            end=match.end,
            text=document.text[match.start : match.end],
            category=concept.category,
            codes=(concept.curie,),
            label=concept.label,
            extractors=(FORM_EXTRACTOR if match.by_form else DICTIONARY_EXTRACTOR,),
            section=section.title if section else None,
            flags=concept.flags,
            targets=concept.targets,
        )


VOCABULARY_EXTRACTOR = "casekg-vocabulary@1"


_CONDITIONS = frozenset({"Disease", "Finding"})


def _add_vocabulary(document: Document, mentions: list[Mention], found: list[Annotated], labels: dict) -> list[Mention]:
    """Vocabulary mentions where no lexicon mention lies (the lexicon's roles win), except that a
    longer vocabulary disease replaces the lexicon's diseases and findings inside it ("brain
    tumor" over "tumor"), and a vocabulary name replaces names found only by their form."""
    added = []
    for a in found:
        if not a.ids:
            continue  # another organism's gene: no concept of the vocabulary's to link
        overlapping = [m for m in mentions if m.start is not None and m.start < a.end and a.start < m.end]
        by_form = all(FORM_EXTRACTOR in m.extractors for m in overlapping)
        if overlapping and not by_form and not _outranks(a, overlapping):
            continue
        if overlapping:
            mentions = [m for m in mentions if not any(m is o for o in overlapping)]
        codes = tuple(a.ids.split("|"))
        kind, label, _ = labels.get(codes[0], (a.category, a.text, ()))
        section = document.section_at(a.start)
        category = _graph_category(a.category, kind)
        added.append(Mention(start=a.start, end=a.end, text=a.text, category=category, codes=codes, label=label,
                             extractors=(VOCABULARY_EXTRACTOR,), section=section.title if section else None))
    return sorted(mentions + added, key=lambda m: (m.start or 0, m.end or 0))


def _outranks(found: Annotated, lexicon: list[Mention]) -> bool:
    """A vocabulary disease that strictly contains every lexicon mention it overlaps, all of
    them diseases or findings, is the more specific name."""
    return found.category in _CONDITIONS and all(
        m.category in _CONDITIONS and found.start <= m.start and m.end <= found.end  # type: ignore[operator]
        and m.end - m.start < found.end - found.start  # type: ignore[operator]
        for m in lexicon
    )


def _graph_category(annotated: str, compiled: str) -> str:
    """A vocabulary disease the compiler filed as a sign or symptom (MeSH C23) is a Finding in
    the graph; ``kg annotate`` keeps the corpora's Disease type."""
    return "Finding" if annotated == "Disease" and compiled == "Finding" else annotated


def _long_form_concept(long: Abbreviation, hits: list[Match]) -> tuple[Concept, ...]:
    """The concepts of the longest hit that ends where the long form ends (and lies inside it).

    A long form whose name follows a preposition is about something else: "Model for End-Stage
    Liver Disease (MELD)" is a score, "Response Evaluation Criteria in Solid Tumors (RECIST)"
    criteria. A name recognised only by its form must be the whole long form."""
    inside = [h for h in hits if h.end == long.long_end and h.start >= long.long_start
              and (not h.by_form or h.start == long.long_start)
              and not _PREPOSITION.search(long.long[: h.start - long.long_start])]
    if not inside:
        return ()
    return max(inside, key=lambda h: h.length).concepts


def _apply_abbreviations(
    text: str, hits: list[Match], abbreviations: list[Abbreviation], matcher: DictionaryMatcher
) -> list[Match]:
    """Short forms mean what the document says they mean.

    A short form whose long form is grounded gets that concept everywhere in the text; a
    short form defined as something the lexicon does not know loses its lexicon meaning
    (unless the lexicon's concept is named by that very long form).
    """
    result = list(hits)
    for abbreviation in abbreviations:
        spans = word_occurrences(text, abbreviation.short)
        concepts = _long_form_concept(abbreviation, hits)
        if concepts:
            result = [h for h in result if (h.start, h.end) not in spans]
            result.extend(Match(s, e, concepts, case_sensitive=True) for s, e in spans)
            continue
        long_key = name_key(abbreviation.long, fold_case=True).strip()
        result = [h for h in result if (h.start, h.end) not in spans or _named_by(h, long_key)]
    return result


def _named_by(hit: Match, long_key: str) -> bool:
    """True when one of the hit's concepts has a name that starts with the long form."""
    return any(
        name_key(name, fold_case=True).strip().startswith(long_key) for concept in hit.concepts for name in concept.names
    )


_CONJUNCTION_BEFORE = re.compile(r"(\S+(?:\s+\S+){0,3}?)\s+(and|or|&)\s+$")


def _ends_with_conjunction(before: str) -> bool:
    """Whether ``before`` ends in whitespace, "and" / "or" / "&", whitespace (what
    :data:`_CONJUNCTION_BEFORE` needs at its end)."""
    stripped = before.rstrip()
    if len(stripped) == len(before):
        return False
    for word in ("and", "or", "&"):
        if stripped.endswith(word):
            rest = stripped[: -len(word)]
            return rest[-1:].isspace()
    return False


def _add_coordinated(
    text: str,
    tokens: list[Token],
    matches: list[Match],
    abbreviations: list[Abbreviation],
    matcher: DictionaryMatcher,
) -> list[Match]:
    """Composite mentions: "X and Y-head" also names "X head" when the lexicon knows it."""
    expansions = {a.short: a.long for a in abbreviations}
    added: list[Match] = []
    token_starts = {t.start for t in tokens}
    for match in matches:
        head = match.concepts[0].label.split()[-1]
        if len(match.concepts[0].label.split()) < 2:
            continue
        # the words before "and"/"or" that precede this match
        before = text[max(0, match.start - 80) : match.start]
        if not _ends_with_conjunction(before):
            continue  # the cheap test first: the regex below is the costly part of this step
        conj = _CONJUNCTION_BEFORE.search(before)
        if not conj:
            continue
        left = conj.group(1)
        left_start = match.start - len(before) + conj.start(1)
        for size in range(len(left.split()), 0, -1):
            words = left.split()[-size:]
            surface = " ".join(words)
            start = left_start + left.rfind(surface)
            if start not in token_starts or any(m.start <= start < m.end for m in matches):
                continue
            expanded = expansions.get(surface, surface)
            concepts = matcher.lookup(f"{expanded} {head}")
            if concepts and concepts != match.concepts:
                added.append(Match(start, start + len(surface), concepts, case_sensitive=False))
                break
    return sorted(matches + added, key=lambda m: m.start)


def _merge_annotations(document: Document, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """Locate the input's own annotations in the text and merge them with ours by span."""
    by_span = {(m.start, m.end): m for m in mentions}
    unplaced: list[Mention] = []
    for annotation in document.annotations:
        spans = _annotation_spans(document, annotation)
        if not spans:
            unplaced.append(_annotation_mention(annotation, None, None, document, lexicon))
            continue
        for start, end in spans:
            existing = by_span.get((start, end))
            if existing is None:
                located_by_search = annotation.start is None
                if located_by_search and any(
                    m.start is not None and m.start < end and start < m.end for m in by_span.values()
                ):
                    continue  # a name found by search inside a longer mention of ours is part of it
                by_span[(start, end)] = _annotation_mention(annotation, start, end, document, lexicon)
            else:
                by_span[(start, end)] = _merged(existing, annotation)
    placed = sorted(by_span.values(), key=lambda m: (m.start, m.end))
    seen_unplaced: dict[str, Mention] = {}
    for mention in unplaced:
        if mention.key in seen_unplaced:
            seen_unplaced[mention.key] = _merged_extractors(seen_unplaced[mention.key], mention)
        elif not any(mention.code in m.codes for m in placed):
            seen_unplaced[mention.key] = mention
    return placed + list(seen_unplaced.values())


def _annotation_spans(document: Document, annotation: Annotation) -> list[tuple[int, int]]:
    if annotation.start is not None and annotation.end is not None:
        return [(annotation.start, annotation.end)]
    spans: list[tuple[int, int]] = []
    for surface in (annotation.text, *annotation.aliases):
        if surface:
            spans.extend(word_occurrences(document.text, surface))
    return sorted(set(spans))


def _annotation_mention(
    annotation: Annotation, start: int | None, end: int | None, document: Document, lexicon: Lexicon
) -> Mention:
    concept = lexicon.get(annotation.curie)
    section = document.section_at(start) if start is not None else None
    return Mention(
        start=start,
        end=end,
        text=document.text[start:end] if start is not None else annotation.text,
        category=annotation.category,
        codes=annotation.curies,
        label=concept.label if concept else (annotation.label or annotation.text),
        extractors=(annotation.source,),
        section=section.title if section else None,
        flags=concept.flags if concept else frozenset(),
        source_type=annotation.type,
    )


def _merged(mention: Mention, annotation: Annotation) -> Mention:
    return replace(
        mention,
        codes=tuple(dict.fromkeys((*mention.codes, *annotation.curies))),
        extractors=tuple(dict.fromkeys((*mention.extractors, annotation.source))),
    )


def _merged_extractors(mention: Mention, other: Mention) -> Mention:
    return replace(mention, extractors=tuple(dict.fromkeys((*mention.extractors, *other.extractors))))


def _assign_sentences_and_context(
    text: str, sentences: tuple[Sentence, ...], mentions: list[Mention], folded: NormalizedText | None = None
) -> list[Mention]:
    """Give each mention its sentence and its ConText assertion.

    Trigger words inside any mention ("versus" in graft-versus-host disease, "donor" in
    donor lymphocyte infusion) are part of a name, not triggers, and are dropped. The
    document's normalized tokens are reused when the dictionary already made them.
    """
    rules = context_rules()
    located: dict[int, list[int]] = {}
    for i, mention in enumerate(mentions):
        sentence = sentence_at(sentences, mention.start) if mention.start is not None else None
        if sentence is not None:
            located.setdefault(sentence.index, []).append(i)
    result = list(mentions)
    for index, members in located.items():
        sentence = sentences[index]
        if folded is not None:
            base = 0  # document offsets throughout
            triggers, kept = rules.triggers_within(folded, sentence.start, sentence.end)
        else:
            base = sentence.start
            triggers, kept = rules.triggers(tokenize(sentence.text))
        spans = [(mentions[i].start - base, mentions[i].end - base) for i in members]
        triggers = [
            t for t in triggers
            if not any(kept[t.first].start < end and start < kept[t.last].end for start, end in spans)
        ]
        for i in members:
            mention = mentions[i]
            start, end = mention.start - base, mention.end - base  # type: ignore[operator]
            assertion: Assertion = assert_span(triggers, kept, start, end)
            result[i] = replace(
                mention,
                sentence=index,
                negated=assertion.negated,
                certainty=assertion.certainty,
                experiencer=assertion.experiencer,
            )
    return result


_DEFINITION_GAP = re.compile(r"^\s*\($")


def _share_status_with_abbreviation(text: str, mentions: list[Mention]) -> list[Mention]:
    """"minimal residual disease (MRD) ... was negative": a name and the abbreviation right
    after it are one entity, so a negation of either applies to both."""
    result = list(mentions)
    placed = sorted((i for i, m in enumerate(mentions) if m.start is not None), key=lambda i: mentions[i].start)
    for a, b in zip(placed, placed[1:]):
        first, second = result[a], result[b]
        if first.codes != second.codes or not _DEFINITION_GAP.match(text[first.end : second.start]):
            continue
        if first.negated != second.negated:
            source = first if first.negated else second
            result[a] = replace(first, negated=True, certainty=source.certainty)
            result[b] = replace(second, negated=True, certainty=source.certainty)
    return result


def _input_polarity(document: Document, mentions: list[Mention]) -> list[Mention]:
    """An annotation the input marks negated (brat ``Polarity NEG``) stays negated."""
    negated = {(a.start, a.end) for a in document.annotations if a.negated and a.start is not None}
    if not negated:
        return mentions
    return [
        replace(m, negated=True, certainty="negated") if (m.start, m.end) in negated else m for m in mentions
    ]


_ABSENT_IS = "absent_is:"


def _absence_meaning(mention: Mention, lexicon: Lexicon) -> Mention:
    """A concept whose absence is itself a finding: "no detectable minimal residual disease"
    is MRD negativity. The lexicon says so with the flag ``absent_is:<CURIE>``."""
    if not mention.negated:
        return mention
    target = next((f[len(_ABSENT_IS) :] for f in mention.flags if f.startswith(_ABSENT_IS)), None)
    concept = lexicon.get(target) if target else None
    if concept is None:
        return mention
    return replace(
        mention,
        codes=(concept.curie,),
        category=concept.category,
        label=concept.label,
        negated=False,
        certainty="affirmed",
        flags=concept.flags,
    )
