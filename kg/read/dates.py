"""Publication dates as written on pages ("19 May 2025", "2025-05-19") -> ISO 8601."""

from __future__ import annotations

import re
from datetime import date

__all__ = ["parse_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def _iso(year: str, month: int | None, day: str) -> str | None:
    if month is None:
        return None
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD``, or None.

    >>> parse_date("Accepted: 19 May 2025."), parse_date("2025-05-19"), parse_date("March 3, 2024")
    ('2025-05-19', '2025-05-19', '2024-03-03')
    """
    if (m := _ISO.search(text)) is not None:
        return _iso(m.group(1), int(m.group(2)), m.group(3))
    if (m := _DAY_MONTH_YEAR.search(text)) is not None:
        return _iso(m.group(3), _MONTHS.get(m.group(2).lower()), m.group(1))
    if (m := _MONTH_DAY_YEAR.search(text)) is not None:
        return _iso(m.group(3), _MONTHS.get(m.group(1).lower()), m.group(2))
    return None
