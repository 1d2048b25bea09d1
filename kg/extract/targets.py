"""Gene-targeted therapies named in the text: "CD19 CAR-T", "CLL1-directed CAR T cells",
"CAR-CLL1", "anti-CD38 antibody", "CAR T cells targeting BCMA".

A targeted-therapy mention (flag ``cell_therapy`` or ``antibody``) next to a Gene mention
gets that gene as a target; a bare ``CAR-<gene>`` becomes a CAR-T mention of its own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.lexicon import Concept
from kg.model import Mention

__all__ = ["attach_targets", "TARGETED_FLAGS"]

TARGETED_FLAGS = frozenset({"cell_therapy", "antibody"})

#: text allowed between a gene and the therapy that follows it
_GENE_BEFORE = re.compile(
    r"^(?:\s*[-‐–]?\s*(?:directed|targeted|targeting|specific|redirected|positive|based|engineered)?\s*[-‐–]?\s*)$",
    re.IGNORECASE,
)
#: text allowed between a therapy and the gene that follows it
_GENE_AFTER = re.compile(
    r"^(?:\s*(?:cells?|therapy|products?|infusion)?\s*(?:targeting|against|directed (?:at|against|to)|specific for|to)\s+(?:the\s+)?|\s*[-‐–]\s*)$",
    re.IGNORECASE,
)
_ANTI = re.compile(r"anti[-‐–\s]?$", re.IGNORECASE)
_CAR_PREFIX = re.compile(r"\bCAR[-‐–\s]?(?:T[-‐–\s]?)?(?:cells?\s+)?$")


def attach_targets(text: str, mentions: list[Mention], car_t: Concept | None, extractor: str) -> list[Mention]:
    """Mentions with targets attached to targeted therapies, plus ``CAR-<gene>`` therapies."""
    genes = [m for m in mentions if m.category == "Gene" and m.start is not None]
    result: list[Mention] = []
    covered: set[tuple[int, int]] = set()
    for mention in mentions:
        if mention.start is None or mention.category not in {"Therapy", "Chemical"}:
            result.append(mention)
            continue
        if not TARGETED_FLAGS & mention.flags:
            result.append(mention)
            continue
        found = []
        for gene in genes:
            if gene.end <= mention.start and _GENE_BEFORE.match(text[gene.end : mention.start]):
                found.append(gene.code)
            elif gene.start >= mention.end and _GENE_AFTER.match(text[mention.end : gene.start]):
                found.append(gene.code)
        if found:
            mention = replace(mention, targets=tuple(dict.fromkeys((*mention.targets, *found))))
            covered.add((mention.start, mention.end))
        result.append(mention)
    if car_t is not None:
        for gene in genes:
            prefix = _CAR_PREFIX.search(text, max(0, gene.start - 12), gene.start)
            if prefix is None or prefix.end() != gene.start:
                continue
            start = prefix.start()
            if any(m.start is not None and m.start <= start < m.end and m.category == "Therapy" for m in result):
                continue
            result.append(
                Mention(
                    start=start,
                    end=gene.end,
                    text=text[start : gene.end],
                    category="Therapy",
                    codes=(car_t.curie,),
                    label=car_t.label,
                    extractors=(extractor,),
                    section=gene.section,
                    flags=car_t.flags,
                    targets=(gene.code,),
                )
            )
    return sorted(result, key=lambda m: (m.start is None, m.start or 0, m.end or 0))
