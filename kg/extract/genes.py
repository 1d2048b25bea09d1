"""Gene-specific judgements of the annotator (kept apart from the generic matching).

* :func:`gene_like_name`: whether a phrase reads as a gene or protein name ("glyoxylate
  reductase", "neutrophil-activating peptide 2"), judged by its head word
  (``ontologies/rules/gene_heads.tsv``). An abbreviation defined by such a long form keeps
  its gene meaning even when the vocabulary does not know the long form: authors define
  gene symbols by their full names far more often than by anything else.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.resources import rules_dir

__all__ = ["gene_like_name", "gene_heads"]

#: what may follow the head of a gene name: numbers, Greek letters, Roman numerals, a letter
_TAIL = re.compile(
    r"(?:[\s-]*(?:\d+[A-Za-z]?|[IVX]+|alpha|beta|gamma|delta|epsilon|kappa|[A-Z]|[α-ω]))+$"
)
_WORD = re.compile(r"[A-Za-z]+")


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
    """
    words = _WORD.findall(_TAIL.sub("", name.strip()))
    if not words:
        return False
    last = words[-1].lower()
    heads, excluded = gene_heads()
    if last in excluded:
        return False
    return last in heads or (len(last) >= 6 and last.endswith("ase"))
