"""Concurrent loads of overlapping files: both succeed (deadlocks are retried), no duplicates."""

import logging
import threading
import time

from graph.loaders.pipeline import load
from graph.snapshot import dump
from reliability.generate import write_dataset
from tests.conftest import count, wipe


def _as_sets(snapshot: dict) -> list:
    """A dump with list properties as sorted lists: the order in which two loads united their
    sources and aliases depends on which came first, the content does not."""

    def norm(props: dict) -> dict:
        return {
            k: sorted(map(str, v)) if isinstance(v, list) else v
            for k, v in props.items()
            if k != "alias_text"
        }

    nodes = sorted(str(sorted(norm(n["properties"]).items())) for n in snapshot["nodes"])
    rels = sorted(
        str((r["type"], r["from"], r["to"], sorted(norm(r["properties"]).items())))
        for r in snapshot["relationships"]
    )
    return [nodes, rels]


def test_overlapping_concurrent_loads_make_no_duplicates(driver, settings, tmp_path, caplog):
    small = settings.model_copy(update={"load_batch_size": 25})
    a = write_dataset(tmp_path, "a", 0, 240)
    b = write_dataset(tmp_path, "b", 120, 360, reverse=True)  # same nodes, opposite order
    wipe(driver, settings)
    load(driver, small, a, quiet=True)
    load(driver, small, b, quiet=True)
    sequential = _as_sets(dump(driver, settings.neo4j_database))

    errors: list[BaseException] = []
    for _ in range(3):
        wipe(driver, settings)
        start = threading.Barrier(2)

        def run(files, start=start):
            try:
                start.wait()
                load(driver, small, files, quiet=True)
            except BaseException as e:  # reported below, with the other thread's outcome
                errors.append(e)

        with caplog.at_level(logging.WARNING, logger="clustergraph.load"):
            threads = [threading.Thread(target=run, args=(f,)) for f in (a, b)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(300)
        assert not errors, errors
        assert count(driver, settings, "MATCH (n:Actor) RETURN count(n)") == 360
        dupes = "MATCH (n:Actor) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(id)"
        assert count(driver, settings, dupes) == 0
        concurrent = _as_sets(dump(driver, settings.neo4j_database))
        for part in (0, 1):
            gone = sorted(set(sequential[part]) - set(concurrent[part]))[:3]
            new = sorted(set(concurrent[part]) - set(sequential[part]))[:3]
            assert concurrent[part] == sequential[part], f"gone {gone}\nnew {new}"
    retried = [r for r in caplog.records if "retrying" in r.getMessage()]
    print(f"{len(retried)} transient abort(s) retried over 3 rounds")


def test_a_load_chosen_as_deadlock_victim_is_retried_and_completes(
    driver, settings, tmp_path, caplog
):
    """Force a real deadlock in which Neo4j aborts the load (it holds fewer locks than the other
    transaction), and check that the whole load runs again and commits."""
    small = settings.model_copy(update={"load_batch_size": 5})
    files = write_dataset(tmp_path, "dl", 0, 120)
    wipe(driver, settings)
    load(driver, small, files, quiet=True)
    expected = dump(driver, settings.neo4j_database)
    wipe(driver, settings)
    load(driver, small, [], quiet=True)  # the bundled data: countries exist, the gen-* do not

    outcome: dict = {}

    def run():
        try:
            outcome["report"] = load(driver, small, files, quiet=True)
        except BaseException as e:
            outcome["error"] = e

    with driver.session(database=settings.neo4j_database) as session:
        other = session.begin_transaction()
        other.run("UNWIND range(1, 5000) AS i CREATE (:Probe {i: i})").consume()
        other.run("MERGE (a:Agreement {id: 'gen-mou-118'})").consume()  # the load needs it late
        with caplog.at_level(logging.WARNING, logger="clustergraph.load"):
            thread = threading.Thread(target=run)
            thread.start()
            # Past the countries (it holds their locks): writing actors, or already waiting for
            # gen-mou-118 at the agreements.
            _wait_for_query(driver, ("MERGE (n:Actor", "MERGE (n:Agreement"))
            # Wait for a country the load holds, while the load will wait for gen-mou-118.
            other.run("MATCH (c:Country {code: 'AT'}) SET c.probe = 1").consume()
            other.rollback()
            thread.join(300)
    assert "error" not in outcome, outcome
    assert any("DeadlockDetected" in r.getMessage() for r in caplog.records)
    wipe_bundled = (
        "MATCH (n) WHERE n.id STARTS WITH 'gen-' OR n:Country OR n:Sector RETURN count(n)"
    )
    assert count(driver, settings, wipe_bundled) > 240
    assert count(driver, settings, "MATCH (n:Probe) RETURN count(n)") == 0
    loaded = dump(driver, settings.neo4j_database)
    generated = [n for n in expected["nodes"] if n["properties"].get("id", "").startswith("gen-")]
    assert all(n in loaded["nodes"] for n in generated)
    wipe(driver, settings)


def _wait_for_query(driver, fragments: tuple[str, ...]) -> None:
    for _ in range(600):
        records, _, _ = driver.execute_query(
            "SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery"
        )
        if any(f in (r["currentQuery"] or "") for r in records for f in fragments):
            return
        time.sleep(0.05)
    raise AssertionError(f"no transaction ran {fragments} within 30 s")
