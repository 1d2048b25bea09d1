"""Fixtures shared by the tests of exports, endpoints and the Python API (import them by name).

Kept out of conftest.py so that they are visible where they are used.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import ingest
from kg.store.store import CaseStore

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def example_store(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Path:
    """A closed store holding the examples and the seed reports (7 documents)."""
    path = tmp_path_factory.mktemp("examples") / "store"
    with CaseStore(path) as store:
        report = ingest([EXAMPLES, seeds], store)
    assert report.ok, report.failures
    return path
