"""The network maps as an analyst sees them at 1280×720 in Chromium (every non-loopback request
blocked): the same picture on every load, whole readable labels that do not overlap, filters in
the page that change the map as the API's parameters do; screenshots in tests/screenshots/, and
in docs/screenshots/ when CLUSTERGRAPH_DOC_SCREENSHOTS=1."""

import json
import os
import urllib.request

import pytest

from clustergraph.settings import PROJECT_ROOT
from tests import test_browser
from tests.test_browser import wait_map

base_url = test_browser.base_url  # the app and Chromium fixtures of the browser tests
browser = test_browser.browser

DOCS = PROJECT_ROOT / "docs" / "screenshots"
MIN_PX = 12

# Label boxes on screen, measured independently of the page's own budget: the network's
# positions and scale, the node's size, the canvas text metrics of the node's font.
BOXES_JS = """() => {
  const m = window.clustergraphMap, net = m.network, scale = net.getScale();
  const ctx = document.createElement("canvas").getContext("2d");
  const pos = net.getPositions(m.labelled);
  return m.labelled.map(id => {
    const n = net.body.nodes[id], font = n.options.font;
    const px = font.size * scale;
    ctx.font = px + "px " + font.face;
    const w = ctx.measureText(n.options.label).width;
    const p = net.canvasToDOM(pos[id]);
    const top = p.y + (n.options.size + 3 + (font.vadjust || 0)) * scale;
    return { id, label: n.options.label, px, left: p.x - w / 2, right: p.x + w / 2,
             top, bottom: top + px * 1.1 };
  });
}"""


def map_json(base_url: str, path: str) -> dict:
    """The map's JSON; a path query on a loaded machine can take more than 30 s."""
    sep = "&" if "?" in path else "?"
    with urllib.request.urlopen(f"{base_url}{path}{sep}format=json", timeout=180) as answer:
        return json.load(answer)


@pytest.fixture
def page(browser):
    context, page, watch = test_browser.offline_tab(
        browser, viewport={"width": 1280, "height": 720}
    )
    yield page
    context.close()
    assert watch.remote == []


SHOTS = [
    ("maps/overview", "map-overview"),
    ("maps/overview?group=country", "map-overview-by-country"),
    ("maps/country/CA", "map-country-ca"),
    ("maps/actor/aerospace-valley", "map-actor-aerospace-valley"),
    ("maps/path?source=aviation-valley&target=aerospace-valley", "map-path"),
]


@pytest.mark.parametrize(("path", "name"), SHOTS, ids=[s[1] for s in SHOTS])
def test_default_view_labels_are_whole_readable_and_apart(
    page,
    base_url,
    bundled_graph,
    path,
    name,
):
    data = map_json(base_url, path)
    page.goto(base_url + path)
    wait_map(page)
    boxes = page.evaluate(BOXES_JS)
    names = {n["id"]: n["label"] for n in data["nodes"]}
    assert len(boxes) >= min(5, len(names))
    for box in boxes:
        assert box["px"] >= MIN_PX, box
        assert box["label"] == names[box["id"]]  # whole, never cut
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["right"] <= b["left"]
                or b["right"] <= a["left"]
                or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"]
            )
            assert apart, (a, b)
    # The subject (and the path) carry their labels.
    must = {n["id"] for n in data["nodes"] if n["focus"] or n["highlight"]}
    assert must <= {b["id"] for b in boxes}
    test_browser.shot(page, name)
    # The committed pictures in docs/ change only when asked for (a test run leaves the tree clean).
    if os.environ.get("CLUSTERGRAPH_DOC_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS / f"{name}.png"))


def test_two_loads_give_the_same_positions(page, base_url, bundled_graph):
    seen = []
    for _ in range(2):
        page.goto(base_url + "maps/country/CA")
        wait_map(page)
        seen.append(page.evaluate("() => window.clustergraphMap.network.getPositions()"))
    assert seen[0] == seen[1] and len(seen[0]) > 50
    data = map_json(base_url, "maps/country/CA")
    for n in data["nodes"]:
        drawn = seen[0][n["id"]]  # vis-network rounds positions to whole units
        assert abs(drawn["x"] - n["x"]) <= 1 and abs(drawn["y"] - n["y"]) <= 1
    physics = page.evaluate("() => window.clustergraphMap.network.physics.physicsEnabled")
    assert physics is False  # a button starts it


def test_the_page_filters_draw_what_the_api_returns(page, base_url, bundled_graph):
    page.goto(base_url + "maps/overview")
    wait_map(page)
    page.fill("input[name=country]", "CA")
    page.fill("input[name=year_from]", "2019")
    with page.expect_navigation():
        page.click("form#controls button[type=submit]")
    wait_map(page)
    assert "country=CA" in page.url and "year_from=2019" in page.url
    drawn = sorted(page.evaluate("() => window.clustergraphMap.nodes.getIds()"))
    expected = map_json(base_url, "maps/overview?country=CA&year_from=2019")
    assert drawn == sorted(n["id"] for n in expected["nodes"])
    unfiltered = map_json(base_url, "maps/overview")
    assert len(drawn) < len(unfiltered["nodes"])
    # The events toggle reloads the map without its events.
    with page.expect_navigation():
        page.uncheck("#show-events")
    wait_map(page)
    assert "events=false" in page.url
    types = page.evaluate("() => window.clustergraphMap.nodes.get().map(n => n.entity)")
    assert "event" not in types and types
    # Grouped by country; a click on a group opens it.
    page.goto(base_url + "maps/overview?group=country")
    wait_map(page)
    assert page.input_value("select[name=group]") == "country"
    links = page.eval_on_selector_all("#downloads a", "as => as.map(a => a.href)")
    assert any("group=country" in h and "format=svg" in h for h in links) and len(links) == 6
