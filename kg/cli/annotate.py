"""``kg annotate``: diseases, chemicals, genes and species in documents, as PubTator or BioC JSON."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.base import Context, cli, fail
from kg.errors import CaseKGError

INPUT_FORMATS = ("auto", "text", "pubtator", "bioc-xml", "bioc-json")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True)
@click.option("--types", default="disease,chemical,gene,species", show_default=True,
              help="Comma-separated categories to annotate.")
@click.option("--output-format", type=click.Choice(("pubtator", "bioc-json")), default="pubtator", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of standard output.")
@click.pass_obj
def annotate(obj: Context, inputs: tuple[Path, ...], input_format: str, types: str, output_format: str,
             output: Path | None) -> None:
    """Annotate INPUT files and folders (``-``: standard input) with the compiled vocabulary;
    annotations already in them are ignored."""
    from kg.annotate import annotate_files, load_annotator
    from kg.write import write_bioc_json, write_pubtator

    categories = [t.strip().capitalize() for t in types.split(",") if t.strip()]
    unknown = [c for c in categories if c not in {"Disease", "Chemical", "Gene", "Species"}]
    if unknown:
        fail(f"--types: unknown type(s) {', '.join(unknown)} (use disease, chemical, gene, species)")
    try:
        annotator = load_annotator(obj.vocab_dir, categories)
        stdin = sys.stdin.buffer.read() if Path("-") in inputs else None
        documents = annotate_files(annotator, inputs, None if input_format == "auto" else input_format, stdin)
    except (CaseKGError, OSError) as error:
        fail(str(error))
        return
    text = write_pubtator(documents) if output_format == "pubtator" else write_bioc_json(documents)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
