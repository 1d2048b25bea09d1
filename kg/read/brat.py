"""brat standoff: a ``.txt`` document and its ``.ann`` annotations -> one Document.

Kept from the ``.ann`` file: text-bound entities (``T``; discontinuous spans become the
covering span), events (``E``; the event stands for its trigger entity, and its arguments
become relations from the trigger), relations (``R``), polarity attributes (``A ... NEG``
marks the entity negated) and normalizations (``N ... Reference T1 MESH:D000001``).
Offsets in brat count characters of the ``.txt`` file, so they point into the text unchanged.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kg.errors import ReadError
from kg.model import Annotation, Document, Relation
from kg.read.annotation_types import category_of, standardize_ids
from kg.read.builder import find_article_ids

__all__ = ["read_brat", "read_brat_file", "SOURCE", "ann_path_for", "txt_path_for", "entity_span"]

SOURCE = "brat-input@1"
_NEGATIVE = {"NEG", "NEGATIVE", "NEGATED", "TRUE"}
_NEGATION_ATTRIBUTES = {"NEGATION", "NEGATED"}


def ann_path_for(path: Path) -> Path:
    return path.with_suffix(".ann")


def txt_path_for(path: Path) -> Path:
    return path.with_suffix(".txt")


def entity_span(field: str, line_number: int, ident: str, source: str) -> tuple[int, int]:
    """``8 19`` or ``8 12;15 19`` -> the covering (start, end)."""
    try:
        pairs = [tuple(int(x) for x in part.split()) for part in field.split(";")]
        return min(p[0] for p in pairs), max(p[1] for p in pairs)
    except (ValueError, IndexError):
        raise ReadError(source, f"line {line_number}: entity {ident} needs 'Type start end', "
                                f"got offsets {field!r}") from None


def read_brat(text: str, ann: str, source: str, ann_source: str | None = None) -> Document:
    """The Document for ``text`` with the standoff annotations ``ann`` (errors in them name
    ``ann_source``, the ``.ann`` file, when given)."""
    where = ann_source or source
    entities: dict[str, Annotation] = {}
    events: dict[str, str] = {}  # event id -> trigger entity id
    event_args: list[tuple[str, str, str]] = []
    raw_relations: list[tuple[str, str, str, tuple[tuple[str, str], ...]]] = []
    negated: set[str] = set()
    references: dict[str, list[str]] = {}
    for number, line in enumerate(ann.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        ident, body = fields[0], fields[1] if len(fields) > 1 else ""
        head = body.split()
        if not head:
            continue
        if ident.startswith("T"):
            kind, _, offsets = body.partition(" ")
            start, end = entity_span(offsets, number, ident, where)
            if not (0 <= start <= end <= len(text)):
                raise ReadError(where, f"line {number}: entity {ident} offsets {start}-{end} outside the text")
            entities[ident] = Annotation(
                text=text[start:end], curies=(), category=category_of(kind), source=SOURCE, type=kind,
                label=kind, start=start, end=end, id=ident,
            )
        elif ident.startswith("E"):
            trigger = head[0].partition(":")[2]
            events[ident] = trigger
            for arg in head[1:]:
                role, _, target = arg.partition(":")
                event_args.append((ident, role.rstrip("0123456789") or role, target))
        elif ident.startswith("R"):
            args = dict(arg.partition(":")[::2] for arg in head[1:])
            if "Arg1" in args and "Arg2" in args:
                raw_relations.append((head[0], args["Arg1"], args["Arg2"], ()))
        elif ident.startswith("*"):
            for first, second in zip(head[1:], head[2:]):
                raw_relations.append((head[0], first, second, ()))
        elif ident.startswith(("A", "M")):
            name, target, value = head[0], head[1] if len(head) > 1 else "", head[2] if len(head) > 2 else "TRUE"
            if (name.upper() == "POLARITY" and value.upper() in _NEGATIVE) or name.upper() in _NEGATION_ATTRIBUTES:
                negated.add(target)
        elif ident.startswith("N") and len(head) >= 3:
            references.setdefault(head[1], []).append(head[2])

    def entity_of(ident: str) -> str:
        return events.get(ident, ident)

    for target in negated:
        key = entity_of(target)
        if key in entities:
            entities[key] = replace(entities[key], negated=True)
    for target, ids in references.items():
        key = entity_of(target)
        if key in entities:
            curies = standardize_ids("|".join(ids), entities[key].category)
            entities[key] = replace(entities[key], curies=curies)
    relations = [
        Relation(predicate, entity_of(a), entity_of(b), SOURCE, by_id=True, attributes=attributes)
        for predicate, a, b, attributes in raw_relations
    ]
    relations += [
        Relation(role, entity_of(event), entity_of(target), SOURCE, by_id=True)
        for event, role, target in event_args
    ]
    return Document(
        source=source, format="brat", text=text, identifiers=tuple(dict.fromkeys(find_article_ids(text[:2000]))),
        annotations=tuple(sorted(entities.values(), key=lambda a: (a.start, a.end))), relations=tuple(relations),
    )


def read_brat_file(text: str, source: str) -> Document:
    """The reader behind ``--format brat``: ``source`` is the ``.txt`` (or ``.ann``) path."""
    ann = ann_path_for(Path(source))
    try:
        standoff = ann.read_bytes().decode("utf-8-sig") if ann.exists() else ""
    except OSError as error:
        raise ReadError(str(ann), error.strerror or str(error)) from None
    except UnicodeDecodeError:
        raise ReadError(str(ann), "not valid UTF-8") from None
    return read_brat(text, standoff, source, str(ann))
