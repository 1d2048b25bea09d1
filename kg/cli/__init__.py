"""The ``kg`` command line, one module per command (``kg/cli/<command>.py``).

Importing a module registers its command on the group in ``base``.
"""

from __future__ import annotations

from kg.cli import (  # noqa: F401  (register the commands)
    annotate, evaluate, export, graph, ingest, push, query, serve, stats, validate, vocab,
)
from kg.cli.base import cli

__all__ = ["cli", "main"]


def main() -> None:
    cli(prog_name="kg")
