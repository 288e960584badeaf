"""Analytics (brokers, communities) timed straight through queries/analytics, in a child process
with a time limit (at L the projection is large) that also gives its peak RSS."""

import asyncio
import json
import subprocess
import sys
import time

from neo4j import READ_ACCESS

from bench.server import env_for
from clustergraph.db import create_async_driver
from clustergraph.settings import get_settings
from queries.analytics import brokers, communities


async def _run() -> dict:
    settings = get_settings()
    driver = await create_async_driver(settings)
    out = {}
    try:
        for name, call in (("communities", communities), ("brokers", brokers)):
            async with driver.session(
                database=settings.neo4j_database, default_access_mode=READ_ACCESS
            ) as session:
                start = time.perf_counter()
                page = await call(session)
                out[f"analytics.{name}_s"] = round(time.perf_counter() - start, 2)
                out[f"analytics.{name}_total"] = page.total
                if name == "brokers":
                    out["analytics.brokers_pivots"] = page.pivots
            print(json.dumps(out), flush=True)
    finally:
        await driver.close()
    return out


def bench_analytics(settings, timeout_s: float) -> dict:
    cmd = [sys.executable, "-m", "bench.analytics"]
    try:
        proc = subprocess.run(
            cmd,
            env={**env_for(settings), "CLUSTERGRAPH_QUERY_TIMEOUT": str(timeout_s)},
            capture_output=True,
            text=True,
            timeout=timeout_s,
        )
        lines = proc.stdout.strip().splitlines()
    except subprocess.TimeoutExpired as e:
        text = e.stdout.decode() if isinstance(e.stdout, bytes) else e.stdout or ""
        lines = text.strip().splitlines()
        return {**(json.loads(lines[-1]) if lines else {}), "analytics.timeout_s": timeout_s}
    return json.loads(lines[-1]) if lines else {"analytics.error": proc.stderr[-500:]}


if __name__ == "__main__":
    asyncio.run(_run())
