"""Surface patterns that the vocabulary compiler learns from and the annotator applies alike:
acronyms, and the word (or type designation) in front of a name."""

from __future__ import annotations

import re

__all__ = ["is_short_form", "modifier_before", "TYPE_MODIFIER", "NEGATED_MODIFIER"]

_SHORT_FORM = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
_MODIFIER_BEFORE = re.compile(r"([A-Za-z][\w'-]*)[ \t]+$")
_TYPE_BEFORE = re.compile(r"\b(?:types?|stages?|grades?|class)[ \t]+(?:[IVX]+|\d+)[A-Da-d]?[ \t]+$", re.IGNORECASE)
#: the key a type, stage or grade designation ("type IV", "stage 2") is learned under
TYPE_MODIFIER = "#type"
#: ... and a negated modifier ("non-syndromic", "nonketotic"): one corpus counts it as part of
#: the name, another leaves it out ("non-fatal myocardial infarction"), so it is learned as a class
NEGATED_MODIFIER = "#non"
_NEGATED = re.compile(r"^[Nn]on-?[a-z]{4,}$")  # not "non-Jewish"


def modifier_before(text: str, start: int, floor: int | None = None) -> tuple[str, int] | None:
    """The word right before ``start`` (lower case) and where it starts; a type, stage or grade
    designation ("type IV", "stage II") is one word, :data:`TYPE_MODIFIER`, and a negated
    modifier ("non-syndromic") is :data:`NEGATED_MODIFIER`.

    >>> modifier_before("in type IV Ehlers-Danlos syndrome", 11), modifier_before("renal cysts", 6)
    (('#type', 3), ('renal', 0))
    >>> modifier_before("non-syndromic hearing loss", 14)
    ('#non', 0)
    """
    floor = max(0, start - 40) if floor is None else floor
    typed = _TYPE_BEFORE.search(text, floor, start)
    if typed:
        return TYPE_MODIFIER, typed.start()
    match = _MODIFIER_BEFORE.search(text, floor, start)
    if not match:
        return None
    word = match.group(1)
    return (NEGATED_MODIFIER if _NEGATED.match(word) else word.lower()), match.start(1)


def is_short_form(surface: str) -> bool:
    """An upper-case acronym of two to six characters.

    >>> is_short_form("TD"), is_short_form("IDDM2"), is_short_form("Td"), is_short_form("AAAAAAA")
    (True, True, False, False)
    """
    return bool(_SHORT_FORM.match(surface))
