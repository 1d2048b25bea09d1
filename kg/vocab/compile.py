"""Compile user-supplied vocabulary files (and optionally a training corpus) into a cache.

The cache is a directory: ``index.pickle`` (the name index), ``labels.pickle`` (concept labels), ``mappings.tsv`` and
``manifest.json`` (format version, sources with size and SHA-256, counts). Steps:

1. read every file (kind judged from content, :mod:`kg.vocab.sources`);
2. merge equivalent concepts: a MONDO term with an exact MeSH equivalent (SSSOM
   ``skos:exactMatch``, else a single MeSH xref) lends its names to the MeSH concept and
   is recorded as its xref with the mapping's justification;
3. expand every name into its variants (:mod:`kg.vocab.variants`) and its dictionary key;
   each key keeps, per category, the concept with the best score (label > synonym;
   names a training corpus annotated count most, by how often they were annotated);
4. with ``--from-annotations``: the training texts are scanned with the tables, and a
   name that the gold leaves unannotated most of the times it occurs is dropped for that
   category (the ambiguity statistics of dictionary NER, as in Tsuruoka & Tsujii 2008 and
   the "annotation ratio" filters of LINNAEUS, Gerner et al. 2010).
"""

from __future__ import annotations

import hashlib
import re
import json
import pickle
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.evaluate.gold import GoldDocument, canonical_ids, read_gold
from kg.extract.abbreviations import find_abbreviations
from kg.extract.surface import is_short_form, modifier_before
from kg.extract.tokens import name_key
from kg.resources import lexicon_dir, rule_lines, rules_dir
from kg.vocab.gene_names import ambiguous_synonym, gene_variants, is_name_fragment, not_a_gene_name
from kg.vocab.index import Candidate, NameIndex
from kg.vocab.sources import Entry, Mapping, VocabFileError, detect, read_source
from kg.vocab.variants import (
    anion_variants,
    code_name_variants,
    deficiency_variants,
    inflections,
    is_organ_word,
    name_variants,
    organ_variants,
    salt_forms,
    species_variants,
    vocabulary_case_sensitive,
)

__all__ = ["build_vocab", "FORMAT_VERSION", "MIN_PRECISION", "BuildReport"]

FORMAT_VERSION = 1
#: a name whose training occurrences are annotated less often than this is dropped
MIN_PRECISION = 0.3
#: ... and a gene name annotated less often than this: a gene name the gold leaves out is
#: mostly a family's ("protein kinase C", "collagen", "actin"), which gene corpora annotate
#: apart (GNormPlus "FamilyName"); a name seen once and left out is dropped too
MIN_GENE_PRECISION = 0.75


#: an occurrence the gold annotates as a family or domain (an unscored type) counts as this
#: many unannotated occurrences
FAMILY_WEIGHT = 2


def _min_precision(category: str) -> float:
    """The training precision a name of ``category`` must reach to stay."""
    return MIN_GENE_PRECISION if category == "Gene" else MIN_PRECISION
#: ... once it has occurred at least this many times
MIN_EVIDENCE = 2
#: a name never seen in training is dropped when a tree branch of its concept has a
#: training precision below this (with at least MIN_BRANCH_EVIDENCE occurrences)
MIN_BRANCH_PRECISION = 0.25
MIN_BRANCH_EVIDENCE = 10
MIN_MODIFIER_EVIDENCE = 3
MIN_MODIFIER_SHARE = 0.75

_LABEL, _SYNONYM, _ANNOTATED = 3.0, 1.0, 5.0
_DESIGNATION = 0.5
#: names longer than this are not matched at all; systematic names (digits, brackets,
#: commas: "4-Benzoxazolecarboxylic acid, 5-(methylamino)-...") beyond the second limit
#: neither. They make most of a chemical vocabulary's automaton and are rarely written.
MAX_NAME_LENGTH = 80
MAX_SYSTEMATIC_LENGTH = 30
_SYSTEMATIC = re.compile(r"[\d(\[,]")
#: a gene name's digits are mostly a substrate's locants ("glyceraldehyde-3-phosphate
#: dehydrogenase", "3-hydroxy-3-methylglutaryl coenzyme A synthase": enzymes papers name in
#: full); only brackets and commas mark a long one as a catalogue description
_GENE_SYSTEMATIC = re.compile(r"[(\[,]")
_SYSTEMATIC_CATEGORIES = frozenset({"Chemical", "Gene"})
#: gene symbols of three or more letters followed by a number ("SMAD4", "MDM2", "CXCR3")
_FOLDABLE_SYMBOL = re.compile(r"^([A-Za-z]{3,})-?\d+[A-Za-z]?$")


