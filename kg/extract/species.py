"""Species-specific judgements of the annotator (kept apart from the generic matching).

A dictionary of organism names finds the genus of every binomial and the host of every
pathogen or pest named after it, and both are wrong there:

* "Xylella fastidiosa", "Botrytis cinerea": a capitalized genus followed by a Latin
  epithet names a species; when the vocabulary does not know that species, the genus alone
  is not what the text names (:func:`genus_of_binomial`);
* "Turnip mosaic virus", "Colorado potato beetle", "human body lice": an organism name
  directly followed by another organism's name (or a word for a virus) modifies it
  (:func:`modifies_organism`).

Both follow the species-level annotation of SPECIES-800 and LINNAEUS (Gerner et al. 2010;
Pafilis et al. 2013), where only the whole name is the mention.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.resources import rule_lines

__all__ = ["genus_of_binomial", "modifies_organism", "looks_like_epithet", "abbreviated_binomials", "binomials_by_genus",
           "abbreviated_epithets"]

#: endings of Latin specific epithets (albicans, cinerea, vulgaris, fastidiosa, coli, aureus ...)
_EPITHET = re.compile(r"^[a-z]{2,}(?:us|a|um|is|ii|ae|i|ensis|ense|oides|ans|ens|ax|ix|ex|or|er)$")
#: English words with those endings that follow a genus in running text
_NOT_EPITHETS = frozenset({
    "this", "thus", "virus", "viruses", "data", "area", "areas", "via", "analysis", "basis", "genus", "medium",
    "serum", "sera", "plus", "versus", "status", "focus", "corpus", "stimulus", "apparatus", "media", "formula",
    "extra", "alpha", "beta", "gamma", "delta", "kappa", "sigma", "omega", "lambda", "theta", "sensu", "among",
    "also", "after", "under", "over", "other", "either", "neither", "whether", "per", "ever", "never", "however",
    "rather", "further", "together", "larger", "smaller", "higher", "lower", "better", "later", "wider", "were",
    "has", "was", "is", "as", "its", "his", "her", "their", "our", "your", "infection", "strains", "spp", "sp",
    "nov", "et", "al", "vs", "i", "ii", "iii", "cell", "cells", "in", "on", "or",
})
_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z]+)\b")
_VIRUS_WORD = re.compile(r"(?:virus|viruses|viroid|phage|phages)$", re.IGNORECASE)
_FUNCTION_WORDS = frozenset({
    "and", "or", "but", "nor", "versus", "vs", "to", "in", "of", "from", "with", "than", "were", "was", "is",
    "are", "by", "for", "on", "at", "as", "the", "a", "an", "that", "which", "infected", "cells", "cell",
})


def looks_like_epithet(word: str) -> bool:
    """A lowercase Latin word of the kind species epithets are.

    >>> looks_like_epithet("fastidiosa"), looks_like_epithet("albicans"), looks_like_epithet("strains")
    (True, True, False)
    """
    return bool(_EPITHET.match(word)) and word not in _NOT_EPITHETS


def genus_of_binomial(text: str, start: int, end: int, epithets: frozenset[tuple[str, str]] = frozenset()) -> bool:
    """Whether the one-word, capitalized name at ``start:end`` is the genus of a binomial (a
    Latin-looking epithet, or one the document also writes after the genus' initial, given as
    ``epithets``: "Quercus robur ... Q. robur"), of an unnamed species ("Synechocystis sp.",
    "Fusarium spp.") or of a hybrid ("Pelargonium x hortorum").

    >>> genus_of_binomial("Botrytis cinerea infects", 0, 8), genus_of_binomial("Botrytis was found", 0, 8)
    (True, False)
    >>> genus_of_binomial("Quercus robur", 0, 7), genus_of_binomial("Quercus robur", 0, 7, frozenset({("Q", "robur")}))
    (False, True)
    >>> genus_of_binomial("Synechocystis sp. PCC 6803", 0, 13), genus_of_binomial("Pelargonium x hortorum", 0, 11)
    (True, True)
    """
    name = text[start:end]
    if not name[:1].isupper() or not name.isalpha() or not name[1:].islower():
        return False
    if _UNNAMED_OR_HYBRID.match(text, end):
        return True
    after = _WORD_AFTER.match(text, end)
    return bool(after) and (looks_like_epithet(after.group(1)) or (name[0], after.group(1)) in epithets)


_UNNAMED_OR_HYBRID = re.compile(r"[ \t]+(?:spp?\.|spp?\b|[x\u00d7][ \t]+[a-z]{3,})")


def abbreviated_epithets(text: str) -> frozenset[tuple[str, str]]:
    """(initial, epithet) of every binomial the text writes with its genus abbreviated ("Q. robur").

    >>> sorted(abbreviated_epithets("Q. robur and An. gambiae"))
    [('A', 'gambiae'), ('Q', 'robur')]
    """
    return frozenset((m.group(1)[0], m.group(2)) for m in _SHORT_BINOMIAL.finditer(text))


@lru_cache(maxsize=1)
def organism_heads() -> frozenset[str]:
    """Nouns heading common names given after another organism ("corn borer"; data file)."""
    return frozenset(line.lower() for line in rule_lines("organism_heads.txt"))


def modifies_organism(text: str, start: int, end: int, organism_starts: set[int]) -> bool:
    """Whether the organism name at ``start:end`` modifies another organism's name right after it
    (within two words, none of them a function word): a name found, a word for a virus, or a
    noun that heads common names of pests and other organisms ("corn borer", "dog tick").

    >>> modifies_organism("Turnip mosaic virus", 0, 6, set()), modifies_organism("human and mouse", 0, 5, {10})
    (True, False)
    >>> modifies_organism("the western corn rootworm", 12, 16, set()), modifies_organism("corn yields", 0, 4, set())
    (True, False)
    >>> modifies_organism("the swine pathogen Streptococcus suis", 4, 9, {19})
    False
    """
    tail = text[end : end + 40]
    words = re.match(r"^((?:[ \t-]+[A-Za-z]+){1,3})", tail)
    if not words:
        return False
    following = words.group(1)
    position = end
    for n, match in enumerate(re.finditer(r"[A-Za-z]+", following)):
        word = match.group()
        position = end + match.start()
        if word.lower() in _FUNCTION_WORDS:
            return False
        if position in organism_starts and (n == 0 or not word[0].isupper()):
            return True  # not "swine pathogen Streptococcus suis": a Latin name after a noun is in apposition
        if _VIRUS_WORD.search(word) or word.lower() in organism_heads():
            return True
    return False


#: a full binomial ("Anopheles gambiae") and one with its genus abbreviated ("An. gambiae")
_FULL_BINOMIAL = re.compile(r"\b([A-Z][a-z]{2,})[ \t]+([a-z]{3,})\b")
_SHORT_BINOMIAL = re.compile(r"\b([A-Z][a-z]?)\.[ \t]*([a-z]{3,})\b")


def abbreviated_binomials(text: str) -> dict[tuple[int, int], tuple[int, int]]:
    """Each binomial written with its genus abbreviated ("B. cinerea") -> the span of the full
    binomial the document wrote first that it stands for ("Botrytis cinerea"): the genus an
    initial stands for is the document's own, whatever else the initial could stand for.

    >>> abbreviated_binomials("Botrytis cinerea and Bacillus subtilis; B. cinerea, B. subtilis, C. cinerea")
    {(40, 50): (0, 16), (52, 63): (21, 38)}
    """
    short = list(_SHORT_BINOMIAL.finditer(text))
    if not short:
        return {}  # most texts abbreviate no genus: skip the scan of every capitalized word
    full: dict[str, list[tuple[str, int, int]]] = {}
    for match in _FULL_BINOMIAL.finditer(text):
        if match.group(2) not in _NOT_EPITHETS:
            full.setdefault(match.group(2), []).append((match.group(1), match.start(), match.end()))
    result = {}
    for match in short:
        initial, epithet = match.group(1), match.group(2)
        for genus, start, end in full.get(epithet, ()):
            if genus.startswith(initial) and start < match.start():
                result[(match.start(), match.end())] = (start, end)
                break
    return result


def binomials_by_genus(text: str, known: frozenset[tuple[int, int]] = frozenset()) -> dict[str, list[tuple[int, int]]]:
    """The spans of the binomials a document writes, by genus ("Quercus" -> "Quercus rubra"):
    a bare genus in a document about one of its species usually stands for that species.
    A binomial is a genus and a Latin-looking epithet, one the text also writes after the
    genus' initial, or a span in ``known``.

    >>> binomials_by_genus("Quercus rubra and Quercus robur; Quercus and Arabidopsis plants", frozenset({(18, 31)}))
    {'Quercus': [(0, 13), (18, 31)]}
    """
    found: dict[str, list[tuple[int, int]]] = {}
    epithets = abbreviated_epithets(text)
    for match in _FULL_BINOMIAL.finditer(text):
        genus, epithet = match.groups()
        if looks_like_epithet(epithet) or (match.start(), match.end()) in known or (genus[0], epithet) in epithets:
            found.setdefault(match.group(1), []).append((match.start(), match.end()))
    return found
