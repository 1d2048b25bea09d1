"""The ``kg`` command line, one module per command (``kg/cli/<command>.py``).

Importing a module registers its command on the group in ``base``.
"""

from __future__ import annotations

from kg.cli import annotate, evaluate, export, ingest, query, stats, vocab  # noqa: F401  (register the commands)
from kg.cli.base import cli

__all__ = ["cli", "main"]


def main() -> None:
    cli(prog_name="kg")
