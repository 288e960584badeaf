"""Benchmarks: load throughput (batched vs row-at-a-time) and API latency, printed and saved.

Run with `make bench` (starts the embedded Neo4j and loads the bundled data first). Results go to
bench/results.json. Figures, not asserts: the tests never time anything.
"""

import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from api.main import create_app
from clustergraph.db import create_driver
from clustergraph.settings import get_settings
from graph.loaders.pipeline import load, validate
from graph.loaders.writer import write_plan

RESULTS = Path(__file__).with_name("results.json")
SYNTHETIC_ACTORS = 2000
REQUESTS_PER_ENDPOINT = 30
ENDPOINTS = [
    ("search", "/search?q=aero%20montreal"),
    ("actor profile", "/actors/aerospace-valley"),
    ("partnership profile", "/partnerships/space2id"),
    ("agreements filtered", "/agreements?country=CA"),
    ("country view", "/countries/CA"),
    ("paths", "/paths?source=aviation-valley&target=aerospace-valley"),
    ("neighbours depth 2", "/actors/aerospace-valley/neighbours?depth=2"),
    ("recommendations", "/recommendations/skywin"),
    ("brokers", "/analytics/brokers"),
    ("stats", "/stats"),
]


def _synthetic_csv(folder: Path) -> Path:
    path = folder / "bench-actors.csv"
    rows = ["id,name,kind,country,sectors"]
    rows += [
        f"bench-actor-{i},Bench Actor {i},cluster,FR,aerospace" for i in range(SYNTHETIC_ACTORS)
    ]
    path.write_text("\n".join(rows) + "\n")
    return path


def bench_load(driver, settings) -> dict:
    out = {}
    start = time.perf_counter()
    report = load(driver, settings, quiet=True)
    out["bundled_load_s"] = round(time.perf_counter() - start, 3)
    out["bundled_nodes"] = sum(v for k, v in report.after.items() if k != "relationships")
    with tempfile.TemporaryDirectory() as tmp:
        plan = validate([_synthetic_csv(Path(tmp))], document_id="bench")
        rows = {"documents": plan.rows["documents"], "actors": plan.rows["actors"]}
        for batch_size in (1, 50, 500):
            with driver.session(database=settings.neo4j_database) as session:
                tx = session.begin_transaction()
                start = time.perf_counter()
                write_plan(tx, rows, batch_size=batch_size)
                elapsed = time.perf_counter() - start
                tx.rollback()  # measure the writes, keep the database as it was
            out[f"synthetic_{SYNTHETIC_ACTORS}_actors_batch_{batch_size}_s"] = round(elapsed, 3)
    out["batched_speedup_500_vs_1"] = round(
        out[f"synthetic_{SYNTHETIC_ACTORS}_actors_batch_1_s"]
        / out[f"synthetic_{SYNTHETIC_ACTORS}_actors_batch_500_s"],
        1,
    )
    return out


def bench_api() -> dict:
    out = {}
    with TestClient(create_app()) as client:
        for name, path in ENDPOINTS:
            status = client.get(path).status_code  # warm-up (query plans, caches)
            if status != 200:
                out[name] = {"status": status}
                continue
            times = []
            for _ in range(REQUESTS_PER_ENDPOINT):
                start = time.perf_counter()
                client.get(path)
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            out[name] = {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
                "requests": REQUESTS_PER_ENDPOINT,
            }
    return out


def main() -> int:
    settings = get_settings()
    driver = create_driver(settings)
    try:
        results = {
            "machine": {
                "python": platform.python_version(),
                "cpus": __import__("os").cpu_count(),
                "neo4j_uri": settings.neo4j_uri,
            },
            "load": bench_load(driver, settings),
        }
    finally:
        driver.close()
    results["api"] = bench_api()
    print(json.dumps(results, indent=2))
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
