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

__all__ = ["genus_of_binomial", "modifies_organism", "looks_like_epithet"]

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


def genus_of_binomial(text: str, start: int, end: int) -> bool:
    """Whether the one-word, capitalized name at ``start:end`` is the genus of a binomial.

    >>> genus_of_binomial("Botrytis cinerea infects", 0, 8), genus_of_binomial("Botrytis was found", 0, 8)
    (True, False)
    """
    name = text[start:end]
    if not name[:1].isupper() or not name.isalpha() or not name[1:].islower():
        return False
    after = _WORD_AFTER.match(text, end)
    return bool(after) and looks_like_epithet(after.group(1))


def modifies_organism(text: str, start: int, end: int, organism_starts: set[int]) -> bool:
    """Whether the organism name at ``start:end`` modifies another organism's name right after it
    (within two words, none of them a function word), or a word for a virus.

    >>> modifies_organism("Turnip mosaic virus", 0, 6, set()), modifies_organism("human and mouse", 0, 5, {10})
    (True, False)
    """
    tail = text[end : end + 40]
    words = re.match(r"^((?:[ \t-]+[A-Za-z]+){1,3})", tail)
    if not words:
        return False
    following = words.group(1)
    position = end
    for match in re.finditer(r"[A-Za-z]+", following):
        word = match.group()
        position = end + match.start()
        if word.lower() in _FUNCTION_WORDS:
            return False
        if _VIRUS_WORD.search(word) or position in organism_starts:
            return True
    return False
