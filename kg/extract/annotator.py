"""Entity annotation with a compiled vocabulary: every disease, chemical, gene and species.

One document at a time: all name hits (:class:`kg.vocab.index.NameIndex`), then

1. abbreviations the document defines (Schwartz & Hearst 2003) give their short form the
   concept of their long form everywhere in the document; a short form defined as
   something the vocabulary does not know loses its vocabulary meaning (unless training
   showed that meaning is the usual one);
2. each span keeps one concept: the category with the best training precision, then
   the one its neighbouring words point to ("CLL1 gene", "ALL patients"), then the
   fixed category order (``ontologies/rules/category_cues.tsv`` holds the cues);
3. longest, leftmost non-overlapping spans win;
4. coordinated names with an elided head ("breast and ovarian cancer") become one
   composite mention naming both concepts (the NCBI Disease / BC5CDR convention).

The result is plain :class:`Annotated` records; writers and the graph take it from there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.abbreviations import Abbreviation, find_abbreviations
from kg.extract.chemical_names import refine_chemical_hits
from kg.extract.genes import (
    chromosome_band,
    gene_like_name,
    gene_series,
    human_prefixed,
    modifies_another_gene,
    other_organism_gene,
)
from kg.extract.species import (
    abbreviated_binomials,
    abbreviated_epithets,
    binomials_by_genus,
    genus_of_binomial,
    modifies_organism,
)
from kg.extract.surface import NEGATED_MODIFIER, is_short_form, modifier_before
from kg.extract.tokens import name_key, word_occurrences
from kg.resources import rules_dir
from kg.vocab.index import Candidate, Hit, NameIndex
from kg.vocab.variants import GENERIC_DISEASE_HEADS, organ_nouns

__all__ = ["Annotated", "Annotator", "ANNOTATION_CATEGORIES"]

ANNOTATION_CATEGORIES = ("Disease", "Chemical", "Gene", "Species")
_ORDER = {"Disease": 0, "Chemical": 1, "Gene": 2, "Species": 3}
#: a short form defined with an unknown long form keeps a vocabulary meaning whose training
#: precision is at least this
TRUSTED_SHORT_FORM = 0.5


@dataclass(frozen=True)
class Annotated:
    start: int
    end: int
    text: str
    category: str
    #: CURIEs joined by "|" (more than one for a composite mention); empty for a gene the text
    #: gives another organism ("rat isovaleryl-CoA dehydrogenase", "yeast YPT1"): a gene
    #: mention, but not of the human gene a human gene vocabulary would name
    ids: str


@lru_cache(maxsize=1)
def category_cues() -> dict[str, dict[str, str]]:
    """Words that, next to an ambiguous name, say which category it is (data file)."""
    cues: dict[str, dict[str, str]] = {"before": {}, "after": {}}
    for line in (rules_dir() / "category_cues.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("word\t"):
            continue
        word, side, category = line.split("\t")[:3]
        cues[side][word.lower()] = category
    return cues


def _number_forms(short: str) -> tuple[str, ...]:
    """A short form and its plural or singular: "prostaglandins (PGs)" also defines "PG",
    "tricyclic antidepressant (TCA)" also "TCAs".

    >>> _number_forms("PGs"), _number_forms("TCA"), _number_forms("Ca")
    (('PGs', 'PG'), ('TCA', 'TCAs'), ('Ca',))
    """
    if short.endswith("s") and len(short) >= 3 and short[:-1].isupper():
        return short, short[:-1]
    if len(short) >= 2 and short.isupper():
        return short, short + "s"
    return (short,)


class Annotator:
    """A compiled annotator for one name index and a set of wanted categories."""

    def __init__(self, index: NameIndex, categories: Iterable[str] = ANNOTATION_CATEGORIES,
                 modifiers: dict[str, dict[str, float]] | None = None,
                 short_forms: dict[str, dict[str, list[int]]] | None = None) -> None:
        self.index = index
        self.categories = frozenset(categories)
        self.modifiers = modifiers or {}
        #: short form -> category -> [annotated, unannotated] occurrences in training documents
        #: that do not define it; None when the vocabulary was built without training
        self.short_forms = short_forms
        #: id of a candidate tuple -> (the tuple, its candidates of the wanted categories, whether
        #: one is a chemical). The tuple is kept: an id is only unique while its object lives, and
        #: tuples made per document (``human_prefixed``) die; a later tuple at the same address
        #: must not inherit their answers
        self._decisions: dict[int, tuple[tuple[Candidate, ...], list[Candidate], bool]] = {}

    def _decision(self, candidates: tuple[Candidate, ...]) -> tuple[tuple[Candidate, ...], list[Candidate], bool]:
        decision = self._decisions.get(id(candidates))
        if decision is None or decision[0] is not candidates:
            decision = self._decisions[id(candidates)] = (
                candidates, [c for c in candidates if c.category in self.categories],
                any(c.category == "Chemical" for c in candidates))
        return decision

    def _wanted_candidates(self, candidates: tuple[Candidate, ...]) -> list[Candidate]:
        return self._decision(candidates)[1]

    def __call__(self, text: str) -> list[Annotated]:
        hits = self.index.hits(text=text)
        if "Gene" in self.categories and "h" in text:
            hits += human_prefixed(text, self.index)
        if "Chemical" in self.categories:
            hits = refine_chemical_hits(text, hits, self._lookup, self._names_chemical)
        abbreviations = find_abbreviations(text)
        # short forms see long forms of every category (a short form defined as a disease is
        # not a gene even when only genes are wanted); then only the wanted categories stay
        hits, genes = self._abbreviations(text, hits, abbreviations)
        decision = self._decision
        chosen = [(hit, self._choose(text, hit, wanted, (hit.start, hit.end) in genes)) for hit in hits
                  if (wanted := decision(hit.candidates)[1])]
        kept = _longest([(h, c) for h, c in chosen if c is not None])
        if "Disease" in self.categories:
            kept = self._gapped_names(text, kept)
            kept = _tumor_suppressor_names(text, kept)
        if self.short_forms is not None:
            kept = _supported_short_forms(text, kept, {a.short for a in abbreviations}, self.short_forms)
        if "Species" in self.categories and any(c.category == "Species" for _, c in kept):
            kept = _whole_organism_names(text, kept)  # these three only judge organism names
            kept = _abbreviated_binomials(text, kept)
            kept = _genus_for_species(text, kept)
        if "Gene" in self.categories:
            kept = [(h, c) for h, c in kept if c.category != "Gene" or not (
                modifies_another_gene(text, h.end) or chromosome_band(text, h.start, h.end)
                or _disease_acronym(text, h) or _glued_fragment(text, h))]
            if any(map(_names_gene, hits)):
                kept = self._gene_series(text, kept)  # no gene name at all: no series to look for
        kept = self._composites(text, kept)
        kept = _with_generic_head(text, kept)
        kept = self._with_organ_complement(text, kept)
        kept = self._extend_with_modifiers(text, kept)
        return [Annotated(h.start, h.end, text[h.start : h.end], c.category,
                          "" if c.category == "Gene" and other_organism_gene(text, h.start) else c.ids)
                for h, c in kept]

    def _abbreviations(self, text: str, hits: list[Hit],
                       abbreviations: list[Abbreviation]) -> tuple[list[Hit], set[tuple[int, int]]]:
        """Short forms take their long form's meaning (whatever its category); also returns the
        spans of short forms the document defines as genes (they may only be genes)."""
        result = list(hits)
        genes: set[tuple[int, int]] = set()
        for abbreviation in abbreviations:
            spans = {span for short in _number_forms(abbreviation.short) for span in word_occurrences(text, short)}
            inside = [h for h in hits if h.end == abbreviation.long_end and h.start >= abbreviation.long_start
                      and not _complement(text[abbreviation.long_start : h.start], h)
                      and not _gene_tail(text, h, abbreviation)]
            if inside:
                best = max(inside, key=lambda h: h.length)
                result = [h for h in result if (h.start, h.end) not in spans]
                result.extend(Hit(s, e, best.key, best.candidates, True) for s, e in spans)
            elif _gene_long_form(abbreviation.long):
                # "von Hippel-Lindau tumor suppressor gene (VHL)": the short form is the gene
                genes |= spans
                result = [h for h in result if (h.start, h.end) not in spans
                          or any(c.category == "Gene" and c.precision >= TRUSTED_SHORT_FORM for c in h.candidates)]
            else:
                # defined as something the vocabulary does not name: the short form keeps its
                # vocabulary meaning only where training showed that meaning is the usual one
                named = {c.category for h in hits if abbreviation.long_start <= h.start and h.end <= abbreviation.long_end
                         for c in h.candidates}
                kept = {(h.start, h.end) for h in result if (h.start, h.end) in spans
                        and _keeps_meaning(h, abbreviation.long, text[h.start : h.end], named)}
                # nor do the gene symbols inside it: "IP" of "IP-10" is not IP
                result = [h for h in result if (h.start, h.end) in kept or not any(
                    s <= h.start and h.end <= e and ((s, e) == (h.start, h.end) or _names_gene(h))
                    for s, e in spans - kept)]
        return result, genes

    def _gene_series(self, text: str, kept: list[tuple[Hit, Candidate]]) -> list[tuple[Hit, Candidate]]:
        """Family members written as one mention ("CDKN2A/B", "MMP-2, and -9", "NPHP1-9") become
        one composite mention of all their genes (:func:`kg.extract.genes.gene_series`)."""
        series: list[tuple[int, int, list[str]]] = []
        for start, end, ids in sorted(gene_series(text, self._gene_ids), key=lambda s: (s[0], -s[1])):
            if not any(s < end and start < e for s, e, _ in series):
                series.append((start, end, ids))
        if not series:
            return kept
        result = [(h, c) for h, c in kept if not any(s < h.end and h.start < e for s, e, _ in series)]
        result += [(Hit(s, e, name_key(text[s:e], False), (), True), Candidate("Gene", "|".join(ids), 1.0))
                   for s, e, ids in series]
        return sorted(result, key=lambda p: p[0].start)

    def _gene_ids(self, name: str) -> str | None:
        """The gene a name of a series denotes (one id), or None; a series says its members are
        genes, so "freac-1" may be the symbol FREAC-1 written in lower case."""
        for form in (name, name.upper()):
            gene = next((c for c in self._lookup(form) if c.category == "Gene"), None)
            if gene is not None and "|" not in gene.ids:
                return gene.ids
        return None

    def _names_chemical(self, hit: Hit) -> bool:
        """Whether a hit may be a chemical (cached per candidate tuple, like the wanted ones)."""
        candidates = hit.candidates
        decision = self._decisions.get(id(candidates))  # inlined: called for every hit, thrice
        if decision is None or decision[0] is not candidates:
            decision = self._decision(candidates)
        return decision[2]

    def _lookup(self, surface: str) -> tuple[Candidate, ...]:
        """The index's candidates for a surface form (exact key first, then case-folded)."""
        return self.index.lookup(name_key(surface, fold_case=True), name_key(surface, fold_case=False))

    def _choose(self, text: str, hit: Hit, candidates: list[Candidate], gene_only: bool = False) -> Candidate | None:
        """One of ``candidates`` (the hit's candidates of the wanted categories)."""
        if gene_only:
            candidates = [c for c in candidates if c.category == "Gene"]
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        cue = _cue(text, hit)
        return max(candidates, key=lambda c: (c.category == cue, c.precision, -_ORDER.get(c.category, 9)))

    def _extend_with_modifiers(self, text: str, kept: list[tuple[Hit, Candidate]]) -> list[tuple[Hit, Candidate]]:
        """Take in the words a training corpus counts as part of the name ("renal hamartomas")."""
        if not self.modifiers:
            return kept
        result = []
        previous_end = 0
        for hit, candidate in kept:
            words = self.modifiers.get(candidate.category)
            start = hit.start
            if (words and NEGATED_MODIFIER in words and text[start : start + 1].islower()
                    and _NON_GLUED.search(text, max(0, start - 5), start)):
                start -= 4  # "non-[papillary renal cell carcinoma]": the prefix glued to the name
            while words:
                found = modifier_before(text, start, max(previous_end, start - 40))
                if not found or found[0] not in words:
                    break
                start = found[1]
            if start != hit.start:
                hit = Hit(start, hit.end, hit.key, hit.candidates, hit.case_sensitive)
            result.append((hit, candidate))
            previous_end = hit.end
        return result

    def _gapped_names(self, text: str, kept: list[tuple[Hit, Candidate]]) -> list[tuple[Hit, Candidate]]:
        """"inherited human disorder", "autosomal dominant multisystem disorder": a name ending in a
        generic head ("inherited disorder") with one more modifier written inside it. Only where no
        other name lies (a named head, "bleeding disorder", keeps its own concept)."""
        added = []
        for head in _GENERIC_HEAD_WORD.finditer(text):
            if any(h.start < head.end() and head.start() < h.end for h, _ in kept):
                continue
            words = list(_WORD.finditer(text, max(0, head.start() - 80), head.start()))[-4:]
            found = self._gapped_name(text, words, head)
            if found:
                added.append(found)
        return sorted([*kept, *added], key=lambda p: p[0].start) if added else kept

    def _gapped_name(self, text: str, words: list[re.Match[str]], head: re.Match[str]) -> tuple[Hit, Candidate] | None:
        """The longest name of ``words`` + ``head`` with one inner word left out or the head
        written as another generic head, if any."""
        # the words run right up to the head with only spaces between them
        end, run = head.start(), []
        for word in reversed(words):
            if not _SPACES.fullmatch(text, word.end(), end):
                break
            run.insert(0, word)
            end = word.start()
        words = run
        heads = [head.group(0), *_HEAD_SYNONYMS.get(head.group(0).lower(), ())]
        for first in range(len(words)):
            for gap in [None, *range(first + 1, len(words))]:
                dropped = words[gap].group(0) if gap is not None else ""
                if gap is not None and (not dropped.isalpha() or not dropped.islower() or dropped in _FUNCTION_WORDS):
                    continue
                kept_words = [w.group(0) for k, w in enumerate(words[first:], first) if k != gap]
                if any(w.lower() in _FUNCTION_WORDS for w in kept_words) or (gap is None and len(kept_words) < 2):
                    continue
                # the words as written need another head ("autosomal dominant disease" is
                # named "... disorder"; not one word: "ocular conditions" are no eye disease);
                # with a word left out, any head
                for name_head in heads[1:] if gap is None else heads:
                    name = f"{' '.join(kept_words)} {name_head}"
                    options = self.index.lookup(name_key(name, fold_case=True), name_key(name, fold_case=False))
                    candidate = next((o for o in options if o.category == "Disease"), None)
                    if candidate is not None:
                        key = name_key(name, fold_case=True)
                        return Hit(words[first].start(), head.end(), key, options, False), candidate
        return None

    def _with_organ_complement(self, text: str, kept: list[tuple[Hit, Candidate]]) -> list[tuple[Hit, Candidate]]:
        """"disorders of the central nervous system", "carcinoma of the bladder": a generic disease
        head followed by "of (the)" and an organ takes the complement into the mention, and the
        concept of the organ's own name ("bladder carcinoma") when the vocabulary has one."""
        result = []
        for index, (hit, candidate) in enumerate(kept):
            words = text[hit.start : hit.end].split()
            complement = None
            if (candidate.category == "Disease" and "|" not in candidate.ids and words[-1].lower() in GENERIC_DISEASE_HEADS
                    and (len(words) == 1 or not any(w[:1].isupper() for w in words))):  # no eponym: "Wilms tumor"
                complement = _organ_complement().match(text, hit.end)
            following = kept[index + 1][0].start if index + 1 < len(kept) else len(text)
            if complement and complement.end() <= following:
                organ = " ".join(complement.group(1).split())
                for j in range(len(words)):  # the longest name first: "eye abnormalities"
                    name = f"{organ} {' '.join(words[j:])}"
                    options = self.index.lookup(name_key(name, fold_case=True), name_key(name, fold_case=False))
                    found = next((o for o in options if o.category == "Disease"), None)
                    if found:
                        candidate = Candidate(candidate.category, found.ids, candidate.precision)
                        break
                hit = Hit(hit.start, complement.end(), hit.key, hit.candidates, hit.case_sensitive)
            result.append((hit, candidate))
        return result

    def _composites(self, text: str, kept: list[tuple[Hit, Candidate]]) -> list[tuple[Hit, Candidate]]:
        """"breast and ovarian cancer": the left conjunct borrows the right one's head."""
        result = list(kept)
        for i, (hit, candidate) in enumerate(kept):
            words = text[hit.start : hit.end].split()
            if len(words) < 2:
                continue
            before = text[max(0, hit.start - 60) : hit.start]
            if not before[-1:].isspace() or not before.rstrip().endswith(_CONJUNCTION_ENDS):
                continue  # what the pattern below needs at its end: a conjunction and a space
            conj = re.search(r"(?:^|[\s(])([\w-]+(?:,\s*[\w-]+)*),?\s+(?:and|or|and/or|&)\s+$", before)
            if not conj:
                continue
            left_start = hit.start - len(before) + conj.start(1)
            if any(h.start < hit.start and left_start < h.end for h, _ in kept if h is not hit):
                continue
            conjuncts = [c.strip() for c in conj.group(1).split(",") if c.strip()]
            ids = []
            for conjunct in conjuncts:
                found = None
                for j in range(1, len(words)):
                    name = f"{conjunct} {' '.join(words[j:])}"
                    options = self.index.lookup(name_key(name, fold_case=True), name_key(name, fold_case=False))
                    found = next((o for o in options if o.category == candidate.category), None)
                    if found:
                        break
                if found is None:
                    break
                ids.append(found.ids)
            if not ids or len(ids) != len(conjuncts):
                continue
            merged = "|".join(dict.fromkeys([*ids, candidate.ids]))
            result[i] = (Hit(left_start, hit.end, hit.key, hit.candidates, hit.case_sensitive),
                         Candidate(candidate.category, merged, candidate.precision))
        return self._right_composites(text, result)

    def _right_composites(self, text: str, kept: list[tuple[Hit, Candidate]]) -> list[tuple[Hit, Candidate]]:
        """"cleft lip and palate", "ventricular tachycardia and fibrillation": the right conjunct
        borrows the left one's modifiers; the composite names both concepts (diseases only: the
        corpora annotate "cyclin D1 and D2" as two genes). A right conjunct that is a name by
        itself ("cardiac disease or arrhythmia") stands alone."""
        result = []
        skip_until = -1
        for i, (hit, candidate) in enumerate(kept):
            if hit.start < skip_until:
                continue
            words = text[hit.start : hit.end].split()
            after = _RIGHT_CONJUNCT.match(text, hit.end) if len(words) >= 2 and candidate.category == "Disease" else None
            following = kept[i + 1] if i + 1 < len(kept) else None
            if after and (following is None or following[0].start >= after.end(1)):
                name = " ".join([*words[:-1], after.group(1)])
                options = self.index.lookup(name_key(name, fold_case=True), name_key(name, fold_case=False))
                found = next((o for o in options if o.category == candidate.category and o.ids != candidate.ids), None)
                if found:
                    merged = "|".join(dict.fromkeys([candidate.ids, found.ids]))
                    hit = Hit(hit.start, after.end(1), hit.key, hit.candidates, hit.case_sensitive)
                    candidate = Candidate(candidate.category, merged, candidate.precision)
                    skip_until = after.end(1)
            result.append((hit, candidate))
        return result


