"""Name variants added when a vocabulary is compiled (pure functions).

MeSH-style inverted names ("Leukemia, Myeloid, Acute") are also written in running-text
order ("Acute Myeloid Leukemia"), trailing qualifiers ("(disorder)", ", NOS") are
dropped, and eponyms gain their possessive ("Alzheimer Disease" -> "Alzheimer's
Disease"). Hyphen/space/slash variants, Greek letters, British spellings and case are
handled by the token normalization shared with the text (:mod:`kg.extract.tokens`);
plurals by the matcher. The approach follows the term-variant generation of
dictionary taggers such as MetaMap (Aronson 2001) and LexVar (the SPECIALIST lexicon).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.resources import rule_lines, rules_dir

__all__ = ["name_variants", "vocabulary_case_sensitive", "salt_forms", "species_variants", "inflections",
           "organ_variants", "code_name_variants", "deficiency_variants", "organ_nouns", "GENERIC_DISEASE_HEADS",
           "is_organ_word", "anion_variants"]

_QUALIFIER = re.compile(r"\s*(?:\((?:disorder|disease|finding|morphologic abnormality|situation)\)|,\s*NOS|\s+NOS)\s*$", re.I)
_EPONYM_HEADS = frozenset({"disease", "syndrome", "sarcoma", "palsy", "anemia", "anaemia", "lymphoma", "tumor", "ataxia", "dystrophy"})
_INVERTED_PART = re.compile(r"^[A-Za-z][\w\- ]*$")


def _uninvert(name: str) -> str | None:
    """"Leukemia, Myeloid, Acute" -> "Acute Myeloid Leukemia" (MeSH entry-term inversion)."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) < 2 or len(parts) > 4 or not all(_INVERTED_PART.match(p) for p in parts):
        return None
    if any(len(p.split()) > 3 for p in parts[1:]):
        return None
    return " ".join(reversed(parts))


def _possessive(name: str) -> str | None:
    words = name.split()
    for i, word in enumerate(words[:-1]):
        if word[:1].isupper() and word.isalpha() and len(word) > 3 and words[i + 1].lower() in _EPONYM_HEADS:
            return " ".join(words[:i] + [word + "'s"] + words[i + 1 :])
    return None


_INNER_CAPITAL = re.compile(r"^.+[A-Z]")


def vocabulary_case_sensitive(name: str, category: str) -> bool:
    """Whether a vocabulary name must match with its case (symbols, short acronyms).

    Vocabularies write names in title case ("Uric Acid", "Leukemia, Myeloid"), so a
    capital only matters in a short token or in a symbol's inner letters.

    >>> vocabulary_case_sensitive("Uric Acid", "Chemical"), vocabulary_case_sensitive("ALL", "Disease")
    (False, True)
    >>> vocabulary_case_sensitive("CLL1", "Gene"), vocabulary_case_sensitive("Tumor Necrosis Factor", "Gene")
    (True, False)
    """
    words = re.findall(r"\w+", name)
    if not words:
        return False
    if len(words) == 1:
        word = words[0]
        if category == "Gene":
            return True
        return bool(_INNER_CAPITAL.match(word)) and (len(word) <= 6 or word.isupper())
    compact = "".join(words)
    return len(compact) <= 6 and any(c.isupper() for c in compact)


@lru_cache(maxsize=1)
def _salts() -> tuple[str, ...]:
    return tuple(line.lower() for line in rule_lines("salts.txt"))


def salt_forms(name: str) -> list[str]:
    """A drug named with its salt is also written without it ("Quetiapine Fumarate" -> "Quetiapine").

    >>> salt_forms("Quetiapine Fumarate"), salt_forms("Sodium Chloride")
    (['Quetiapine'], [])
    """
    words = name.split()
    if len(words) < 2 or "," in name:
        return []  # an inverted name ("Chloride, Potassium") is no drug followed by its salt
    salts = _salts()
    if words[-1].lower() in salts and words[-2].lower() not in salts and len(words[-2]) > 3:
        return [" ".join(words[:-1])]
    return []


