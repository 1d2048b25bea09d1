"""Run the Oxigraph server (the ``oxigraph`` command from the ``oxigraph`` package).

``kg serve`` uses it read-only over a CaseKG store; the tests use it read-write as a
stand-in for "another triple store". A server is a child process bound to loopback by
default, waited for with bounded retries, and always stopped (terminate, then kill).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg.remote.http import EndpointError

__all__ = ["oxigraph_binary", "free_port", "wait_until_ready", "stop", "Server", "running", "serve_command", "error_line", "port_is_free"]


def oxigraph_binary() -> str:
    """The ``oxigraph`` server command: beside this Python (a venv), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise EndpointError("the Oxigraph server is not installed (pip install oxigraph)")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the caller retries if it is taken meanwhile)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on ``host:port`` (so a new server will not answer for another)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # closed connections do not count
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def wait_until_ready(url: str, process: subprocess.Popen | None = None, *, seconds: float = 60.0) -> None:
    """Poll ``url`` until it answers (any HTTP status); fail if the process exits first."""
    deadline = time.monotonic() + seconds
    while True:
        if process is not None and process.poll() is not None:
            raise EndpointError(f"server for {url} exited with code {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                raise EndpointError(f"server for {url} was not ready after {seconds:g} s") from None
            time.sleep(0.2)


def stop(process: subprocess.Popen, grace: float = 10.0) -> None:
    """Terminate a server process, and kill it if it does not exit within ``grace`` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def error_line(log) -> str:
    """``": <the error>"`` from a server's log file (its ``Error:`` line, else the first line)."""
    log.seek(0)
    lines = [line.strip() for line in log.read().decode("utf-8", "replace").splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("Error")]
    return f": {(errors or lines)[0]}" if lines else ""


@dataclass(frozen=True)
class Server:
    """A running Oxigraph server: its base URL and the SPARQL / Graph Store endpoints."""

    base: str
    process: subprocess.Popen

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    @property
    def update_url(self) -> str:
        return self.base + "/update"

    @property
    def store_url(self) -> str:
        return self.base + "/store"


def serve_command(
    location: Path | None,
    host: str,
    port: int,
    *,
    read_only: bool = False,
    union_default_graph: bool = True,
    timeout: float | None = None,
) -> list[str]:
    """The ``oxigraph serve`` / ``serve-read-only`` command line."""
    argv = [oxigraph_binary(), "serve-read-only" if read_only else "serve"]
    if location is not None:
        argv += ["--location", str(location)]
    argv += ["--bind", f"{host}:{port}"]
    if union_default_graph:
        argv.append("--union-default-graph")
    if timeout:
        argv += ["--timeout-s", str(max(1, round(timeout)))]
    return argv


@contextmanager
def running(
    location: Path | None = None,
    *,
    host: str = "127.0.0.1",
    read_only: bool = False,
    union_default_graph: bool = True,
    timeout: float | None = None,
    attempts: int = 3,
    extra: Sequence[str] = (),
) -> Iterator[Server]:
    """Start an Oxigraph server on a free loopback port; stop it on exit, whatever happens."""
    last: Exception | None = None
    for _ in range(attempts):
        port = free_port(host)
        argv = serve_command(location, host, port, read_only=read_only,
                             union_default_graph=union_default_graph, timeout=timeout) + list(extra)
        with tempfile.TemporaryFile() as log:  # a file, not a pipe: a chatty server never blocks
            process = subprocess.Popen(argv, stdout=log, stderr=log)
            base = f"http://{host}:{port}"
            try:
                wait_until_ready(base + "/query?query=ASK%7B%7D", process)
            except EndpointError as error:
                stop(process)
                last = EndpointError(f"{error}{error_line(log)}")
                continue
            try:
                yield Server(base, process)
            finally:
                stop(process)
            return
    raise last or EndpointError("could not start the Oxigraph server")
