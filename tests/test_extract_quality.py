"""Extraction quality stays at its measured level (docs/extract.md): seeds scored with the other
three curated files as known entities, own documents with data/ known."""

import pytest

from graph.extract import scoreboard
from graph.extract.evaluate import Score, lines_of

SEEDS_PRESENT = scoreboard.SEEDS_DIR.is_dir()


def _totals(results) -> dict[str, Score]:
    return {row: sum((r[row] for r in results.values()), Score()) for row in scoreboard.ROWS}


def test_locators_parse_lines_ranges_and_pages():
    assert lines_of("lines 80-81, §2.2; line 84") == {(0, 80), (0, 81), (0, 84)}
    assert lines_of("lines 130, 135 and 140, §3.1") == {(0, 130), (0, 135), (0, 140)}
    assert lines_of("page 2, lines 3-4") == {(2, 3), (2, 4)}


@pytest.mark.skipif(not SEEDS_PRESENT, reason="the seed reports are not in ../shared/seeds")
def test_seed_reports_meet_the_targets():
    totals = _totals(scoreboard.run(scoreboard.seed_cases()))
    assert totals["actors known"].recall >= 0.9
    assert totals["actors new"].precision >= 0.8
    assert totals["memberships"].recall >= 0.7
    assert totals["agreements"].recall >= 0.7


def test_own_documents_meet_the_targets():
    totals = _totals(scoreboard.run(scoreboard.fixture_cases()))
    assert totals["actors known"].recall >= 0.9
    assert totals["actors new"].precision >= 0.8
    assert totals["memberships"].recall >= 0.7
    assert totals["agreements"].recall >= 0.7
    assert totals["events"].recall >= 0.7
