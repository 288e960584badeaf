"""Provenance is checkable: each cited line of a seed report names the entity cited for it."""

import re

import pytest

from graph.loaders.pipeline import validate
from graph.schema.names import normalise
from tests.conftest import SEEDS_DIR

pytestmark = pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="../shared/seeds is not beside")
_LINES = re.compile(r"lines? (\d+)(?:\s*-\s*(\d+))?")


def test_every_actor_and_partnership_source_line_names_it():
    plan = validate(None)
    texts = {
        d["id"]: (SEEDS_DIR / d["file"]).read_text(encoding="utf-8").split("\n")
        for d in plan.rows["documents"]
    }
    checked, misses = 0, []
    for row in plan.rows["actors"] + plan.rows["partnerships"]:
        names = [row["name"], *row["aliases"]]
        tokens = {t for n in names for t in normalise(n).split() if len(t) >= 4}
        for source in row["sources"]:
            doc, _, locator = source.partition("|")
            match = _LINES.match(locator)
            assert match, f"{row['id']}: locator {locator!r} does not start with a line number"
            low, high = int(match.group(1)), int(match.group(2) or match.group(1))
            assert high <= len(texts[doc]), f"{row['id']}: {source} is past the end of {doc}"
            window = normalise(" ".join(texts[doc][low - 1 : high]))
            checked += 1
            if not any(t in window for t in tokens) and not any(
                normalise(n) in window for n in names
            ):
                misses.append(source)
    assert checked > 200
    assert misses == []
