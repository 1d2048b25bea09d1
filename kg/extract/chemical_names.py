"""Chemical-name boundaries: where a dictionary hit is only part of a chemical's name.

Dictionaries find the parts they know inside longer chemical names: "acetyl" in
"N-acetyl serotonin", "phenyl" and "tetrahydropyridine" in
"1-methyl-4-phenyl-1,2,3,6-tetrahydropyridine", "sodium" in "piperacillin sodium".
Annotation guidelines for chemicals (BioCreative V CDR, Li et al. 2016) mark the whole
name, and a salt as the drug it carries. Four rules, applied to the raw hits before
abbreviations and longest-match selection:

1. a hit glued (no space) to locants, single letters, digits, brackets or substituent
   prefixes ("N-", "1,2,3,6-", "-4-phenyl") is a fragment of a systematic name: the whole
   word is looked up, else a bare stereo or locant prefix ("L-", "3-") is taken in, else
   the fragment is dropped; a hit glued to ordinary words ("cocaine-induced"), to an
   isotope label or optical rotation ("[3H]spiperone", "(-)-baclofen"), a charge or a
   receptor subtype ("Ca(2+)", "5-HT(2C)") stays, and a bracketed subscript is respelled
   ("PGE(2)" is looked up as "PGE2");
2. a substituent name ("acetyl", "triphenyl", "2-phenethyl") is never a chemical by
   itself: it is looked up with the next word, else dropped, and so is the name after it
   ("Tri-ortho-tolyl phosphate" is not phosphate);
   a name followed by a word that opens with a locant ("adenosine 3',5'-monophosphate")
   is looked up with it, else dropped;
3. a drug next to a salt or counter-ion word ("fenoprofen calcium", "sodium warfarin",
   "fenoldopam mesylate") becomes one mention with the drug's concept;
4. a form word after a chemical ("calcium ions", "lithium compounds") leaves the chemical.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from kg.resources import rule_lines
from kg.vocab.index import Candidate, Hit

__all__ = ["refine_chemical_hits", "chemical_word", "is_substituent", "salt_words"]

CHEMICAL = "Chemical"

#: substituent (radical) names: "methyl", "2-phenethyl", "triphenyl", "cholesteryl"
_SUBSTITUENT = re.compile(
    r"^(?:[\dNOS][\d,'′]*-)?(?:di|tri|tetra|bis)?(?:iso|tert-?|sec-?|n-)?"
    r"(?:meth|eth|prop|but|pent|hex|hept|oct|non|dec|phen|benz|acet|form|all|vin|proparg|cholester|glycer|tol|"
    r"xyl|naphth|pyrid|hydrox|carbon|carbox|sulfon|sulphon|ethin|ethyn|laur|stear|palmit|mes|tos|trit|ac|carbam)+yl$",
    re.IGNORECASE,
)
#: pieces of a systematic name next to a hit: digits, brackets, primes, commas, one or
#: two letters ("N-", "p-"), substituent prefixes ("chloro-", "amino-")
_SYSTEMATIC_PIECE = re.compile(
    r"[\d()\[\],:'′+]|(?:^|-)[A-Za-z]{1,2}(?:-|$)"
    r"|(?:yl|oxy|amino|chloro|fluoro|bromo|iodo|nitro|nitroso|hydro|oxo|thio|cyano|carboxy|cyclo|azido)(?:-|$)",
    re.IGNORECASE,
)
#: glue that leaves the hit as it is: an isotope label ("[3H]", "L-[3H]"), an optical
#: rotation ("(-)-", "(+/-)-"), a Greek letter or a receptor subtype ("H2-")
_KEEP_LEFT = re.compile(
    r"^(?:(?:[LD]-)?\[\(?\d+\)?[A-Z][a-z]?\]-?|\((?:\+|-|±|\+/-|\+-|-/\+)\)-|(?:alpha|beta|gamma|delta|kappa|mu|omega)-|"
    r"[A-Z]\d-)$")
#: ... on the right: a charge ("2+"), a number or subtype ("-1A"), a bracketed qualifier ("(A)")
_KEEP_RIGHT = re.compile(r"^(?:\d*[+-]+|[-‐]?\d+[A-Za-z]?|\(.*)$")
#: a prefix that names the same chemical: a stereo descriptor or a locant ("L-", "3-")
_PREFIX = re.compile(r"^(?:[LDRS]|DL|dl|[ld]|[NOS]|cis|trans|\d+(?:[,:]\d+)*'*)-$")
_POSSESSIVE = re.compile(r"['’]s$")
_TRAILING = ".,;:"
#: words after "<drug> <salt>" that end the name ("piperacillin sodium in 118 patients")
_NAME_ENDS = frozenset("in and or was were is are with for to at on by as plus vs versus of from group groups "
                       "alone daily orally i.v iv im sc po".split())


@lru_cache(maxsize=1)
def salt_words() -> frozenset[str]:
    """Salt, counter-ion and hydrate words (``ontologies/rules/salts.txt``), lower case."""
    return frozenset(line.lower() for line in rule_lines("salts.txt"))


#: cations written before the drug ("sodium warfarin", "disodium edetate")
_CATIONS = frozenset({"sodium", "potassium", "disodium", "dipotassium"})


def chemical_word(text: str, start: int, end: int) -> tuple[int, int]:
    """The whitespace-delimited word around ``text[start:end]``, without trailing punctuation
    and without brackets that open or close outside it.

    >>> text = "in four 1-methyl-4-phenyl-1,2,3,6-tetrahydropyridine (MPTP)-exposed monkeys"
    >>> s = text.index("phenyl"); a, b = chemical_word(text, s, s + 6); text[a:b]
    '1-methyl-4-phenyl-1,2,3,6-tetrahydropyridine'
    """
    if _alone(text, start, end):
        return start, end
    left = start
    while left > 0 and not _boundary(text, left - 1):
        left -= 1
    right = end
    while right < len(text) and not _boundary(text, right):
        right += 1
    changed = True
    while changed and right > end:
        changed = False
        if text[right - 1] in _TRAILING:
            right -= 1
            changed = True
        elif text[right - 1] in ")]" and _unbalanced(text[left:right], close=True):
            right -= 1
            changed = True
    while left < start and text[left] in "([" and _unbalanced(text[left:right], close=False):
        left += 1
    return left, right


def _alone(text: str, start: int, end: int) -> bool:
    """The common case, checked first: a word between spaces (a comma or full stop after it)."""
    if start and not text[start - 1].isspace():
        return False
    if end < len(text) and text[end] in _TRAILING:
        end += 1
    return end >= len(text) or text[end].isspace()


def _boundary(text: str, i: int) -> bool:
    """Whitespace, "/" and a "+" between names ("CPA/EE", "saline+DMSO") end a word."""
    char = text[i]
    return char.isspace() or char == "/" or (char == "+" and text[i + 1 : i + 2].isalpha())


def _unbalanced(word: str, close: bool) -> bool:
    opened = word.count("(") + word.count("[")
    closed = word.count(")") + word.count("]")
    return closed > opened if close else opened > closed


def is_substituent(surface: str) -> bool:
    """True for a substituent (radical) name, which names no compound on its own.

    >>> is_substituent("acetyl"), is_substituent("2-phenethyl"), is_substituent("fentanyl")
    (True, True, False)
    """
    return bool(_SUBSTITUENT.match(surface.strip()))


def _systematic(piece: str) -> bool:
    return bool(piece) and bool(_SYSTEMATIC_PIECE.search(piece))


Lookup = Callable[[str], tuple[Candidate, ...]]


def _chemical(candidates: Iterable[Candidate]) -> tuple[Candidate, ...]:
    return tuple(c for c in candidates if c.category == CHEMICAL)


def _whole_word_hit(text: str, start: int, end: int, lookup: Lookup) -> Hit | None:
    found = lookup(text[start:end])  # the index's own tuple: annotators cache by its identity
    return Hit(start, end, text[start:end].lower(), found, False) if _chemical(found) else None


def _glue(left: str, right: str) -> str:
    """How a hit sits in its word: "whole", "prefix" (a locant or stereo prefix to take in)
    or "systematic" (a fragment of a longer systematic name)."""
    right = _POSSESSIVE.sub("", right)
    if left[-1:] in "([" and right[:1] in ")]":
        left, right = left[:-1], right[1:]  # "(MPTP)-exposed": a name in brackets
    left = "" if _KEEP_LEFT.match(left) else left
    right = "" if _KEEP_RIGHT.match(right) else right
    if not left and not right:
        return "whole"
    if not right and _PREFIX.match(left):
        return "prefix"
    return "systematic" if _systematic(left) or _systematic(right) else "whole"


def _refine_fragment(text: str, hit: Hit, lookup: Lookup, cache: dict) -> list[Hit]:
    """Rules 1 and 2 for one chemical hit: the hits that replace it (itself when it is whole)."""
    start, end = chemical_word(text, hit.start, hit.end)
    surface = text[hit.start : hit.end]
    if surface.endswith(("yl", "YL")) and is_substituent(surface):
        following = _FOLLOWING.match(text, end)
        return _whole_or_nothing(text, (start, following.end(1) if following else end), lookup, cache)
    if start == hit.start and end == hit.end:
        return _whole_word(text, hit, lookup, cache)
    subscript = _SUBSCRIPT.match(text, hit.end)
    if subscript:  # "PGE(2)" is "PGE2"
        found = _chemical_hit(text, (hit.start, subscript.end()), surface + subscript.group(1), lookup, cache)
        return [found or hit]
    if sum(c.islower() for c in surface) < 3:
        return [hit]  # symbols and abbreviations ("Na-K-ATPase", "GABA(A)R") are written glued
    kind = _glue(text[start : hit.start], text[hit.end : end])
    if kind == "whole":
        return _whole_word(text, hit, lookup, cache)
    found = _whole_or_nothing(text, (start, end), lookup, cache)
    if not found and "-" in text[start:end]:  # "tri-iodo-thyronine" is "triiodothyronine"
        joined = _chemical_hit(text, (start, end), text[start:end].replace("-", ""), lookup, cache)
        found = [joined] if joined else []
    if not found and kind == "prefix":
        # "l-dopa": a stereo descriptor written in lower case is still L or D
        prefix = text[start : hit.start]
        found = [h for h in [_chemical_hit(text, (start, end), prefix.upper() + surface, lookup, cache)] if h]
        return found or [hit._replace(start=start)]
    return found


_SUBSCRIPT = re.compile(r"\((\d+(?:alpha|beta|[a-z])?)\)")


def _chemical_hit(text: str, span: tuple[int, int], surface: str, lookup: Lookup, cache: dict) -> Hit | None:
    """A hit over ``span`` when ``surface`` (a respelling of the text there) is a chemical name."""
    key = (*span, surface)
    if key not in cache:
        found = lookup(surface)
        cache[key] = Hit(span[0], span[1], text[span[0] : span[1]].lower(), found, False) if _chemical(found) else None
    return cache[key]


_FOLLOWING = re.compile(r"\s+([^\s,;:.()]+)")
#: a next word that opens with a locant: "adenosine 3',5'-monophosphate"
_LOCANT_WORD = re.compile(r" (\d+['′]?(?:,\d+['′]?)*-[A-Za-z][^\s,;:()]*)")


def _whole_word(text: str, hit: Hit, lookup: Lookup, cache: dict) -> list[Hit]:
    """A hit that is a word of its own may still start or end a longer name: after a
    substituent word, or before a word that opens with a locant."""
    kept = _after_substituent(text, hit, lookup, cache)
    if not kept or text[hit.end : hit.end + 1] != " " or not text[hit.end + 1 : hit.end + 2].isdigit():
        return kept
    following = _LOCANT_WORD.match(text, hit.end)
    if following is None:
        return kept
    return _whole_or_nothing(text, (hit.start, following.end(1)), lookup, cache)


def _whole_or_nothing(text: str, span: tuple[int, int], lookup: Lookup, cache: dict) -> list[Hit]:
    if span not in cache:
        cache[span] = _whole_word_hit(text, *span, lookup)
    return [cache[span]] if cache[span] is not None else []


def _after_substituent(text: str, hit: Hit, lookup: Lookup, cache: dict) -> list[Hit]:
    """Rule 2, other side: "Tri-ortho-tolyl phosphate", "triphenyl tetrazolium": a name after a
    substituent word is the end of a longer name (looked up whole, else dropped)."""
    if hit.start < 3 or text[hit.start - 1] != " " or text[hit.start - 3 : hit.start - 1].lower() != "yl":
        return [hit]
    word_start = hit.start - 1
    while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in "([":
        word_start -= 1
    if not is_substituent(text[word_start : hit.start - 1].rsplit("-", 1)[-1]):
        return [hit]
    return _whole_or_nothing(text, (word_start, hit.end), lookup, cache)




_LETTERS = re.compile(r"[A-Za-z]+")


def _salt_after(text: str, end: int, salts: frozenset[str]) -> int:
    """The end of the salt word right after ``end`` (one space between), else ``end``."""
    if text[end : end + 1] != " ":
        return end
    word = _LETTERS.match(text, end + 1)
    if word is None or word.group().lower() not in salts or text[word.end() : word.end() + 1].isalnum():
        return end
    return word.end()


def _cation_before(text: str, start: int) -> int:
    """The start of the cation word right before ``start`` (one space between), else ``start``."""
    if start < 2 or text[start - 1] != " ":
        return start
    first = start - 1
    while first > 0 and text[first - 1].isalpha():
        first -= 1
    if text[first : start - 1].lower() not in _CATIONS or (first and text[first - 1].isalnum()):
        return start
    return first


def _salt_hits(text: str, hits: list[Hit], is_chemical) -> list[Hit]:
    """Rule 3: "<drug> <salt>" and "<cation> <drug>" spans carrying the drug's concepts."""
    salts = salt_words()
    taken = {(h.start, h.end) for h in hits}
    lowered = text.lower()
    cations = any(cation in lowered for cation in _CATIONS)  # most documents name none
    added = []
    for hit in hits:
        if not is_chemical(hit) or not text[hit.end - 1].isalnum() or text[hit.start : hit.end].lower() in salts:
            continue
        end = hit.end
        if text[end : end + 1] == " ":  # what _salt_after checks first, without the call
            while (following := _salt_after(text, end, salts)) != end:
                end = following
        if end != hit.end and not _name_ends(text, end):
            end = hit.end
        start = hit.start
        if cations and text[hit.end - 1] not in "sS":
            while (preceding := _cation_before(text, start)) != start:
                start = preceding
        if (start, end) != (hit.start, hit.end) and (start, end) not in taken:
            taken.add((start, end))
            added.append(Hit(start, end, text[start:end].lower(), hit.candidates, False))
    return added


