# ruff: noqa: F811  (the fixtures imported from tests.test_browser are parameters here)
"""The workbench as an analyst uses it, in Chromium at 1280×720 with every request beyond
loopback blocked (and asserted absent): each question answered through the pages' own controls,
never by typing a URL other than the home page. Screenshots go to tests/screenshots/."""

import csv
import io
import json
import re
import urllib.request

import pytest

from tests.test_browser import (  # noqa: F401  (fixtures)
    CHROMIUM_ARGS,
    TIMEOUT_MS,
    Watch,
    base_url,
    browser,
    offline_tab,
    shot,
    wait_map,
)

VIEWPORT = {"width": 1280, "height": 720}


def api(base_url: str, path: str) -> dict:
    with urllib.request.urlopen(base_url + path.lstrip("/"), timeout=30) as answer:
        return json.load(answer)


def _tab(browser, **options):
    return offline_tab(browser, viewport=VIEWPORT, accept_downloads=True, **options)


@pytest.fixture
def analyst(browser):
    context, tab, watch = _tab(browser)
    yield tab
    context.close()
    assert watch.remote == [], "the page tried to reach the network"
    assert watch.errors == [], "the page logged errors"


def map_frame(tab):
    """The frame of the map embedded in the page, once it has drawn and settled."""
    tab.wait_for_function(
        "() => { const f = document.querySelector('iframe.map-frame');"
        " return f && f.contentWindow.clustergraphMap && f.contentWindow.clustergraphMap.ready; }"
    )
    frame = tab.frame(name="map")
    wait_map(frame)
    return frame


def click_node(tab, node_id: str) -> None:
    """Click a node of the embedded map where vis-network drew it (centred on it first)."""
    frame = map_frame(tab)
    spot = frame.evaluate(
        """(id) => { const n = window.clustergraphMap.network;
                     n.stopSimulation();
                     n.focus(id, { scale: 1.3, animation: false });
                     n.redraw();
                     const p = n.canvasToDOM(n.getPosition(id));
                     const r = document.getElementById("map").getBoundingClientRect();
                     return { x: r.left + p.x, y: r.top + p.y }; }""",
        node_id,
    )
    box = tab.locator("iframe.map-frame").bounding_box()
    tab.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])


def test_find_aerospace_valley_open_a_neighbour_from_its_map_and_come_back(
    analyst, base_url, bundled_graph
):
    tab = analyst
    tab.goto(base_url)
    tab.fill("#home-q", "Aerospace Valley")
    tab.locator("ul.suggestions li", has_text="Aerospace Valley").first.click()
    tab.wait_for_url("**/explore/actors/aerospace-valley")
    assert tab.locator("h1").inner_text() == "Aerospace Valley"
    frame = map_frame(tab)
    expected = api(base_url, "/maps/actor/aerospace-valley?depth=1&format=json")
    assert wait_map(frame)["drawn"] == len(expected["nodes"])
    assert tab.locator("#partnerships", has_text="Partnerships").is_visible()
    shot(tab, "workbench-actor-aerospace-valley")

    click_node(tab, "actor:skywin")
    tab.wait_for_url("**/explore/actors/skywin")
    assert tab.locator("h1").inner_text() == "Skywin"
    assert "/maps/actor/skywin" in map_frame(tab).url

    tab.go_back()
    tab.wait_for_url("**/explore/actors/aerospace-valley")
    assert tab.locator("h1").inner_text() == "Aerospace Valley"
    assert "/maps/actor/aerospace-valley" in map_frame(tab).url
    assert tab.evaluate("() => window.scrollY") == 0  # a profile opens at its top

    # Changing the depth redraws the map at once (and the page's address says so).
    tab.select_option("#depth", "2")
    tab.wait_for_url("**/explore/actors/aerospace-valley?depth=2")
    assert "depth=2" in map_frame(tab).url


def test_suggestions_work_with_the_keyboard(analyst, base_url, bundled_graph):
    tab = analyst
    tab.goto(base_url)
    tab.focus("#home-q")
    tab.keyboard.type("Skywin")
    tab.locator("ul.suggestions li", has_text="Skywin").first.wait_for()
    tab.keyboard.press("ArrowDown")
    assert tab.locator("ul.suggestions li[aria-selected=true]").count() == 1
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/explore/actors/skywin")
    # Enter without choosing a suggestion searches: the results page, the text kept.
    tab.fill("#top-q", "aero")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/explore/search?q=aero")
    assert tab.locator("#results tbody tr").count() > 3
    assert tab.input_value("#top-q") == "aero"


