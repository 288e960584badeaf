"""The maps in a real browser, served by the real app over the test database (the workbench's
pages: tests/test_browser_workbench.py).

Debian's `chromium` (installed by `make test` when missing) driven by Playwright through
`executable_path`; Playwright's own browser downloads are never used. Every request the pages
make to anything but the app on 127.0.0.1 is blocked and recorded, and each test asserts there
were none: the maps work with the network cable unplugged. Screenshots go to
`tests/screenshots/` (git-ignored).
"""

import json
import os
import socket
import textwrap
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from clustergraph.settings import PROJECT_ROOT

CHROMIUM = Path(os.environ.get("CLUSTERGRAPH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = PROJECT_ROOT / "tests" / "screenshots"
TIMEOUT_MS = 30_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(driver):
    """The real app (uvicorn, lifespan, async driver) on a free loopback port."""
    import uvicorn

    from api.main import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(), host="127.0.0.1", port=port, log_level="warning", ws="none", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the app did not start for the browser tests")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=15)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM}: the browser tests need Debian's chromium package. "
            "`make test` installs it (apt-get install -y chromium); or set CLUSTERGRAPH_CHROMIUM.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: run `make install` (it is a dev dependency).")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watch:
    """What a page did that it should not: console errors, script errors, dialogs, requests
    leaving the machine (blocked)."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.remote: list[str] = []


def offline_tab(browser, **options):
    """A new tab whose requests beyond loopback are blocked and recorded in `watch.remote`, with
    console errors, page errors and dialogs recorded in `watch.errors`: (context, tab, watch)."""
    context = browser.new_context(**options)
    watch = Watch()

    def route(route):
        url = urlsplit(route.request.url)
        if url.scheme in ("data", "about", "blob") or url.hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            watch.remote.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    tab.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: watch.errors.append(f"page error: {e}"))
    tab.on("dialog", lambda d: (watch.errors.append(f"dialog: {d.message}"), d.dismiss()))
    tab.watch = watch
    return context, tab, watch


@pytest.fixture
def page(browser):
    context, tab, watch = offline_tab(browser, viewport={"width": 1400, "height": 900})
    yield tab
    context.close()
    assert watch.remote == [], "the page tried to reach the network"
    assert watch.errors == [], "the page logged errors"


def shot(target, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def map_json(base_url: str, path: str) -> dict:
    sep = "&" if "?" in path else "?"
    with urllib.request.urlopen(f"{base_url}{path}{sep}format=json", timeout=30) as answer:
        return json.load(answer)


def wait_map(frame) -> dict:
    """Wait until the map has drawn and settled; what vis-network holds and shows."""
    frame.wait_for_function("() => window.clustergraphMap && window.clustergraphMap.ready")
    return frame.evaluate(
        """() => { const m = window.clustergraphMap;
                   return { nodes: m.nodes.length, edges: m.edges.length,
                            drawn: m.network.body.nodeIndices.length,
                            drawnEdges: m.network.body.edgeIndices.length,
                            physics: m.network.physics.physicsEnabled }; }"""
    )


MAPS = [
    ("maps/actor/aerospace-valley?depth=2", "map-actor-aerospace-valley"),
    ("maps/partnership/space2id", "map-partnership-space2id"),
    ("maps/country/CA", "map-country-ca"),
    ("maps/path?source=aerospace-valley&target=aviation-valley", "map-path"),
    ("maps/overview", "map-overview"),
]


@pytest.mark.parametrize(("path", "name"), MAPS, ids=[m[1] for m in MAPS])
def test_map_draws_every_node_offline(page, base_url, bundled_graph, path, name):
    expected = map_json(base_url, path)
    page.goto(base_url + path)
    drawn = wait_map(page)
    assert drawn["nodes"] == drawn["drawn"] == len(expected["nodes"])
    assert drawn["edges"] == drawn["drawnEdges"] == len(expected["edges"])
    assert page.locator("aside h2").first.inner_text() == "LEGEND"  # text-transform: uppercase
    # Drawn in the colours of the data (a vis-network `group` would have overridden them).
    recoloured = page.evaluate(
        """() => { const m = window.clustergraphMap;
                   return m.nodes.get().filter(n => {
                     const want = typeof n.color === "string" ? n.color : n.color.background;
                     return m.network.body.nodes[n.id].options.color.background !== want;
                   }).map(n => n.id); }"""
    )
    assert recoloured == []
    shot(page, name)
    # The legend filters: untick a type, its nodes go; tick it, they are back.
    box = page.locator("#legend-nodes input").first
    style = box.get_attribute("data-style")
    of_style = len(
        [
            n
            for n in page.evaluate("() => window.clustergraphMap.nodes.get().map(n => n.style)")
            if n == style
        ]
    )
    box.uncheck()
    shown = page.evaluate("() => window.clustergraphMap.network.body.nodeIndices.length")
    assert shown == len(expected["nodes"]) - of_style
    box.check()
    assert page.evaluate("() => window.clustergraphMap.network.body.nodeIndices.length") == len(
        expected["nodes"]
    )


def test_large_map_is_laid_out_on_the_server(page):
    from tests.test_viz import big_map
    from viz import render_map

    page.set_content(render_map(big_map(1500, omitted=12)))
    drawn = wait_map(page)
    assert drawn["drawn"] == 3000 and drawn["physics"] is False
    assert "12 nodes left out" in page.locator("#omitted").inner_text()
    shot(page, "map-generated-3000-nodes")


HOSTILE = "<img src=x onerror=alert(1)>"


def test_hostile_names_stay_text(page, base_url, clean_db, settings, tmp_path):
    from graph.loaders.pipeline import load

    data = tmp_path / "hostile.yaml"
    data.write_text(
        textwrap.dedent(f"""\
        format: clustergraph/v1
        document: {{id: hostile-doc, title: "<script>alert(2)</script>"}}
        actors:
          - {{id: evil-cluster, name: "{HOSTILE}", kind: cluster, country: FR, source: "line 1"}}
          - {{id: good-cluster, name: Good Cluster, kind: cluster, country: CA, source: "line 2"}}
        agreements:
          - {{id: mou-evil-good, kind: mou, parties: [evil-cluster, good-cluster],
             status: signed, date: "2020-05", source: "line 3 <b>bold</b>"}}
        """),
        encoding="utf-8",
    )
    load(clean_db, settings, [data], quiet=True)
    page.goto(base_url + "maps/actor/evil-cluster")
    wait_map(page)
    page.evaluate("() => window.clustergraphMap.network.selectNodes(['actor:evil-cluster'])")
    title = page.evaluate("() => window.clustergraphMap.nodes.get('actor:evil-cluster').title")
    assert title is not None
    node = page.evaluate(
        """() => { const n = window.clustergraphMap.network;
                   const p = n.canvasToDOM(n.getPosition('actor:evil-cluster'));
                   const r = document.getElementById('map').getBoundingClientRect();
                   return { x: r.left + p.x, y: r.top + p.y }; }"""
    )
    page.mouse.move(node["x"], node["y"])
    page.mouse.click(node["x"], node["y"])
    page.locator(".vis-tooltip", has_text=HOSTILE).wait_for()
    assert page.locator("#details").inner_text().startswith(HOSTILE)
    assert page.locator("img").count() == 0  # nothing became markup
    shot(page, "map-hostile-name")

    # The workbench: the name as the page's text, in its suggestions and on the other party's page.
    page.goto(base_url)
    page.fill("#home-q", "Good Cluster")
    page.locator("ul.suggestions li", has_text="Good Cluster").first.click()
    page.locator("main", has_text=HOSTILE).wait_for()  # the agreement's other party
    assert page.locator("main img").count() == 0
    page.goto(base_url + "explore/actors/evil-cluster")
    assert page.locator("h1").inner_text() == HOSTILE
    assert page.locator("main img").count() == 0
