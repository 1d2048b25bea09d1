"""Tokens and the normalized token string that dictionary matching runs over.

Text is cut into word and punctuation tokens with their character offsets. Each token is
normalized the same way for text and for lexicon names (hyphens and slashes dropped,
Greek letters spelled out, British spellings folded), and the normalized tokens are
joined with single spaces. A dictionary key `` acute myeloid leukemia `` then matches
only on token boundaries, whatever hyphenation or spacing the text used, and every match
maps back to exact character offsets in the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate, compress, count, repeat
from operator import add, attrgetter, sub
from dataclasses import dataclass
from typing import NamedTuple
from functools import lru_cache

from kg.resources import rules_dir

__all__ = ["Token", "tokenize", "normalize_token", "NormalizedText", "normalize_text", "name_key", "normalized_key",
           "token_spans", "word_occurrences"]

_TOKEN = re.compile(r"\w+|[^\w\s]")
#: token texts that only join words ("CAR-T" = "CAR T", "R/R" = "R R")
_JOINERS = frozenset("-‐‑‒–—/_·")

#: typographic apostrophes are written for "'" ("Bowen’s disease")
_APOSTROPHES = frozenset("’‘ʼ′")

_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "ω": "omega", "τ": "tau", "θ": "theta", "ζ": "zeta",
}


class Token(NamedTuple):
    """A word or punctuation token with its offsets (a tuple: millions are made per corpus)."""

    start: int
    end: int
    text: str


#: a token's start offset (the key to bisect tokens by)
token_start = attrgetter("start")


def tokenize(text: str) -> list[Token]:
    words, ends = token_spans(text)
    # tuple.__new__ builds each Token in C (calling Token(...) runs a Python __new__)
    return list(map(tuple.__new__, repeat(Token), zip(map(sub, ends, map(len, words)), ends, words)))


@lru_cache(maxsize=1)
def _spelling_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    """British -> American spelling folds, kept as data in ``rules/spelling.tsv``."""
    rules = []
    for line in (rules_dir() / "spelling.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, replacement = line.split("\t")[:2]
        rules.append((re.compile(pattern), replacement))
    return tuple(rules)


@lru_cache(maxsize=200_000)
def normalize_token(token: str, fold_case: bool) -> str:
    """The form a token takes in dictionary keys ('' for joiners, which are dropped)."""
    if token in _JOINERS:
        return ""
    if token in _APOSTROPHES:
        return "'"
    if any(char in _GREEK for char in token):
        token = "".join(_GREEK.get(char, char) for char in token)
    if not fold_case:
        return token
    token = token.lower()
    for pattern, replacement in _spelling_rules():
        token = pattern.sub(replacement, token)
    return token


@dataclass(frozen=True)
class NormalizedText:
    """A space-joined normalized token string, and where each key position came from."""

    key: str
    tokens: tuple[Token, ...]
    #: position in ``key`` of the space before token i -> i
    starts: dict[int, int]
    #: position in ``key`` of the space after token i -> i
    ends: dict[int, int]
    #: position in ``key`` of the space before token i, and last the key's final space
    positions: tuple[int, ...] = (0,)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """The kept tokens that begin between character offsets ``start`` and ``end``: ``first, end``."""
        return bisect_left(self.tokens, start, key=token_start), bisect_left(self.tokens, end, key=token_start)

    def key_range(self, first: int, end: int) -> tuple[int, int]:
        """The slice of ``key`` holding kept tokens ``first`` .. ``end - 1`` and the spaces around them."""
        return self.positions[first], self.positions[end] + 1

    def span(self, key_start: int, key_end: int) -> tuple[int, int] | None:
        """Character offsets in the original text of a key match (None if off-boundary)."""
        first = self.starts.get(key_start)
        last = self.ends.get(key_end)
        if first is None or last is None:
            return None
        return self.tokens[first].start, self.tokens[last].end


def normalize_text(tokens: list[Token], fold_case: bool) -> NormalizedText:
    key, forms, indexes = normalized_key([t.text for t in tokens], fold_case)
    if not forms:
        return NormalizedText(" ", (), {}, {})
    kept = tuple(tokens) if indexes is None else tuple(tokens[i] for i in indexes)
    positions = key_positions(forms)  # the space before each form
    starts = dict(zip(positions, count()))
    positions.append(len(key) - 1)
    ends = dict(zip(positions[1:], count()))
    return NormalizedText(key, kept, starts, ends, tuple(positions))


def name_key(name: str, fold_case: bool) -> str:
    """The dictionary key of a lexicon name: `` token token `` (empty if no tokens)."""
    forms = [normalize_token(t.text, fold_case) for t in tokenize(name)]
    forms = [f for f in forms if f]
    return " " + " ".join(forms) + " " if forms else ""


#: a token with the whitespace before it: one pass gives both the token texts and their ends
_CHUNK = re.compile(r"\s*(?:\w+|[^\w\s])")


def token_spans(text: str) -> tuple[list[str], list[int]]:
    """The token texts and their end offsets (the fast path: one regex pass, no Token objects).

    Token ``i`` starts at ``ends[i] - len(words[i])``.
    """
    chunks = _CHUNK.findall(text)
    return list(map(str.lstrip, chunks)), list(accumulate(map(len, chunks)))


def normalized_key(words: list[str], fold_case: bool) -> tuple[str, list[str], list[int] | None]:
    """The normalized token string of ``words``, its token forms, and the indexes of the
    tokens it kept (None when it kept all of them).

    The same string :func:`normalize_text` builds, without per-token objects: form ``i`` is
    preceded by the ``i``-th space of the key.
    """
    cache = _FOLDED if fold_case else _KEPT
    forms = list(map(cache.get, words))
    try:  # joining is the cheap test for a word not seen before (``None in forms`` is not)
        joined = " ".join(forms)
    except TypeError:
        _fill_forms(forms, words, cache, fold_case)
        joined = " ".join(forms)
    kept = None
    if "  " in joined or forms and (not forms[0] or not forms[-1]):  # joiners ("-", "/") are dropped
        kept = list(compress(range(len(forms)), forms))
        forms = list(filter(None, forms))
        joined = " ".join(forms)
    return " " + joined + " ", forms, kept


def key_positions(forms: list[str]) -> list[int]:
    """Position in the key of the space before each form (bisect it for a token index)."""
    return list(map(add, accumulate(map(len, forms), initial=0), count()))[:-1]


#: token -> its normalized form, case-folded and case-kept (plain dicts: a lookup is a C call,
#: cheaper than an lru_cache hit; cleared when full)
_FOLDED: dict[str, str] = {}
_KEPT: dict[str, str] = {}
_FORMS_MAX = 500_000


def _fill_forms(forms: list[str | None], words: list[str], cache: dict[str, str], fold_case: bool) -> None:
    """Normalize the words the cache does not know yet (in place)."""
    if len(cache) > _FORMS_MAX:
        cache.clear()
    for i, form in enumerate(forms):
        if form is None:
            forms[i] = cache[words[i]] = normalize_token(words[i], fold_case)


def word_occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    r"""Where ``surface`` occurs as a word: no word character or hyphen before it, no word
    character after it (the regex ``(?<![\w-])surface(?!\w)``, without compiling a
    pattern for every short form of every document).

    >>> word_occurrences("CO, CO2, the CO-rich gas, NCO; CO", "CO")  # not "CO2", "NCO"
    [(0, 2), (13, 15), (31, 33)]
    """
    if not surface:
        return []  # nothing to find (and ``find`` would stand still)
    found = []
    size = len(surface)
    position = text.find(surface)
    while position >= 0:
        end = position + size
        if (position == 0 or not _word_char(text[position - 1]) and text[position - 1] != "-") and (
                end == len(text) or not _word_char(text[end])):
            found.append((position, end))
            position = text.find(surface, end)
        else:
            position = text.find(surface, position + 1)
    return found


def _word_char(char: str) -> bool:
    """What ``\\w`` matches in a str pattern."""
    return char.isalnum() or char == "_"
