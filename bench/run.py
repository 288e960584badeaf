"""The benchmark: ingest, queries, API, maps, analytics and memory at one scale, side by side.

`make bench` (scale S) / `make bench-large` (scale L), or `python -m bench.run --scale S`.
It generates the data (bench/generate.py) if needed, runs its own embedded Neo4j (home
.neo4j/bench-<scale>, port --bolt-port) and its own API process (port --api-port), prints one
table and writes bench/results/latest.json (also latest-<scale>.json). Keys are flat dotted
names ("ingest.loader_rows_per_s"). Figures, not asserts: the tests never time anything.
"""

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import ingest, latency, server
from bench.analytics import bench_analytics
from bench.extract import bench_extract
from bench.generate import DATA_ROOT, generate
from bench.geo import bench_geo
from bench.maps import bench_maps, bench_overview
from bench.pages import bench_pages
from bench.plans import explain
from clustergraph.db import create_async_driver, create_driver
from clustergraph.memory import freeze_startup_objects

RESULTS = Path(__file__).with_name("results")
REPEAT = {"XS": 20, "S": 200, "M": 40, "L": 20}
ANALYTICS_TIMEOUT_S = 300


def _sample(data: Path, seed: int = 1) -> dict[str, list[str]]:
    import csv

    rng = random.Random(seed)
    with (data / "input" / "bench-actors.csv").open() as f:
        actors = list(csv.DictReader(f))
    with (data / "input" / "bench-agreements.csv").open() as f:
        parties = [g["parties"].split(";") for g in csv.DictReader(f)]
    linked = sorted({a for p in parties for a in p})
    picked = rng.sample(linked, 20)
    pairs = [tuple(rng.sample(linked, 2)) for _ in range(20)]
    names = [a["name"] for a in rng.sample(actors, 15)]
    return {"actors": picked, "pairs": pairs, "countries": ["FR", "DE", "CA", "BR", "CN"],
            "names": names}  # fmt: skip


def _api(settings, port: int) -> subprocess.Popen:
    env = {**server.env_for(settings), "CLUSTERGRAPH_API_PORT": str(port)}
    cmd = [sys.executable, "-m", "uvicorn", "api.main:app", "--port", str(port), "--no-access-log",
           "--log-level", "warning"]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            asyncio.run(latency.Http(port).get("/health"))
            return proc
        except (OSError, StopIteration, ValueError):
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("the API did not start")


def _rss_mb(pid: int) -> float:
    text = Path(f"/proc/{pid}/status").read_text()
    return round(
        int(next(x for x in text.splitlines() if x.startswith("VmHWM")).split()[1]) / 1024, 1
    )


async def _queries(settings, sample, api_port: int, repeat: int, out: dict, skip: set[str]) -> None:
    driver = await create_async_driver(settings)
    db = settings.neo4j_database
    freeze_startup_objects()  # as the API does: the direct figures are for the same process
    try:
        cases = {k: v for k, v in latency.cases(sample).items() if k not in skip}
        n = await latency.warm_up(driver, db, cases, latency.WARM_UP_S)
        out["queries.warm_up_calls"] = n
        for name, calls in latency.cases(sample).items():
            if name in skip:
                continue
            d = await latency.direct(driver, db, calls, repeat)
            h = await latency.via_http(api_port, calls, repeat)
            out.update({f"queries.{name}.{k}": v for k, v in d.items() if k != "n" and v != 0})
            out.update({f"api.{name}.{k}": v for k, v in h.items() if k != "n" and v != 0})
            out[f"api.{name}.overhead_p50"] = round(h["p50_ms"] / d["p50_ms"], 2)
            print(f"  {name}: direct {d}  http {h}", file=sys.stderr)
        for name in [n for n in ("search", "paths") if n not in skip]:
            calls = latency.cases(sample)[name]
            # Warm-up (not counted), then the median of three 5 s runs: on 2 cores shared by
            # Neo4j, the API and the client one run varies by a quarter.
            await latency.throughput_http(api_port, calls, 8, 2.0)
            http = statistics.median(
                [await latency.throughput_http(api_port, calls, 8, 5.0) for _ in range(3)]
            )
            await latency.throughput_driver(driver, db, calls, 8, 2.0)
            bare = statistics.median(
                [await latency.throughput_driver(driver, db, calls, 8, 5.0) for _ in range(3)]
            )
            out[f"api.{name}.req_per_s"] = http
            out[f"api.{name}.driver_req_per_s"] = bare
            out[f"api.{name}.overhead_throughput"] = round(bare / http, 2) if http else None
    finally:
        await driver.close()


