"""Gene-specific judgements of the annotator (kept apart from the generic matching).

* :func:`gene_like_name`: whether a phrase reads as a gene or protein name ("glyoxylate
  reductase", "neutrophil-activating peptide 2"), judged by its head word
  (``ontologies/rules/gene_heads.tsv``). An abbreviation defined by such a long form keeps
  its gene meaning even when the vocabulary does not know the long form: authors define
  gene symbols by their full names far more often than by anything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain
from functools import lru_cache

from kg.extract.tokens import name_key
from kg.resources import rule_lines, rules_dir
from kg.vocab.index import Hit, NameIndex

__all__ = ["gene_like_name", "gene_heads", "modifies_another_gene", "human_prefixed", "gene_series", "chromosome_band",
           "other_organism_gene"]

#: what may follow the head of a gene name: numbers, Greek letters, Roman numerals, a letter,
#: each perhaps after "type" or "class" ("retinol-binding protein type II")
_TAIL = re.compile(
    r"(?:[\s-]*(?:(?:type|class|isoform|subtype)[\s-]+)?(?:\d+[A-Za-z]?|[IVX]+|alpha|beta|gamma|delta|epsilon|kappa|[A-Z]|[α-ω]))+$"
)
_WORD = re.compile(r"[A-Za-z]+")
#: a molecular mass closing a protein's name ("IFN-induced protein of 10 kDa")
_MASS = re.compile(r"(?:[\s,]+of)?[\s-]+\d+(?:\.\d+)?[\s-]*kDa$", re.IGNORECASE)


@lru_cache(maxsize=1)
def gene_heads() -> tuple[frozenset[str], frozenset[str]]:
    """(head words of gene names, -ase words that are not heads), from the rules file."""
    heads, excluded = set(), set()
    for line in (rules_dir() / "gene_heads.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("word\t"):
            continue
        word, kind = line.split("\t")[:2]
        (heads if kind == "head" else excluded).add(word.lower())
    return frozenset(heads), frozenset(excluded)


def gene_like_name(name: str) -> bool:
    """Whether ``name`` ends in a gene or protein head word (optionally numbered).

    >>> gene_like_name("glyoxylate reductase/hydroxypyruvate reductase"), gene_like_name("neutrophil-activating peptide 2")
    (True, True)
    >>> gene_like_name("dendritic cells"), gene_like_name("Machado-Joseph disease")
    (False, False)
    >>> gene_like_name("cellular retinol-binding protein type II"), gene_like_name("hyperoxaluria type II")
    (True, False)
    """
    words = _WORD.findall(_TAIL.sub("", _MASS.sub("", name.strip())))
    if not words:
        return False
    return _gene_head(words[-1].lower(), plural=False)


def _gene_head(word: str, plural: bool = True) -> bool:
    """A head word of gene names: listed, an -ase word, a "...protein" compound
    ("glycoprotein"), or (``plural``) the plural of one ("kinases", "receptors")."""
    heads, excluded = gene_heads()
    if word in excluded:
        return False
    if word in heads or word.endswith("protein") or (len(word) >= 6 and word.endswith("ase")):
        return True
    return plural and word.endswith("s") and _gene_head(word[:-1], False)


#: words after a gene name that make the phrase another gene, a family or a domain ("IL-1
#: receptor", "TNF receptor-like", "Src homology 2 domains", "the RAS superfamily", "NF-E2 binding sites")
_MODIFIED_BY = re.compile(
    r"[ \t]*(?:receptors?\b|-?like\b|homology\b|(?:-|[ \t]+)(?:super)?famil(?:y|ies)\b|(?:DNA[ \t-])?(?:binding[ \t-]+)?"
    r"(?:domains?|motifs?|sites?|elements?)\b)",
    re.IGNORECASE,
)
#: participles that make it another gene only when a gene head follows ("IFN-induced protein",
#: "BRCA2-associated factor"), not in "Bax-induced apoptosis" or "p53-dependent transcription"
_PARTICIPLE = re.compile(
    r"[ \t]*-?(?:binding|associated|related|inducible|induced|activated|interacting|dependent|responsive|"
    r"regulated|converting|activating|stimulated|stimulating)\b((?:[ \t-]+[A-Za-z0-9]+){1,4})",
    re.IGNORECASE,
)


#: a family member's number, Greek letter, Roman numeral or letter ("receptor 6", "PDE beta",
#: "Collagen XVIII", "ATR-X"), ending the phrase (a letter after a space is a word: "CD4 T cells")
_MEMBER_SPECIFIER = re.compile(
    r"(?:[ \t]*-?[ \t]*(?:\d{1,2}[a-z]?|alpha|beta|gamma|delta|epsilon|kappa|[IVX]+)|-[A-Z])(?![\w.,-]?\w)")


def modifies_another_gene(text: str, end: int) -> bool:
    """Whether the gene name ending at ``end`` is followed by words that make it part of the
    name of another gene product, a family, a domain or a cell population ("receptor",
    "-like", "homology", "family", "binding site", "+"), by a member's specifier ("chemokine receptor 6", "PDE beta":
    the longest match found no name for the member), or by a participle starting a phrase
    that ends in a gene head word within four words.

    >>> modifies_another_gene("the IL-1 receptor", 8), modifies_another_gene("IFN-induced protein", 3)
    (True, True)
    >>> modifies_another_gene("IL-1 levels", 4), modifies_another_gene("IL-1, TNF", 4)
    (False, False)
    >>> modifies_another_gene("Bax-induced apoptosis", 3), modifies_another_gene("TNF receptor-associated factor 2", 3)
    (False, True)
    """
    skipped = _ABBREVIATION_AFTER.match(text, end)  # "interferon gamma (IFN-gamma)-inducible protein"
    return any(_modified_at(text, at) for at in ((end, skipped.end()) if skipped else (end,)))


#: what may stand between a name and the words that make it part of another: its abbreviation
#: in brackets, or the closing bracket around an abbreviation ("(MIP)-1 alpha")
_ABBREVIATION_AFTER = re.compile(r"[ \t]*\([^()\s]{1,15}\)|\)")


#: a marker of a cell population ("CD4+ T cells", "CD34(+) progenitors", "ER-negative")
_CELL_MARKER = re.compile(r"(?:\+|\(\+\)|\(-\)|-positive|-negative)")


def _modified_at(text: str, end: int) -> bool:
    if _CELL_MARKER.match(text, end):
        return True
    if _MODIFIED_BY.match(text, end):
        return True
    if _MEMBER_SPECIFIER.match(text, end):
        return True  # the longest match left the member's name unknown: the name is a part of it
    participle = _PARTICIPLE.match(text, end)
    if not participle:
        return False
    return any(_gene_head(word.lower()) for word in _WORD.findall(participle.group(1)))


#: the lookbehind follows the literal "h" (``(?<![\w-])h`` would be tried at every position;
#: a leading literal lets the engine skip ahead to each "h")
_HUMAN_PREFIXED = re.compile(r"h(?<![\w-]h)([A-Z][A-Za-z0-9]{2,14})(?![\w-])")


def human_prefixed(text: str, index: NameIndex) -> list[Hit]:
    """Gene symbols written with the species prefix "h" ("hDaxx", "hXPC" = human DAXX, XPC):
    the rest of the token is looked up (cheaper than an "h" key for every symbol).

    Only hits naming a gene are returned; the token is one the automata could not match.
    """
    found = []
    for match in _HUMAN_PREFIXED.finditer(text):
        rest = match.group(1)
        candidates = tuple(c for c in index.lookup(name_key(rest, True), name_key(rest, False)) if c.category == "Gene")
        if candidates:
            found.append(Hit(match.start(), match.end(), name_key(match.group(), False), candidates, True))
    return found


_MEMBER = r"(?:\d{1,2}|[A-Za-z]{1,3}\d{1,2}|[A-Z]|alpha|beta|gamma|delta|epsilon|kappa)"
#: "MMP-2, and -9", "LERK-2 and -5", "GalNAc-T1 and -T2", "CDKN2A/B", "BMP-2/4", "IL-1alpha/beta"
_ELIDED = re.compile(
    rf"(?<![\w-])([A-Za-z][A-Za-z0-9-]*[A-Za-z0-9])((?:[ \t]*,[ \t]*-{_MEMBER})*)"
    rf"(?:[ \t]*,?[ \t]*(?:and|or)[ \t]+-|[ \t]*/[ \t]*-?)({_MEMBER})(?![\w-])"
)
#: "NPHP1-9", "freac-1 to freac-7", "AKR1C1-AKR1C4"
_RANGE = re.compile(
    r"(?<![\w-])([A-Za-z][A-Za-z0-9]*?[A-Za-z])(-?)(\d{1,2})[ \t]*(?:-|–|to|through)[ \t]*(?:\1\2)?(\d{1,2})(?![\w-])"
)
_GREEK_END = re.compile(r"(alpha|beta|gamma|delta|epsilon|kappa)$")
#: a range naming more genes than this is read as numbers, not a family
MAX_RANGE = 12


def _stem(first: str, member: str) -> str | None:
    """``first`` without its last member, judged by the shape of a later ``member`` ("CDKN2A"
    and "B": "CDKN2"; "MMP-2" and "9": "MMP-"; "GalNAc-T1" and "T2": "GalNAc-")."""
    if member.isdigit():
        pattern = r"\d+$"
    elif _GREEK_END.fullmatch(member):
        pattern = _GREEK_END.pattern
    elif len(member) == 1:
        pattern = r"(?<=\d)[A-Za-z]$"
    else:
        letters = len(member.rstrip("0123456789"))
        pattern = rf"[A-Za-z]{{{letters}}}\d+$"
    match = re.search(pattern, first)
    return first[: match.start()] if match and match.start() > 0 else None


def _member_names(match: re.Match) -> list[str] | None:
    if match.re is _RANGE:
        prefix, low, high = match.group(1) + match.group(2), int(match.group(3)), int(match.group(4))
        if not 0 < high - low < MAX_RANGE:
            return None
        return [f"{prefix}{n}" for n in range(low, high + 1)]
    first, listed, last = match.group(1), match.group(2), match.group(3)
    members = [m.strip(" \t,-") for m in listed.split(",") if m.strip(" \t,-")] + [last]
    stem = _stem(first, last)
    if stem is None or stem.endswith("-") and not first[len(stem):]:
        return None
    return [first, *(stem + m for m in members)]


_SPECIFIER = r"(?:alpha|beta|gamma|delta|epsilon|zeta|eta|theta|kappa|[IVX]{1,4}|\d{1,2}[a-z]?|[A-Z]\d{0,2})"
#: a shared head and its members' specifiers: "synapsins I and II", "PKC isoforms alpha, delta
#: and zeta", "DNA polymerases, alpha or delta", "kinin receptors, B1 and B2"
_SPECIFIER_LIST = re.compile(
    rf"(?:,?[ \t]+(?:isoforms?|types?|subtypes?|forms?))?,?[ \t]+({_SPECIFIER}(?:[ \t]*,[ \t]*{_SPECIFIER})*)"
    rf"[ \t]*,?[ \t]+(?:and|or|and/or)[ \t]+({_SPECIFIER})(?![\w-])"
)
#: the tails of the series patterns (cheap scans: a pattern matches only where its tail does)
_RANGE_NUMBER = re.compile(r"\d{1,2}[ \t]*(?:-|–|to|through)")  # a range's first number (begins with a digit: scanned fast)
_ELIDED_HINT = re.compile(rf"(?:(?:and|or)[ \t]+-|/[ \t]*-?){_MEMBER}(?![\w-])")
_SPECIFIER_LIST_HINT = re.compile(rf"(?:and|or|and/or)[ \t]+{_SPECIFIER}(?![\w-])")
_WORDS_BEFORE = re.compile(r"((?:[A-Za-z][\w-]*[ \t]+){0,3}[A-Za-z][\w-]*)$")


def _shared_head(text: str, match: re.Match, lookup) -> tuple[int, list[str]] | None:
    """The start and member ids of a head shared by a specifier list: the longest run of up to
    four words before the list that, in the singular, names a gene with the first specifier."""
    before = _WORDS_BEFORE.search(text, max(0, match.start() - 60), match.start())
    if not before:
        return None
    words = before.group(1).split()
    specifiers = [s.strip() for s in match.group(1).split(",")] + [match.group(2)]
    for n in range(len(words), 0, -1):
        head = " ".join(words[-n:])
        stem = head[:-1] if head.endswith("s") and len(head) > 3 else head
        ids = [lookup(f"{stem} {s}") for s in specifiers]
        if ids[0] is not None:
            members = list(dict.fromkeys(i for i in ids if i))
            start = before.end(1) - len(head)
            return (start, members) if len(members) >= 2 else None
    return None


def _may_hold_range(text: str) -> bool:
    """Whether a range can match: a number after a letter (and maybe a hyphen) and before
    "-", "to" or "through" ("NPHP1-", "freac-1 to"); most texts have none."""
    for number in _RANGE_NUMBER.finditer(text):
        before = number.start() - (number.start() > 0 and text[number.start() - 1] == "-")
        if before > 0 and text[before - 1].isascii() and text[before - 1].isalpha():
            return True
    return False


#: how far before the end of its hint a series may begin (in characters)
_SERIES_REACH = 200


def _ending_at(pattern: re.Pattern, hint: re.Pattern, text: str) -> Iterator[re.Match]:
    """The matches of ``pattern`` that end where a match of its ``hint`` (the pattern's own
    tail) ends: the costly pattern runs only over the stretch before each hint, not over
    the whole text (the hint has already checked what follows its end)."""
    done = 0
    for tail in hint.finditer(text):
        for match in pattern.finditer(text, max(done, tail.start() - _SERIES_REACH), tail.end()):
            if match.end() == tail.end():
                yield match
                done = match.end()
                break


def gene_series(text: str, lookup) -> list[tuple[int, int, list[str]]]:
    """Family members written as one mention: ranges ("NPHP1-9", "freac-1 to freac-7") and
    coordinations with an elided stem ("MMP-2, and -9", "CDKN2A/B", "IL-1alpha/beta").

    ``lookup(name)`` gives a gene's ids or None. Returns (start, end, ids of the members that
    name genes) where the first member (and the last of a coordination) and at least two and
    half of all name genes (the corpora annotate a series as one mention of all its genes).
    """
    found = []
    ranges = _RANGE.finditer(text) if _may_hold_range(text) else ()
    for match in chain(ranges, _ending_at(_ELIDED, _ELIDED_HINT, text)):
        names = _member_names(match)
        if not names:
            continue
        ids = [lookup(name) for name in names]
        if ids[0] is None or (ids[-1] is None and match.re is _ELIDED):
            continue
        members = list(dict.fromkeys(i for i in ids if i))
        if len(members) >= max(2, len(names) / 2):
            found.append((match.start(), match.end(), members))
    for match in _ending_at(_SPECIFIER_LIST, _SPECIFIER_LIST_HINT, text):
        shared = _shared_head(text, match, lookup)
        if shared:
            found.append((shared[0], match.end(), shared[1]))
    return found


_BAND_NAME = re.compile(r"[pq]\d{1,2}")
_BAND_BEFORE = re.compile(r"(?:[\dXY;(-]|\bbands?[ \t]+)$")


def chromosome_band(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` ("p16", "p21", "p15") is a chromosome band there:
    after a chromosome number or in a band expression ("11p15.2-p15.1", "t(4;11)(p16.2;p15.4)",
    "band p13", "p21.3").

    >>> chromosome_band("maps to 9p21", 9, 12), chromosome_band("t(2;6)(q31;p21.3)", 11, 14)
    (True, True)
    >>> chromosome_band("band p13 of", 5, 8), chromosome_band("p21 and p16 levels", 8, 11)
    (True, False)
    """
    if not _BAND_NAME.fullmatch(text, start, end):
        return False
    return bool(_BAND_BEFORE.search(text[max(0, start - 8) : start])) or text.startswith(".", end) and text[end + 1 : end + 2].isdigit()


@lru_cache(maxsize=1)
def gene_organisms() -> frozenset[str]:
    """Words naming a non-human organism before a gene name (``ontologies/rules/gene_organisms.txt``)."""
    return frozenset(line.lower() for line in rule_lines("gene_organisms.txt"))


def other_organism_gene(text: str, start: int) -> bool:
    """Whether the gene name starting at ``start`` is another organism's gene by the word right
    before it ("rat isovaleryl-CoA dehydrogenase", "yeast YPT1", "E. coli endonuclease III"):
    a human gene vocabulary would give it the human gene's id, which it is not.

    >>> other_organism_gene("the yeast YPT1 gene", 10), other_organism_gene("E. coli endonuclease III", 8)
    (True, True)
    >>> other_organism_gene("rat and human SCF", 14), other_organism_gene("rat-specific SCF", 13)
    (False, False)
    """
    if start < 2 or text[start - 1] not in " \t":
        return False
    before = text[max(0, start - 16) : start].split()
    return bool(before) and before[-1].lower() in gene_organisms()
