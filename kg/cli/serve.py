"""``kg serve``: the store, read-only, as a SPARQL 1.1 Protocol endpoint (the Oxigraph server)."""

from __future__ import annotations

import signal
import subprocess
import sys
import tempfile

import click

from kg.cli.base import Context, cli, fail
from kg.errors import CaseKGError
from kg.remote.server import error_line, port_is_free, serve_command, stop, wait_until_ready

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the graph to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True, metavar="SECONDS",
              help="Time limit of one query.")
@click.pass_obj
def serve(obj: Context, host: str, port: int, timeout: float) -> None:
    """Serve the store read-only over the SPARQL 1.1 Protocol at http://HOST:PORT/query.

    Runs the Oxigraph server (oxigraph serve-read-only) on the store with the default graph
    as the union of all graphs, like 'kg query'; updates are refused. Stop it with Ctrl-C.
    A running server does not see later ingests: restart it after 'kg ingest'.
    """
    if not (obj.store_path / "CURRENT").exists():
        fail(f"no CaseKG store at {obj.store_path} (run 'kg ingest' first, or pass --store)")
    try:
        argv = serve_command(obj.store_path, host, port, read_only=True, timeout=timeout)
    except CaseKGError as error:
        fail(str(error))
        return
    if not port_is_free(host, port):
        fail(f"cannot serve on {host}:{port}: the address is in use (choose another --port)")
    if host not in _LOOPBACK:
        click.echo(f"kg: warning: serving on {host}: anyone who can reach port {port} can read the graph", err=True)
    signal.signal(signal.SIGTERM, _interrupt)
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(argv, stdout=log, stderr=log)
        try:
            wait_until_ready(f"http://{host if ':' not in host else f'[{host}]'}:{port}/query?query=ASK%7B%7D", process)
            click.echo(f"serving {obj.store_path} read-only at http://{host}:{port}/query "
                       f"(query time limit {timeout:g} s; Ctrl-C stops)")
            sys.stdout.flush()
            process.wait()
        except CaseKGError as error:
            stop(process)
            fail(f"cannot serve {obj.store_path} on {host}:{port}: {error}{error_line(log)}")
        except KeyboardInterrupt:
            pass
        finally:
            stop(process)
        if process.returncode not in (0, -signal.SIGTERM, None):
            fail(f"the Oxigraph server stopped with code {process.returncode}{error_line(log)}")
