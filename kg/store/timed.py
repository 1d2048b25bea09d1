"""A query over the store that is really stopped when it runs too long.

pyoxigraph cannot cancel a query in-process, and a thread cannot be killed: so the query
runs in a child process that opens the store itself, and the parent kills the child when
the time is up. The clock starts once the child has opened the store, so ``seconds`` is
the time the query may take, not the time Python needs to start.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from kg.errors import CaseKGError, QueryError
from kg.store.results import Rows

__all__ = ["QueryTimeout", "query_with_timeout"]

_START_SECONDS = 120.0


class QueryTimeout(QueryError):
    """The query did not finish in time and was stopped."""


def _worker(connection, path: str, sparql: str) -> None:  # runs in the child process
    from kg.store.results import rows_from_solutions
    from kg.store.store import CaseStore

    try:
        with CaseStore(path, read_only=True) as store:
            connection.send(("ready", None))
            try:
                rows = rows_from_solutions(store.query(sparql))
            except SyntaxError as error:
                raise QueryError(f"invalid SPARQL: {str(error).splitlines()[0]}") from None
        connection.send(("rows", rows))
    except CaseKGError as error:
        connection.send(("error", str(error)))
    finally:
        connection.close()


def _receive(receiver, seconds: float, late: CaseKGError) -> object:
    """The child's next message within ``seconds``; its error, or ``late``, raised."""
    if not receiver.poll(seconds):
        raise late
    kind, value = receiver.recv()
    if kind == "error":
        raise CaseKGError(value)
    return value


def query_with_timeout(path: Path | str, sparql: str, seconds: float) -> Rows:
    """Rows of ``sparql`` over the store at ``path``, or QueryTimeout after ``seconds``."""
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited store handles
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_worker, args=(sender, str(path), sparql), daemon=True)
    child.start()
    sender.close()
    try:
        _receive(receiver, _START_SECONDS, CaseKGError(f"store {path}: the query process did not start"))
        return _receive(receiver, seconds, QueryTimeout(
            f"query stopped: it did not finish within {seconds:g} s (--timeout)"))
    except EOFError:
        raise CaseKGError(f"store {path}: the query process failed (exit code {child.exitcode})") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
