"""`make reliability`: the slow runs of issue 6 on a dedicated embedded Neo4j and API server.

1. broken input (hypothesis, many examples) loaded into the bundled graph;
2. faults in the middle of a big generated load (SIGKILL the loader, stop Neo4j, SIGKILL Neo4j);
3. two overlapping loads at the same time;
4. a soak: mixed reads on a real API server while loads run.

Prints a table (inputs tried, faults injected, requests served, errors, data lost) and writes
`reliability/results.json`. Ports: --bolt-port (default 7689) and --api-port (default 8001).
"""

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


def _arguments() -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m reliability", description=__doc__)
    p.add_argument(
        "--bolt-port", type=int, default=int(os.environ.get("RELIABILITY_BOLT_PORT", 7689))
    )
    p.add_argument(
        "--api-port", type=int, default=int(os.environ.get("RELIABILITY_API_PORT", 8001))
    )
    p.add_argument("--size", type=int, default=6000, help="actors (and agreements) in the big load")
    p.add_argument("--examples", type=int, default=40, help="broken inputs per kind")
    p.add_argument("--soak-seconds", type=float, default=150.0)
    p.add_argument("--concurrency", type=int, default=8)
    return p.parse_args()


def _configure(args: argparse.Namespace) -> None:
    # Before clustergraph reads its settings: everything runs on the ports given here.
    from clustergraph.settings import PROJECT_ROOT

    os.environ["CLUSTERGRAPH_BOLT_PORT"] = str(args.bolt_port)
    os.environ["CLUSTERGRAPH_HOME"] = str(PROJECT_ROOT / ".neo4j" / f"reliability-{args.bolt_port}")
    os.environ["NEO4J_URI"] = f"bolt://127.0.0.1:{args.bolt_port}"


def broken_inputs(state, examples: int) -> dict:
    from graph.snapshot import dump, dump_bytes
    from reliability.broken_inputs import STRATEGIES
    from reliability.faults import run_cli

    code, out = run_cli(state.settings, "load", "--reset", "--quiet")
    assert code == 0, out
    before = dump_bytes(dump(state.driver, state.settings.neo4j_database))
    counts = {"inputs": 0, "errors": 0, "changed": 0, "samples": []}
    folder = Path(tempfile.mkdtemp(prefix="clustergraph-broken-"))

    for kind, strategy in STRATEGIES.items():
        _broken_kind(kind, strategy, examples, folder, state, before, counts)
    return counts


def _broken_kind(kind, strategy, examples, folder, state, before, counts) -> None:
    from hypothesis import HealthCheck, given, settings

    from graph.snapshot import dump, dump_bytes
    from tests.test_input_properties import check_rejected  # the same check as `make test`

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        counts["inputs"] += 1
        try:
            check_rejected(case, folder)
        except AssertionError as e:
            counts["errors"] += 1
            counts["samples"].append(f"{kind}: {str(e)[:200]}")
        if dump_bytes(dump(state.driver, state.settings.neo4j_database)) != before:
            counts["changed"] += 1
            raise AssertionError(f"{kind}: the database changed")

    run()


