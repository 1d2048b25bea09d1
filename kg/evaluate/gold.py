"""Annotated corpora read as plain records for evaluation and training statistics.

Unlike :mod:`kg.read.pubtator` (which turns a file into Documents for the graph), this
keeps every mention exactly as the file gives it: offsets, type and ids in the corpus's
own form. Readers: PubTator, BioC XML/JSON (via :mod:`kg.read.bioc`'s parser), brat
standoff (``.ann`` beside ``.txt``) and the NegEx test kit.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import ReadError
from kg.read.brat import entity_span

__all__ = ["GoldMention", "GoldDocument", "read_gold", "read_gold_text", "gold_format", "read_pubtator_gold", "read_brat_gold",
           "category_of_type", "canonical_ids", "CATEGORIES"]

CATEGORIES = ("Disease", "Chemical", "Gene", "Species")

_TYPE_CATEGORY = {
    "disease": "Disease", "specificdisease": "Disease", "diseaseclass": "Disease", "modifier": "Disease",
    "compositemention": "Disease", "diseaseorphenotypicfeature": "Disease", "disease_disorder": "Disease",
    "chemical": "Chemical", "chemicalentity": "Chemical", "drug": "Chemical", "medication": "Chemical",
    "gene": "Gene", "geneorgeneproduct": "Gene",
    "species": "Species", "organismtaxon": "Species",
}


def category_of_type(kind: str) -> str | None:
    """The evaluation category of an annotator's type name (None: not scored)."""
    return _TYPE_CATEGORY.get(kind.replace(" ", "").lower())


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    text: str
    type: str
    ids: str = ""

    @property
    def category(self) -> str | None:
        return category_of_type(self.type)


@dataclass
class GoldDocument:
    id: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)


_NO_ID = {"", "-", "-1", "None"}


def canonical_ids(ids: str, category: str | None) -> tuple[str, ...]:
    """Concept ids in one comparable form: ``D015470`` / ``MESH:D015470`` -> ``MESH:D015470``,
    ``OMIM:...`` kept, genes ``NCBIGene:n``, species ``NCBITaxon:n``; composites split.

    >>> canonical_ids("D001943|D010051", "Disease")
    ('MESH:D001943', 'MESH:D010051')
    >>> canonical_ids("7157;7158", "Gene")
    ('NCBIGene:7157', 'NCBIGene:7158')
    """
    result = []
    for part in re.split(r"[|;,+]", ids):
        part = part.strip().split("(")[0].strip()
        if part in _NO_ID:
            continue
        prefix, _, local = part.rpartition(":")
        prefix = prefix.upper()
        if category == "Gene":
            result.append(f"NCBIGene:{local}")
        elif category == "Species":
            result.append(f"NCBITaxon:{local}")
        elif prefix in {"", "MESH"}:
            result.append(f"MESH:{local}")
        else:
            result.append(f"{prefix}:{local}")
    return tuple(dict.fromkeys(result))


_TEXT_LINE = re.compile(r"^([^|\t]+)\|([ta])\|(.*)$")


def read_pubtator_gold(path: Path) -> Iterator[GoldDocument]:
    from kg.vocab.sources import open_text

    with open_text(path) as handle:
        yield from _pubtator_gold(handle, str(path))


def _pubtator_gold(lines: Iterable[str], source: str) -> Iterator[GoldDocument]:
    document: GoldDocument | None = None
    title = ""
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        match = _TEXT_LINE.match(line)
        if match:
            pmid, part, body = match.groups()
            if document is None or document.id != pmid:
                if document is not None:
                    yield document
                document = GoldDocument(pmid, body if part == "t" else "")
                title = body if part == "t" else ""
            elif part == "a":
                document.text = f"{title}\n{body}" if body else title
            continue
        fields = line.split("\t")
        if document is None or fields[0] != document.id:
            raise ReadError(source, f"line {number}: not a PubTator title, abstract or annotation line")
        if len(fields) >= 5 and fields[1].isdigit() and fields[2].isdigit():
            ids = fields[5] if len(fields) > 5 else ""
            document.mentions.append(GoldMention(int(fields[1]), int(fields[2]), fields[3], fields[4], ids))
    if document is not None:
        yield document