def test_agreements_with_canada_in_2018_through_the_tables_controls(
    analyst, base_url, bundled_graph, tmp_path
):
    tab = analyst
    tab.goto(base_url)
    tab.click("header nav >> text=Agreements")
    tab.fill("#country", "Canada")
    tab.locator("ul.suggestions li", has_text="Canada").first.wait_for()  # the list is open
    tab.fill("#from", "2018")
    tab.fill("#to", "2018")
    tab.click("#apply-filters")  # nothing covers the button
    tab.wait_for_url(re.compile(r".*/explore/agreements\?.*country=Canada.*"))
    expected = api(base_url, "/agreements?country=CA&from=2018&to=2018&limit=100")
    assert expected["total"] > 0
    shown = tab.locator("#agreements-table tbody tr td:first-child > a")
    hrefs = [shown.nth(i).get_attribute("href") for i in range(shown.count())]
    assert hrefs == [f"/explore/agreements/{g['id']}" for g in expected["items"]]
    assert f"{expected['total']} agreement" in tab.locator("#agreements-summary").inner_text()
    shot(tab, "workbench-agreements-canada-2018")

    with tab.expect_download() as download:
        tab.click("#csv-download")
    saved = tmp_path / "agreements.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == [g["id"] for g in expected["items"]]


def test_canadas_page_lists_its_targeted_actors_with_status_and_who(
    analyst, base_url, bundled_graph
):
    tab = analyst
    tab.goto(base_url)
    tab.fill("#home-q", "Canada")
    tab.locator("ul.suggestions li", has_text="country").first.click()
    tab.wait_for_url("**/explore/countries/CA")
    expected = [a for a in api(base_url, "/countries/CA")["actors"] if a["targeted_by"]]
    assert expected
    table = tab.locator("#targeted-actors")
    for actor in expected:
        row = table.locator("tr", has=tab.locator(f'a[href="/explore/actors/{actor["id"]}"]'))
        text = row.first.inner_text()
        by = actor["targeted_by"][0]
        assert by["name"].split(" - ")[0] in text and (by["status"] or "") in text, text
    tab.locator("#targeted").scroll_into_view_if_needed()
    shot(tab, "workbench-country-canada")


def test_path_finder_with_typed_names(analyst, base_url, bundled_graph):
    tab = analyst
    tab.goto(base_url)
    tab.click("header nav >> text=Path finder")
    tab.fill("#source", "Aviation Valley")
    tab.fill("#target", "Aerospace Valley")
    tab.click("#find-path")
    tab.wait_for_url(re.compile(r".*/explore/paths\?source=Aviation.*"))
    expected = api(base_url, "/paths?source=aviation-valley&target=aerospace-valley&k=3")
    explanations = tab.locator(".explanation").all_inner_texts()
    assert [e.rsplit(" (", 1)[0] for e in explanations] == [
        p["explanation"] for p in expected["paths"]
    ]
    frame = map_frame(tab)
    assert "source=aviation-valley" in frame.url and "target=aerospace-valley" in frame.url
    highlighted = frame.evaluate(
        "() => window.clustergraphMap.nodes.get().filter(n => n.color && n.color.border)"
        ".map(n => n.id)"
    )
    assert "actor:aero-montreal" in highlighted
    shot(tab, "workbench-path-aviation-aerospace")
    tab.locator("iframe.map-frame").scroll_into_view_if_needed()
    shot(tab, "workbench-path-map")


def test_recommendations_for_an_actor_show_reasons(analyst, base_url, bundled_graph):
    tab = analyst
    tab.goto(base_url)
    tab.fill("#home-q", "Aerospace Valley")
    tab.locator("ul.suggestions li", has_text="Aerospace Valley").first.click()
    tab.wait_for_url("**/explore/actors/aerospace-valley")
    tab.click("#all-recommendations")  # "All N potential partners with their reasons"
    tab.wait_for_url("**/explore/recommendations/aerospace-valley")
    expected = api(base_url, "/recommendations/aerospace-valley")["items"]
    rows = tab.locator("#recommendations tbody tr")
    assert rows.count() == len(expected) > 0
    first = rows.first.inner_text()
    assert expected[0]["name"] in first
    assert expected[0]["reasons"][0]["detail"] in first
    shot(tab, "workbench-recommendations")


def test_swagger_ui_and_redoc_work_offline(analyst, base_url, bundled_graph):
    tab = analyst
    tab.goto(base_url)
    tab.click("header nav >> text=API")
    tab.wait_for_url("**/docs")
    tab.locator(".swagger-ui .info .title", has_text="clustergraph").wait_for()
    tab.locator(".opblock-tag", has_text="actors").first.wait_for()
    shot(tab, "workbench-docs")
    tab.goto(base_url + "redoc")
    tab.locator("h1", has_text="clustergraph").first.wait_for()


def test_reading_works_with_javascript_off(browser, base_url, bundled_graph):
    context, tab, watch = _tab(browser, java_script_enabled=False)
    try:
        tab.goto(base_url + "explore/agreements")
        tab.fill("#country", "CA")
        tab.select_option("#status", "signed")
        tab.click("#apply-filters")
        tab.wait_for_url(re.compile(r".*country=CA.*status=signed.*"))
        expected = api(base_url, "/agreements?country=CA&status=signed&limit=100")
        assert tab.locator("#agreements-table tbody tr").count() == expected["total"]
        tab.goto(base_url + "explore/actors/skywin?depth=2")
        assert tab.locator("#depth").input_value() == "2"
        assert "depth=2" in tab.locator("iframe.map-frame").get_attribute("src")
    finally:
        context.close()
    assert watch.remote == []