@lru_cache(maxsize=1)
def stopnames() -> frozenset[str]:
    """Names never matched (``ontologies/rules/stopnames.txt``), as folded keys."""
    return frozenset(name_key(line, fold_case=True) for line in rule_lines("stopnames.txt"))


def compiler_digest() -> str:
    """A hash of the compiler and its rule files: a cache built by other code is stale."""
    digest = hashlib.sha256()
    for path in [*sorted(Path(__file__).parent.glob("*.py")), Path(__file__).parent.parent / "extract" / "surface.py"]:
        digest.update(path.read_bytes())
    for name in ("stopnames.txt", "salts.txt", "inflections.tsv", "organs.tsv"):
        digest.update((rules_dir() / name).read_bytes())
    digest.update((lexicon_dir() / "species.tsv").read_bytes())
    return digest.hexdigest()[:12]


@dataclass
class _Concept:
    category: str
    label: str
    names: dict[str, float] = field(default_factory=dict)  # name -> score
    xrefs: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)


@dataclass
class BuildReport:
    directory: Path
    manifest: dict
    seconds: float


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _keep_name(name: str, category: str, is_label: bool, descriptor: bool = False) -> bool:
    """Drop names that cannot be told from ordinary text: one or two characters, bare numbers.

    Long systematic names are dropped too, except the labels of MeSH descriptors: those are
    the names a descriptor is known by ("1-Methyl-4-phenyl-1,2,3,6-tetrahydropyridine").
    """
    compact = name.replace(" ", "")
    if len(compact) < 2 or compact.isdigit() or len(name) > MAX_NAME_LENGTH:
        return False
    if category == "Disease" and is_organ_word(name):
        return False  # "lung", a MONDO synonym of lung neoplasm
    systematic = _GENE_SYSTEMATIC if category == "Gene" else _SYSTEMATIC
    if (len(name) > MAX_SYSTEMATIC_LENGTH and systematic.search(name) and not (descriptor and is_label)
            and category in _SYSTEMATIC_CATEGORIES):
        # long systematic (IUPAC-style) names: almost never written in running text. Only
        # chemicals and gene products have them: an organism's or a disease's digits and commas
        # are part of a name ("human immunodeficiency virus type 1", OMIM's inverted
        # "MYOTONIA CONGENITA, AUTOSOMAL DOMINANT")
        return False
    if category == "Gene" and (not is_label and len(compact) < 3 or is_name_fragment(name)):
        return False
    return True


def _add_entries(concepts: dict[str, _Concept], entries: Iterable[Entry]) -> int:
    count = 0
    for entry in entries:
        count += 1
        concept = concepts.get(entry.curie)
        if concept is None:
            concept = concepts[entry.curie] = _Concept(entry.category, entry.label)
        concept.names[entry.label] = max(concept.names.get(entry.label, 0.0), _LABEL)
        for synonym in entry.synonyms:
            concept.names.setdefault(synonym, _SYNONYM)
        for designation in entry.designations:
            concept.names.setdefault(designation, _DESIGNATION)
        concept.xrefs.update(entry.xrefs)
        concept.groups.update(entry.groups)
    return count


#: score of a curated species name (the built-in lexicon): above a vocabulary's label, so
#: "horses" is the horse (9796) and not the taxon a MeSH descriptor happens to list first
_CURATED = 4.0


def _add_builtin_species(concepts: dict[str, _Concept]) -> None:
    """The built-in lexicon's organisms join every vocabulary: users rarely bring an NCBI
    Taxonomy, and MeSH's organism table maps some common names to strains or higher taxa."""
    from kg.extract.lexicon import builtin_lexicon

    by_label: dict[str, list[str]] = defaultdict(list)
    for curie, record in concepts.items():
        if record.category == "Species":
            by_label[record.label.casefold()].append(curie)
    for concept in builtin_lexicon():
        if concept.category != "Species":
            continue
        record = concepts.get(concept.curie)
        if record is None:
            record = concepts[concept.curie] = _Concept("Species", concept.label)
        for name in concept.names:
            record.names[name] = max(record.names.get(name, 0.0), _CURATED)
        record.groups = {"curated"}  # never dropped for the training precision of a MeSH branch
        for curie in by_label.get(concept.label.casefold(), ()):
            if curie != concept.curie and curie in concepts:
                _fold_into(record, concepts.pop(curie), curie)


