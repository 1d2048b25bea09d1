"""``kg validate``: check the store against the SHACL shapes of a well-formed case graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.base import Context, cli, fail
from kg.errors import CaseKGError


@cli.command()
@click.option("--shapes", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SHACL shapes (Turtle) to use instead of ontologies/shapes.ttl.")
@click.option("--warnings", "show_warnings", is_flag=True, help="List warnings too, not only their count.")
@click.pass_obj
def validate(obj: Context, shapes: Path | None, show_warnings: bool) -> None:
    """Validate the store with pySHACL; print one line per violation; exit 1 if there is any.

    \b
    Each line: <node>  <property>  <rule broken> (value <the offending value>)
    The shapes (ontologies/shapes.ttl) say what MODEL.md requires: every Therapy has a code
    and a line number, every fact has evidence, ckg:negated is always written, codes are IRIs
    in known namespaces, and so on.
    """
    from kg.validate import validate_store

    try:
        with obj.open(read_only=True) as store:
            report = validate_store(store, shapes)
    except CaseKGError as error:
        fail(str(error))
        return
    click.echo(report.text(warnings=show_warnings), nl=False)
    if report.errors:
        sys.exit(1)
