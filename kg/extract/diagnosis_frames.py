"""Names the sentence calls a diagnosis.

A short form the document never defines is opaque to a dictionary ("diagnosed with PV",
"consistent with PAM", "suspected of having JLNS"), but the phrase around it says what it
names: the object of "diagnosis of", "diagnosed with", "consistent with" ... is a disease
("history of" is not enough: "history of TURBT" names a procedure). Such a short form is a disease mention, grounded to the general concept
(recognised by its use, like a name by its form: a Mention, never a diagnosis of the
patient), there and wherever else the document writes it. A pathogen named as what the
patient has or had ("history of HIV", "infected with human immunodeficiency virus",
"infections caused by MRSA", "a hepatitis B virus carrier") names its infection: the
lexicon's "<pathogen> infection" where it knows one, else infection in general. And a
disease name in front of an instrument noun is no disease the text asserts ("Model for
End-Stage Liver Disease score", "NSCLC trials", "hepatitis serologies"). The phrases and
nouns are data (``ontologies/rules/diagnosis_frames.tsv``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import itemgetter

from kg.extract.abbreviations import Abbreviation
from kg.extract.lexicon import Concept
from kg.extract.matcher import DictionaryMatcher, Match
from kg.extract.tokens import Token
from kg.resources import rules_dir

__all__ = ["DiagnosisFrames", "diagnosis_frames", "frame_hits"]

DISEASE = Concept(curie="MONDO:0000001", category="Disease", label="disease")
INFECTION = Concept(curie="MESH:D007239", category="Disease", label="infection")
_MAX_ADJECTIVES = 2
#: a short form: two to six letters or digits, at least two of them capitals ("PV", "SSc", "JLNS1")
_SHORT_FORM = re.compile(r"^[A-Z][A-Za-z0-9]{1,5}$")
#: the same with its two capitals, found in the text (a whole ``\w+`` token, as the tokenizer cuts them)
_SHORT_FORMS_IN_TEXT = re.compile(r"\b(?=[A-Za-z0-9]{2,6}\b)[A-Z][a-z0-9]*[A-Z][A-Za-z0-9]*\b")
_DETERMINERS = frozenset("a an the his her their its this".split())
#: words that may follow the end of a noun phrase; any other lower-case word after a short
#: form makes the short form its modifier ("CNS metastases", "HIV test", "PRL level")
_FOLLOWERS = frozenset("""
a an the and or nor but as at by for from in into of on to with without within was were is are be been has had
have may might can could would will should which who that whose when where while since because due secondary
after before during until than then also remained remains showed revealed type around
""".split())
_HYPHENS = frozenset("-‐‑–")
#: categories of the names a frame can list ("history of hypertension and HCV")
_ITEMS = frozenset({"Disease", "Finding", "Species"})
_COORDINATORS = frozenset({"and", "or", ","})
#: how many tokens an earlier item of a list may take ("negative for chronic viral hepatitis, HIV")
_MAX_ITEM = 6
#: a Roman numeral is a stage, grade or type ("stage IIA"), letters after a digit a code
#: ("T1bN1", "T4N2M0"): neither is a short form
_CODE = re.compile(r"^[IVX]+[A-Ca-c]?$|[0-9][A-Za-z]")


@dataclass(frozen=True)
class DiagnosisFrames:
    """The phrases (as lower-case word tuples) before a short form or pathogen, before a
    pathogen only, and after a pathogen."""

    before: frozenset[tuple[str, ...]]
    before_pathogen: frozenset[tuple[str, ...]]
    after_pathogen: frozenset[str]
    instruments: frozenset[str] = frozenset()
    #: the most words a phrase has
    longest: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "longest", max((len(f) for f in self.before | self.before_pathogen), default=0))


class _Offsets:
    """Token indices by character offset (bisection over the token starts)."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.starts = list(map(itemgetter(0), tokens))

    def starting(self, offset: int) -> int | None:
        i = bisect_left(self.starts, offset)
        return i if i < len(self.starts) and self.starts[i] == offset else None

    def ending(self, offset: int) -> int | None:
        i = bisect_left(self.starts, offset) - 1
        return i if i >= 0 and self.tokens[i].end == offset else None


