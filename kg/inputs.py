"""What ``kg ingest`` was given -> the inputs to read: files, folders (recursive), globs,
``.gz`` files and ``-`` (standard input).

Expansion is lazy (a folder of 100,000 files is walked, not listed up front) and yields
:class:`Input` items that are cheap to send to a worker process: a path, or the bytes of
standard input.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Input", "expand_inputs", "FOLDER_SUFFIXES"]

#: file endings read when walking a folder (explicitly named files are always read)
FOLDER_SUFFIXES = {".txt", ".md", ".text", ".markdown", ".xml", ".nxml", ".json", ".pubtator", ".bioc", ".ann"}
_SKIPPED_NAMES = ("readme", "license", "licence", "changelog", "provenance", "contributing")
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Input:
    """One thing to read: ``path`` on disk, or ``data`` already read (stdin) named ``source``."""

    source: str
    path: Path | None = None
    data: bytes | None = None


def _walk_suffix(name: str) -> str:
    """``a.xml.gz`` -> ``.xml``; ``a.txt`` -> ``.txt``."""
    if name.endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[1]


def _walk(folder: Path) -> Iterator[Path]:
    """Report files under ``folder``, sorted, hidden and boilerplate files skipped.

    A brat pair (``x.txt`` + ``x.ann``) is yielded once, as the ``.ann`` (read with its text).
    """
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        names = set(files)
        for name in sorted(files):
            lower = name.lower()
            if lower.startswith(".") or lower.startswith(_SKIPPED_NAMES):
                continue
            if _walk_suffix(lower) not in FOLDER_SUFFIXES:
                continue
            if lower.endswith(".txt") and name[:-4] + ".ann" in names:
                continue  # read through its .ann
            if lower.endswith(".ann") and name[:-4] + ".txt" not in names:
                continue  # annotations without their text
            yield Path(root) / name


def expand_inputs(arguments: Iterable[str | Path], stdin: object = None) -> Iterator[Input]:
    """Every input named by the command line arguments, in order.

    A name that exists is a file or folder; otherwise one with ``*?[`` is a glob (``**``
    recurses); ``-`` is standard input. A name that is none of these is still yielded, so
    the reader reports it as missing.
    """
    for raw in arguments:
        text = str(raw)
        if text == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield Input("<stdin>", data=stream.read())
            continue
        path = Path(text)
        if path.is_dir():
            yield from (Input(str(p), path=p) for p in _walk(path))
        elif path.exists() or not (_GLOB_CHARS & set(text)):
            yield Input(text, path=path)
        else:
            matches = sorted(glob.iglob(text, recursive=True))
            if not matches:
                yield Input(text, path=path)  # reported as "no such file"
            for match in matches:
                found = Path(match)
                if found.is_dir():
                    yield from (Input(str(p), path=p) for p in _walk(found))
                else:
                    yield Input(match, path=found)
