"""Paper-summary Markdown: a title, a metadata line, TL;DR, key findings, abstract, and
pre-grounded entity lists ("Linked entities", "Full-text entities").

The entity lists are annotations by the summary's producer (PubTator-style): they are
kept as :class:`Annotation` objects with standardized CURIEs, and located in the text by
the extraction stage.
"""

from __future__ import annotations

import re

from kg.identifiers import InvalidIdentifier, standardize
from kg.model import Annotation, Document
from kg.read.builder import TextBuilder, find_article_ids
from kg.read.dates import parse_date

__all__ = ["looks_like_summary", "read_summary", "parse_entity_list"]

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s·|,;]+[^\s·|,;.)])")
_PMC = re.compile(r"\b(PMC\d{4,10})\b")

#: section heading (lower case) -> kind; headings not listed are case text unless they
#: look like background.
_SECTION_KINDS = {
    "tl;dr": "summary",
    "tldr": "summary",
    "summary": "summary",
    "contribution": "summary",
    "key findings": "summary",
    "abstract": "abstract",
    "case presentation": "case",
    "case report": "case",
    "case description": "case",
    "introduction": "background",
    "background": "background",
    "discussion": "background",
    "conclusion": "background",
    "conclusions": "background",
}
_SKIPPED = {"figures", "references", "tables", "supplementary material", "acknowledgements"}
_ENTITY_SECTIONS = {"linked entities", "full-text entities", "entities", "full text entities"}

_CATEGORY = {
    "genes": "Gene",
    "gene": "Gene",
    "proteins": "Gene",
    "diseases": "Disease",
    "disease": "Disease",
    "chemicals": "Chemical",
    "chemical": "Chemical",
    "drugs": "Chemical",
    "species": "Species",
}

_PLACEHOLDER = re.compile(r"omitted from this summary|fetch the complete paper", re.IGNORECASE)


def looks_like_summary(text: str) -> bool:
    head = text.lstrip()[:4000]
    if not head.startswith("#"):
        return False
    markers = ("**Authors:**", "## TL;DR", "## Abstract", "## Key findings", "## Linked entities")
    return sum(marker in head or marker in text for marker in markers) >= 2


def read_summary(text: str, source: str) -> Document:
    title: str | None = None
    authors: tuple[str, ...] = ()
    identifiers: list[str] = []
    journal: str | None = None
    date: str | None = None
    sections: list[tuple[str, list[str]]] = []
    current: list[str] | None = None

    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            level, name = len(heading.group(1)), heading.group(2).strip()
            if level == 1 and title is None:
                title = re.sub(r"^case report:\s*", "", name, flags=re.IGNORECASE)
                current = None
                continue
            current = []
            sections.append((name, current))
            continue
        if current is not None:
            current.append(line)
            continue
        # metadata block between the title and the first section
        stripped = line.strip()
        if stripped.startswith("**Authors:**"):
            authors = tuple(a.strip() for a in stripped.removeprefix("**Authors:**").split(",") if a.strip())
        elif "·" in stripped:
            journal, date = _metadata_line(stripped, identifiers)

    identifiers.extend(find_article_ids(text))

    builder = TextBuilder()
    if title:
        builder.add(title, title="Title", kind="title")
    annotations: list[Annotation] = []
    for name, lines in sections:
        key = name.lower().strip(" :")
        body = "\n".join(lines).strip()
        if key in _ENTITY_SECTIONS:
            slug = "-".join(name.lower().replace("-", " ").split())
            annotations.extend(parse_entity_list(body, source=f"summary-{slug}@1"))
            continue
        if key in _SKIPPED or not body or key == "full text" and _PLACEHOLDER.search(body):
            continue
        body = _strip_markdown(body)
        builder.add(body, title=name, kind=_SECTION_KINDS.get(key, "case"))
    return Document(
        source=source,
        format="summary",
        text=builder.text,
        title=title,
        identifiers=tuple(dict.fromkeys(identifiers)),
        authors=authors,
        journal=journal,
        date=date,
        sections=tuple(builder.sections),
        annotations=tuple(annotations),
    )


