"""Shared fixtures: the third-party corpora and the seed reports, found in one place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _shared_folder(env_var: str, default: Path, what: str) -> Path:
    configured = os.environ.get(env_var)
    path = Path(configured) if configured else default
    if not path.is_dir():
        reason = f"{what} not found at {path} (set {env_var})"
        if os.environ.get("CASEKG_REQUIRE_CORPORA") == "1":
            pytest.fail(reason + "; CASEKG_REQUIRE_CORPORA=1 makes this a failure")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The folder of third-party corpora and vocabularies (``../shared/corpora``)."""
    return _shared_folder("CASEKG_CORPORA", ROOT.parent / "shared" / "corpora", "corpora")


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The two seed case reports (``../shared/seeds``, or beside ``$CASEKG_CORPORA``)."""
    corpora_env = os.environ.get("CASEKG_CORPORA")
    default = Path(corpora_env).parent / "seeds" if corpora_env else ROOT.parent / "shared" / "seeds"
    return _shared_folder("CASEKG_SEEDS", default, "seed reports")


@pytest.fixture(autouse=True, scope="session")
def _no_user_vocabulary(tmp_path_factory: pytest.TempPathFactory):
    """Tests never pick up a vocabulary the user compiled into their cache (``kg vocab build``)."""
    previous = os.environ.get("CASEKG_VOCAB")
    os.environ["CASEKG_VOCAB"] = str(tmp_path_factory.mktemp("no-user-vocabulary"))
    yield
    if previous is None:
        os.environ.pop("CASEKG_VOCAB", None)
    else:
        os.environ["CASEKG_VOCAB"] = previous


@pytest.fixture(scope="session")
def example_store(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Path:
    """A closed store holding the examples and the seed reports (7 documents)."""
    from kg.pipeline import ingest
    from kg.store.store import CaseStore

    path = tmp_path_factory.mktemp("examples") / "store"
    with CaseStore(path) as store:
        report = ingest([ROOT / "examples", seeds], store)
    assert report.ok, report.failures
    return path