def _fold_into(record: _Concept, other: _Concept, curie: str) -> None:
    """A vocabulary organism labelled like a curated one is that organism (the curated id wins:
    MeSH gives "Hepatitis Delta Virus" a strain's taxon), its names and xrefs join it."""
    for name, score in other.names.items():
        record.names[name] = max(record.names.get(name, 0.0), min(score, _LABEL))
    record.xrefs.update(other.xrefs | {curie})


def _resolve_groups(concepts: dict[str, _Concept]) -> dict[str, frozenset[str]]:
    """Each concept's tree branches; a supplementary concept takes its descriptors' branches."""
    result = {}
    for curie, concept in concepts.items():
        groups: set[str] = set()
        for group in concept.groups:
            if group.startswith("MESH:"):
                target = concepts.get(group)
                groups.update(g for g in (target.groups if target else ()) if not g.startswith("MESH:"))
            else:
                groups.add(group)
        result[curie] = frozenset(groups or {concept.category})
    return result


#: MeSH C23 "Pathological Conditions, Signs and Symptoms": signs, symptoms and pathologic
#: processes (pain, dizziness, necrosis, stenosis, metastasis). Text-mining corpora
#: annotate them as diseases, but in a case report they are what was observed, so the
#: graph files them as findings.
FINDING_BRANCH = "C23"


def _graph_category(concept: _Concept) -> str:
    """The category the graph gives a concept: a disease that MeSH also files under signs and
    symptoms or pathologic processes (any tree number in C23) is a Finding."""
    if concept.category == "Disease" and any(g.split(".")[0] == FINDING_BRANCH for g in concept.groups):
        return "Finding"
    return concept.category


def _merge_equivalents(concepts: dict[str, _Concept], mappings: list[Mapping]) -> list[tuple[str, str, str, str]]:
    """Fold MONDO terms into their exact MeSH equivalents; returns the mapping rows kept."""
    exact: dict[str, set[str]] = defaultdict(set)
    rows = []
    for mapping in mappings:
        rows.append((mapping.subject, mapping.predicate, mapping.object, mapping.justification))
        if mapping.predicate in {"skos:exactMatch", "owl:equivalentClass"}:
            exact[mapping.subject].add(mapping.object)
            exact[mapping.object].add(mapping.subject)
    for curie in [c for c in concepts if c.startswith("MONDO:")]:
        concept = concepts[curie]
        targets = {t for t in exact.get(curie, ()) if t.startswith("MESH:")}
        if not targets and not exact:
            targets = {x for x in concept.xrefs if x.startswith("MESH:")}
        targets = {t for t in targets if t in concepts and concepts[t].category == "Disease"}
        if len(targets) != 1:
            continue
        target = concepts[targets.pop()]
        for name, score in concept.names.items():
            target.names.setdefault(name, min(score, _SYNONYM))
        target.xrefs.add(curie)
        concept.xrefs.add(next(t for t in exact.get(curie, {""}) if t) if exact.get(curie) else "")
        del concepts[curie]
    for curie, targets in exact.items():
        if curie in concepts:
            concepts[curie].xrefs.update(targets)
    return rows


def _annotation_names(documents: list[GoldDocument]) -> tuple[Counter, set[str]]:
    """(surface, category, ids) -> how often a training corpus annotated it; and its categories."""
    counts: Counter = Counter()
    categories: set[str] = set()
    for document in documents:
        for mention in document.mentions:
            category = mention.category
            if category is None:
                continue
            categories.add(category)
            ids = canonical_ids(mention.ids, category)
            if category == "Gene" and len(ids) > 1:
                continue  # "chemokines" annotated with the six a paper studied: a family, not a name
            if ids and mention.text.strip():
                counts[(mention.text.strip(), category, "|".join(ids))] += 1
    return counts, categories


def _adopt_training_taxa(concepts: dict[str, _Concept], annotated: Counter) -> dict[str, str]:
    """Organisms whose names a training corpus annotates with another NCBI Taxonomy id take that
    id (returns old -> new curie). MeSH lists several taxa for many organisms (a species, its
    strains, a later synonym) and the first registered is a guess; a corpus's annotations of
    any of the organism's names ("Brassica napus") say which one it means, for the other names
    too ("rapeseed", "B. napus")."""
    by_name: dict[str, str] = {}
    for curie, concept in concepts.items():
        if concept.category == "Species":
            for name in concept.names:
                by_name.setdefault(name_key(name, fold_case=True), curie)
    votes: dict[str, Counter] = defaultdict(Counter)
    for (surface, category, ids), count in annotated.items():
        curie = by_name.get(name_key(surface, fold_case=True)) if category == "Species" else None
        if curie is not None and "|" not in ids:
            votes[curie][ids] += count
    renamed = {}
    for curie, tally in votes.items():
        (best, count), = tally.most_common(1)
        if best != curie and best not in concepts and count > tally.get(curie, 0):
            renamed[curie] = best
    for old, new in renamed.items():
        concept = concepts.pop(old)
        concept.xrefs.add(old)
        concepts[new] = concept
    return renamed