def _metadata_line(line: str, identifiers: list[str]) -> tuple[str | None, str | None]:
    """Parse ``PMC · DOI: 10.x/y · Journal · 2025-05-19``; DOI goes into identifiers."""
    journal = date = None
    for part in (p.strip() for p in line.split("·")):
        doi = _DOI.search(part)
        if doi:
            identifiers.append("doi:" + doi.group(1))
        elif parse_date(part):
            date = parse_date(part)
        elif part and part.upper() not in {"PMC", "PUBMED", "PMID"} and not _PMC.fullmatch(part):
            journal = part
    return journal, date


def _strip_markdown(body: str) -> str:
    """Drop list bullets and emphasis markers; keep the words (offsets refer to this text)."""
    lines = []
    for line in body.splitlines():
        line = re.sub(r"^\s*[-*+]\s+", "", line)
        line = re.sub(r"(\*\*|__|(?<!\w)_(?=\w)|(?<=\w)_(?!\w))", "", line)
        lines.append(line.rstrip())
    return "\n".join(lines)


# ---------------------------------------------------------------- entity lists

_ENTITY_LINE = re.compile(r"^\s*[-*]\s+\*\*(?P<kind>[^*:]+):?\*\*:?\s*(?P<items>.*)$")
_GENE_ID = re.compile(r"\[\s*NCBI\s*Gene\s*:?\s*(\d+)\s*\]", re.IGNORECASE)
_TAXON_ID = re.compile(r"\[\s*(?:NCBI\s*)?taxon(?:omy)?\s*:?\s*(\d+)\s*\]", re.IGNORECASE)
_CURIE_IN = re.compile(r"[\[(]\s*((?:MONDO|MESH|MeSH|OMIM|NCIT|HP|DOID|CHEBI|NCBIGene|ncbigene|mesh)[:_][A-Za-z0-9.]+)\s*[\])]")
_AKA = re.compile(r"\{\s*aka\s+([^}]*)\}", re.IGNORECASE)
_LABEL = re.compile(r"\(([^()]*)\)")


def _split_items(items: str) -> list[str]:
    """Split on commas that are outside (), [] and {}."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(items):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            parts.append(items[start:i])
            start = i + 1
    parts.append(items[start:])
    return [p.strip() for p in parts if p.strip()]


def parse_entity_list(body: str, source: str) -> list[Annotation]:
    """Parse ``- **Genes:** CD19 (CD19 molecule) [NCBI Gene 930] {aka B4, CVID3}`` lines.

    >>> [a.curie for a in parse_entity_list("- **Diseases:** ALL (MESH:D054198)", "s")]
    ['MESH:D054198']
    """
    annotations: list[Annotation] = []
    for line in body.splitlines():
        match = _ENTITY_LINE.match(line)
        if not match:
            continue
        category = _CATEGORY.get(match.group("kind").strip().lower())
        if category is None:
            continue
        for item in _split_items(match.group("items")):
            annotation = _parse_item(item, category, source)
            if annotation is not None:
                annotations.append(annotation)
    return annotations


def _parse_item(item: str, category: str, source: str) -> Annotation | None:
    raw_id = None
    if (m := _GENE_ID.search(item)) is not None:
        raw_id = "NCBIGene:" + m.group(1)
    elif (m := _TAXON_ID.search(item)) is not None:
        raw_id = "NCBITaxon:" + m.group(1)
    elif (m := _CURIE_IN.search(item)) is not None:
        raw_id = m.group(1)
    if raw_id is None:
        return None
    try:
        curie = standardize(raw_id)
    except InvalidIdentifier:
        return None
    aliases: tuple[str, ...] = ()
    if (aka := _AKA.search(item)) is not None:
        aliases = tuple(a.strip() for a in aka.group(1).split(",") if a.strip())
    name = re.split(r"\s*[\[({]", item, maxsplit=1)[0].strip()
    label = None
    for candidate in _LABEL.findall(item):
        if not _CURIE_IN.search(f"({candidate})"):
            label = candidate.strip()
            break
    return Annotation(text=name, curies=(curie,), category=category, source=source, label=label, aliases=aliases)
