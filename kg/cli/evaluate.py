"""``kg evaluate``: precision, recall and F1 of predictions against a gold file."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.base import Context, cli, fail
from kg.errors import CaseKGError


@cli.command()
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.argument("predicted", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--types", default="disease,chemical,gene,species", show_default=True,
              help="Comma-separated categories to score.")
@click.pass_obj
def evaluate(obj: Context, gold: Path, predicted: Path | None, types: str) -> None:
    """Score PREDICTED against GOLD (PubTator, BioC XML/JSON, brat folder, or the NegEx kit).

    Mention scores need exact offsets (NER); concept scores compare each document's set of
    ids (normalization). Without PREDICTED, CaseKG annotates GOLD's text itself with the
    compiled vocabulary (or classifies the NegEx kit sentences) and scores that.
    """
    from kg.evaluate.report import evaluate_files

    categories = [t.strip().capitalize() for t in types.split(",") if t.strip()]
    try:
        click.echo(evaluate_files(gold, predicted, categories, obj.vocab_dir, warn=lambda m: click.echo(m, err=True)))
    except (CaseKGError, OSError) as error:
        fail(str(error))
