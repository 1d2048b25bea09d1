"""Annotation as a product feature: input files -> annotated documents.

Inputs are plain text (one document per file, id = file name stem), PubTator or BioC
XML/JSON (many documents per file; their annotations are ignored). The annotator is
the compiled vocabulary when one was built, else the built-in lexicon.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import ReadError
from kg.evaluate.gold import GoldDocument, read_gold
from kg.extract.annotator import Annotator
from kg.write.annotations import AnnotatedDocument

__all__ = ["load_annotator", "builtin_index", "read_inputs", "input_files", "annotate_files"]


def builtin_index():
    """The built-in lexicon as a name index (used when no vocabulary was compiled)."""
    from kg.extract.lexicon import builtin_lexicon
    from kg.vocab.compile import _Concept, _best, _tables
    from kg.vocab.index import NameIndex

    concepts = {}
    for concept in builtin_lexicon():
        record = _Concept(concept.category, concept.label)
        record.names = {name: 1.0 for name in concept.names}
        record.names[concept.label] = 3.0
        concepts[concept.curie] = record
    folded, exact = _tables(concepts, {})
    return NameIndex.from_tables(_best(folded), _best(exact))


def load_annotator(vocab_dir: Path, categories: Iterable[str]) -> Annotator:
    from kg.vocab.cache import load_vocab

    vocabulary = load_vocab(vocab_dir)
    return vocabulary.annotator(list(categories)) if vocabulary is not None else Annotator(builtin_index(), categories)


def read_inputs(path: Path, input_format: str | None) -> list[GoldDocument]:
    """The documents of one input file (their own annotations are dropped)."""
    if input_format == "text" or (input_format is None and path.suffix.lower() in {".txt", ".text"} and not _is_pubtator(path)):
        from kg.read import decode

        # decoded as kg ingest decodes it (BOM dropped, line ends made "\n"): the same offsets
        text = decode(path.read_bytes(), str(path))
        return [GoldDocument(path.stem, text)]
    documents = read_gold(path)
    return [GoldDocument(d.id, d.text) for d in documents]


def _is_pubtator(path: Path) -> bool:
    from kg.read.pubtator import looks_like_pubtator

    with path.open(encoding="utf-8", errors="replace") as handle:
        return looks_like_pubtator(handle.read(2000))


def input_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, and the report files in the folders named (recursively, as
    ``kg ingest`` walks them); a brat pair is its ``.txt`` (its annotations are ignored)."""
    from kg.inputs import expand_inputs
    from kg.read.brat import txt_path_for

    for path in paths:
        if path == STDIN or not path.is_dir():
            yield path
            continue
        found = [item.path for item in expand_inputs([path]) if item.path is not None]
        if not found:
            raise ReadError(str(path), "no report files in this folder")
        yield from (txt_path_for(p) if p.suffix.lower() == ".ann" else p for p in found)


STDIN = Path("-")


def read_stdin(data: bytes, input_format: str | None) -> list[GoldDocument]:
    """The documents of standard input: PubTator or BioC when it looks like one (or
    ``input_format`` says so), else one plain text document named ``stdin``."""
    from kg.evaluate.gold import gold_format, read_gold_text
    from kg.read import decode, gunzipped

    text = decode(gunzipped(data, "<stdin>"), "<stdin>")
    if input_format == "text" or (input_format is None and gold_format(text[:2000]) is None):
        return [GoldDocument("stdin", text)]
    return [GoldDocument(d.id, d.text) for d in read_gold_text(text, "<stdin>")]


def annotate_files(annotator: Annotator, paths: Iterable[Path], input_format: str | None,
                   stdin: bytes | None = None) -> list[AnnotatedDocument]:
    """Annotate every document of ``paths`` (``-`` stands for ``stdin``, the bytes of standard input)."""
    result = []
    for path in input_files(paths):
        documents = read_stdin(stdin or b"", input_format) if path == STDIN else read_inputs(path, input_format)
        for document in documents:
            result.append(AnnotatedDocument(document.id, document.text, tuple(annotator(document.text))))
    return result
