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

from kg.extract.abbreviations import find_abbreviations
from kg.extract.genes import gene_like_name, human_prefixed, modifies_another_gene
from kg.extract.species import genus_of_binomial, modifies_organism
from kg.extract.tokens import name_key
from kg.resources import rules_dir
from kg.vocab.index import Candidate, Hit, NameIndex

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
    ids: str  # CURIEs joined by "|" (more than one for a composite mention)


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


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<![\w-])" + re.escape(surface) + r"(?![\w])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


class Annotator:
    """A compiled annotator for one name index and a set of wanted categories."""

    def __init__(self, index: NameIndex, categories: Iterable[str] = ANNOTATION_CATEGORIES,
                 modifiers: dict[str, dict[str, float]] | None = None) -> None:
        self.index = index
        self.categories = frozenset(categories)
        self.modifiers = modifiers or {}
        #: id of an index candidate tuple -> its candidates of the wanted categories (the
        #: index keeps every tuple alive, so ids are stable)
        self._wanted: dict[int, list[Candidate]] = {}

    def _wanted_candidates(self, candidates: tuple[Candidate, ...]) -> list[Candidate]:
        wanted = self._wanted.get(id(candidates))
        if wanted is None:
            wanted = self._wanted[id(candidates)] = [c for c in candidates if c.category in self.categories]
        return wanted

    def __call__(self, text: str) -> list[Annotated]:
        hits = self.index.hits(text=text)
        if "Gene" in self.categories and "h" in text:
            hits += human_prefixed(text, self.index)
        hits = self._abbreviations(text, hits)
        hits = [h for h in hits if self._wanted_candidates(h.candidates)]
        chosen = [(hit, self._choose(text, hit)) for hit in hits]
        kept = _longest([(h, c) for h, c in chosen if c is not None])
        if "Species" in self.categories:
            kept = _whole_organism_names(text, kept)
        if "Gene" in self.categories:
            kept = [(h, c) for h, c in kept if c.category != "Gene" or not modifies_another_gene(text, h.end)]
        kept = self._composites(text, kept)
        kept = self._extend_with_modifiers(text, kept)
        return [Annotated(h.start, h.end, text[h.start : h.end], c.category, c.ids) for h, c in kept]

    def _abbreviations(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Short forms take their long form's meaning (whatever its category: a short form
        defined as a disease is not a gene even when only genes are wanted)."""
        result = list(hits)
        for abbreviation in find_abbreviations(text):
            spans = set(_occurrences(text, abbreviation.short))
            inside = [h for h in hits if h.end == abbreviation.long_end and h.start >= abbreviation.long_start]
            if inside:
                best = max(inside, key=lambda h: h.length)
                result = [h for h in result if (h.start, h.end) not in spans]
                result.extend(Hit(s, e, best.key, best.candidates, True) for s, e in spans)
            else:
                # defined as something the vocabulary does not name: the short form keeps its
                # vocabulary meaning only where training showed that meaning is the usual one
                kept = {(h.start, h.end) for h in result if (h.start, h.end) in spans
                        and _keeps_meaning(h, abbreviation.long)}
                # nor do the gene symbols inside it: "IP" of "IP-10" is not IP
                result = [h for h in result if (h.start, h.end) in kept or not any(
                    s <= h.start and h.end <= e and ((s, e) == (h.start, h.end) or _names_gene(h))
                    for s, e in spans - kept)]
        return result

    def _choose(self, text: str, hit: Hit) -> Candidate | None:
        candidates = self._wanted_candidates(hit.candidates)
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
            while words:
                match = _MODIFIER_BEFORE.search(text, max(previous_end, start - 40), start)
                if not match or match.group(1).lower() not in words:
                    break
                start = match.start(1)
            if start != hit.start:
                hit = Hit(start, hit.end, hit.key, hit.candidates, hit.case_sensitive)
            result.append((hit, candidate))
            previous_end = hit.end
        return result

    def _composites(self, text: str, kept: list[tuple[Hit, Candidate]]) -> list[tuple[Hit, Candidate]]:
        """"breast and ovarian cancer": the left conjunct borrows the right one's head."""
        result = list(kept)
        for i, (hit, candidate) in enumerate(kept):
            words = text[hit.start : hit.end].split()
            if len(words) < 2:
                continue
            before = text[max(0, hit.start - 60) : hit.start]
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
        return result


def _whole_organism_names(text: str, kept: list[tuple[Hit, Candidate]]) -> list[tuple[Hit, Candidate]]:
    """Drop the genus of an unknown binomial and an organism that only modifies another's name
    (:mod:`kg.extract.species`)."""
    starts = {h.start for h, c in kept if c.category == "Species"}
    return [(h, c) for h, c in kept if c.category != "Species" or not (
        genus_of_binomial(text, h.start, h.end) or modifies_organism(text, h.start, h.end, starts))]


def _names_gene(hit: Hit) -> bool:
    return any(c.category == "Gene" for c in hit.candidates)


def _keeps_meaning(hit: Hit, long: str) -> bool:
    """A short form defined by a long form the vocabulary does not know keeps its meaning
    when training showed that meaning is the usual one, or when it is a gene symbol
    (matched with its case) defined by a gene-like name ("glyoxylate reductase (GRHPR)")."""
    if max(c.precision for c in hit.candidates) >= TRUSTED_SHORT_FORM:
        return True
    return hit.case_sensitive and _names_gene(hit) and gene_like_name(long)


_MODIFIER_BEFORE = re.compile(r"([A-Za-z][\w'-]*)[ \t]+$")
_WORD_AFTER = re.compile(r"^[\s-]*([A-Za-z]+)")
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
        if any(taken[hit.start : hit.end]):
            continue
        chosen.append((hit, candidate))
        taken[hit.start : hit.end] = b"\x01" * hit.length
    return sorted(chosen, key=lambda p: p[0].start)