def _tables(
    concepts: dict[str, _Concept], annotated: Counter
) -> tuple[dict[str, dict[str, Counter]], dict[str, dict[str, Counter]]]:
    """key -> category -> ids -> score, for folded and exact keys."""
    folded: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    exact: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    stop = stopnames()

    def add(name: str, category: str, ids: str, score: float, is_label: bool) -> None:
        if not _keep_name(name, category, is_label, ids.startswith("MESH:D")):
            return
        # (variant, weight, matched whatever its case)
        variants = [(v, 1.0, False) for v in name_variants(name)]
        if category == "Chemical":
            variants += [(v, 0.1, False) for v in salt_forms(name)]
            variants += [(v, 0.5, False) for v in code_name_variants(name)]
            variants += [(v, 0.1, False) for base in name_variants(name) for v in anion_variants(base)]
        if category == "Species":
            variants += [(v, 0.1, False) for v in species_variants(name)]
        if category != "Gene" and len(name.split()) <= 3:
            variants += [(v, 0.1, False) for v in inflections(name, category)]
        if category == "Disease":
            variants += [(v, 0.1, False) for base in name_variants(name)
                         for v in [*organ_variants(base), *deficiency_variants(base)]]
        if category == "Gene":
            # "Was", "Set": a symbol's protein-style case must not make it an ordinary word
            spellings = [v for v in gene_variants(name, is_label) if f" {v.lower()} " not in stop]
            variants += [(v, 0.1, False) for v in spellings]
            # "Smad4", "mdm2", "flt-1": symbols with digits written in any case
            # (not when the letters are an ordinary word: "THEM-6" in any case is "them 6")
            variants += [(v, 0.1, True) for v in [name, *spellings] if (symbol := _FOLDABLE_SYMBOL.match(v))
                         and f" {symbol.group(1).lower()} " not in stop]
        for variant, weight, any_case in variants:
            sensitive = not any_case and vocabulary_case_sensitive(variant, category)
            key = name_key(variant, fold_case=not sensitive)
            if not key.strip() or (not sensitive and key in stop):
                continue
            (exact if sensitive else folded)[key][category][ids] += score * weight

    common = _common_gene_words(concepts)
    for curie, concept in concepts.items():
        for name, score in concept.names.items():
            if concept.category == "Gene" and score != _LABEL and (generic_gene_name(name, common) or not_a_gene_name(name)):
                continue
            add(name, concept.category, curie, score + (0.5 if curie.startswith("MESH:D") else 0.0), score == _LABEL)
    symbols = _official_symbols(concepts)
    namesakes = _gene_namesakes(concepts) if any(c == "Gene" for _, c, _ in annotated) else {}
    for (surface, category, ids), count in annotated.items():
        score = _annotation_score(ids, category, count, concepts, symbols.get(_symbol_key(surface)))
        if category == "Gene" and any(curie not in concepts for curie in ids.split("|")):
            ids = namesakes.get(_symbol_key(surface)) or ids
        add(surface, category, ids, score, True)
    return folded, exact


def _gene_namesakes(concepts: dict[str, _Concept]) -> dict[str, str]:
    """Symbol key -> the one vocabulary gene holding that symbol or alias (in any case, with or
    without hyphens). Another species' gene annotated as "c-Fos" or "CD49b" is the ortholog of
    the human gene listing "C-FOS" or "CD49B": the surface names it too."""
    owners: dict[str, set[str]] = defaultdict(set)
    for curie, concept in concepts.items():
        if concept.category == "Gene":
            for name, score in concept.names.items():
                if score >= _SYNONYM and len(name) <= 15:
                    owners[_symbol_key(name)].add(curie)
    return {key: next(iter(curies)) for key, curies in owners.items() if len(curies) == 1}


#: a word in the names of this many genes or more is a generic word of gene names
#: ("protein", "receptor", "binding", "kinase", "DNA", "tumor")
COMMON_GENE_WORD = 100
_NAME_WORD = re.compile(r"[a-z0-9]+")
#: words that tell family members apart: numbers, letters, Greek letters, Roman numerals
_SPECIFIER = re.compile(r"^(?:.*\d.*|[a-z]|alpha|beta|gamma|delta|epsilon|zeta|eta|theta|kappa|lambda|mu|sigma|tau|omega|[ivx]+)$")


