"""Errors a user can act on: each renders as one line naming the file and the problem."""

from __future__ import annotations

__all__ = ["CaseKGError", "ReadError", "StoreError", "StoreLockedError", "QueryError"]


class CaseKGError(Exception):
    """Base class; ``str(error)`` is the one-line message shown to the user."""


class ReadError(CaseKGError):
    """A file could not be read as a case report."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class StoreError(CaseKGError):
    """The store could not be opened or written."""


class StoreLockedError(StoreError):
    """Another process holds the store for writing."""


class QueryError(CaseKGError):
    """A query, or one of its parameters, is not valid."""
