"""The ``kg`` command group and what every command shares: the store option and errors.

Each command lives in its own module of this package and registers itself on :data:`cli`.
Every command reads the store given by ``--store`` (or ``CASEKG_STORE``, default
``./casekg-store``). Errors print one line on stderr (``kg: <file or thing>: <problem>``)
and exit non-zero.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg import __version__
from kg.store.store import DEFAULT_STORE, CaseStore

__all__ = ["cli", "Context", "fail"]


class Context:
    """What the group passes to its commands: where the store is."""

    def __init__(self, store: Path, vocab: Path | None = None) -> None:
        self.store_path = store
        self.vocab_option = vocab

    @property
    def vocab_dir(self) -> Path:
        """The compiled vocabulary folder (``--vocab``, ``CASEKG_VOCAB`` or the user cache)."""
        from kg.vocab.cache import resolve_vocab_dir

        return resolve_vocab_dir(self.vocab_option)

    def open(self, *, read_only: bool) -> CaseStore:
        return CaseStore(self.store_path, read_only=read_only)


def fail(message: str, code: int = 1) -> None:
    """Print one error line and exit."""
    click.echo(f"kg: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_STORE,
    envvar="CASEKG_STORE",
    show_default=True,
    help="Folder of the Oxigraph store (env CASEKG_STORE).",
)
@click.option(
    "--vocab",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the compiled vocabulary (env CASEKG_VOCAB; default: the user cache). See kg vocab build.",
)
@click.version_option(__version__, prog_name="kg")
@click.pass_context
def cli(ctx: click.Context, store: Path, vocab: Path | None) -> None:
    """CaseKG: turn clinical case reports into a knowledge graph and query it.

    \b
    kg ingest examples/            read reports into the store
    kg queries                     list the canned queries
    kg query cases-overview        run one and print a table
    kg export --format turtle -o case-graph.ttl
    """
    ctx.obj = Context(store, vocab)


