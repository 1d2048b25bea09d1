"""Stage 1, read: a file on disk -> :class:`kg.model.Document` objects.

One module per input format; :func:`read_path` checks the bytes (empty, binary, not
UTF-8), detects the format from the content (``format=`` overrides) and dispatches. A
file may hold one document (a case report page) or many (PubTator, BioC collections).
Every failure is a :class:`kg.errors.ReadError` whose message names the file.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.errors import ReadError
from kg.model import Document
from kg.read.article_page import looks_like_article_page, read_article_page
from kg.read.bioc import looks_like_bioc_json, looks_like_bioc_xml, read_bioc_json, read_bioc_xml
from kg.read.brat import read_brat_file, txt_path_for
from kg.read.jats import looks_like_jats, read_jats
from kg.read.plain import read_plain
from kg.read.pubtator import looks_like_pubtator, read_pubtator
from kg.read.summary import looks_like_summary, read_summary

__all__ = ["FORMATS", "read_file", "read_data", "read_path", "read_text", "read_documents", "detect_format", "decode", "gunzipped"]

Reader = Callable[[str, str], Document | Iterable[Document]]

#: format name -> reader; ``DETECTORS`` are tried in order before plain text
FORMATS: dict[str, Reader] = {
    "summary": read_summary,
    "article-page": read_article_page,
    "pubtator": read_pubtator,
    "bioc-xml": read_bioc_xml,
    "bioc-json": read_bioc_json,
    "jats": read_jats,
    "brat": read_brat_file,
    "text": read_plain,
}
DETECTORS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("pubtator", looks_like_pubtator),
    ("bioc-xml", looks_like_bioc_xml),
    ("bioc-json", looks_like_bioc_json),
    ("jats", looks_like_jats),
    ("summary", looks_like_summary),
    ("article-page", looks_like_article_page),
)

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
    for name, looks_like in DETECTORS:
        if looks_like(text):
            return name
    stripped = text.lstrip()
    suffix = Path(path.removesuffix(".gz")).suffix.lower()
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


def read_documents(text: str, source: str, format: str | None = None) -> list[Document]:
    """Every document in already-decoded text (``format=None`` detects the format)."""
    name = format or detect_format(text, source)
    reader = FORMATS.get(name)
    if reader is None:
        raise ReadError(source, f"unknown format {name!r}; supported: {', '.join(FORMATS)}")
    result = reader(text, source)
    documents = [result] if isinstance(result, Document) else list(result)
    if not documents:
        raise ReadError(source, f"no documents found when read as {name}")
    for document in documents:
        if not document.text.strip():
            raise ReadError(source, f"no case text found when read as {name}")
    return documents


def read_text(text: str, source: str, format: str | None = None) -> Document:
    """The one document in ``text`` (the first, for multi-document formats)."""
    return read_documents(text, source, format)[0]


def gunzipped(data: bytes, source: str) -> bytes:
    """``data`` decompressed when it is gzip-compressed (judged by its magic bytes), else as it is."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        raise ReadError(source, f"corrupt gzip data ({error})") from None


def read_data(data: bytes, source: str, format: str | None = None) -> list[Document]:
    """Every document in the bytes of one input (gzip-compressed data is decompressed)."""
    return read_documents(decode(gunzipped(data, source), source), source, format)


def read_file(path: Path | str, format: str | None = None) -> list[Document]:
    """Every document in one file; a brat ``.ann`` file is read with its ``.txt``."""
    path = Path(path)
    if path.suffix.lower() == ".ann":
        path, format = txt_path_for(path), "brat"
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(str(path), error.strerror or str(error)) from None
    return read_data(data, str(path), format)


def read_path(path: Path | str, format: str | None = None) -> Document:
    """The (first) document in one file."""
    return read_file(path, format)[0]
