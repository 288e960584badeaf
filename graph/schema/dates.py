"""Partial dates: YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is.

A partial date stands for a period (a year, a month or a day). It is stored as the first day of
that period plus its precision, and shown again cut to that precision.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

Precision = Literal["year", "month", "day"]
PRECISIONS: dict[int, Precision] = {1: "year", 2: "month", 3: "day"}

_SHAPE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# Exactly the calendar dates from year 1 to 9999, as one regular expression, so that the OpenAPI
# document (`pattern`) refuses what the server refuses: no year 0000, no month 13, no 2023-02-29.
_YEAR = r"(?:000[1-9]|00[1-9]\d|0[1-9]\d{2}|[1-9]\d{3})"
_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY_ANY_MONTH = r"(?:0[1-9]|1\d|2[0-8])"
_MONTH_30 = r"(?:0[13-9]|1[0-2])"  # every month but February has a 29th and a 30th
_MONTH_31 = r"(?:0[13578]|1[02])"
_LEAP_YEAR = r"(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
PARTIAL_DATE_PATTERN = (
    rf"^(?:{_YEAR}(?:-{_MONTH})?"
    rf"|{_YEAR}-(?:{_MONTH}-{_DAY_ANY_MONTH}|{_MONTH_30}-(?:29|30)|{_MONTH_31}-31)"
    rf"|{_LEAP_YEAR}-02-29)$"
)
PARTIAL_DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)"


@dataclass(frozen=True)
class PartialDate:
    text: str
    precision: Precision
    start: dt.date  # the first day of the period
    end: dt.date  # the last day of the period


def parse_partial_date(text: str) -> PartialDate:
    """The period a partial date names; ValueError (with a message for people) if it is none."""
    match = _SHAPE.match(text)
    if not match:
        raise ValueError("must be a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        # 2023-00 is no month: only a missing part stands for the first one.
        start = dt.date(year, 1 if month is None else month, 1 if day is None else day)  # type: ignore[arg-type]
        if day is not None:
            end = start
        elif month is not None:
            end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        else:
            end = dt.date(start.year, 12, 31)
    except ValueError as e:
        raise ValueError(f"is not a real date ({e})") from e
    return PartialDate(text, PRECISIONS[len(text.split("-"))], start, end)


def check_partial_date(value: str) -> str:
    """A pydantic validator: the text itself once it is known to be a real partial date."""
    parse_partial_date(value)
    return value


def date_precision(text: str | None) -> Precision | None:
    return None if text is None else parse_partial_date(text).precision


def date_value(text: str | None) -> dt.date | None:
    """The first day of the period a partial date names (kept with its precision)."""
    return None if text is None else parse_partial_date(text).start


def format_partial_date(value: Any, precision: str | None = None) -> str | None:
    """A stored date (Neo4j or Python temporal value) as ISO text, cut to its precision."""
    if value is None:
        return None
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, dt.datetime | dt.date):
        text = value.isoformat()
        if precision == "year":
            return text[:4]
        if precision == "month":
            return text[:7]
        return text[:10] if isinstance(value, dt.date) and precision == "day" else text
    return str(value)
