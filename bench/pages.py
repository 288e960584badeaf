"""Server time of every kind of workbench page on the bundled data: p50/p95 per page.

The pages are asked in-process (the real app through Starlette's TestClient, no sockets), on a
private embedded Neo4j holding the bundled dataset (`.neo4j/bench-bundled`). Run on its own:
`python -m bench.pages --bolt-port 7692 -n 30`; `bench/run.py` calls `bench_pages` at the end.
"""

import argparse
import os
import statistics
import sys
import time

from bench import server

# One page of each kind (and the error pages), as an analyst opens them.
PAGES = {
    "home": "/",
    "search": "/explore/search?q=aero",
    "actor": "/explore/actors/aerospace-valley",
    "actor_depth3": "/explore/actors/aerospace-valley?depth=3",
    "recommendations": "/explore/recommendations/aerospace-valley",
    "partnership": "/explore/partnerships/space2id",
    "partnerships": "/explore/partnerships",
    "agreements": "/explore/agreements",
    "agreements_canada_2018": "/explore/agreements?country=Canada&from=2018&to=2018",
    "agreements_csv": "/explore/agreements.csv?country=Canada",
    "agreement": "/explore/agreements/mou-aero-montreal-skywin",
    "country": "/explore/countries/CA",
    "countries": "/explore/countries",
    "paths_by_name": "/explore/paths?source=Aviation+Valley&target=Aerospace+Valley",
    "timeline": "/explore/timeline",
    "event": "/explore/events/international-aeronautic-week-montreal-2018",
    "sector": "/explore/sectors/aerospace",
    "brokers": "/explore/brokers",
    "communities": "/explore/communities",
    "documents": "/explore/documents",
    "document": "/explore/documents/eccp-canada-2019",
    "not_found": "/explore/actors/aerospace-valey",
    "bad_parameter": "/explore/agreements?country=Canda&from=20x",
}


WARMUP_ROUNDS = 10


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def measure(client, repeat: int, warmup: int = WARMUP_ROUNDS) -> dict:
    out: dict = {}
    # A server in service has run these queries many times: warm up the query plans, the
    # templates and the JVM's compiled code (a fresh Neo4j answers a trivial query in ~4 ms,
    # a warm one in ~1.7 ms on this machine), every page in turn, before any is timed.
    for _ in range(warmup):
        for url in PAGES.values():
            client.get(url)
    for name, url in PAGES.items():
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code in (200, 404, 422), (url, response.status_code)
        out[f"pages.{name}.p50_ms"] = round(statistics.median(times), 1)
        out[f"pages.{name}.p95_ms"] = round(_percentile(times, 0.95), 1)
    p95 = {k: v for k, v in out.items() if k.endswith("p95_ms")}
    slowest = max(p95, key=p95.get)
    out["pages.max_p95_ms"] = p95[slowest]
    out["pages.slowest"] = slowest.split(".")[1]
    return out


def bench_pages(
    bolt_port: int, repeat: int = 30, keep_running: bool = False, warmup: int = WARMUP_ROUNDS
) -> dict:
    """Start the private server, load the bundled data, measure every page, stop it."""
    from fastapi.testclient import TestClient

    from clustergraph.db import create_driver
    from clustergraph.settings import get_settings
    from graph.loaders.pipeline import load

    settings = server.bench_settings("bundled", bolt_port)
    saved = dict(os.environ)
    os.environ.update(server.env_for(settings))
    get_settings.cache_clear()
    server.start(settings)
    try:
        driver = create_driver(settings)
        try:
            load(driver, settings, reset=True, quiet=True)
        finally:
            driver.close()
        from api.main import create_app

        with TestClient(create_app()) as client:
            return measure(client, repeat, warmup)
    finally:
        if not keep_running:
            server.stop(settings)
        os.environ.clear()
        os.environ.update(saved)
        get_settings.cache_clear()


def main() -> int:
    parser = argparse.ArgumentParser(description="workbench page times on the bundled data")
    parser.add_argument("--bolt-port", type=int, default=7692)
    parser.add_argument("-n", "--repeat", type=int, default=30)
    parser.add_argument(
        "--warmup", type=int, default=WARMUP_ROUNDS, help="rounds over every page before timing"
    )
    args = parser.parse_args()
    results = bench_pages(args.bolt_port, args.repeat, warmup=args.warmup)
    print(f"{'page':<26} {'p50 ms':>8} {'p95 ms':>8}")
    for name in PAGES:
        p50, p95 = results[f"pages.{name}.p50_ms"], results[f"pages.{name}.p95_ms"]
        print(f"{name:<26} {p50:>8} {p95:>8}")
    slowest, p95 = results["pages.slowest"], results["pages.max_p95_ms"]
    print(f"slowest p95: {slowest} {p95} ms (target <= 100)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
