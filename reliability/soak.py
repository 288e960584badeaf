"""A soak run: a bounded asyncio client holds a mixed read load on a real API server (loopback
only) for a fixed time while loads run, and measures answers, errors, latency and memory."""

import asyncio
import itertools
import random
import statistics
import time
from dataclasses import dataclass, field

import httpx2
import psutil

# Mixed reads over the bundled dataset: every one of them must answer 200.
READS = [
    "/search?q=aero",
    "/search?q=clustr%20energy&type=actor",
    "/actors/skywin",
    "/actors/aerospace-valley/neighbours?depth=2",
    "/actors?country=FR&limit=50",
    "/partnerships/space2id",
    "/partnerships?country=CA",
    "/agreements?kind=mou&limit=50",
    "/agreements/mou-aero-montreal-skywin",
    "/countries/CA",
    "/paths?source=aviation-valley&target=aerospace-valley",
    "/paths?source=mav&target=aero-montreal&k=1",
    "/recommendations/aerospace-valley?limit=5",
    "/analytics/brokers?limit=10",
    "/timeline?partnership=elca",
    "/stats",
    "/documents",
    "/health",
]


@dataclass
class SoakResult:
    seconds: float
    concurrency: int
    requests: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    def summary(self) -> dict:
        lat = sorted(self.latencies_ms) or [0.0]
        third = max(1, len(self.rss_mb) // 3)
        return {
            "seconds": self.seconds,
            "concurrency": self.concurrency,
            "requests": self.requests,
            "errors": self.errors,
            "error_samples": self.error_samples[:5],
            "requests_per_s": round(self.requests / self.seconds, 1),
            "p50_ms": round(statistics.median(lat), 1),
            "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1),
            "p99_ms": round(lat[int(0.99 * (len(lat) - 1))], 1),
            "rss_peak_mb": round(max(self.rss_mb or [0.0]), 1),
            "rss_first_third_mb": round(statistics.mean(self.rss_mb[:third] or [0.0]), 1),
            "rss_last_third_mb": round(statistics.mean(self.rss_mb[-third:] or [0.0]), 1),
        }


async def _worker(client: httpx2.AsyncClient, urls, stop: float, result: SoakResult) -> None:
    while time.monotonic() < stop:
        url = next(urls)
        started = time.perf_counter()
        try:
            response = await client.get(url)
            ok = response.status_code == 200
            detail = f"{response.status_code} {url}: {response.text[:120]}"
        except httpx2.HTTPError as e:
            ok, detail = False, f"{type(e).__name__} {url}: {e}"
        result.latencies_ms.append((time.perf_counter() - started) * 1000)
        result.requests += 1
        if not ok:
            result.errors += 1
            result.error_samples.append(detail)


async def _sample_rss(pid: int, stop: float, result: SoakResult) -> None:
    process = psutil.Process(pid)
    while time.monotonic() < stop:
        result.rss_mb.append(process.memory_info().rss / 2**20)
        await asyncio.sleep(1.0)


async def soak(base_url: str, server_pid: int, seconds: float, concurrency: int) -> SoakResult:
    result = SoakResult(seconds=seconds, concurrency=concurrency)
    order = READS * 4
    random.Random(7).shuffle(order)
    urls = itertools.cycle(order)
    stop = time.monotonic() + seconds
    limits = httpx2.Limits(max_connections=concurrency)
    async with httpx2.AsyncClient(base_url=base_url, timeout=60, limits=limits) as client:
        await asyncio.gather(
            _sample_rss(server_pid, stop, result),
            *(_worker(client, urls, stop, result) for _ in range(concurrency)),
        )
    return result
