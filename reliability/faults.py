"""Fault runs against a real embedded Neo4j: kill the loader or Neo4j in the middle of a load,
then check that the graph is exactly the one before the load or the one after it, never a mix."""

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver

from clustergraph import embedded
from clustergraph.db import create_driver
from clustergraph.settings import PROJECT_ROOT, Settings
from graph.snapshot import dump, dump_bytes


@dataclass
class FaultResult:
    fault: str
    at_s: float
    loader_exit: int | None
    outcome: str  # "old", "new" or "MIX"
    message: str = ""


@dataclass
class FaultState:
    settings: Settings
    driver: Driver
    old: bytes = b""
    new: bytes = b""
    write_s: float = 0.0
    results: list[FaultResult] = field(default_factory=list)


def cli(settings: Settings, *args: str) -> subprocess.Popen:
    env = {**os.environ, "NEO4J_URI": settings.neo4j_uri}
    return subprocess.Popen(
        [sys.executable, "-m", "clustergraph.cli", *args],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_cli(settings: Settings, *args: str) -> tuple[int, str]:
    proc = cli(settings, *args)
    out, err = proc.communicate()
    return proc.returncode, out + err


def snapshot(state: FaultState) -> bytes:
    """The graph once no other transaction is open (a killed loader's commit may still land)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        records, _, _ = state.driver.execute_query(
            "SHOW TRANSACTIONS YIELD currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW' "
            "RETURN count(*) AS n"
        )
        if records[0]["n"] == 0:
            break
        time.sleep(0.2)
    return dump_bytes(dump(state.driver, state.settings.neo4j_database))


def _wait_for_write(driver: Driver, proc: subprocess.Popen, timeout_s: float = 300) -> float:
    """Wait until the load's transaction is writing (or the loader has exited)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and proc.poll() is None:
        records, _, _ = driver.execute_query(
            "SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery"
        )
        if any("UNWIND $rows" in (r["currentQuery"] or "") for r in records):
            return time.monotonic()
        time.sleep(0.05)
    return time.monotonic()


def prepare(state: FaultState, big: Path) -> None:
    """The two graphs a faulty load may leave: the bundled data (old) and bundled + big (new)."""
    code, out = run_cli(state.settings, "load", "--reset", "--quiet")
    assert code == 0, out
    state.old = snapshot(state)
    proc = cli(state.settings, "load", "--quiet", str(big))
    started = _wait_for_write(state.driver, proc)
    proc.communicate()
    state.write_s = time.monotonic() - started
    assert proc.returncode == 0
    state.new = snapshot(state)


def _restart_neo4j(state: FaultState, sig: int) -> None:
    settings = state.settings
    pid = embedded.status(settings).pid
    assert pid, "the embedded Neo4j is not running"
    state.driver.close()
    if sig == signal.SIGTERM:
        embedded.stop(settings)
    else:
        os.killpg(pid, sig)
        child = embedded._CHILDREN.pop(pid, None)
        if child is not None:
            child.wait(60)
        (settings.embedded_home / "neo4j.pid").unlink(missing_ok=True)
    embedded.start(settings, quiet=True)
    state.driver = create_driver(settings)


def inject(state: FaultState, big: Path, fault: str, fraction: float) -> FaultResult:
    """Reset to the old graph, start the big load, inject `fault` after `fraction` of its
    writing time, recover, and classify the graph."""
    code, out = run_cli(state.settings, "load", "--reset", "--quiet")
    assert code == 0, out
    assert snapshot(state) == state.old, "resetting did not give the old graph back"
    proc = cli(state.settings, "load", "--quiet", str(big))
    started = _wait_for_write(state.driver, proc)
    time.sleep(max(0.0, fraction * state.write_s))
    at = time.monotonic() - started
    if fault == "SIGKILL loader":
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
    elif fault in ("stop Neo4j", "SIGKILL Neo4j"):
        _restart_neo4j(state, signal.SIGTERM if fault == "stop Neo4j" else signal.SIGKILL)
        _, err = proc.communicate()
    else:
        raise ValueError(fault)
    graph = snapshot(state)
    outcome = "old" if graph == state.old else "new" if graph == state.new else "MIX"
    last = (err or "").strip().splitlines()[-1:] or [""]
    result = FaultResult(fault, round(at, 2), proc.returncode, outcome, last[0][:160])
    state.results.append(result)
    return result
