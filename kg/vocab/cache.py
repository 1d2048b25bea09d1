"""Where the compiled vocabulary lives, and loading it.

The directory is ``--vocab DIR``, else ``$CASEKG_VOCAB``, else the user's cache folder
(``$XDG_CACHE_HOME/casekg/vocab`` or ``~/.cache/casekg/vocab``). When no vocabulary was
built there, commands fall back to the built-in lexicon.
"""

from __future__ import annotations

import json
import os
import pickle
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kg.vocab.compile import FORMAT_VERSION
from kg.vocab.index import NameIndex
from kg.vocab.sources import VocabFileError

__all__ = ["Vocabulary", "default_vocab_dir", "resolve_vocab_dir", "load_vocab", "read_manifest"]


@dataclass
class Vocabulary:
    """A loaded vocabulary: the name index plus each concept's category, label and xrefs."""

    directory: Path
    manifest: dict
    index: NameIndex

    @cached_property
    def labels(self) -> dict[str, tuple[str, str, tuple[str, ...]]]:
        """Each concept's category, label and xrefs (read on first use: only the graph needs them)."""
        with (self.directory / "labels.pickle").open("rb") as handle:
            return pickle.load(handle)

    @cached_property
    def modifiers(self) -> dict[str, dict[str, float]]:
        """Words a training corpus includes in front of names, per category (may be empty)."""
        path = self.directory / "modifiers.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

    @cached_property
    def short_forms(self) -> dict[str, dict[str, list[int]]] | None:
        """Training statistics of short forms used without a definition (None: no training)."""
        path = self.directory / "short_forms.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None

    def annotator(self, categories=None):
        """An :class:`~kg.extract.annotator.Annotator` over this vocabulary."""
        from kg.extract.annotator import ANNOTATION_CATEGORIES, Annotator

        return Annotator(self.index, categories or ANNOTATION_CATEGORIES, self.modifiers, self.short_forms)

    @property
    def version(self) -> str:
        return str(self.manifest.get("version", "vocab"))


def default_vocab_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "casekg" / "vocab"


def resolve_vocab_dir(option: Path | None = None) -> Path:
    if option is not None:
        return Path(option)
    configured = os.environ.get("CASEKG_VOCAB")
    return Path(configured) if configured else default_vocab_dir()


def read_manifest(directory: Path) -> dict | None:
    path = directory / "manifest.json"
    if not path.is_file():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise VocabFileError(f"{path}: not valid JSON ({error}); rebuild with kg vocab build") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise VocabFileError(f"{path}: vocabulary format {manifest.get('format')} is not {FORMAT_VERSION}; rebuild with kg vocab build")
    return manifest


def load_vocab(directory: Path) -> Vocabulary | None:
    """The compiled vocabulary in ``directory`` (None when nothing was built there)."""
    manifest = read_manifest(directory)
    if manifest is None:
        return None
    return Vocabulary(directory, manifest, NameIndex.load(directory))