def _common_gene_words(concepts: dict[str, _Concept]) -> frozenset[str]:
    """The words of gene names shared by :data:`COMMON_GENE_WORD` genes or more."""
    counts: Counter = Counter()
    for concept in concepts.values():
        if concept.category == "Gene":
            counts.update({w for name in concept.names for w in _NAME_WORD.findall(name.lower())})
    return frozenset(w for w, n in counts.items() if n >= COMMON_GENE_WORD)


def generic_gene_name(name: str, common: frozenset[str]) -> bool:
    """A gene synonym made only of words that many genes' names share, with nothing that
    tells one gene from another ("DNA repair protein", "calcium-binding protein", "helicase",
    "Golgi protein"): gene_info lists such descriptions for some gene, papers use them for
    the whole class. Not matched (a training corpus may still teach one as a name).

    >>> common = frozenset({"dna", "repair", "protein", "binding", "calcium", "receptor"})
    >>> generic_gene_name("DNA repair protein", common), generic_gene_name("calcium-binding protein", common)
    (True, True)
    >>> generic_gene_name("DNA repair protein 1", common), generic_gene_name("calcium receptor alpha", common)
    (False, False)
    """
    words = _NAME_WORD.findall(name.lower())
    return bool(words) and all(w in common and not _SPECIFIER.match(w) for w in words)


#: a training annotation naming a gene outside the compiled vocabulary (another species'
#: gene: the vocabulary holds the taxa the user compiled) scores below a synonym
_FOREIGN_GENE = 0.5


def _annotation_score(ids: str, category: str, count: int, concepts: dict[str, _Concept],
                      symbol_of: str | None = None) -> float:
    """How much ``count`` training annotations of a name weigh for ``ids``.

    Gene ids are species-specific: "CD4" annotated with the mouse gene in a mouse paper
    must not take the name from the human gene the user's vocabulary has. Such ids still
    name the surface when no vocabulary gene does. Nor does an annotation take a gene's
    official symbol (``symbol_of``: its gene) from it: symbols are unique, and an annotation
    giving "MMP-2" another gene is a slip or another species' usage.
    """
    if category == "Gene" and concepts and any(curie not in concepts for curie in ids.split("|")):
        return _FOREIGN_GENE * count / (count + 1)
    if category == "Gene" and symbol_of is not None and symbol_of not in ids.split("|"):
        return _FOREIGN_GENE * count / (count + 1)
    return _ANNOTATED * count


def _symbol_key(name: str) -> str:
    """A symbol compared without case, hyphens or spaces ("MMP-2" = "MMP2")."""
    return re.sub(r"[\s-]", "", name).upper()


def _official_symbols(concepts: dict[str, _Concept]) -> dict[str, str]:
    """Gene symbol key -> the gene whose official symbol (label) it is."""
    return {_symbol_key(c.label): curie for curie, c in concepts.items() if c.category == "Gene"}


def _best(table: dict[str, dict[str, Counter]]) -> dict[str, tuple[Candidate, ...]]:
    result = {}
    for key, by_category in table.items():
        candidates = tuple(
            Candidate(category, max(scores.items(), key=lambda item: (item[1], -len(item[0])))[0])
            for category, scores in by_category.items()
            if category != "Gene" or not ambiguous_synonym(scores, _LABEL, _SYNONYM)
        )
        if candidates:
            result[key] = candidates
    return result