@lru_cache(maxsize=1)
def diagnosis_frames() -> DiagnosisFrames:
    """The phrases in ``ontologies/rules/diagnosis_frames.tsv`` (read once)."""
    before: set[tuple[str, ...]] = set()
    pathogen: set[tuple[str, ...]] = set()
    after: set[str] = set()
    instruments: set[str] = set()
    for line in (rules_dir() / "diagnosis_frames.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, kind = line.split("\t")[:2]
        words = tuple(phrase.lower().split())
        if kind == "any":
            before.add(words)
        elif kind == "pathogen":
            pathogen.add(words)
        elif kind == "after":
            after.add(phrase.lower())
        elif kind == "instrument":
            instruments.add(phrase.lower())
        else:
            raise ValueError(f"diagnosis_frames.tsv: unknown kind {kind!r} in {line!r}")
    return DiagnosisFrames(frozenset(before), frozenset(before | pathogen), frozenset(after), frozenset(instruments))


def frame_hits(
    text: str,
    tokens: list[Token],
    hits: list[Match],
    abbreviations: list[Abbreviation],
    matcher: DictionaryMatcher,
    frames: DiagnosisFrames | None = None,
) -> list[Match]:
    """``hits`` with pathogens named as diagnoses turned into their infections and without
    diseases that qualify an instrument, plus the undefined short forms that a frame calls a
    disease (at every place they occur; a gene symbol so framed, "suspected diagnosis of ATM",
    is the disease's short form, not the gene)."""
    frames = frames or diagnosis_frames()
    offsets = _Offsets(tokens)
    kept = [h for h in hits if not _qualifies_instrument(h, tokens, offsets, frames.instruments)]
    items = {h.end for h in kept if h.concepts[0].category in _ITEMS}
    result = [_as_infection(h, tokens, offsets, frames, matcher, items) for h in kept]
    result = _short_forms_follow(result, kept, tokens, offsets)
    candidates = [i for i in map(offsets.starting, map(_start, _SHORT_FORMS_IN_TEXT.finditer(text))) if i is not None]
    if not candidates:
        return result
    defined = {a.short for a in abbreviations}
    covered = _covered([h for h in hits if h.concepts[0].category != "Gene"])
    diseases = {
        tokens[i].text for i in candidates
        if _undefined_short_form(tokens[i], defined, covered) and _ends_phrase(tokens, i)
        and _framed(tokens, i, frames.before, frames.longest, items)
    }
    if not diseases:
        return result
    spans = {(t.start, t.end) for i, t in enumerate(tokens)
             if t.text in diseases and t.start not in covered and _ends_phrase(tokens, i)}
    result = [h for h in result if (h.start, h.end) not in spans]
    result.extend(Match(start, end, (DISEASE,), case_sensitive=True, by_form=True) for start, end in sorted(spans))
    return result


def _start(match: re.Match[str]) -> int:
    return match.start()


def _short_forms_follow(result: list[Match], before: list[Match], tokens: list[Token], offsets: _Offsets) -> list[Match]:
    """The short form in parentheses right after a pathogen turned into its infection means
    that infection there too ("infected with human immunodeficiency virus (HIV)")."""
    changed = {h.end: h for h, old in zip(result, before) if h is not old}
    if not changed:
        return result
    followed = []
    for hit in result:
        i = offsets.starting(hit.start)
        if (hit.concepts[0].category == "Species" and i is not None and 2 <= i < len(tokens) - 1
                and tokens[i - 1].text == "(" and tokens[i - 2].end in changed and tokens[i + 1].start == hit.end
                and tokens[i + 1].text == ")"):
            source = changed[tokens[i - 2].end]
            hit = replace(hit, concepts=source.concepts, by_form=source.by_form)
        followed.append(hit)
    return followed


def _qualifies_instrument(hit: Match, tokens: list[Token], offsets: _Offsets, instruments: frozenset[str]) -> bool:
    """True when a disease hit is followed by an instrument noun, maybe after its short form
    in parentheses ("End-Stage Liver Disease (MELD) score")."""
    last = offsets.ending(hit.end) if hit.concepts[0].category == "Disease" else None
    if last is None:
        return False
    j = last + 1
    if j + 2 < len(tokens) and tokens[j].text == "(" and tokens[j + 2].text == ")":
        j += 3
    if j >= len(tokens) or tokens[j].text.lower() not in instruments:
        return False
    return j + 1 >= len(tokens) or not tokens[j + 1].text.lower().startswith("infection")  # "hepatitis virus infection"


def _covered(hits: list[Match]) -> set[int]:
    """Character offsets inside the hits (a token start inside one is covered)."""
    return {offset for h in hits for offset in range(h.start, h.end)}


def _is_short_form(text: str) -> bool:
    """Two to six letters or digits, two of them capitals, and no stage or code ("IIA", "T1bN1")."""
    return bool(_SHORT_FORM.match(text)) and sum(c.isupper() for c in text) >= 2 and not _CODE.search(text)


def _undefined_short_form(token: Token, defined: set[str], covered: set[int]) -> bool:
    return _is_short_form(token.text) and token.text not in defined and token.start not in covered


def _ends_phrase(tokens: list[Token], index: int) -> bool:
    """True when the word at ``index`` is a noun phrase of its own: what follows is punctuation,
    a function word, a verb or participle in "-ed" ("HIV presented", "UGH-induced"), not a noun it modifies
    ("CNS metastases", "VZV DNA", "BCS-TIPS index"), and no hyphen joins it to a word before
    ("TIPS-BCS")."""
    if index > 0 and tokens[index - 1].text in _HYPHENS and tokens[index - 1].end == tokens[index].start:
        return False
    if index + 1 >= len(tokens):
        return True
    following = tokens[index + 1]
    if following.start > tokens[index].end:
        word = following.text
        if sum(c.isupper() for c in word) >= 2:
            return False  # another short form: "HCV RNA", "BCS PI"
        return not word.isalpha() or not word.islower() or word in _FOLLOWERS or word.endswith("ed")
    if following.text in _HYPHENS and index + 2 < len(tokens):
        return tokens[index + 2].text.lower().endswith("ed")
    return following.text not in _HYPHENS and not following.text.isalnum()


def _framed(
    tokens: list[Token], index: int, phrases: frozenset[tuple[str, ...]], longest: int, items: set[int]
) -> bool:
    """True when a frame phrase ends before the token at ``index``, with at most a determiner
    and a couple of adjectives between ("a diagnosis of advanced PMME"), or before an earlier
    item of the same list ("history of HIV and HCV": an item ends on a name or a short form)."""
    if _framed_directly(tokens, index, phrases, longest):
        return True
    j = index - 1
    if j < 1 or tokens[j].text.lower() not in _COORDINATORS or not _ends_item(tokens[j - 1], items):
        return False
    for k in range(j - 1, max(-1, j - 1 - _MAX_ITEM), -1):
        if _phrase_ends_at(tokens, k, phrases, longest):
            return True
        word = tokens[k].text
        if word in ".;:" or word in _FOLLOWERS and word not in _COORDINATORS:
            return False  # "caused by ouabain in cats and dogs": the list began after the frame's object
    return False


def _is_adjective(word: str) -> bool:
    """A lower-case word that may stand between a frame and its name (no function word)."""
    return word.isalpha() and word.islower() and word not in _FOLLOWERS


def _ends_item(token: Token, items: set[int]) -> bool:
    return token.end in items or _is_short_form(token.text)


def _framed_directly(tokens: list[Token], index: int, phrases: frozenset[tuple[str, ...]], longest: int) -> bool:
    j, adjectives = index - 1, 0
    while j >= 0 and tokens[j].text.lower() in _DETERMINERS:
        j -= 1
    for _ in range(_MAX_ADJECTIVES + 1):
        if _phrase_ends_at(tokens, j, phrases, longest):
            return True
        if j < 0 or not _is_adjective(tokens[j].text) or adjectives == _MAX_ADJECTIVES:
            return False
        j, adjectives = j - 1, adjectives + 1
        while j >= 0 and tokens[j].text.lower() in _DETERMINERS:
            j -= 1
    return False


def _phrase_ends_at(tokens: list[Token], last: int, phrases: frozenset[tuple[str, ...]], longest: int) -> bool:
    for size in range(1, longest + 1):
        first = last - size + 1
        if first < 0:
            break
        if tuple(t.text.lower() for t in tokens[first : last + 1]) in phrases:
            return True
    return False


def _as_infection(
    hit: Match, tokens: list[Token], offsets: _Offsets, frames: DiagnosisFrames, matcher: DictionaryMatcher,
    items: set[int],
) -> Match:
    """A pathogen in a diagnosis frame, as the infection it causes; any other hit unchanged."""
    first = offsets.starting(hit.start) if "pathogen" in hit.concepts[0].flags else None
    if first is None:
        return hit  # a dog or a mouse names no infection
    last = max(i for i in range(first, len(tokens)) if tokens[i].start < hit.end)
    followed = _followed_by(tokens, last, frames)
    if not (followed or _framed(tokens, first, frames.before_pathogen, frames.longest, items)):
        return hit
    if not followed and not _ends_phrase(tokens, last):
        return hit  # "HIV test", "HCV RNA": the pathogen modifies another noun
    surface = " ".join(t.text for t in tokens[first : last + 1])
    named = [c for name in (surface, hit.concepts[0].label) for c in matcher.lookup(f"{name} infection")
             if c.category == "Disease"]
    if named:
        return replace(hit, concepts=(named[0],), by_form=False)
    return replace(hit, concepts=(INFECTION,), by_form=True)


def _followed_by(tokens: list[Token], last: int, frames: DiagnosisFrames) -> bool:
    """True when an "after" phrase follows the pathogen ("HBV carrier"); "positive" only
    joined by a hyphen ("HIV-positive": "found to be Helicobacter pylori positive" is a test)."""
    j = last + 1
    hyphen = j < len(tokens) and tokens[j].text in _HYPHENS
    j += hyphen
    if j >= len(tokens):
        return False
    word = tokens[j].text.lower()
    return word in frames.after_pathogen and (hyphen or not word.endswith("positive"))
