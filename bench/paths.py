"""Cooperation-path latency alone (p50/p95 of `queries.paths.find_paths`), against a server that
already holds a bench scale: the same 20 seeded pairs, warm-up and summary as `bench.run`.

    NEO4J_URI=bolt://127.0.0.1:7693 .venv/bin/python -m bench.paths --scale L --data DIR
(`--data` defaults to bench/data/<scale>, the generator's output the server was loaded from.)
"""

import argparse
import asyncio
from pathlib import Path

from bench.generate import DATA_ROOT
from bench.latency import cases, direct
from bench.run import REPEAT, _sample
from clustergraph.db import create_async_driver
from clustergraph.settings import get_settings


async def _run(data: Path, repeat: int) -> dict:
    settings = get_settings()
    driver = await create_async_driver(settings)
    try:
        calls = cases(_sample(data))["paths"]
        return await direct(driver, settings.neo4j_database, calls, repeat)
    finally:
        await driver.close()


def main() -> int:
    parser = argparse.ArgumentParser(description="paths latency on a running bench server")
    parser.add_argument("--scale", default="S", choices=list(REPEAT))
    parser.add_argument("--data", type=Path, help="the scale's generated data directory")
    args = parser.parse_args()
    data = args.data or DATA_ROOT / args.scale
    print(f"paths {args.scale}:", asyncio.run(_run(data, REPEAT[args.scale])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
