"""``kg stats``: what the store holds."""

from __future__ import annotations

import click

from kg.cli.base import Context, cli, fail
from kg.errors import CaseKGError
from kg.store.results import rows_from_solutions


_STATS = """
PREFIX ckg: <https://w3id.org/casekg/vocab#>
SELECT ?kind (COUNT(DISTINCT ?node) AS ?n) WHERE {
  VALUES ?kind { ckg:CaseReport ckg:Patient ckg:Diagnosis ckg:Therapy ckg:Outcome ckg:AdverseEvent
                 ckg:Finding ckg:Mention ckg:Sentence }
  ?node a ?kind .
} GROUP BY ?kind
"""
_NEGATED = """
PREFIX ckg: <https://w3id.org/casekg/vocab#>
SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {
  ?f ckg:negated true . FILTER NOT EXISTS { ?f a ckg:Mention }
}
"""


@cli.command()
@click.pass_obj
def stats(obj: Context) -> None:
    """Counts: documents, triples, and nodes of each class in the store."""
    try:
        with obj.open(read_only=True) as store:
            counts = {row[0]: row[1] for row in rows_from_solutions(store.query(_STATS)).rows}
            negated = rows_from_solutions(store.query(_NEGATED)).rows[0][0]
            documents = len(store.documents())
            total = len(store)
    except CaseKGError as error:
        fail(str(error))
        return
    click.echo(f"store           {obj.store_path}")
    click.echo(f"documents       {documents}")
    click.echo(f"quads           {total}")
    for kind in ("CaseReport", "Patient", "Diagnosis", "Therapy", "Outcome", "AdverseEvent", "Finding",
                 "Mention", "Sentence"):
        click.echo(f"{kind:<15} {counts.get('ckg:' + kind, counts.get(kind, 0))}")
    click.echo(f"negated facts   {negated}")