_AFTER_NAME = re.compile(r"\s*(\S?)([A-Za-z.]*)")


def _name_ends(text: str, end: int) -> bool:
    """True when the name ends at ``end``: punctuation, a number or a function word follows."""
    after = _AFTER_NAME.match(text, end, end + 20)
    if after is None or not after.group(1) or not after.group(1).isalpha():
        return True
    return (after.group(1) + after.group(2)).lower().rstrip(".") in _NAME_ENDS


def refine_chemical_hits(text: str, hits: list[Hit], lookup: Lookup,
                         is_chemical: Callable[[Hit], bool] | None = None) -> list[Hit]:
    """The hits with chemical-name fragments resolved to whole names or dropped, and salts
    joined to their drug. ``lookup(surface)`` gives a surface's vocabulary candidates;
    ``is_chemical(hit)`` (default: any candidate is a chemical) may be a cached test."""
    is_chemical = is_chemical or (lambda hit: bool(_chemical(hit.candidates)))
    result: list[Hit] = []
    cache: dict[tuple[int, int], Hit | None] = {}
    for hit in hits:
        if is_chemical(hit):
            result.extend(_refine_fragment(text, hit, lookup, cache))
        else:
            result.append(hit)
    unique = list({(h.start, h.end, h.key): h for h in result}.values())
    unique = _without_form_words(text, unique, is_chemical)
    return unique + _salt_hits(text, unique, is_chemical)


#: words for the form a chemical takes, not another chemical ("calcium ions", "lithium salts")
_FORM_WORDS = frozenset({"ion", "ions", "salt", "salts", "compound", "compounds"})


def _without_form_words(text: str, hits: list[Hit], is_chemical) -> list[Hit]:
    """Rule 4: "calcium ions", "lithium compounds", "gold salts" name calcium, lithium, gold: a
    hit ending in a form word after another chemical name gives way to that name."""
    if not any(text[h.start : h.end].rpartition(" ")[2].lower() in _FORM_WORDS for h in hits):
        return hits
    starts = {h.start for h in hits if is_chemical(h)}
    ends = {h.end for h in hits if is_chemical(h)}
    kept = []
    for hit in hits:
        head, _, last = text[hit.start : hit.end].rpartition(" ")
        if last.lower() in _FORM_WORDS and is_chemical(hit) and (
                (head and hit.start in starts and hit.start + len(head) in ends)
                or (not head and hit.start - 1 in ends and text[hit.start - 1] == " ")):
            continue
        kept.append(hit)
    return kept
