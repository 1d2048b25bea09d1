"""``kg ingest``: read case reports into the store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.base import Context, cli, fail
from kg.errors import CaseKGError
from kg.read import FORMATS as INPUT_FORMATS


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "input_format",
    type=click.Choice(sorted(INPUT_FORMATS)),
    default=None,
    help="Read every file as this format instead of detecting it from the content.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the summary line.")
@click.pass_obj
def ingest(obj: Context, paths: tuple[Path, ...], input_format: str | None, quiet: bool) -> None:
    """Read case reports (files or folders, recursively) into the store.

    Each document becomes one named graph; ingesting a document again replaces its graph
    atomically. Files that cannot be read are reported on stderr (one line each) and
    skipped; the others are ingested, and the exit code is 1.
    """
    from kg.extract import Extractor
    from kg.pipeline import ingest as run_ingest

    def progress(path: Path, error: str | None) -> None:
        if error:
            click.echo(f"kg: {error}", err=True)
        elif not quiet:
            click.echo(f"ingested {path}", err=True)

    try:
        with obj.open(read_only=False) as store:
            extractor = Extractor.default(obj.vocab_option)
            report = run_ingest(paths, store, format=input_format, on_progress=progress, extractor=extractor)
    except CaseKGError as error:
        fail(str(error))
        return
    click.echo(
        f"{report.documents} document(s) ({report.unchanged} unchanged), {report.patients} patient(s), "
        f"{report.facts} fact(s), {report.triples} triple(s); {len(report.failures)} failure(s)"
    )
    if report.failures:
        sys.exit(1)
