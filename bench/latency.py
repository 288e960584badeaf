"""Query latency (p50/p95) through queries/ and through the HTTP API; API throughput.

The API runs as its own uvicorn process (`clustergraph serve`) on loopback; the HTTP client is a
minimal keep-alive HTTP/1.1 client on asyncio, so that the client costs little of the two cores.
"""

import asyncio
import random
import statistics
import time
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode

from neo4j import READ_ACCESS, AsyncDriver

from clustergraph.errors import QueryTimeoutError
from queries.actors import get_actor
from queries.countries import get_country
from queries.neighbours import neighbours
from queries.paths import find_paths
from queries.recommendations import recommend
from queries.search import search

WARM_UP_S = 30.0  # seconds of every query on every input before any timing (a fresh JVM)
SEARCH_TERMS = ["aerospace cluster", "matchmaking", "energy", "health cluster", "digital"]


def cases(sample: dict[str, list[str]]) -> dict[str, list[tuple[Callable, str]]]:
    """Per query: (call on a session, HTTP path) pairs over varied inputs."""
    actors, pairs, countries = sample["actors"], sample["pairs"], sample["countries"]
    return {
        "search": [(lambda s, q=q: search(s, q), "/search?" + urlencode({"q": q}))
                   for q in SEARCH_TERMS + [a.split()[0] for a in sample["names"]]],
        "profile": [(lambda s, a=a: get_actor(s, a), f"/actors/{a}") for a in actors],
        "neighbours": [(lambda s, a=a: neighbours(s, a), f"/actors/{a}/neighbours")
                       for a in actors],
        "neighbours_depth2": [(lambda s, a=a: neighbours(s, a, depth=2),
                               f"/actors/{a}/neighbours?depth=2") for a in actors],
        "paths": [(lambda s, a=a, b=b: find_paths(s, a, b),
                   "/paths?" + urlencode({"source": a, "target": b})) for a, b in pairs],
        "country": [(lambda s, c=c: get_country(s, c), f"/countries/{c}") for c in countries],
        "recommendations": [(lambda s, a=a: recommend(s, a), f"/recommendations/{a}")
                            for a in actors],
    }  # fmt: skip


def _summary(times_ms: list[float]) -> dict:
    times_ms = sorted(times_ms)
    p95 = times_ms[max(0, round(len(times_ms) * 0.95) - 1)]
    return {
        "p50_ms": round(statistics.median(times_ms), 1),
        "p95_ms": round(p95, 1),
        "n": len(times_ms),
    }


async def warm_up(driver: AsyncDriver, database: str, cases: dict, seconds: float) -> int:
    """Every query on every input, round after round, until `seconds` have passed.

    The server of a run starts fresh: its plan cache is empty and its JIT compiler has seen
    nothing, and the first minute of calls is several times slower than the rest. The figures
    are for a server in use, as the reference rates are.
    """
    deadline = time.perf_counter() + seconds
    done = 0
    while time.perf_counter() < deadline:
        for calls in cases.values():
            for call, _ in calls:
                try:
                    async with driver.session(
                        database=database, default_access_mode=READ_ACCESS
                    ) as s:
                        await call(s)
                except QueryTimeoutError:
                    pass
                done += 1
    return done


async def direct(driver: AsyncDriver, database: str, calls: list, repeat: int) -> dict:
    """Sequential calls; a call stopped by the query timeout counts with the time it took."""
    failed = 0

    async def one(call) -> None:
        nonlocal failed
        try:
            async with driver.session(database=database, default_access_mode=READ_ACCESS) as s:
                await call(s)
        except QueryTimeoutError:
            failed += 1

    for call, _ in calls:  # each input once more: its plans and pages are cached
        await one(call)
    failed = 0
    times = []
    for i in range(repeat):
        call = calls[i % len(calls)][0]
        start = time.perf_counter()
        await one(call)
        times.append((time.perf_counter() - start) * 1000)
    return {**_summary(times), "timeouts": failed}


class Http:
    """One keep-alive connection; GET only; the body is read and thrown away."""

    def __init__(self, port: int):
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = next(int(x.split(":")[1]) for x in lines if x.lower().startswith("content-length"))
        await self.reader.readexactly(length)
        return status

    async def close(self) -> None:
        if self.writer:
            self.writer.close()
            await self.writer.wait_closed()


async def via_http(port: int, calls: list, repeat: int) -> dict:
    client = Http(port)
    failed = 0
    try:
        for _, path in calls:
            await client.get(path)
        times = []
        for i in range(repeat):
            start = time.perf_counter()
            status = await client.get(calls[i % len(calls)][1])
            times.append((time.perf_counter() - start) * 1000)
            failed += status != 200
    finally:
        await client.close()
    return {**_summary(times), "errors": failed}


async def _throughput(worker_factory: Callable[[], Awaitable], workers: int, seconds: float):
    done = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done
        step = await worker_factory()
        try:
            i = random.randrange(1000)
            while time.perf_counter() < deadline:
                await step(i)
                i += 1
                done += 1
        finally:
            await step(None)

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(workers)))
    return round(done / (time.perf_counter() - start), 1)


async def throughput_http(port: int, calls: list, workers: int, seconds: float) -> float:
    async def factory():
        client = Http(port)

        async def step(i):
            if i is None:
                await client.close()
            else:
                await client.get(calls[i % len(calls)][1])

        return step

    return await _throughput(factory, workers, seconds)


async def throughput_driver(
    driver: AsyncDriver, database: str, calls: list, workers: int, seconds: float
) -> float:
    async def factory():
        async def step(i):
            if i is not None:
                async with driver.session(database=database, default_access_mode=READ_ACCESS) as s:
                    await calls[i % len(calls)][0](s)

        return step

    return await _throughput(factory, workers, seconds)
