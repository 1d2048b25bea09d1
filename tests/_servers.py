"""Real triple-store servers for the tests: the Oxigraph server and Virtuoso 7.

Each server binds to 127.0.0.1 on free ports, is waited for with bounded retries and is
always torn down. A missing binary skips the test locally, and fails it when
``CASEKG_REQUIRE_CORPORA=1`` or ``CI`` is set (``.ci/run`` installs both servers).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.remote.server import error_line, free_port, stop, wait_until_ready

__all__ = ["require", "oxigraph_available", "Virtuoso", "virtuoso"]


def require(available: bool, reason: str) -> None:
    """Skip (locally) or fail (in CI) when a server the test needs is not installed."""
    if available:
        return
    if os.environ.get("CASEKG_REQUIRE_CORPORA") == "1" or os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must install it (see .ci/run)")
    pytest.skip(reason)


def oxigraph_available() -> bool:
    from kg.errors import CaseKGError
    from kg.remote.server import oxigraph_binary

    try:
        oxigraph_binary()
    except CaseKGError:
        return False
    return True


_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
ServerThreads = 10
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {dir}
ThreadCleanupInterval = 1
ResourcesCleanupInterval = 1

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}/www
ServerThreads = 4
MaxClientConnections = 4
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


@dataclass
class Virtuoso:
    """A running Virtuoso: its SPARQL endpoint, and isql for loading files from ``folder``."""

    folder: Path
    sql_port: int
    http_port: int
    holds: str | None = None  # the file the tests loaded last (None: nothing of ours)

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def isql(self, statements: str) -> str:
        """Run SQL statements with isql-vt; a failing statement fails the test with its message."""
        result = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
            capture_output=True, text=True, timeout=300,
        )
        if result.returncode != 0 or "*** Error" in result.stdout + result.stderr:
            raise AssertionError(f"isql failed: {result.stdout}\n{result.stderr}")
        return result.stdout

    def load(self, path: Path, graph: str) -> None:
        """Load an RDF file as it is (copied into the allowed folder) into ``graph``.

        N-Quads (``.nq``) and TriG (``.trig``) files keep the graphs they name.
        """
        target = self.folder / path.name
        shutil.copyfile(path, target)
        flags = {".nq": 512, ".trig": 256}.get(path.suffix, 0)  # Virtuoso's TTLP flags for datasets
        self.isql(f"DB.DBA.TTLP_MT(file_to_string_output('{target}'), '', '{graph}', {flags}); checkpoint;")
        self.holds = path.name

    def holding(self, path: Path) -> Virtuoso:
        """This server with exactly ``path`` loaded (N-Quads/TriG into their graphs, else into one)."""
        if self.holds != path.name:
            self.clear()
            self.load(path, f"urn:casekg:{path.name}")
        return self

    def clear(self, prefixes: tuple[str, ...] = ("https://w3id.org/casekg/", "urn:casekg:")) -> None:
        """Drop the graphs the tests loaded (Virtuoso's own graphs stay)."""
        condition = " || ".join(f'STRSTARTS(STR(?g), "{p}")' for p in prefixes)
        listing = self.isql(f"SPARQL SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER({condition}) }};")
        graphs = [line.strip() for line in listing.splitlines() if line.strip().startswith(prefixes)]
        if graphs:
            self.isql(" ".join(f"SPARQL CLEAR GRAPH <{g}>;" for g in graphs))
        self.holds = None


@contextmanager
def virtuoso(attempts: int = 3) -> Iterator[Virtuoso]:
    """Start Virtuoso 7 with our own config in a temporary folder; stop it afterwards."""
    require(shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None,
            "Virtuoso is not installed (apt-get install virtuoso-opensource-7-bin virtuoso-opensource-7-common)")
    last = ""
    for _ in range(attempts):
        with tempfile.TemporaryDirectory(prefix="casekg-virtuoso-") as folder_name:
            folder = Path(folder_name)
            (folder / "www").mkdir()
            server = Virtuoso(folder, free_port(), free_port())
            if server.sql_port == server.http_port:
                continue
            ini = folder / "virtuoso.ini"
            ini.write_text(_INI.format(dir=folder, sql_port=server.sql_port, http_port=server.http_port))
            with (folder / "console.log").open("w+b") as log:
                process = subprocess.Popen(["virtuoso-t", "-f", "-c", str(ini)], cwd=folder, stdout=log, stderr=log)
                try:
                    wait_until_ready(server.query_url + "?query=ASK%7B%7D", process, seconds=120)
                except Exception as error:  # noqa: BLE001 - retried on other ports, then reported
                    stop(process, grace=20)
                    last = f"{error}{error_line(log)}"
                    continue
                try:
                    yield server
                finally:
                    stop(process, grace=30)
                return
    pytest.fail(f"Virtuoso did not start: {last}")
