"""``kg ingest``: read case reports into the store."""

from __future__ import annotations

import sys
import time

import click

from kg.cli.base import Context, cli, fail
from kg.errors import CaseKGError
from kg.read import FORMATS as INPUT_FORMATS


def _default_jobs() -> int:
    from kg.pipeline import default_jobs

    return default_jobs()


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "input_format",
    type=click.Choice(sorted(INPUT_FORMATS)),
    default=None,
    help="Read every file as this format instead of detecting it from the content.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for reading and extraction (default: all cores).")
@click.option("--reannotate", is_flag=True,
              help="Also run CaseKG's extractors on pre-annotated input (PubTator, BioC, brat); "
                   "by default their annotations are kept as they are.")
@click.option("--skip-existing", is_flag=True,
              help="Skip documents whose text (content hash) is already in the store.")
@click.option("--no-bulk", is_flag=True,
              help="Write without Oxigraph's (faster) bulk loader: replacements in one SPARQL update, "
                   "new documents in one transaction.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the summary.")
@click.option("-v", "--verbose", is_flag=True, help="Print one line per input read.")
@click.pass_obj
def ingest(obj: Context, paths: tuple[str, ...], input_format: str | None, jobs: int | None, reannotate: bool,
           skip_existing: bool, no_bulk: bool, quiet: bool, verbose: bool) -> None:
    """Read case reports into the store: files, folders (recursively), globs, .gz files, or - (stdin).

    Each document becomes one named graph; ingesting a document again replaces its graph
    (each document ends up old or new, never a mix). Reading and extraction run in
    parallel; the store is written in large batches. A progress bar is shown on a
    terminal. Inputs that cannot be read are reported on stderr (one line each) and
    skipped; the others are ingested, and the exit code is 1.
    """
    from kg.extract import Extractor
    from kg.pipeline import ingest as run_ingest

    show_bar = not quiet and not verbose and sys.stderr.isatty()
    bar = None
    if show_bar:
        from tqdm import tqdm

        bar = tqdm(unit=" doc", desc="ingest", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)

    def progress(source: str, error: str | None, documents: int) -> None:
        if error:
            message = f"kg: {error}"
            if bar is not None:
                bar.write(message, file=sys.stderr)
            else:
                click.echo(message, err=True)
        elif verbose:
            click.echo(f"ingested {source} ({documents} document(s))", err=True)
        if bar is not None:
            bar.update(documents)

    started = time.perf_counter()
    try:
        with obj.open(read_only=False) as store:
            report = run_ingest(
                paths, store, format=input_format, on_progress=progress,
                extractor=Extractor.default(obj.vocab_option), jobs=jobs or _default_jobs(),
                reannotate=reannotate, skip_existing=skip_existing, bulk=not no_bulk,
            )
    except CaseKGError as error:
        fail(str(error))
        return
    finally:
        if bar is not None:
            bar.close()
    seconds = time.perf_counter() - started
    click.echo(
        f"{report.documents} document(s) ({report.unchanged} unchanged, {report.skipped} skipped), "
        f"{report.patients} patient(s), {report.facts} fact(s), {report.triples} triple(s); "
        f"{len(report.failures)} failure(s); {seconds:.1f} s"
    )
    for failure in report.failures:
        click.echo(f"  failed: {failure}")
    if report.failures:
        sys.exit(1)
