"""Map build time (layout, page, SVG on synthetic NetworkMaps), Chromium draw time (Playwright:
page load until the map is drawn and labelled), and the overview grouped by country built by
the real query on the benchmark graph."""

import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from viz import render_map
from viz.models import MapEdge, MapNode, NetworkMap

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRAW_MAX_NODES = 10_000  # above 500 nodes maps come laid out, physics off: 10k draw in ~3 s
_TYPES = ["actor"] * 6 + ["agreement", "event", "partnership"]


def synthetic_map(n: int, seed: int = 7) -> NetworkMap:
    rng = random.Random(seed)
    nodes = [
        MapNode(id=f"n{i}", label=f"Node {i}", type=rng.choice(_TYPES), country="FR")
        for i in range(n)
    ]
    edges = [
        MapEdge(source=f"n{i}", target=f"n{rng.randrange(i)}", relation="party_to")
        for i in range(1, n)
        for _ in range(1 + (rng.random() < 0.5))
    ]
    return NetworkMap(title=f"Benchmark map of {n} nodes", nodes=nodes, edges=edges)


def build_seconds(n: int) -> tuple[float, str]:
    network_map = synthetic_map(n)
    start = time.perf_counter()
    html = render_map(network_map)
    return time.perf_counter() - start, html


def svg_seconds(n: int) -> float:
    from viz.svg import to_svg

    network_map = synthetic_map(n)
    start = time.perf_counter()
    to_svg(network_map)
    return time.perf_counter() - start


def draw_seconds(html: str) -> float | None:
    """Chromium (Playwright) at 1280×720: from loading the page until the map is drawn, fitted
    and labelled (`clustergraphMap.ready`)."""
    if not Path(CHROMIUM).exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return _draw_seconds_cli(html)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_file = Path(tmp) / "map.html"
        page_file.write_text(html, encoding="utf-8")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            start = time.perf_counter()
            page.goto(page_file.as_uri())
            page.wait_for_function(
                "() => window.clustergraphMap && window.clustergraphMap.ready", timeout=120_000
            )
            return time.perf_counter() - start
        finally:
            browser.close()


def _draw_seconds_cli(html: str) -> float | None:
    """Headless Chromium: load the page and run its scripts (layout included), then screenshot."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "map.html"
        page.write_text(html, encoding="utf-8")
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               f"--user-data-dir={tmp}/profile", "--virtual-time-budget=30000",
               f"--screenshot={tmp}/shot.png", "--window-size=1280,900", page.as_uri()]  # fmt: skip
        start = time.perf_counter()
        try:
            subprocess.run(cmd, capture_output=True, timeout=180, check=True)
        except (subprocess.SubprocessError, OSError):
            return None
        return time.perf_counter() - start


def bench_maps(sizes=(100, 1_000, 10_000), draw: bool = True) -> dict:
    out: dict = {}
    for n in sizes:
        seconds, html = build_seconds(n)
        out[f"build_s_{_k(n)}"] = round(seconds, 3)
        out[f"html_kb_{_k(n)}"] = round(len(html) / 1024)
        out[f"svg_s_{_k(n)}"] = round(svg_seconds(n), 3)
        if draw and n <= DRAW_MAX_NODES:
            drawn = draw_seconds(html)
            out[f"draw_s_{_k(n)}"] = round(drawn, 2) if drawn is not None else None
    return out


def _k(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 else str(n)


def bench_overview(settings, repeat: int = 3) -> dict:
    """The overview grouped by country (GET /maps/overview?group=country): the query plus the
    map, on the running benchmark database; best of `repeat` (first run warms the caches)."""
    import asyncio

    from clustergraph.db import create_async_driver, open_session
    from queries.maps import overview_map

    async def once() -> tuple[float, int, int]:
        driver = await create_async_driver(settings)
        try:
            async with open_session(driver, settings) as session:
                start = time.perf_counter()
                m = await overview_map(session, group="country")
                return time.perf_counter() - start, len(m.nodes), len(m.edges)
        finally:
            await driver.close()

    runs = [asyncio.run(once()) for _ in range(repeat)]
    best = min(runs)
    return {
        "maps.overview_by_country_s": round(best[0], 3),
        "maps.overview_by_country_nodes": best[1],
        "maps.overview_by_country_links": best[2],
    }
