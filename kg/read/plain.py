"""Plain text: the whole file is the case narrative."""

from __future__ import annotations

from kg.model import Document, Section

__all__ = ["read_plain"]


def read_plain(text: str, source: str) -> Document:
    return Document(
        source=source,
        format="text",
        text=text,
        sections=(Section(title="Text", kind="case", start=0, end=len(text)),),
    )