def _training_precision(
    index: NameIndex, documents: list[GoldDocument], categories: set[str], groups: dict[str, frozenset[str]]
) -> tuple[dict[tuple[str, str], tuple[int, int]], dict[str, tuple[int, int]]]:
    """(key, category) -> (annotated, unannotated) occurrences in the training texts; and the
    same per tree branch of the concepts the names belong to."""
    stats: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    by_group: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for document in documents:
        exact_spans = {(m.start, m.end, m.category) for m in document.mentions}
        by_category: dict[str | None, list[tuple[int, int]]] = defaultdict(list)
        for m in document.mentions:
            by_category[m.category].append((m.start, m.end))
        #: mentions of types no category scores (GNormPlus "FamilyName", "DomainMotif"): a
        #: name inside one ("TNF" in "TNF receptors") is neither evidence for nor against it
        unscored = by_category.get(None, [])
        for hit in index.hits(text=document.text):
            for candidate in hit.candidates:
                if candidate.category not in categories:
                    continue
                cell = stats[(hit.key, candidate.category)]
                branches = [by_group[g] for curie in candidate.ids.split("|") for g in groups.get(curie, ())]
                if (hit.start, hit.end, candidate.category) in exact_spans:
                    outcome = 0
                elif any(s < hit.end and hit.start < e and (s, e) != (hit.start, hit.end) for s, e in unscored):
                    continue
                elif not any(s < hit.end and hit.start < e for s, e in by_category[candidate.category]):
                    outcome = 1
                    if not hit.case_sensitive and (hit.start, hit.end) in unscored:
                        # the gold calls this very span a family or a domain: a judgement, not
                        # an oversight (a descriptive name one corpus annotates as a gene,
                        # "protein kinase C", another annotates as a family). Not for symbols
                        # ("MYC"): a family named after its first gene still has that gene
                        cell[1] += FAMILY_WEIGHT - 1
                else:
                    if _names_a_part(hit.start, hit.end, by_category[candidate.category]):
                        cell[1] += 1  # the gold names only a part of it: the name over-reaches
                    continue
                cell[outcome] += 1
                for branch in branches:
                    branch[outcome] += 1
    return {k: (v[0], v[1]) for k, v in stats.items()}, {k: (v[0], v[1]) for k, v in by_group.items()}


