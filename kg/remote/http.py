"""One HTTP request with bounded retries, and the one-line errors a user can act on.

Remote stores restart, sit behind proxies and shed load: a refused connection or a
``5xx``/``429`` answer is retried a few times with a growing pause; a ``4xx`` answer is the
endpoint rejecting what we sent and is reported at once with the first line it gave.
The standard library is enough (``urllib``): no client state, no extra dependency.
"""

from __future__ import annotations

import html
import re
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from kg.errors import CaseKGError

__all__ = ["EndpointError", "EndpointTimeout", "Response", "request"]

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class EndpointError(CaseKGError):
    """A remote endpoint is unreachable, or refused or failed a request."""


class EndpointTimeout(EndpointError):
    """The endpoint did not answer within the time allowed."""


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


_TAG = re.compile(r"<(head|script|style)\b.*?</\1>|<[^>]+>", re.IGNORECASE | re.DOTALL)


def _first_line(body: bytes) -> str:
    """The first line of an error answer; HTML pages are reduced to their text."""
    text = body.decode("utf-8", "replace")
    if "<" in text and re.search(r"<(html|body|!doctype|h1|title)\b", text, re.IGNORECASE):
        text = html.unescape(_TAG.sub("\n", text))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0][:300] if lines else "(empty answer)"


def request(
    method: str,
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float | None = 60.0,
    attempts: int = 3,
    pause: float = 0.5,
    what: str = "request",
    name: str | None = None,
) -> Response:
    """Send one request; retry unreachable/overloaded endpoints ``attempts`` times in all.

    ``what`` and ``name`` (the endpoint as the user gave it) word the error messages.
    """
    name = name or url
    last = ""
    for attempt in range(1, attempts + 1):
        req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as answer:
                return Response(answer.status, answer.headers.get("Content-Type", ""), answer.read())
        except urllib.error.HTTPError as error:
            body = error.read()
            if error.code not in _RETRY_STATUS:
                raise EndpointError(f"endpoint {name} refused the {what}: HTTP {error.code}: {_first_line(body)}") from None
            last = f"HTTP {error.code}: {_first_line(body)}"
        except (TimeoutError, socket.timeout):
            raise EndpointTimeout(f"endpoint {name} did not answer the {what} within {timeout:g} s") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                raise EndpointTimeout(f"endpoint {name} did not answer the {what} within {timeout:g} s") from None
            last = f"unreachable ({error.reason})"
        except (ConnectionError, OSError) as error:
            last = f"unreachable ({error})"
        if attempt < attempts:
            time.sleep(pause * 2 ** (attempt - 1))
    raise EndpointError(f"endpoint {name} failed the {what}: {last} (after {attempts} attempts)")