def _loader(settings, data: Path, out: dict) -> None:
    print("ingest: loader ...", file=sys.stderr)
    server.fresh(settings)
    r = ingest.loader(settings, server.env_for(settings), data)
    out.update({f"ingest.loader.{k}": v for k, v in r.items() if k != "rss_mb"})
    out["ingest.loader_rows_per_s"] = r["rows_per_s"]
    out["rss_mb.loader"] = r["rss_mb"]
    print(f"  {r}", file=sys.stderr)
    for other, digits in (("load_csv", 2), ("per_row", 1)):
        if f"ingest.{other}_rows_per_s" in out:
            out[f"ingest.loader_vs_{other}"] = round(
                r["rows_per_s"] / out[f"ingest.{other}_rows_per_s"], digits
            )


# The parts of a run, in order; `--only` picks some (ingest left out: the database as it is).
PARTS = ("ingest", "queries", "overview", "analytics", "geo", "maps", "pages", "extract")


def run(
    scale: str,
    bolt_port: int,
    api_port: int,
    draw: bool,
    methods: list[str],
    query_timeout_s: float,
    skip_ingest: bool,
    skip: frozenset[str] = frozenset(),
    parts: tuple[str, ...] = PARTS,
    keep_server: bool = False,
) -> dict:
    data = DATA_ROOT / scale
    if not (data / "input").is_dir():
        print(f"generating scale {scale} ...", file=sys.stderr)
        generate(scale)
    settings = server.bench_settings(scale, bolt_port, query_timeout_s)
    out: dict = {
        "scale": scale,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine.cpus": os.cpu_count(),
        "machine.load_avg_start": [round(x, 2) for x in os.getloadavg()],
        "machine.python": platform.python_version(),
        "machine.neo4j": server.neo4j_version(settings),
        "machine.heap": settings.embedded_heap,
        "machine.pagecache_mb": settings.embedded_pagecache_mb,
        "machine.commit": server.git_commit(),
        "queries.timeout_s": query_timeout_s,
    }
    if "ingest" not in parts:
        skip_ingest = True
    try:
        if skip_ingest:
            methods = []
            server.start(settings)
        steps = [("per_row", ingest.per_row), ("load_csv", ingest.load_csv)]
        for name, step in [s for s in steps if s[0] in methods]:
            print(f"ingest: {name} ...", file=sys.stderr)
            server.fresh(settings)
            driver = create_driver(settings)
            try:
                r = step(driver, settings, data)
            finally:
                driver.close()
            out.update({f"ingest.{name}.{k}": v for k, v in r.items()})
            out[f"ingest.{name}_rows_per_s"] = r["rows_per_s"]
            print(f"  {r}", file=sys.stderr)
        if not skip_ingest:
            _loader(settings, data, out)
        if "queries" in parts:
            driver = create_driver(settings)
            try:
                out.update(explain(driver, settings.neo4j_database))
            finally:
                driver.close()
            print("queries and API ...", file=sys.stderr)
            api = _api(settings, api_port)
            try:
                asyncio.run(_queries(settings, _sample(data), api_port, REPEAT[scale], out, skip))
                out["rss_mb.api"] = _rss_mb(api.pid)
            finally:
                api.terminate()
                api.wait(30)
        if "overview" in parts:
            print("overview by country ...", file=sys.stderr)
            out.update(bench_overview(settings))
        if "analytics" in parts:
            print("analytics ...", file=sys.stderr)
            out.update(bench_analytics(settings, ANALYTICS_TIMEOUT_S))
        if "geo" in parts:
            print("geographic map ...", file=sys.stderr)
            out.update(bench_geo(settings))
        out["rss_mb.neo4j"] = server.java_rss_mb(settings)
    finally:
        if not keep_server:
            server.stop(settings)
    if "maps" in parts:
        print("maps ...", file=sys.stderr)
        out.update({f"maps.{k}": v for k, v in bench_maps(draw=draw).items()})
    if "pages" in parts:
        print("workbench pages (bundled data) ...", file=sys.stderr)
        out.update(bench_pages(bolt_port))
    if "extract" in parts:
        print("extract ...", file=sys.stderr)
        out.update({f"extract.{k}": v for k, v in bench_extract().items()})
    out["machine.load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    return out


def _merged(path: Path, results: dict, parts: tuple[str, ...]) -> dict:
    """A partial run's figures over the last full run's, with a record of what was re-run."""
    previous = json.loads(path.read_text()) if path.exists() else {}
    machine = {k: v for k, v in results.items() if k.startswith("machine.")}
    run = {"parts": list(parts), "started": results["started"], **machine}
    figures = {k: v for k, v in results.items() if not k.startswith("machine.")}
    figures.pop("started", None)
    return {**previous, **figures, "partial_runs": [*previous.get("partial_runs", []), run]}


TABLE = [
    ("ingest.loader_rows_per_s", "loader rows/s", None),
    ("ingest.load_csv_rows_per_s", "LOAD CSV rows/s", None),
    ("ingest.per_row_rows_per_s", "per-row tx rows/s", None),
    ("ingest.loader_vs_load_csv", "loader / LOAD CSV", ">= 0.5"),
    ("ingest.loader_vs_per_row", "loader / per-row", ">= 20"),
    ("ingest.loader.seconds", "loader total s", "L < 180"),
    ("queries.paths.p95_ms", "paths p95 ms (queries/)", "S <= 30, L <= 150"),
    ("api.paths.p95_ms", "paths p95 ms (HTTP)", None),
    ("queries.profile.p95_ms", "profile p95 ms", "S <= 20"),
    ("queries.neighbours.p95_ms", "neighbours p95 ms", "S <= 20"),
    ("queries.neighbours_depth2.p95_ms", "neighbours depth 2 p95 ms", None),
    ("queries.search.p95_ms", "search p95 ms", None),
    ("queries.country.p95_ms", "country p95 ms", None),
    ("queries.recommendations.p95_ms", "recommendations p95 ms", None),
    ("api.search.overhead_p50", "API/driver latency (search)", "<= 1.5"),
    ("api.paths.overhead_p50", "API/driver latency (paths)", "<= 1.5"),
    ("api.search.req_per_s", "/search req/s (8 clients)", "S >= 500"),
    ("api.search.driver_req_per_s", "search via driver req/s", None),
    ("api.paths.req_per_s", "/paths req/s", None),
    ("api.paths.driver_req_per_s", "paths via driver req/s", None),
    ("analytics.brokers_s", "brokers s", None),
    ("analytics.communities_s", "communities s", None),
    ("analytics.brokers_pivots", "brokers: sampled pivots", None),
    ("maps.build_s_1k", "map build s, 1k nodes", None),
    ("maps.build_s_10k", "map build s, 10k nodes", "<= 1"),
    ("pages.max_p95_ms", "slowest page p95 ms (bundled)", "<= 100"),
    ("pages.slowest", "slowest page", None),
    ("geo.build_s", "geo map build s (server)", None),
    ("maps.draw_s_1k", "map draw s, 1k nodes (Chromium)", None),
    ("maps.draw_s_10k", "map draw s, 10k nodes (Chromium)", "<= 5"),
    ("maps.svg_s_1k", "map SVG s, 1k nodes", None),
    ("maps.overview_by_country_s", "overview by country s", "L <= 2"),
    ("extract.pdf_s", "extract 100-page PDF s", "< 10"),
    ("rss_mb.loader", "loader peak RSS MB", None),
    ("rss_mb.api", "API peak RSS MB", None),
]


def table(results: dict) -> str:
    lines = [f"scale {results['scale']}  ({results['started']})",
             f"{'measure':<30} {'value':>12}  target", "-" * 62]  # fmt: skip
    for key, label, target in TABLE:
        value = results.get(key)
        lines.append(f"{label:<30} {value!s:>12}  {target or ''}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="clustergraph benchmarks")
    parser.add_argument("--scale", default="S", choices=["XS", "S", "M", "L"])
    parser.add_argument("--bolt-port", type=int, default=7689)
    parser.add_argument("--api-port", type=int, default=8009)
    parser.add_argument("--no-draw", action="store_true", help="skip the Chromium draw times")
    parser.add_argument("--skip-queries", default="", help="queries not to measure, e.g. paths")
    parser.add_argument("--query-timeout", type=float, default=15.0, help="seconds per query")
    parser.add_argument(
        "--skip-ingest", action="store_true", help="measure the database as it is (no ingest)"
    )
    parser.add_argument(
        "--ingest",
        default="per_row,load_csv",
        help="reference ingest methods to run besides the loader (comma-separated; '' for none)",
    )
    parser.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"parts to run (comma-separated, of {','.join(PARTS)}); without `ingest` the "
        "database is measured as it is and the figures are merged into latest-<scale>.json",
    )
    parser.add_argument(
        "--keep-server",
        action="store_true",
        help="leave the benchmark Neo4j running (to measure it again without reloading)",
    )
    args = parser.parse_args()
    parts = tuple(p for p in PARTS if p in args.only.split(","))
    unknown = set(args.only.split(",")) - set(PARTS) - {""}
    if unknown:
        parser.error(f"unknown part(s) in --only: {', '.join(sorted(unknown))}")
    methods = [m for m in args.ingest.split(",") if m]
    # queries/ read the process's own settings: the timeout must be in the environment first
    os.environ["CLUSTERGRAPH_QUERY_TIMEOUT"] = str(args.query_timeout)
    results = run(
        args.scale,
        args.bolt_port,
        args.api_port,
        not args.no_draw,
        methods,
        args.query_timeout,
        args.skip_ingest,
        frozenset(args.skip_queries.split(",")) - {""},
        parts,
        args.keep_server,
    )
    print(table(results))
    RESULTS.mkdir(exist_ok=True)
    if parts != PARTS:
        results = _merged(RESULTS / f"latest-{args.scale}.json", results, parts)
    text = json.dumps(results, indent=2) + "\n"
    (RESULTS / f"latest-{args.scale}.json").write_text(text)
    (RESULTS / "latest.json").write_text(text)
    print(f"written to {RESULTS / 'latest.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
