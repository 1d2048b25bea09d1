"""Stage 1, read: a file on disk -> :class:`kg.model.Document`.

One module per input format; :func:`read_path` checks the bytes (empty, binary, not
UTF-8), detects the format from the content (``format=`` overrides) and dispatches.
Every failure is a :class:`kg.errors.ReadError` whose message names the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kg.errors import ReadError
from kg.model import Document
from kg.read.article_page import looks_like_article_page, read_article_page
from kg.read.plain import read_plain
from kg.read.summary import looks_like_summary, read_summary

__all__ = ["FORMATS", "read_path", "read_text", "detect_format", "decode"]

Reader = Callable[[str, str], Document]

#: format name -> reader; ``detect_format`` tries the specific ones before plain text
FORMATS: dict[str, Reader] = {
    "summary": read_summary,
    "article-page": read_article_page,
    "text": read_plain,
}

_TEXT_SUFFIXES = {"", ".txt", ".text", ".md", ".markdown"}
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (e.g. .docx)",
    b"\x1f\x8b": "gzip-compressed data",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
}


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of a file, or a ReadError saying why it is not a case report."""
    if not data.strip():
        raise ReadError(path, "empty file")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(path, f"binary file ({what}), not a text case report")
    if b"\x00" in data[:8192]:
        raise ReadError(path, "binary file (contains NUL bytes), not a text case report")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReadError(path, f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})") from None
    if not text.strip():
        raise ReadError(path, "empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_format(text: str, path: str) -> str:
    """The format name for ``text``; ReadError when no reader understands it."""
    if looks_like_summary(text):
        return "summary"
    if looks_like_article_page(text):
        return "article-page"
    stripped = text.lstrip()
    suffix = Path(path).suffix.lower()
    sniffed = None
    if stripped.startswith(("{", "[")):
        sniffed = "JSON"
    elif stripped.startswith("<"):
        sniffed = "XML/HTML"
    if sniffed or suffix not in _TEXT_SUFFIXES:
        what = sniffed or f"'{suffix}' file"
        raise ReadError(
            path,
            f"unknown format ({what}); supported: {', '.join(FORMATS)} (use --format to force one)",
        )
    return "text"


def read_text(text: str, source: str, format: str | None = None) -> Document:
    """Read already-decoded text (``format=None`` detects it)."""
    name = format or detect_format(text, source)
    reader = FORMATS.get(name)
    if reader is None:
        raise ReadError(source, f"unknown format {name!r}; supported: {', '.join(FORMATS)}")
    document = reader(text, source)
    if not document.text.strip():
        raise ReadError(source, f"no case text found when read as {name}")
    return document


def read_path(path: Path | str, format: str | None = None) -> Document:
    """Read one file into a Document."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(str(path), error.strerror or str(error)) from None
    return read_text(decode(data, str(path)), str(path), format)