def name_variants(name: str) -> list[str]:
    """The name and the variants it is also written as, without repeats.

    >>> name_variants("Leukemia, Myeloid, Acute")
    ['Leukemia, Myeloid, Acute', 'Acute Myeloid Leukemia']
    >>> name_variants("Alzheimer Disease")
    ['Alzheimer Disease', "Alzheimer's Disease"]
    """
    name = " ".join(name.split())
    found = [name]
    stripped = _QUALIFIER.sub("", name)
    if stripped and stripped != name:
        found.append(stripped)
    for base in list(found):
        uninverted = _uninvert(base)
        if uninverted:
            found.append(uninverted)
    for base in list(found):
        possessive = _possessive(base)
        if possessive:
            found.append(possessive)
    return list(dict.fromkeys(found))


@lru_cache(maxsize=1)
def _inflection_rules() -> tuple[tuple[str, str, str, frozenset[str]], ...]:
    rules = []
    for line in (rules_dir() / "inflections.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("suffix\t"):
            continue
        suffix, form, kind, categories = line.split("\t")[:4]
        rules.append((suffix, form, kind, frozenset(categories.split(","))))
    return tuple(sorted(rules, key=lambda r: -len(r[0])))


def inflections(name: str, category: str) -> list[str]:
    """Plural and (for diseases) adjective forms of the name's last word (rules as data).

    >>> inflections("Ischemia", "Disease"), inflections("Seizure", "Disease")
    (['Ischemic', 'Ischemias'], ['Seizures'])
    >>> inflections("Neuropathy", "Disease"), inflections("CLL1", "Gene")
    (['Neuropathic', 'Neuropathies'], [])
    """
    words = name.split()
    last = words[-1] if words else ""
    if not last.isalpha() or len(last) < 4 or last.isupper():
        return []
    found: dict[str, str] = {}
    for suffix, form, kind, categories in _inflection_rules():
        if kind in found or not last.lower().endswith(suffix) or not ("*" in categories or category in categories):
            continue
        found[kind] = " ".join(words[:-1] + [last[: len(last) - len(suffix)] + form]) if kind != "none" else ""
        if kind == "none":
            found["plural"] = ""
    return [v for k, v in found.items() if v and k != "none"]


_BINOMIAL = re.compile(r"^([A-Z])[a-z]+ ([a-z]{3,}(?: [a-z]{3,})?)$")


def species_variants(name: str) -> list[str]:
    """A binomial is also written with its genus abbreviated ("Candida albicans" -> "C. albicans").

    >>> species_variants("Candida albicans")
    ['C. albicans', 'C albicans']
    """
    match = _BINOMIAL.match(name)
    return [f"{match.group(1)}. {match.group(2)}", f"{match.group(1)} {match.group(2)}"] if match else []


#: the head words of a name about an organ's diseases, and those running text puts in their place
_DISEASE_HEADS = frozenset({"disease", "diseases", "disorder", "disorders"})
_DISEASE_FORMS = ("disease", "diseases", "disorder", "disorders", "damage", "injury", "lesion", "lesions",
                  "dysfunction", "impairment", "abnormality", "abnormalities", "toxicity", "involvement")
_NEOPLASM_HEADS = frozenset({"neoplasm", "neoplasms"})
_NEOPLASM_FORMS = ("neoplasm", "neoplasms", "tumor", "tumors", "tumour", "tumours", "cancer", "cancers",
                   "carcinoma", "carcinomas")


@lru_cache(maxsize=1)
def _organ_forms() -> dict[str, tuple[str, ...]]:
    """Each organ word (noun or adjective, lower case) -> every form naming that organ."""
    forms: dict[str, tuple[str, ...]] = {}
    for line in (rules_dir() / "organs.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("noun\t"):
            continue
        noun, adjectives = line.split("\t")[:2]
        group = tuple(dict.fromkeys([noun, *adjectives.split("|")]))
        for form in group:
            forms[form] = tuple(dict.fromkeys([*forms.get(form, ()), *group]))
    return forms


#: the head words of a name that an organ complement can follow ("disorders of the central
#: nervous system", "carcinoma of the bladder")
GENERIC_DISEASE_HEADS = frozenset([*_DISEASE_FORMS, *_NEOPLASM_FORMS, "defect", "defects", "anomaly", "anomalies",
                                   "malformation", "malformations"])


@lru_cache(maxsize=1)
def organ_nouns() -> frozenset[str]:
    """The organ nouns of the organ table ("kidney", "nervous system"), lower case."""
    nouns = set()
    for line in (rules_dir() / "organs.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and not line.startswith("noun\t"):
            nouns.add(line.split("\t")[0].strip().lower())
    return frozenset(nouns)


def is_organ_word(name: str) -> bool:
    """Whether a name only names an organ ("lung", "pancreatic"): a disease vocabulary listing it
    as a synonym of the organ's neoplasms (MONDO does) would tag every organ in the text.

    >>> is_organ_word("Pancreas"), is_organ_word("pancreatic cancer")
    (True, False)
    """
    return " ".join(name.lower().split()) in _organ_forms()


def organ_variants(name: str) -> list[str]:
    """A disease name about an organ, written with the organ's other forms and, for an organ's
    diseases or neoplasms, with the generic heads running text uses (rules as data).

    >>> organ_variants("Kidney Failure")
    ['renal failure']
    >>> "renal impairment" in organ_variants("Kidney Diseases"), "hepatic tumors" in organ_variants("Liver Neoplasms")
    (True, True)
    >>> organ_variants("Acute Myeloid Leukemia"), "jaw tumor" in organ_variants("Jaw Neoplasms")
    ([], True)
    """
    words = name.lower().split()
    if len(words) < 2:
        return []
    modifier, head = " ".join(words[:-1]), words[-1]
    organs = _organ_forms().get(modifier)
    if organs is None and head in _NEOPLASM_HEADS and "," not in modifier:
        # any site's neoplasms are its tumors and cancers too ("Jaw Neoplasms" -> "jaw tumor")
        return [f"{modifier} {h}" for h in _NEOPLASM_FORMS if h != head]
    if organs is None:
        return []
    if head in _DISEASE_HEADS:
        heads: tuple[str, ...] = _DISEASE_FORMS
    elif head in _NEOPLASM_HEADS:
        heads = _NEOPLASM_FORMS
    else:
        heads = (head,)
    found = [f"{organ} {h}" for organ in organs for h in heads]
    return [v for v in dict.fromkeys(found) if v != name.lower()]


_CODE_SPACED = re.compile(r"^([A-Za-z]{2,5})[ -](\d{2,6}[A-Za-z]?)$")
_CODE_COMPACT = re.compile(r"^([A-Za-z]{2,5})(\d{2,6}[A-Za-z]?)$")


def code_name_variants(name: str) -> list[str]:
    """A research compound's code is written with or without its separator
    ("KF 17837", "KF-17837", "KF17837").

    >>> code_name_variants("KF 17837"), code_name_variants("PJ34"), code_name_variants("Aspirin")
    (['KF17837'], ['PJ 34'], [])
    """
    spaced = _CODE_SPACED.match(name)
    if spaced:
        return [spaced.group(1) + spaced.group(2)]
    compact = _CODE_COMPACT.match(name)
    return [f"{compact.group(1)} {compact.group(2)}"] if compact else []


_ACID = re.compile(r"^(?P<stem>[A-Za-z][\w,'()-]*?)(?P<ending>ic|ous) acid$", re.IGNORECASE)


def anion_variants(name: str) -> list[str]:
    """An acid is also written as its anion, the name chemists and physiologists use for it
    in solution: "-ic acid" -> "-ate", "-ous acid" -> "-ite" (IUPAC nomenclature).

    >>> anion_variants("Pyruvic Acid"), anion_variants("Kainic Acid"), anion_variants("Nitrous Acid")
    (['Pyruvate'], ['Kainate'], ['Nitrite'])
    >>> anion_variants("Acid Phosphatase"), anion_variants("Amino Acids")
    ([], [])
    """
    match = _ACID.match(name.strip())
    if not match:
        return []
    return [match.group("stem") + ("ate" if match.group("ending").lower() == "ic" else "ite")]


_DEFICIENCY = re.compile(r"^(?P<what>.+?)\s+deficiency$", re.IGNORECASE)


def deficiency_variants(name: str) -> list[str]:
    """"X deficiency" is also written "deficiency of X" (not "X-deficient": that word describes
    knockout mice and cell lines as often as patients).

    >>> deficiency_variants("C9 deficiency"), deficiency_variants("Iron-Deficiency Anemia")
    (['deficiency of C9'], [])
    """
    match = _DEFICIENCY.match(name.strip())
    if not match or "," in name:
        return []
    return [f"deficiency of {match.group('what')}"]
