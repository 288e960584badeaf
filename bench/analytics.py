"""Analytics (brokers, communities) timed straight through queries/analytics."""

import asyncio
import time

from neo4j import READ_ACCESS

from clustergraph.db import create_async_driver
from queries.analytics import brokers, communities


async def _run(settings) -> dict:
    driver = await create_async_driver(settings)
    out = {}
    try:
        for name, call in (("brokers", brokers), ("communities", communities)):
            async with driver.session(
                database=settings.neo4j_database, default_access_mode=READ_ACCESS
            ) as session:
                start = time.perf_counter()
                page = await call(session)
                out[f"analytics.{name}_s"] = round(time.perf_counter() - start, 2)
                out[f"analytics.{name}_total"] = page.total
    finally:
        await driver.close()
    return out


def bench_analytics(settings) -> dict:
    return asyncio.run(_run(settings))
