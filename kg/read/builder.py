"""Build a document text from parts while recording each part's section offsets."""

from __future__ import annotations

from kg.model import Section

__all__ = ["TextBuilder"]


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