def _names_a_part(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when a gold mention lies strictly inside ``start:end`` ("dopamine" in "dopamine
    agonist"): a name the gold keeps cutting shorter is counted as unannotated (its tree
    branch is not charged, the branch figures say what a branch's names are, not where
    they end)."""
    return any(start <= s and e <= end and (s, e) != (start, end) for s, e in spans)


_WORD_BEFORE = re.compile(r"([A-Za-z][\w'-]*)\s+$")


def _word_before(text: str, start: int) -> str | None:
    match = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    return match.group(1).lower() if match else None


def learn_modifiers(index: NameIndex, documents: list[GoldDocument], categories: set[str]) -> dict[str, dict[str, float]]:
    """Words the gold puts in front of a vocabulary name ("renal" hamartomas, "sporadic" tumors,
    "type IV" Ehlers-Danlos syndrome: a type, stage or grade counts as one word, ``#type``).

    For each category: the share of training cases where the word right before a
    vocabulary hit was included in the gold mention, for words seen included at least
    :data:`MIN_MODIFIER_EVIDENCE` times and in at least :data:`MIN_MODIFIER_SHARE` of the cases.
    """
    included: Counter = Counter()
    excluded: Counter = Counter()
    for document in documents:
        hits = index.hits(text=document.text)
        for mention in document.mentions:
            category = mention.category
            if category not in categories:
                continue
            ending = [h for h in hits if h.end == mention.end and mention.start <= h.start
                      and any(c.category == category for c in h.candidates)]
            if any(h.start == mention.start for h in ending):
                found = modifier_before(document.text, mention.start)
                if found:
                    excluded[(found[0], category)] += 1
            inner = [h for h in ending if h.start > mention.start]
            if inner:
                head = min(inner, key=lambda h: h.start)
                found = modifier_before(document.text, head.start)
                if found and found[1] >= mention.start:
                    included[(found[0], category)] += 1
    result: dict[str, dict[str, float]] = defaultdict(dict)
    for (word, category), count in included.items():
        share = count / (count + excluded[(word, category)])
        if count >= MIN_MODIFIER_EVIDENCE and share >= MIN_MODIFIER_SHARE:
            result[category][word] = share
    return dict(result)


def learn_short_forms(index: NameIndex, documents: list[GoldDocument], categories: set[str]) -> dict[str, dict[str, list[int]]]:
    """How often each short form ("TD", "AIDS") that a training document uses without defining it
    was annotated, per category: short form -> category -> [annotated, unannotated]."""
    result: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for document in documents:
        defined = {a.short for a in find_abbreviations(document.text)}
        gold = {(m.start, m.end, m.category) for m in document.mentions}
        for hit in index.hits(text=document.text):
            surface = document.text[hit.start : hit.end]
            if not hit.case_sensitive or surface in defined or not is_short_form(surface):
                continue
            for category in {c.category for c in hit.candidates} & categories:
                result[surface][category][0 if (hit.start, hit.end, category) in gold else 1] += 1
    return {surface: dict(by_category) for surface, by_category in result.items()}


def _branch_precision(ids: str, groups: dict[str, frozenset[str]], by_group: dict[str, tuple[int, int]],
                      category: str = "") -> float:
    """The training precision of a concept's tree branches with evidence (-1 when none has any).

    The lowest one for most categories: a name in a branch the gold mostly leaves out (proteins,
    for BC5CDR chemicals) is suspect even if the concept also sits in a well-annotated branch.
    The highest one for diseases: MeSH files a disease under every system it touches, and one
    well-annotated branch makes it a disease (Wilms Tumor is a kidney neoplasm as well as an
    inborn genetic disease, a branch whose generic names the gold rarely annotates)."""
    pick = max if category == "Disease" else min
    best = -1.0
    for curie in ids.split("|"):
        for group in groups.get(curie, ()):
            good, bad = by_group.get(group, (0, 0))
            if good + bad >= MIN_BRANCH_EVIDENCE:
                share = good / (good + bad)
                best = share if best < 0 else pick(best, share)
    return best


def _number_siblings(key: str) -> list[str]:
    """The singular and plural keys of a key's last word (" placebos " -> " placebo ")."""
    head, _, last = key.strip().rpartition(" ")
    if len(last) < 4 or not last.isalpha():
        return []
    forms = [last + "s", last + "es"]
    if last.endswith("ies"):
        forms.append(last[:-3] + "y")
    elif last.endswith("es"):
        forms += [last[:-2], last[:-1]]
    elif last.endswith("s"):
        forms.append(last[:-1])
    if last.endswith("y"):
        forms.append(last[:-1] + "ies")
    prefix = f" {head} " if head else " "
    return [f"{prefix}{form} " for form in forms]


def _evidence(key: str, category: str, stats: dict[tuple[str, str], tuple[int, int]]) -> tuple[int, int]:
    """(annotated, unannotated) training occurrences of a name; a name seen too rarely to judge
    borrows the evidence of its singular or plural ("placebos" is as rarely a chemical as
    "placebo")."""
    good, bad = stats.get((key, category), (0, 0))
    if good + bad >= MIN_EVIDENCE:
        return good, bad
    for sibling in _number_siblings(key):
        more_good, more_bad = stats.get((sibling, category), (0, 0))
        good, bad = good + more_good, bad + more_bad
    return good, bad


def _sound_concept(key: str, candidate: Candidate, groups: dict[str, frozenset[str]],
                   by_group: dict[str, tuple[int, int]], scores: dict[str, dict[str, Counter]] | None,
                   limit: float = MIN_BRANCH_PRECISION) -> str | None:
    """The best-scored concept of the name (the candidate's first) whose branches are not ones
    the gold rarely annotates; None when there is none."""
    ranked = [candidate.ids]
    if scores is not None and candidate.category == "Disease":
        options = scores.get(key, {}).get(candidate.category, Counter())
        ranked += [ids for ids, _ in sorted(options.items(), key=lambda i: (-i[1], len(i[0]))) if ids != candidate.ids]
    for ids in ranked:
        branch = _branch_precision(ids, groups, by_group, candidate.category)
        if not 0 <= branch < limit:
            return ids
    return None


def _apply_precision(
    table: dict[str, tuple[Candidate, ...]],
    stats: dict[tuple[str, str], tuple[int, int]],
    groups: dict[str, frozenset[str]],
    by_group: dict[str, tuple[int, int]],
    scores: dict[str, dict[str, Counter]] | None = None,
) -> tuple[dict[str, tuple[Candidate, ...]], int]:
    """Drop the names training shows are rarely annotated. A name whose concept sits only in
    branches the gold rarely annotates passes to the next concept that name also denotes
    (``scores``), if that one's branches are sound: "ovarian carcinoma" is the label of a MONDO
    term without MeSH equivalent and a variant of MeSH Ovarian Neoplasms."""
    result, dropped = {}, 0
    for key, candidates in table.items():
        kept = []
        for candidate in candidates:
            good, bad = _evidence(key, candidate.category, stats)
            seen = good + bad
            precision = good / seen if seen else -1.0
            if seen >= MIN_EVIDENCE and precision < _min_precision(candidate.category):
                dropped += 1
                continue
            if seen < MIN_EVIDENCE and good == 0:
                # one unannotated occurrence: the estimate (0 + branch) / (1 + 1), smoothed
                # toward the branch's precision (additive smoothing), must reach MIN_PRECISION
                limit = MIN_BRANCH_PRECISION if seen == 0 else 2 * _min_precision(candidate.category)
                ids = _sound_concept(key, candidate, groups, by_group, scores, limit)
                if ids is None:
                    dropped += 1
                    continue
                candidate = Candidate(candidate.category, ids)
            kept.append(Candidate(candidate.category, candidate.ids, precision))
        if kept:
            result[key] = tuple(sorted(kept, key=lambda c: -c.precision))
    return result, dropped


def build_vocab(
    files: Iterable[Path],
    directory: Path,
    annotations: Iterable[Path] = (),
    taxa: frozenset[str] = frozenset({"9606"}),
) -> BuildReport:
    """Compile ``files`` (and training ``annotations``) into the cache ``directory``."""
    began = time.perf_counter()
    concepts: dict[str, _Concept] = {}
    mappings: list[Mapping] = []
    sources = []
    for path in files:
        path = Path(path)
        if not path.is_file():
            raise VocabFileError(f"{path}: no such file")
        kind = detect(path)
        if kind == "pubtator":
            raise VocabFileError(f"{path}: an annotated corpus; pass it with --from-annotations")
        records = list(read_source(path, kind, taxa))
        entries = [r for r in records if isinstance(r, Entry)]
        mappings.extend(r for r in records if isinstance(r, Mapping))
        _add_entries(concepts, entries)
        sources.append({"path": str(path), "kind": kind, "bytes": path.stat().st_size, "sha256": _sha256(path),
                        "records": len(records)})
    _add_builtin_species(concepts)
    mapping_rows = _merge_equivalents(concepts, mappings)
    training: list[GoldDocument] = []
    for path in annotations:
        path = Path(path)
        documents = read_gold(path)
        training.extend(documents)
        sources.append({"path": str(path), "kind": "annotations", "bytes": path.stat().st_size,
                        "sha256": _sha256(path), "records": len(documents)})
    annotated, annotated_categories = _annotation_names(training)
    _adopt_training_taxa(concepts, annotated)
    folded_scores, exact_scores = _tables(concepts, annotated)
    folded, exact = _best(folded_scores), _best(exact_scores)
    dropped = 0
    modifiers: dict[str, dict[str, float]] = {}
    short_forms: dict[str, dict[str, list[int]]] | None = None
    if training:
        groups = _resolve_groups(concepts)
        stats, by_group = _training_precision(NameIndex.from_tables(folded, exact), training, annotated_categories, groups)
        folded, dropped_folded = _apply_precision(folded, stats, groups, by_group, folded_scores)
        exact, dropped_exact = _apply_precision(exact, stats, groups, by_group, exact_scores)
        trained_index = NameIndex.from_tables(folded, exact)
        modifiers = learn_modifiers(trained_index, training, annotated_categories)
        short_forms = learn_short_forms(trained_index, training, annotated_categories)
        dropped = dropped_folded + dropped_exact
    labels = {curie: (_graph_category(c), c.label, tuple(sorted(x for x in c.xrefs if x))) for curie, c in concepts.items()}
    per_category = Counter(c.category for c in concepts.values())
    synonyms = sum(len(c.names) for c in concepts.values())
    digest = hashlib.sha256("".join(sorted(s["sha256"] for s in sources)).encode()).hexdigest()[:12]
    manifest = {
        "format": FORMAT_VERSION,
        "version": f"vocab-{digest}",
        "compiler": compiler_digest(),
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "sources": sources,
        "concepts": dict(sorted(per_category.items())),
        "names": synonyms,
        "keys": len(folded) + len(exact),
        "mappings": len(mapping_rows),
        "training_annotations": sum(annotated.values()),
        "names_dropped_by_training": dropped,
        "modifiers_learned": sum(len(words) for words in modifiers.values()),
        "findings": sum(1 for label in labels.values() if label[0] == "Finding"),
    }
    directory.mkdir(parents=True, exist_ok=True)
    NameIndex.from_tables(folded, exact).save(directory)
    if short_forms is not None:
        (directory / "short_forms.json").write_text(json.dumps(short_forms, sort_keys=True) + "\n", encoding="utf-8")
    else:
        (directory / "short_forms.json").unlink(missing_ok=True)
    (directory / "modifiers.json").write_text(json.dumps(modifiers, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    with (directory / "labels.pickle").open("wb") as handle:
        pickle.dump(labels, handle, protocol=pickle.HIGHEST_PROTOCOL)
    with (directory / "mappings.tsv").open("w", encoding="utf-8") as handle:
        handle.write("subject_id\tpredicate_id\tobject_id\tmapping_justification\n")
        handle.writelines("\t".join(row) + "\n" for row in mapping_rows)
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return BuildReport(directory, manifest, time.perf_counter() - began)