_CONJUNCTION_ENDS = ("and", "or", "&")
_NON_GLUED = re.compile(r"(?:^|[^\w-])[Nn]on-$")
_GENERIC_HEAD_WORD = re.compile(r"\b(?:diseases?|disorders?|conditions?)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][\w-]*")
#: generic heads that name the same thing ("recessively inherited condition" = "... disorder")
_HEAD_SYNONYMS = {
    "disease": ("disorder", "condition"), "disorder": ("disease", "condition"), "condition": ("disorder", "disease"),
    "diseases": ("disorders", "conditions"), "disorders": ("diseases", "conditions"),
    "conditions": ("disorders", "diseases"),
}
_SPACES = re.compile(r"[ \t]+")
_FUNCTION_WORDS = frozenset("a an the and or of in on at to for with by from as is are was were be been this that these "
                            "those its their his her our other such no not".split())


@lru_cache(maxsize=1)
def _organ_complement() -> re.Pattern[str]:
    """" of the (up to two words) <organ>": the complement naming where a disease is."""
    organs = "|".join(re.escape(n).replace("\\ ", r"[ \t]+") for n in sorted(organ_nouns(), key=len, reverse=True))
    return re.compile(rf"[ \t]+of[ \t]+(?:the[ \t]+)?((?:[A-Za-z][\w-]*[ \t]+){{0,2}}?(?:{organs})s?)\b(?![-])",
                      re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$")
_GENERIC_HEAD = re.compile(r"[ \t]+(?:syndrome|disease)\b(?![-\w])", re.IGNORECASE)
#: a type designation after a name: "episodic ataxia type 2", "SJS type 1A"
_TYPE_AFTER = re.compile(r"[ \t]+types?[ \t]+(?:[IVX]+|\d+)[A-Da-d]?\b(?![-\w])")


_TUMOR = re.compile(r"^tumou?rs?$", re.IGNORECASE)
_SUPPRESSOR_AFTER = re.compile(r"[\s-]+suppress", re.IGNORECASE)


def _tumor_suppressor_names(text: str, kept: list[tuple[Hit, Candidate]]) -> list[tuple[Hit, Candidate]]:
    """"von Hippel-Lindau tumor suppressor", "APC tumor suppressor gene": the gene is named after
    the disease, and the disease's name takes in "tumor" (one mention, the disease's concept)
    instead of a second, generic neoplasm."""
    result: list[tuple[Hit, Candidate]] = []
    for hit, candidate in kept:
        if (result and candidate.category == "Disease" and _TUMOR.match(text[hit.start : hit.end])
                and result[-1][1].category == "Disease" and not text[result[-1][0].end : hit.start].strip()
                and _SUPPRESSOR_AFTER.match(text, hit.end)):
            before, named = result.pop()
            hit, candidate = Hit(before.start, hit.end, before.key, before.candidates, before.case_sensitive), named
        result.append((hit, candidate))
    return result


def _with_generic_head(text: str, kept: list[tuple[Hit, Candidate]]) -> list[tuple[Hit, Candidate]]:
    """A disease acronym followed by "syndrome" or "disease" ("HPT-JT syndrome", "VHL disease")
    is one name with that head, and a type designation after a disease name is part of it
    ("episodic ataxia type 2", as "type I von Willebrand disease" is before it)."""
    result = []
    for index, (hit, candidate) in enumerate(kept):
        following = kept[index + 1][0].start if index + 1 < len(kept) else len(text)
        if candidate.category == "Disease":
            head = _GENERIC_HEAD.match(text, hit.end)
            if head and head.end() <= following and _ACRONYM.match(text[hit.start : hit.end]) and hit.length >= 2:
                hit = Hit(hit.start, head.end(), hit.key, hit.candidates, hit.case_sensitive)
            designation = _TYPE_AFTER.match(text, hit.end)
            if designation and designation.end() <= following:
                hit = Hit(hit.start, designation.end(), hit.key, hit.candidates, hit.case_sensitive)
        result.append((hit, candidate))
    return result
_RIGHT_CONJUNCT = re.compile(r"[ \t]+(?:and|or|and/or|&)[ \t]+([A-Za-z][\w-]*)\b(?![ \t]*[\w-]*[ \t]*\()")


#: categories whose undefined short forms must be backed by training ("TD" is tardive
#: dyskinesia in one abstract and "twice daily" in the next)
SHORT_FORM_CATEGORIES = frozenset({"Disease"})
#: ... by at least this share of annotated occurrences
TRUSTED_BARE_SHORT_FORM = 0.5


_PREPOSITION = re.compile(r"\b(?:in|of|for|with|to|by|from|on|against)\b", re.IGNORECASE)


def _complement(head: str, hit: Hit) -> bool:
    """The words of a long form before a name hold a preposition: the name is (part of) a
    complement, not what the short form stands for ("deleted in colorectal cancer (DCC)" is a
    gene, and so is its "cancer"). Gene names hold prepositions of their own ("inhibitor of
    apoptosis ..."), so genes are exempt."""
    return bool(_PREPOSITION.search(head)) and not any(c.category == "Gene" for c in hit.candidates)


def _gene_tail(text: str, hit: Hit, abbreviation: Abbreviation) -> bool:
    """A gene name that is only the tail of a long form whose short form does not start with
    it: "Ah receptor nuclear translocator protein (Arnt)" is not the "translocator protein"."""
    if hit.start <= abbreviation.long_start or not all(c.category == "Gene" for c in hit.candidates):
        return False
    short = abbreviation.short[1:] if re.match(r"h[A-Z]", abbreviation.short) else abbreviation.short  # "hFSH-R"
    initial = short[:1].lower()
    return initial != text[hit.start : hit.start + 1].lower() and initial == abbreviation.long[:1].lower()


def _gene_long_form(long_form: str) -> bool:
    """A long form whose last word says it is a gene ("tumor suppressor gene", "kinase")."""
    words = long_form.lower().split()
    return bool(words) and category_cues()["after"].get(words[-1]) == "Gene"


def _supported_short_forms(text: str, kept: list[tuple[Hit, Candidate]], defined: set[str],
                           statistics: dict[str, dict[str, list[int]]]) -> list[tuple[Hit, Candidate]]:
    """Drop disease short forms the document neither defines nor backs with the concept's full
    name, unless training showed that short form annotated on its own most of the time.

    Undefined acronyms are the most ambiguous names there are (Liu et al. 2002 found a third of
    the abbreviations in MEDLINE to have several senses); a disease acronym is trusted when the
    document says what it means, names the disease in full too, or training backs it."""
    named = {ids for hit, c in kept if not is_short_form(text[hit.start : hit.end]) for ids in c.ids.split("|")}
    result = []
    for hit, candidate in kept:
        surface = text[hit.start : hit.end]
        if (candidate.category in SHORT_FORM_CATEGORIES and is_short_form(surface) and surface not in defined
                and not named.intersection(candidate.ids.split("|"))):
            good, bad = statistics.get(surface, {}).get(candidate.category, (0, 0))
            if good == 0 or good / (good + bad) < TRUSTED_BARE_SHORT_FORM:
                continue
        result.append((hit, candidate))
    return result


def _whole_organism_names(text: str, kept: list[tuple[Hit, Candidate]]) -> list[tuple[Hit, Candidate]]:
    """Drop the genus of an unknown binomial and an organism that only modifies another's name
    (:mod:`kg.extract.species`)."""
    starts = {h.start for h, c in kept if c.category == "Species"}
    epithets = abbreviated_epithets(text)
    return [(h, c) for h, c in kept if c.category != "Species" or not (
        genus_of_binomial(text, h.start, h.end, epithets) or modifies_organism(text, h.start, h.end, starts))]


def _abbreviated_binomials(text: str, kept: list[tuple[Hit, Candidate]]) -> list[tuple[Hit, Candidate]]:
    """A binomial with its genus abbreviated ("P. brasiliensis") names what the document's own
    full binomial names, not whichever species of another genus the vocabulary gives that
    initial. When only the abbreviated form is known (a training corpus annotated "S. meliloti"
    and not "Sinorhizobium meliloti"), the full binomial takes its concept instead."""
    pairs = abbreviated_binomials(text)
    if not pairs:
        return kept
    species = {(h.start, h.end): (h, c) for h, c in kept if c.category == "Species"}
    result = list(kept)
    for (start, end), (full_start, full_end) in pairs.items():
        named = next(((h, c) for (s, e), (h, c) in species.items() if s == full_start and e >= full_end), None)
        if named is None:
            named, (start, end) = species.get((start, end)), (full_start, full_end)
            if named is None:
                continue
        others = [(h, c) for h, c in result if c.category != "Species" or h.end <= start or end <= h.start]
        if len(others) < len(result) - 1 or any(h.start < end and start < h.end for h, _ in others):
            continue  # a longer name or one of another category holds the span
        hit, candidate = named
        result = [*others, (Hit(start, end, hit.key, hit.candidates, hit.case_sensitive), candidate)]
    return sorted(result, key=lambda p: p[0].start)


#: what a genus looks like (the genus of :func:`~kg.extract.species.binomials_by_genus`)
_GENUS = re.compile(r"[A-Z][a-z]{2,}")


def _genus_for_species(text: str, kept: list[tuple[Hit, Candidate]]) -> list[tuple[Hit, Candidate]]:
    """A bare genus ("Quercus") in a document that names species of it ("Quercus robur") stands
    for the species (SPECIES-800 and LINNAEUS annotate species, not the genus beside them): it
    takes the species' concept when the document names one known species of the genus, and
    is dropped when the species are unknown or several."""
    species = {(h.start, h.end): c for h, c in kept if c.category == "Species"}
    if not any(_GENUS.fullmatch(text, start, end) for start, end in species):
        return kept  # no bare genus among the names: nothing to judge
    by_genus = binomials_by_genus(text, frozenset(species))
    if not by_genus:
        return kept
    result = []
    for hit, candidate in kept:
        spans = by_genus.get(text[hit.start : hit.end]) if candidate.category == "Species" else None
        if spans and all(start != hit.start for start, _ in spans):
            named = {species[span].ids: species[span] for span in spans if span in species}
            if len(named) != 1 or len(named) < len(set(spans)) and any(span not in species for span in spans):
                continue
            candidate = next(iter(named.values()))
        result.append((hit, candidate))
    return result


def _disease_acronym(text: str, hit: Hit) -> bool:
    """Whether a gene symbol of capital letters only is followed by a word that says it names a
    disease or procedure ("FH patients", "ARO patients", "IVF cases"). Gene loci that name
    patients carry a number ("NF1 patients", "RP10 families")."""
    surface = text[hit.start : hit.end]
    if not (surface.isalpha() and surface.isupper()):
        return False
    after = _WORD_AFTER.match(text[hit.end : hit.end + 20])
    return bool(after) and category_cues()["after"].get(after.group(1).lower()) == "Disease"


def _glued_fragment(text: str, hit: Hit) -> bool:
    """Whether a symbol of two letters is glued by a hyphen to a capital that follows ("NF" of
    "NF-AT", "NF-IL-2"): the piece of a longer name the vocabulary does not know, not the gene
    "NF". A letter and a digit stay a name ("C3-LW region")."""
    return (hit.end - hit.start == 2 and _GLUED_CAPITAL.match(text, hit.end) is not None
            and text[hit.start : hit.end].isalpha())


def _names_gene(hit: Hit) -> bool:
    return any(c.category == "Gene" for c in hit.candidates)


def _keeps_meaning(hit: Hit, long: str, surface: str, named: set[str] = frozenset()) -> bool:
    """A short form defined by a long form the vocabulary does not know keeps its meaning
    when training showed that meaning is the usual one, or when it is a gene symbol
    (matched with its case, or with digits and capitals: "MSR1", "eIF-5") defined by a gene-like name
    ("glyoxylate reductase (GRHPR)") or by a name ending in the symbol's number ("breast
    cancer antiestrogen resistance 1 (BCAR1)", "FMO form 3 (FMO3)": a numbered member).
    A disease meaning also needs some disease name inside the long form (``named``: the
    categories named there): "heteroduplex (HD)" is no Huntington disease, "extrapyramidal
    side effects (EPS)" no disease at all."""
    trusted = {c.category for c in hit.candidates if c.precision >= TRUSTED_SHORT_FORM}
    if trusted - (SHORT_FORM_CATEGORIES - named):
        return True
    if not _names_gene(hit) or not (hit.case_sensitive or _SYMBOL_WITH_NUMBER.search(surface)):
        return False
    return gene_like_name(long) or _same_number(long, surface)


_SYMBOL_WITH_NUMBER = re.compile(r"^(?=.*[A-Z])[A-Za-z][A-Za-z0-9-]*?(\d{1,2})$")
#: the number ending a long form, not a type, class or stage ("primary hyperoxaluria type 2 (PH2)")
_LAST_NUMBER = re.compile(r"(?<!type )(?<!types )(?<!class )(?<!grade )(?<!stage )(?<!group )(?<!phase )(\d{1,2})\W*$",
                          re.IGNORECASE)


def _same_number(long: str, surface: str) -> bool:
    """Whether a long form ends in the number its symbol ends in ("... resistance 1", "BCAR1")."""
    symbol, number = _SYMBOL_WITH_NUMBER.search(surface), _LAST_NUMBER.search(long)
    return bool(symbol and number) and symbol.group(1) == number.group(1)


_WORD_AFTER = re.compile(r"^[\s-]*([A-Za-z]+)")
_GLUED_CAPITAL = re.compile(r"-[A-Z]")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s-]*$")


def _cue(text: str, hit: Hit) -> str | None:
    cues = category_cues()
    after = _WORD_AFTER.match(text[hit.end : hit.end + 30])
    if after and after.group(1).lower() in cues["after"]:
        return cues["after"][after.group(1).lower()]
    before = _WORD_BEFORE.search(text[max(0, hit.start - 30) : hit.start])
    if before and before.group(1).lower() in cues["before"]:
        return cues["before"][before.group(1).lower()]
    return None


def _longest(pairs: list[tuple[Hit, Candidate]]) -> list[tuple[Hit, Candidate]]:
    """Longest, then leftmost, non-overlapping hits (case-sensitive first on equal spans)."""
    chosen: list[tuple[Hit, Candidate]] = []
    end = max((p[0].end for p in pairs), default=0)
    taken = bytearray(end)
    for hit, candidate in sorted(pairs, key=lambda p: (-p[0].length, p[0].start, not p[0].case_sensitive)):
        if taken.find(1, hit.start, hit.end) >= 0:
            continue
        chosen.append((hit, candidate))
        taken[hit.start : hit.end] = b"\x01" * hit.length
    return sorted(chosen, key=lambda p: p[0].start)
