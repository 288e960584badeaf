"""The geographic map in Chromium, served by the real app, with every request that would leave
the machine blocked and recorded (there must be none). Screenshots at 1280 × 720: the ones for
the documentation are written to docs/screenshots/ when CLUSTERGRAPH_DOC_SCREENSHOTS=1."""

import os
from urllib.parse import urlsplit

import pytest

from clustergraph.settings import PROJECT_ROOT
from tests.test_browser import base_url, browser, map_json, offline_tab, shot

__all__ = ["base_url", "browser"]  # fixtures shared with tests/test_browser.py

DOCS = PROJECT_ROOT / "docs" / "screenshots"


@pytest.fixture
def tab(browser):
    """A 1280 × 720 page whose non-loopback requests are blocked and recorded."""
    context, page, watch = offline_tab(browser, viewport={"width": 1280, "height": 720})
    yield page
    context.close()
    assert watch.remote == [], "the geographic map tried to reach the network"


def _point_on(page, selector: str) -> tuple[float, float]:
    """A point of the page where the element itself (not an arc over it) takes the mouse."""
    point = page.evaluate(
        """(sel) => { const el = document.querySelector(sel);
            const r = el.getBoundingClientRect();
            for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
              const x = r.left + r.width * i / 20, y = r.top + r.height * j / 20;
              if (document.elementFromPoint(x, y) === el) return [x, y];
            }
            return null; }""",
        selector,
    )
    assert point, f"{selector} is hidden under other elements everywhere"
    return point[0], point[1]


def _doc_shot(page, name: str) -> None:
    shot(page, name)
    if os.environ.get("CLUSTERGRAPH_DOC_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS / f"{name}.png"))


@pytest.mark.parametrize(
    ("query", "name"), [("", "map-geo"), ("?partnership=space2id", "map-geo-space2id")]
)
def test_geo_map_draws_offline(tab, base_url, bundled_graph, query, name):
    expected = map_json(base_url, "maps/geo" + query)
    tab.goto(base_url + "maps/geo" + query)
    svg = tab.locator("#map svg")
    box = svg.bounding_box()
    assert box and box["width"] > 1000 and box["height"] > 500  # fills the page
    drawn = tab.evaluate(
        """() => ({
            countries: [...new Set([...document.querySelectorAll('#map .country')]
                                   .map(e => e.dataset.code))],
            arcs: document.querySelectorAll('#map .arc').length,
            labels: [...document.querySelectorAll('#map .label')].map(e => e.textContent),
            statuses: [...document.querySelectorAll('#map .status')].map(e => e.textContent),
            labelPx: Math.min(...[...document.querySelectorAll('#map .label')]
                                .map(e => e.getBoundingClientRect().height)),
        })"""
    )
    linked = {c for x in expected["links"] for c in (x["source"], x["target"])}
    assert linked <= set(drawn["countries"])
    assert drawn["arcs"] >= 1
    assert drawn["labelPx"] >= 12  # readable in a 1280 x 720 window
    if query:
        assert "Canada" in drawn["labels"] and "priority" in drawn["statuses"]
    else:
        assert {"France", "Canada", "Germany", "Spain"} <= set(drawn["labels"])
    _doc_shot(tab, name)
    assert tab.watch.errors == []


def test_hover_shows_counts_and_toggles_hide_arcs(tab, base_url, bundled_graph):
    tab.goto(base_url + "maps/geo")
    tab.mouse.move(*_point_on(tab, '#map .panel-europe .country[data-code="FR"]'))
    tip = tab.locator("#tip")
    assert tip.is_visible()
    text = tip.inner_text()
    assert text.startswith("France (FR)") and "Agreements:" in text and "Actors:" in text
    assert tab.locator("#map svg.focus .arc.on").count() > 0  # France's links stand out
    shown = tab.locator("#map .arc-membership").first
    assert shown.is_visible()
    tab.locator('input.kind[value="membership"]').uncheck()
    assert not shown.is_visible()
    assert tab.locator("#map .arc-agreement").first.is_visible()


def test_click_on_a_country_opens_its_page(tab, base_url, bundled_graph):
    tab.goto(base_url + "maps/geo")
    tab.mouse.click(*_point_on(tab, '#map .panel-world .country[data-code="CA"]'))
    tab.wait_for_url("**/explore/countries/CA")
    assert urlsplit(tab.url).path == "/explore/countries/CA"
    assert tab.locator("h1").first.inner_text().startswith("Canada")  # the workbench page
