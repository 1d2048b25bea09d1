"""The order of therapies and which therapy an outcome or adverse event follows.

Therapies are ordered by where the narrative first mentions them (case sections before
the abstract, the abstract before summary bullets, the title last), corrected by
explicit cues in a sentence ("CAR-T cells ... post-UCBT" puts UCBT first). Therapies
first named together ("UCB and PBSCT with DLI") form one line. An outcome or adverse
event belongs to the therapy its sentence says it followed ("remission following CAR-T"),
else to the nearest therapy before it in its sentence, else to the latest line narrated
before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.model import Document, Mention

__all__ = ["position", "Line", "order_lines", "line_for"]

_SECTION_RANK = {"case": 0, "abstract": 1, "summary": 2, "title": 3}

#: words that separate two lines of therapy named in one sentence
_SEQUENCE_CUE = re.compile(
    r"\b(?:then|followed by|subsequently|later|afterwards?|after|following|before|prior to|switched|changed|"
    r"replaced|bridg\w*|relaps\w*|progress\w*|recurr\w*|failed|refractory|consolidat\w*|maintenance|"
    r"months?|weeks?|years?|days?)\b|;",
    re.IGNORECASE,
)
_MAX_TOGETHER_GAP = 120

_BEFORE_CUE = re.compile(r"\b(?:after|following|post|since)\b[\s-]*(?:\w+[\s-]+){0,3}$", re.IGNORECASE)
_RIGHT_CUE = re.compile(
    r"^[^.;]{0,50}?\b(?:after|following|post|since|from|due to|secondary to|related to|induced by|caused by|"
    r"associated with|attributed to)\b[\s-]*",
    re.IGNORECASE,
)


def position(document: Document, mention: Mention) -> tuple[int, int]:
    """Narrative position: section rank first, then offset."""
    section = document.section_at(mention.start or 0)
    rank = _SECTION_RANK.get(section.kind, 4) if section else 0
    return rank, mention.start or 0


@dataclass
class Line:
    """One line of therapy: the codes given together, and class names that described them."""

    number: int
    codes: list[str]
    first: Mention
    aliases: list[str] = field(default_factory=list)


def order_lines(document: Document, therapy_mentions: list[Mention], facts: list[Mention]) -> list[Line]:
    """Group therapy codes into numbered lines in narrated order."""
    text = document.text
    first: dict[str, Mention] = {}
    for mention in sorted(therapy_mentions, key=lambda m: position(document, m)):
        first.setdefault(mention.code, mention)
    order = sorted(first, key=lambda code: position(document, first[code]))
    order = _apply_cues(text, therapy_mentions, facts, order)
    lines: list[Line] = []
    for code in order:
        mention = first[code]
        previous = first[lines[-1].codes[-1]] if lines else None
        if previous is not None and _together(text, previous, mention, facts):
            lines[-1].codes.append(code)
            continue
        lines.append(Line(len(lines) + 1, [code], mention))
    return lines


def _together(text: str, previous: Mention, mention: Mention, facts: list[Mention]) -> bool:
    """Named in one breath: same sentence, close, with no outcome or sequence word between.

    "induction chemotherapy with cytarabine and daunorubicin (7+3)", "R-CHOP: rituximab
    ... combined with cyclophosphamide", "combined UCB and PBSCT with DLI".
    """
    if previous.sentence != mention.sentence or previous.end is None or mention.start is None:
        return False
    if not previous.end <= mention.start or mention.start - previous.end > _MAX_TOGETHER_GAP:
        return False
    if any(f.start is not None and previous.end <= f.start < mention.start for f in facts):
        return False
    return not _SEQUENCE_CUE.search(text[previous.end : mention.start])


def _apply_cues(text: str, therapies: list[Mention], facts: list[Mention], order: list[str]) -> list[str]:
    """Move B before A where a sentence says "A ... post/after B" with no fact in between."""
    constraints: list[tuple[str, str]] = []
    by_sentence: dict[int, list[Mention]] = {}
    for mention in therapies:
        if mention.sentence is not None:
            by_sentence.setdefault(mention.sentence, []).append(mention)
    for mentions in by_sentence.values():
        mentions.sort(key=lambda m: m.start or 0)
        for a, b in zip(mentions, mentions[1:]):
            if a.code == b.code or a.end is None or b.start is None:
                continue
            gap = text[a.end : b.start]
            between = [f for f in facts if f.start is not None and a.end <= f.start < b.start]
            if not between and _BEFORE_CUE.search(gap):
                constraints.append((b.code, a.code))
    for _ in range(3):
        for earlier, later in constraints:
            if order.index(earlier) > order.index(later):
                order.remove(earlier)
                order.insert(order.index(later), earlier)
    return order


def line_for(
    document: Document,
    mention: Mention,
    sentence_therapies: list[Mention],
    lines: list[Line],
) -> Line | None:
    """The line of therapy an outcome or adverse event mention belongs to."""
    by_code = {code: line for line in lines for code in (*line.codes, *line.aliases)}
    text = document.text
    assert mention.end is not None and mention.start is not None
    cue = _RIGHT_CUE.match(text[mention.end :])
    if cue:
        after = mention.end + cue.end()
        following = [t for t in sentence_therapies if t.start is not None and after <= t.start <= after + 60]
        if following:
            return by_code.get(min(following, key=lambda t: t.start or 0).code)
    before = [t for t in sentence_therapies if t.end is not None and t.end <= mention.start]
    if before:
        return by_code.get(max(before, key=lambda t: t.start or 0).code)
    here = position(document, mention)
    earlier = [line for line in lines if position(document, line.first) < here]
    if earlier:
        return earlier[-1]
    return None