def concurrent_loads(state, folder: Path, size: int) -> dict:
    from reliability.faults import cli, run_cli
    from reliability.generate import write_dataset

    code, out = run_cli(state.settings, "load", "--reset", "--quiet")
    assert code == 0, out
    n = size // 2 * 2
    a = write_dataset(folder, "conc-a", 0, (2 * n // 3) // 2 * 2)
    b = write_dataset(folder, "conc-b", (n // 3) // 2 * 2, n, reverse=True)  # opposite order
    started = time.monotonic()
    procs = [cli(state.settings, "load", "--quiet", *map(str, files)) for files in (a, b)]
    outputs = [p.communicate() for p in procs]
    seconds = time.monotonic() - started
    records, _, _ = state.driver.execute_query(
        "MATCH (n:Actor) WHERE n.id STARTS WITH 'gen-' "
        "RETURN count(n) AS actors, count(DISTINCT n.id) AS ids"
    )
    retries = sum(err.count("retrying") for _, err in outputs)
    return {
        "loads": 2,
        "exit_codes": [p.returncode for p in procs],
        "seconds": round(seconds, 1),
        "actors": records[0]["actors"],
        "distinct_ids": records[0]["ids"],
        "expected_actors": n,
        "retried_transient_errors": retries,
    }


@contextmanager
def _api_server(state, port: int):
    """A real `clustergraph serve` on loopback, until the block ends."""
    env = {**os.environ, "NEO4J_URI": state.settings.neo4j_uri, "CLUSTERGRAPH_API_RETRY_TIME": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "clustergraph.cli", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while _get(base + "/health")[0] != 200:
            assert time.monotonic() < deadline, "the API server did not come up"
            time.sleep(0.5)
        yield server, base
    finally:
        server.terminate()
        server.wait(30)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except OSError as e:
        return 0, str(e)


def api_recovery(state, args: argparse.Namespace) -> dict:
    """Stop Neo4j under a running API server, then start it again: 503 with the reason while it
    is down, answers again without restarting the API."""
    from clustergraph import embedded
    from clustergraph.db import create_driver

    out = {"requests": 0, "unexpected": 0, "samples": []}

    def expect(url: str, status: int, fragment: str = "") -> None:
        code, body = _get(url)
        out["requests"] += 1
        if code != status or fragment not in body:
            out["unexpected"] += 1
            out["samples"].append(f"{url}: {code} {body[:160]}")

    with _api_server(state, args.api_port) as (_, base):
        expect(base + "/actors/skywin", 200)
        state.driver.close()
        embedded.stop(state.settings)
        uri = state.settings.neo4j_uri
        for url in (
            "/health",
            "/actors/skywin",
            "/search?q=aero",
            "/paths?source=mav&target=aero-montreal",
        ):
            expect(base + url, 503, f"Neo4j is not reachable at {uri}")
        embedded.start(state.settings, quiet=True)
        state.driver = create_driver(state.settings)
        started = time.monotonic()
        while _get(base + "/health")[0] != 200 and time.monotonic() - started < 60:
            time.sleep(0.2)
        out["recovered_after_s"] = round(time.monotonic() - started, 1)
        expect(base + "/actors/skywin", 200)
        expect(base + "/stats", 200)
    return out


def soak_run(state, big: Path, args: argparse.Namespace) -> dict:
    from graph.snapshot import dump, dump_bytes
    from reliability.faults import run_cli
    from reliability.soak import soak

    code, out = run_cli(state.settings, "load", "--reset", "--quiet")
    assert code == 0, out
    env = {**os.environ, "NEO4J_URI": state.settings.neo4j_uri}
    loads = {"count": 0, "failed": 0}
    with _api_server(state, args.api_port) as (server, base):

        async def keep_loading(stop: float):
            while time.monotonic() < stop:
                proc = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "clustergraph.cli", "load", "--quiet", str(big),
                    env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
                )  # fmt: skip
                loads["count"] += 1
                loads["failed"] += (await proc.wait()) != 0

        async def both():
            stop = time.monotonic() + args.soak_seconds
            result, _ = await asyncio.gather(
                soak(base, server.pid, args.soak_seconds, args.concurrency), keep_loading(stop)
            )
            return result

        result = asyncio.run(both())
    summary = result.summary()
    summary["loads_during_soak"] = loads["count"]
    summary["loads_failed"] = loads["failed"]
    graph = dump_bytes(dump(state.driver, state.settings.neo4j_database))
    summary["graph_equals_expected"] = graph == state.new
    return summary


def _table(report: dict) -> str:
    rows = [("run", "inputs tried", "faults injected", "requests served", "errors", "data lost")]
    b = report["broken_inputs"]
    rows.append(("broken input files", b["inputs"], 0, "-", b["errors"], b["changed"]))
    for fault in ("SIGKILL loader", "stop Neo4j", "SIGKILL Neo4j"):
        runs = [r for r in report["faults"] if r["fault"] == fault]
        lost = sum(r["outcome"] == "MIX" for r in runs)
        rows.append((f"{fault} mid-load", len(runs), len(runs), "-", lost, lost))
    r = report["api_recovery"]
    rows.append(("Neo4j restart under the API", 1, 1, r["requests"], r["unexpected"], 0))
    c = report["concurrent"]
    dupes = c["actors"] - c["distinct_ids"]
    errors = sum(code != 0 for code in c["exit_codes"]) + dupes
    missing = c["expected_actors"] - c["distinct_ids"]
    rows.append(("2 overlapping loads at once", c["loads"], 0, "-", errors, max(missing, 0)))
    s = report["soak"]
    lost = 0 if s["graph_equals_expected"] else 1
    rows.append((f"soak {s['seconds']:.0f} s + loads", s["loads_during_soak"], 0, s["requests"],
                 s["errors"] + s["loads_failed"], lost))  # fmt: skip
    totals = ["total"] + [sum(r[i] for r in rows[1:] if isinstance(r[i], int)) for i in range(1, 6)]
    rows.append(tuple(totals))
    widths = [max(len(str(r[i])) for r in rows) for i in range(6)]
    lines = [" | ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    lines.insert(-1, lines[1])
    return "\n".join(lines)


def main() -> int:
    args = _arguments()
    _configure(args)
    from clustergraph import embedded
    from clustergraph.db import create_driver
    from clustergraph.settings import get_settings
    from reliability.faults import FaultState, inject, prepare
    from reliability.generate import write_dataset

    settings = get_settings()
    started = time.monotonic()
    was_running = embedded.status(settings).running
    embedded.start(settings, quiet=True)
    state = FaultState(settings, create_driver(settings))
    folder = Path(tempfile.mkdtemp(prefix="clustergraph-reliability-"))
    report: dict = {"machine": f"{platform.node()}, {os.cpu_count()} cores", "size": args.size}
    try:
        print(f"broken inputs: {args.examples} per kind ...", flush=True)
        report["broken_inputs"] = broken_inputs(state, args.examples)
        big = folder / "big"
        write_dataset(folder, "big", 0, args.size // 2 * 2)
        print(f"fault runs: a load of {args.size} actors and agreements ...", flush=True)
        prepare(state, big)
        report["write_seconds"] = round(state.write_s, 1)
        for fault, fraction in [
            ("SIGKILL loader", 0.1), ("SIGKILL loader", 0.35), ("SIGKILL loader", 0.6),
            ("stop Neo4j", 0.2), ("stop Neo4j", 0.5),
            ("SIGKILL Neo4j", 0.2), ("SIGKILL Neo4j", 0.5),
        ]:  # fmt: skip
            result = inject(state, big, fault, fraction)
            print(f"  {fault} at {result.at_s} s: graph is {result.outcome} "
                  f"(loader exit {result.loader_exit}) {result.message}", flush=True)  # fmt: skip
        report["faults"] = [r.__dict__ for r in state.results]
        print("Neo4j stopped and started under a running API ...", flush=True)
        report["api_recovery"] = api_recovery(state, args)
        print("concurrent overlapping loads ...", flush=True)
        report["concurrent"] = concurrent_loads(state, folder, args.size)
        print(f"soak: {args.soak_seconds:.0f} s, {args.concurrency} clients ...", flush=True)
        report["soak"] = soak_run(state, big, args)
    finally:
        state.driver.close()
        if not was_running:
            embedded.stop(settings)
    report["total_seconds"] = round(time.monotonic() - started, 1)
    table = _table(report)
    report["table"] = table.splitlines()
    RESULTS.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print(table)
    print(json.dumps(report["soak"], indent=2))
    print(f"results written to {RESULTS}")
    lost = sum(r["outcome"] == "MIX" for r in report["faults"]) + report["broken_inputs"]["changed"]
    return 1 if lost or not report["soak"]["graph_equals_expected"] else 0


if __name__ == "__main__":
    sys.exit(main())
