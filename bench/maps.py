"""Map build time (viz.render_map on synthetic NetworkMaps) and, optionally, Chromium draw time."""

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


def draw_seconds(html: str) -> float | None:
    """Headless Chromium: load the page and run its scripts (layout included), then screenshot."""
    if not Path(CHROMIUM).exists():
        return None
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
        if draw and n <= DRAW_MAX_NODES:
            drawn = draw_seconds(html)
            out[f"draw_s_{_k(n)}"] = round(drawn, 2) if drawn is not None else None
    return out


def _k(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 else str(n)
