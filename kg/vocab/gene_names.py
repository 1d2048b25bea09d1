"""How gene and protein names are also written (pure functions, used when compiling).

The shared token normalization already makes "IL-2" = "IL 2" and "TIF1-gamma" = "TIF1
gamma", but not "IL2" or "TIF1gamma": a token is never split or joined. Gene names get
the missing spellings here, each at a low weight so a real name always wins a key:

* joined and split forms: "IL-2" <-> "IL2", "TIF1-gamma" -> "TIF1gamma", "IKK-beta" ->
  "IKKbeta", "NF-kappaB" -> "NFkappaB";
* case: official symbols are upper case, but papers write proteins "Daxx", "Smad" or
  "Cdk5" (mouse-style case is common for human proteins too);
* "p53"-style protein names written with a lower-case "p" (gene_info lists "P53").

The variants follow the gene-name variation rules of GNormPlus (Wei et al. 2015) and of
Fang et al. 2006 ("Human gene name normalization using text matching with automatically
extracted synonym dictionaries").
"""

from __future__ import annotations

import re

__all__ = ["gene_variants", "not_a_gene_name"]

_GREEK = "alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|sigma|tau|omega"
_SEPARATED_GREEK = re.compile(rf"(?<=[A-Za-z0-9])[-\s]({_GREEK})(?=$|[-\s\dA-Z])")
_GLUED_GREEK = re.compile(rf"[0-9A-Z]({_GREEK})$")
_SYMBOL_NUMBER = re.compile(r"^([A-Za-z]{2,4})(\d{1,2}[A-Za-z]?)$")
_HYPHENATED = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+$")
_UPPER_SYMBOL = re.compile(r"^[A-Z][A-Z0-9]{2,}$")
#: symbols that are also amino acids' three-letter codes: "Tyr", "Met" in protein case are the
#: residues ("Tyr(705)", "Val158Met"), not TYR or MET
_AMINO_ACIDS = frozenset("ALA ARG ASN ASP CYS GLN GLU GLY HIS ILE LEU LYS MET PHE PRO SER THR TRP TYR VAL".split())
#: a three-letter stem and a family member's letter ("RHOA", "RELA")
_MEMBER_LETTER = re.compile(r"^[A-Z]{3}[A-D]$")
_P_PROTEIN = re.compile(r"^P(\d{2,3})$")
_LOWER_WORD = re.compile(r"^[a-z]{5,}$")
#: ion channel names: a subfamily and a member number ("KV4.2", "CAV1.2")
_CHANNEL = re.compile(r"^[A-Z]{2,3}\d{1,2}\.\d{1,2}$")


def _spellings(name: str) -> list[str]:
    """Joined, split and Greek-glued spellings of one short name (a symbol or alias)."""
    found: list[str] = []
    if len(name) > 20:
        return found
    glued = _SEPARATED_GREEK.sub(r"\1", name)
    if glued != name:
        found.append(glued)
    if _HYPHENATED.match(name) and len(name) <= 15:
        found.append(name.replace("-", ""))
    match = _SYMBOL_NUMBER.match(name)
    if match and any(c.isupper() for c in match.group(1)):
        found.append(f"{match.group(1)}-{match.group(2)}")
    glued = _GLUED_GREEK.search(name)
    if glued:  # "p110gamma" -> "p110 gamma"
        found.append(f"{name[: glued.start(1)]} {glued.group(1)}")
    return found


#: "protein I", "factor 2": a generic word with a number is no name to respell
_GENERIC_HEADS = frozenset({"protein", "factor", "antigen", "chain", "subunit", "component", "type", "form", "class",
                            "region", "member", "isoform", "clone", "gene", "receptor", "domain"})
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_LAST_NUMBER = re.compile(r"^(\S+(?: \S+)*) (\d{1,2}|I{1,3}|IV|VI{0,3}|IX|X)$")


def _numerals(name: str) -> list[str]:
    """A multi-word name's last number in the other numeral system ("histone deacetylase 2" =
    "histone deacetylase II", "desmoglein III" = "desmoglein 3")."""
    match = _LAST_NUMBER.match(name)
    if not match or not any(c.islower() for c in match.group(1)) or match.group(1).lower() in _GENERIC_HEADS:
        return []
    number = match.group(2)
    if number.isdigit():
        return [f"{match.group(1)} {_ROMAN[int(number) - 1]}"] if 1 <= int(number) <= len(_ROMAN) else []
    return [f"{match.group(1)} {_ROMAN.index(number) + 1}"]


_SUBUNIT = re.compile(rf"^(\S.*?) subunit ({_GREEK})((?: \d{{1,2}})?)$")


def _subunits(name: str) -> list[str]:
    """A subunit named the way papers write it: nomenclature names end in "subunit beta"
    ("luteinizing hormone subunit beta", "integrin subunit beta 1"), papers write "luteinizing
    hormone beta subunit", "luteinizing hormone beta" and, for a one-word head, "beta1 integrin"."""
    match = _SUBUNIT.match(name)
    if not match:
        return []
    head, member, number = match.group(1), match.group(2), match.group(3)
    found = [f"{head} {member}{number}", f"{head} {member}{number} subunit"]
    if " " not in head:
        found += [f"{member}{number} {head}", f"{member}{number.strip()} {head}"]
    return found


