"""The shared vocabulary in graph/schema: partial dates, name folding, orders."""

import datetime as dt
import re

import pytest

from graph.schema.dates import (
    PARTIAL_DATE_PATTERN,
    format_partial_date,
    parse_partial_date,
)
from graph.schema.display import COUNTRY_STATUS_ORDER, ROLE_ORDER, ROLE_RANKS
from graph.schema.names import normalise

PATTERN = re.compile(PARTIAL_DATE_PATTERN)


def _parses(text: str) -> bool:
    try:
        parse_partial_date(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("year", [1, 4, 100, 400, 999, 1900, 1999, 2000, 2023, 2024, 2100, 9999])
def test_the_date_pattern_admits_exactly_what_the_parser_accepts(year):
    texts = [f"{year:04d}"]
    for month in range(0, 14):
        texts.append(f"{year:04d}-{month:02d}")
        texts += [f"{year:04d}-{month:02d}-{day:02d}" for day in range(0, 33)]
    for text in texts:
        assert bool(PATTERN.match(text)) == _parses(text), text


def test_every_year_and_leap_day_agree():
    for year in range(0, 10000):
        for text in (f"{year:04d}", f"{year:04d}-02-29"):
            assert bool(PATTERN.match(text)) == _parses(text), text


def test_partial_dates_are_periods():
    month = parse_partial_date("2024-02")
    assert (month.precision, month.start, month.end) == (
        "month",
        dt.date(2024, 2, 1),
        dt.date(2024, 2, 29),
    )
    assert parse_partial_date("2019").end == dt.date(2019, 12, 31)
    for bad, message in (
        ("0000", "not a real date"),
        ("2023-13", "not a real date"),
        ("23", "YYYY"),
    ):
        with pytest.raises(ValueError, match=message):
            parse_partial_date(bad)
    assert format_partial_date(dt.date(2019, 6, 1), "month") == "2019-06"
    assert format_partial_date(None) is None


def test_names_fold_case_accents_and_punctuation():
    assert normalise("Aéro-Montréal!") == "aero montreal"
    assert normalise("  Aéro-Montréal! ", keep_punctuation=True) == "aero-montreal!"
    assert normalise("Straße") == "strasse"


def test_orders():
    assert min(ROLE_ORDER, key=ROLE_ORDER.__getitem__) == "coordinator"
    assert ROLE_RANKS["chair"] < ROLE_RANKS["partner"]
    assert sorted(COUNTRY_STATUS_ORDER, key=COUNTRY_STATUS_ORDER.__getitem__) == [
        "priority",
        "selected",
        "candidate",
    ]
