"""Helpers every reader shares: building the document text with section offsets, and
finding article identifiers (PMC, PMID) in a page."""

from __future__ import annotations

import re

from kg.model import Section

__all__ = ["TextBuilder", "find_article_ids"]

_PMC = re.compile(r"\b(PMC\d{4,10})\b")
_PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b", re.IGNORECASE)


def find_article_ids(text: str) -> list[str]:
    """``PMC...`` and ``PMID:...`` identifiers written anywhere in ``text``, in order."""
    return [m.group(1) for m in _PMC.finditer(text)] + ["PMID:" + m.group(1) for m in _PMID.finditer(text)]


class TextBuilder:
    """Joins parts with blank lines; every offset later refers to the joined text."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.sections: list[Section] = []

    def add(self, text: str, *, title: str, kind: str) -> None:
        text = text.strip()
        if not text:
            return
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self.sections.append(Section(title=title, kind=kind, start=start, end=self._length))

    @property
    def text(self) -> str:
        return "".join(self._parts)
