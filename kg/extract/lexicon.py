"""The built-in lexicon: concepts with labels, synonyms, cross-references and roles.

The lexicon is data (``ontologies/lexicon/*.tsv``, written by us); this module only
reads it. Columns: ``id  category  label  synonyms  xrefs  flags  targets`` with
``|`` separating list items. ``targets`` lists the NCBI Gene CURIEs a therapy acts on.
``flags`` carries roles: ``adverse_event`` (a complication of therapy, never a diagnosis),
``cell_therapy`` / ``antibody`` (take a gene target named next to them), ``class`` (a
class name such as "chemotherapy" that gives way to the specific drugs named with it),
``transplant``, ``regimen``, ``response`` / ``failure`` (kinds of outcome), ``pathogen`` (an
organism whose name, said of a patient, names its infection: "history of HIV"), and
``absent_is:<CURIE>`` (a negated mention means that concept: "no detectable MRD" is MRD
negativity).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.resources import lexicon_dir

__all__ = ["Concept", "Lexicon", "read_lexicon_tsv", "builtin_lexicon", "COLUMNS"]

COLUMNS = ("id", "category", "label", "synonyms", "xrefs", "flags", "targets")


@dataclass(frozen=True)
class Concept:
    """One vocabulary concept: a CURIE with its names and equivalents."""

    curie: str
    category: str
    label: str
    synonyms: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    targets: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The label followed by every synonym, without repeats."""
        return tuple(dict.fromkeys((self.label, *self.synonyms)))


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split("|") if part.strip())


def read_lexicon_tsv(path: Path) -> list[Concept]:
    """Read one lexicon TSV; a malformed row raises ``ValueError`` naming file and line."""
    concepts: list[Concept] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path}: missing columns {', '.join(missing)}")
        for line, row in enumerate(reader, start=2):
            curie, category, label = (row.get(k, "").strip() for k in ("id", "category", "label"))
            if not curie or not category or not label or ":" not in curie:
                raise ValueError(f"{path}:{line}: a row needs id (CURIE), category and label")
            concepts.append(
                Concept(
                    curie=curie,
                    category=category,
                    label=label,
                    synonyms=_split(row.get("synonyms")),
                    xrefs=_split(row.get("xrefs")),
                    flags=frozenset(_split(row.get("flags"))),
                    targets=_split(row.get("targets")),
                )
            )
    return concepts


@dataclass(frozen=True)
class Lexicon:
    """All concepts by CURIE, plus the version string recorded in provenance."""

    concepts: dict[str, Concept]
    version: str

    def get(self, curie: str) -> Concept | None:
        return self.concepts.get(curie)

    def __iter__(self):
        return iter(self.concepts.values())

    def __len__(self) -> int:
        return len(self.concepts)


@lru_cache(maxsize=1)
def builtin_lexicon() -> Lexicon:
    """The lexicon shipped in ``ontologies/lexicon`` (loaded once per process)."""
    import hashlib

    concepts: dict[str, Concept] = {}
    digest = hashlib.sha256()
    for path in sorted(lexicon_dir().glob("*.tsv")):
        digest.update(path.read_bytes())
        for concept in read_lexicon_tsv(path):
            if concept.curie in concepts:
                raise ValueError(f"{path}: concept {concept.curie} is defined twice in the lexicon")
            concepts[concept.curie] = concept
    return Lexicon(concepts=concepts, version="builtin-" + digest.hexdigest()[:12])
