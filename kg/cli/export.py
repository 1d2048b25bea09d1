"""``kg export``: the whole store in a standard RDF syntax."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.base import Context, cli, fail
from kg.errors import CaseKGError
from kg.store.export import ALL_FORMATS, export


@cli.command("export")
@click.option("--format", "export_format", type=click.Choice(sorted(ALL_FORMATS)), default="turtle",
              show_default=True, help="RDF syntax. nquads/trig keep one named graph per document; "
              "owl (RDF/XML) and owl-turtle write an OWL 2 DL ontology for Protégé.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@click.pass_obj
def export_command(obj: Context, export_format: str, output: Path | None) -> None:
    """Write the whole store (documents, terms, ontology) in a standard RDF syntax."""
    try:
        with obj.open(read_only=True) as store:
            export(store, export_format, output if output else sys.stdout.buffer)
    except CaseKGError as error:
        fail(str(error))