#: a receptor's symbol: its ligand's symbol and "R" ("CNTFR", "C5AR", "EGFR")
_RECEPTOR_SYMBOL = re.compile(r"^([A-Z][A-Za-z0-9]*[A-Za-z0-9])-?R(\d?)$")


def _receptors(name: str) -> list[str]:
    """A receptor symbol as papers write it out: "CNTF receptor", "C5a receptor" ("C5AR"), "EGF
    receptor". Symbols ending in R that are no receptors ("MTOR") give phrases nobody writes."""
    match = _RECEPTOR_SYMBOL.match(name)
    if not match or len(match.group(1)) < 3 and match.group(1).isalpha():  # "TYR" is no "TY receptor"
        return []
    ligand, number = match.group(1), match.group(2)
    return [f"{ligand} receptor {number}".rstrip()]


def _cases(name: str, symbol: bool) -> list[str]:
    """Protein-style case of an official symbol (and "p53" for any "P53" alias); a protein
    name of one lower-case word at the start of a sentence ("Autotaxin", "Adipophilin")."""
    protein = _P_PROTEIN.match(name)
    if protein:  # any alias: "P53" is TP53's
        return [f"p{protein.group(1)}"]
    if _LOWER_WORD.match(name):
        return [name.capitalize()]
    if _CHANNEL.match(name):  # any alias: "KV4.2" is written "Kv4.2", "NAV1.5" "Nav1.5"
        return [name[0] + name[1:].lower()]
    found: list[str] = []
    if not symbol:
        return found
    if _UPPER_SYMBOL.match(name) and sum(c.isalpha() for c in name) >= 3 and name not in _AMINO_ACIDS:
        found.append(name[0] + name[1:].lower())
    if _MEMBER_LETTER.match(name):  # "RHOA" -> "RhoA", "RELB" -> "RelB": the member's letter stays up
        found.append(name[0] + name[1:-1].lower() + name[-1])
    return found


def gene_variants(name: str, symbol: bool = True) -> list[str]:
    """Other spellings of a gene name, without the name itself (case only for an official
    ``symbol``: doing it for every alias would add ~150,000 keys for few mentions). The
    species prefix "h" ("hDaxx") is read at annotation time (:mod:`kg.extract.genes`).

    >>> gene_variants("TIF1-gamma"), gene_variants("IL-2"), gene_variants("DAXX")
    (['TIF1gamma'], ['IL2'], ['Daxx'])
    >>> gene_variants("P53", symbol=False), gene_variants("DAXX", symbol=False), gene_variants("tumor necrosis factor")
    (['p53'], [], [])
    """
    found = []
    for spelling in [name, *_spellings(name), *_numerals(name), *_subunits(name), *_receptors(name)]:
        if spelling != name:
            found.append(spelling)
        found.extend(_cases(spelling, symbol))
    return [v for v in dict.fromkeys(found) if v != name]


_FRAGMENT = re.compile(rf"^(?:{_GREEK}|[αβγδεκ])[\s-]?(?:\d+[a-z]?|[IVX]+|chain|subunit)?$", re.IGNORECASE)


def is_name_fragment(name: str) -> bool:
    """A Greek letter with at most a number ("alpha1", "beta 1", "zeta", "alpha chain"): in
    gene_info it names one gene, in text it is a piece of another name ("CaMKII delta4",
    "IL-2R alpha chain"), so it is not matched on its own.

    >>> is_name_fragment("alpha1"), is_name_fragment("beta 1"), is_name_fragment("alpha chain"), is_name_fragment("TNF-alpha")
    (True, True, True, False)
    """
    return bool(_FRAGMENT.match(name.strip()))


_DISEASE_END = re.compile(
    r"(?:syndrome|disease|deficiency|disorder|sclerosis|dystrophy|ataxia|anemia|dysplasia|palsy)s?$", re.IGNORECASE)


def not_a_gene_name(name: str) -> bool:
    """A gene_info alias that in text names something else: a number ("14.1", "2.19": clone or
    EC fragments) or a disease the gene causes ("Zellweger syndrome", "multiple sclerosis").

    >>> not_a_gene_name("14.1"), not_a_gene_name("Zellweger syndrome"), not_a_gene_name("multiple sclerosis")
    (True, True, True)
    >>> not_a_gene_name("p53"), not_a_gene_name("survival motor neuron"), not_a_gene_name("MS")
    (False, False, False)
    """
    return not any(c.isalpha() for c in name) or bool(_DISEASE_END.search(name.strip()))


#: a gene name no official symbol or label claims, shared by this many genes or more, is
#: a family or a molecular weight ("p54", "protein kinase C"), not one gene
AMBIGUOUS_OWNERS = 3


def ambiguous_synonym(scores: dict[str, float], label_score: float, synonym_score: float) -> bool:
    """Whether the genes holding one name leave it without a clear owner: the best is not a
    label (or a trained name) and :data:`AMBIGUOUS_OWNERS` genes hold it at least half as well;
    two suffice for a name no gene holds better than as a designation ("nuclear protein")."""
    best = max(scores.values())
    if best >= label_score:
        return False
    owners = AMBIGUOUS_OWNERS if best >= synonym_score else 2
    return sum(1 for score in scores.values() if score >= best / 2) >= owners