def _bioc_gold_text(content: str, source: str) -> Iterator[GoldDocument]:
    import bioc

    kind = "JSON" if content.lstrip().startswith("{") else "XML"
    try:
        collection = bioc.biocjson.loads(content) if kind == "JSON" else bioc.biocxml.loads(content)
    except Exception as error:  # lxml, json and bioc each raise their own kinds
        reason = " ".join(str(error).split()) or type(error).__name__
        raise ReadError(source, f"not a valid BioC {kind} collection ({reason})") from None
    for document in collection.documents:
        text = ""
        mentions: list[GoldMention] = []
        for passage in document.passages:
            offset = passage.offset
            if len(text) < offset:
                text += " " * (offset - len(text))
            text = text[:offset] + (passage.text or "")
            for annotation in passage.annotations:
                kind = annotation.infons.get("type", "")
                ids = annotation.infons.get("identifier") or annotation.infons.get("Identifier") or ""
                for location in annotation.locations:
                    mentions.append(GoldMention(location.offset, location.end, annotation.text or "", kind, ids))
        yield GoldDocument(document.id, text, mentions)


def read_brat_gold(path: Path) -> Iterator[GoldDocument]:
    """brat standoff: every ``.ann`` in a folder (or one ``.ann``) with its ``.txt``.

    Text-bound annotations ``T1<TAB>Type start end;start end<TAB>text`` become mentions
    (discontinuous spans keep their outer offsets); ids come from ``#`` notes when present.
    """
    files = sorted(path.glob("*.ann")) if path.is_dir() else [path]
    for ann in files:
        txt = ann.with_suffix(".txt")
        text = txt.read_text(encoding="utf-8") if txt.exists() else ""
        mentions: list[GoldMention] = []
        notes: dict[str, str] = {}
        spans: dict[str, tuple[int, int, str, str]] = {}
        for number, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), start=1):
            fields = line.split("\t")
            if line.startswith("T") and len(fields) >= 2:
                kind, _, offsets = fields[1].partition(" ")
                start, end = entity_span(offsets, number, fields[0], str(ann))
                spans[fields[0]] = (start, end, kind, fields[2] if len(fields) > 2 else "")
            elif line.startswith("#") and len(fields) >= 3:
                notes[fields[1].split()[-1]] = fields[2]
        for key, (start, end, kind, surface) in spans.items():
            mentions.append(GoldMention(start, end, surface, kind, notes.get(key, "")))
        yield GoldDocument(ann.stem, text, sorted(mentions, key=lambda m: (m.start, m.end)))


def gold_format(head: str) -> str | None:
    """``"bioc"`` (XML or JSON), ``"pubtator"`` or None for the first characters of a gold file."""
    head = head.lstrip()
    if head.startswith(("<", "{")):
        return "bioc"
    from kg.read.pubtator import looks_like_pubtator

    return "pubtator" if looks_like_pubtator(head) else None


def read_gold_text(text: str, source: str, expected: str = "a PubTator or BioC file") -> list[GoldDocument]:
    """Documents of PubTator or BioC (XML/JSON) content read already (a file, standard input)."""
    kind = gold_format(text[:2000])
    if kind == "bioc":
        return list(_bioc_gold_text(text, source))
    if kind == "pubtator":
        return list(_pubtator_gold(io.StringIO(text, newline=""), source))  # lines as a file gives them
    raise ReadError(source, f"not {expected}")


def read_gold(path: Path) -> list[GoldDocument]:
    """Documents of a PubTator, BioC (XML/JSON) or brat file or folder, judged from content."""
    if path.is_dir() or path.suffix == ".ann":
        return list(read_brat_gold(path))
    from kg.vocab.sources import open_text

    with open_text(path) as handle:
        text = handle.read()
    return read_gold_text(text, str(path), "a PubTator, BioC or brat file")
