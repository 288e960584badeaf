"""A load, end to end: read and validate every file, then write all of it or nothing."""

import contextlib
import gc
import logging
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Driver, Session
from neo4j.exceptions import (
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from tqdm import tqdm

from clustergraph.db import unavailable_error
from clustergraph.errors import (
    ClusterGraphError,
    DatabaseUnavailableError,
    LoadOutcomeUnknownError,
    LoadValidationError,
    Problem,
)
from clustergraph.settings import PROJECT_ROOT, Settings
from graph.loaders.chunked import ChunkedTransaction
from graph.loaders.matching import Duplicate
from graph.loaders.merge import Known
from graph.loaders.resolve import Plan, build_plan
from graph.loaders.sources import ParsedFile, read_file
from graph.loaders.writer import WriteStats, batch_count, counts_after, label_counts, write_plan
from graph.schema import apply_schema

DATA_DIR = PROJECT_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
_SUFFIXES = {".yaml", ".yml", ".csv"}
log = logging.getLogger("clustergraph.load")
MEMORY_ADVICE = (
    "Give Neo4j more memory for transactions (CLUSTERGRAPH_HEAP for the embedded server; "
    "db.memory.transaction.max and dbms.memory.transaction.total.max elsewhere), or commit in "
    "chunks with CLUSTERGRAPH_LOAD_COMMIT_BATCHES=100 (a chunked load that fails is not undone: "
    "run it again to complete it)."
)

KNOWN_QUERY = """
CALL () { MATCH (a:Actor) RETURN collect([a.id, [a.name] + coalesce(a.aliases, [])]) AS actors }
CALL () {
  MATCH (p:Partnership) RETURN collect([p.id, [p.name] + coalesce(p.aliases, [])]) AS partnerships
}
CALL () { MATCH (c:Country) RETURN collect(c.code) AS countries }
CALL () { MATCH (s:Sector) RETURN collect(s.id) AS sectors }
CALL () { MATCH (g:Region) RETURN collect(g.id) AS regions }
CALL () { MATCH (g:Agreement) RETURN collect(g.id) AS agreements }
CALL () { MATCH (e:Event) RETURN collect(e.id) AS events }
RETURN actors, partnerships, countries, sectors, regions, agreements, events
"""


@dataclass
class LoadReport:
    files: list[Path]
    before: dict[str, int]
    after: dict[str, int]
    stats: WriteStats
    duplicates: list[Duplicate] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase
    commits: int = 1  # more than one only for an opt-in chunked load

    def summary(self) -> str:
        how = (
            "in one transaction"
            if self.commits == 1
            else f"in {self.commits} transactions (chunked: not all-or-nothing)"
        )
        lines = [f"Loaded {len(self.files)} file(s) {how}."]
        width = max(len(k) for k in self.after)
        for key, value in self.after.items():
            delta = value - self.before.get(key, 0)
            sign = f"+{delta}" if delta > 0 else (str(delta) if delta else "unchanged")
            lines.append(f"  {key:<{width}}  {value:>6}  ({sign})")
        s = self.stats
        lines.append(
            f"  created {s.nodes_created} nodes and {s.relationships_created} "
            f"relationships; {s.properties_set} properties written"
        )
        if s.nodes_deleted:
            lines.append(f"  --reset removed {s.nodes_deleted} nodes first")
        if self.duplicates:
            lines.append(
                f"{len(self.duplicates)} likely duplicate actor(s) to review "
                "(not merged; give them one id and move the other names to aliases):"
            )
            lines += [f"  - {d}" for d in self.duplicates[:30]]
            if len(self.duplicates) > 30:
                lines.append(f"  ... and {len(self.duplicates) - 30} more")
        return "\n".join(lines)


def expand_paths(paths: list[Path] | None) -> list[Path]:
    """The files a load reads: reference data first, then the given files or folders."""
    targets = paths or [DATA_DIR]
    files: list[Path] = sorted(p for p in REFERENCE_DIR.glob("*.yaml"))
    for target in targets:
        if target.is_dir():
            found = sorted(p for p in target.rglob("*") if p.suffix.lower() in _SUFFIXES)
            if not found:
                raise LoadValidationError([Problem(str(target), "contains no .yaml/.csv files")])
            files += found
        else:
            files.append(target)
    unique: dict[Path, None] = {}
    for f in files:
        unique.setdefault(f.resolve() if f.exists() else f, None)
    return list(unique)


@contextmanager
def few_gc_passes() -> Iterator[None]:
    """Collect cycles rarely while a load builds its millions of long-lived objects.

    With the default thresholds the cyclic collector rescans everything built so far again and
    again: at 20 times ECCP's size that was 70% of parsing and half of planning. The objects
    are kept until the load ends anyway, so collecting them sooner frees nothing.
    """
    old = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def parse_files(files: list[Path], document_id: str | None = None) -> list[ParsedFile]:
    """Parse every file, gathering the problems of all of them before failing."""
    parsed, problems = [], []
    for path in files:
        try:
            parsed.append(read_file(path, document_id))
        except LoadValidationError as e:
            problems += e.problems
    if problems:
        raise LoadValidationError(problems)
    return parsed


def _known(driver: Driver, settings: Settings) -> Known:
    try:
        records, _, _ = driver.execute_query(
            KNOWN_QUERY, database_=settings.neo4j_database, routing_="r"
        )
    except (ServiceUnavailable, SessionExpired) as e:
        raise unavailable_error(settings, e) from e
    return known_from(records[0])


def known_from(row) -> Known:
    """The `Known` snapshot from a KNOWN_QUERY row."""
    return Known(
        actors={i: names for i, names in row["actors"]},
        partnerships={i for i, _ in row["partnerships"]},
        partnership_names={i: names for i, names in row["partnerships"]},
        countries=set(row["countries"]),
        sectors=set(row["sectors"]),
        regions=set(row["regions"]),
        agreements=set(row["agreements"]),
        events=set(row["events"]),
    )


def validate(
    paths: list[Path] | None, *, known: Known | None = None, document_id: str | None = None
) -> Plan:
    """Pure validation of the files or folders (no writes); raises `LoadValidationError`."""
    with few_gc_passes():
        return build_plan(parse_files(expand_paths(paths), document_id), known)


def _begin(session: Session, settings: Settings):
    every = settings.load_commit_batches
    if every:
        return ChunkedTransaction(session, every, settings.load_timeout_s)
    return session.begin_transaction(timeout=settings.load_timeout_s)


def _outcome_unknown(settings: Settings, exc: Exception, done: int) -> LoadOutcomeUnknownError:
    chunks = f" (the {done} chunk(s) before the last one were committed)" if done else ""
    return LoadOutcomeUnknownError(
        f"The connection to Neo4j at {settings.neo4j_uri} was lost while the load was being "
        f"committed ({exc}): the outcome is UNKNOWN{chunks}, Neo4j may or may not have written "
        "it, never half of one transaction. To check, once Neo4j is back (`clustergraph db "
        "status`), compare the counts (`GET /stats`, or `clustergraph export` to a file) with "
        "what the load should give; or simply run the same load again: loads are idempotent "
        "MERGEs, so running it again is safe and leaves the graph loaded either way."
    )


def _write_with_retries(
    session: Session, settings: Settings, plan: Plan, reset: bool, bar, timings: dict
):
    """The whole load in one transaction, run again from scratch on a transient error.

    Concurrent loads of overlapping files lock the same nodes; Neo4j then aborts one of them
    with a deadlock (a TransientError). The aborted transaction wrote nothing, and a load is
    idempotent, so running all of it again is safe. Backoff is exponential with jitter.
    (With the opt-in CLUSTERGRAPH_LOAD_COMMIT_BATCHES, earlier chunks stay committed; running
    again is still safe because every write is a MERGE.)
    """
    for attempt in range(settings.load_retries + 1):
        clock = time.perf_counter()
        tx = _begin(session, settings)
        try:
            before = label_counts(tx)
            stats = write_plan(
                tx,
                plan.rows,
                batch_size=settings.load_batch_size,
                reset=reset,
                progress=bar.update,
            )
            after = counts_after(before, stats, reset=reset)
            timings["write_s"] = time.perf_counter() - clock
            try:
                tx.commit()
            except (ServiceUnavailable, SessionExpired) as e:
                raise _outcome_unknown(settings, e, getattr(tx, "commits", 0)) from e
            timings["commit_s"] = time.perf_counter() - clock - timings["write_s"]
            return before, stats, after, getattr(tx, "commits", 1)
        except TransientError as e:
            if "MemoryPoolOutOfMemoryError" in (e.code or ""):
                # Transient for Neo4j (other transactions may free memory), but this load alone
                # is too large for the transaction memory: running it again fails again.
                done = getattr(tx, "commits", 0)
                state = (
                    f"{done} chunk(s) were committed before it: run the load again to complete it"
                    if done
                    else "nothing was written"
                )
                raise ClusterGraphError(
                    f"The load is too large for Neo4j's transaction memory ({e.code}); {state}. "
                    + MEMORY_ADVICE
                ) from e
            if attempt == settings.load_retries:
                raise ClusterGraphError(
                    f"Neo4j kept aborting the load ({e.code}) after {attempt + 1} attempts; "
                    "nothing was written. Retry when fewer loads run at once."
                ) from e
            log.warning("load attempt %d aborted (%s); retrying", attempt + 1, e.code)
            bar.reset()
            time.sleep(min(8.0, 0.2 * 2**attempt) * (0.5 + random.random()))
        except (Neo4jError, ServiceUnavailable, SessionExpired) as e:
            failed: Any = e  # tells the caller how many chunks were committed before it
            failed.commits = getattr(tx, "commits", 0)
            raise
        finally:
            # Closing a transaction whose connection is gone fails too; the first error counts.
            with contextlib.suppress(DriverError):
                tx.close()
    raise AssertionError("unreachable")


def load(
    driver: Driver,
    settings: Settings,
    paths: list[Path] | None = None,
    *,
    reset: bool = False,
    quiet: bool = False,
    document_id: str | None = None,
) -> LoadReport:
    with few_gc_passes():
        return _load(driver, settings, paths, reset=reset, quiet=quiet, document_id=document_id)


def _load(
    driver: Driver,
    settings: Settings,
    paths: list[Path] | None,
    *,
    reset: bool,
    quiet: bool,
    document_id: str | None,
) -> LoadReport:
    clock = time.perf_counter()
    files = expand_paths(paths)
    known = Known() if reset else _known(driver, settings)
    parsed = parse_files(files, document_id)
    timings = {"parse_s": time.perf_counter() - clock}
    plan = build_plan(parsed, known)
    timings["plan_s"] = time.perf_counter() - clock - timings["parse_s"]
    with driver.session(database=settings.neo4j_database) as session:
        try:
            apply_schema(session)
        except (ServiceUnavailable, SessionExpired) as e:
            raise unavailable_error(settings, e) from e
        total = batch_count(plan.rows, settings.load_batch_size)
        bar = tqdm(
            total=total,
            desc="Writing",
            unit="batch",
            file=sys.stderr,
            disable=quiet or None,
            leave=False,
        )
        every = settings.load_commit_batches
        try:
            before, stats, after, commits = _write_with_retries(
                session, settings, plan, reset, bar, timings
            )
        except (ServiceUnavailable, SessionExpired) as e:
            done = getattr(e, "commits", 0)
            state = (
                f"{done} chunk(s) of {every} statements were committed before it (chunked load), "
                "the rest was not"
                if done
                else "before it was committed, so nothing of it was written (the transaction is "
                "rolled back)"
            )
            raise DatabaseUnavailableError(
                f"Neo4j is not reachable at {settings.neo4j_uri}: the connection was lost during "
                f"the load ({e}), {state}. Run the same load again once Neo4j is back: loads "
                "are idempotent MERGEs, so running one twice changes nothing."
            ) from e
        except Neo4jError as e:
            done = getattr(e, "commits", 0)
            state = (
                f"{done} chunk(s) of {every} statements were committed before it (chunked load): "
                "run the same load again to complete it"
                if done
                else "the transaction was rolled back and the database is unchanged"
            )
            advice = " " + MEMORY_ADVICE if "OutOfMemory" in (e.code or "") else ""
            raise ClusterGraphError(
                f"Neo4j rejected the load ({e.code}: {e.message}); {state}.{advice}"
            ) from e
        finally:
            bar.close()
    return LoadReport(
        files=files,
        before=before,
        after=after,
        stats=stats,
        duplicates=plan.duplicates,
        timings=timings,
        commits=commits,
    )
