"""Where the data files that ship with CaseKG live.

In a source checkout (and an editable install) they are the repository's
``ontologies/`` and ``queries/`` folders; a wheel carries them inside the package as
``kg/_data/``. Code asks here instead of guessing paths.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_dir", "ontologies_dir", "queries_dir", "lexicon_dir", "rules_dir", "rule_lines"]

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The shipped folder ``name`` (``ontologies`` or ``queries``)."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"CaseKG data folder {name!r} is missing from the installation")


def ontologies_dir() -> Path:
    return data_dir("ontologies")


def queries_dir() -> Path:
    return data_dir("queries")


def lexicon_dir() -> Path:
    return ontologies_dir() / "lexicon"


def rules_dir() -> Path:
    return ontologies_dir() / "rules"


def rule_lines(name: str) -> list[str]:
    """The entries of the word list ``rules/<name>``: its lines stripped, blank lines and
    ``#`` comments left out."""
    lines = (rules_dir() / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
