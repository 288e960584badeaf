"""Concurrent loads of overlapping files: both succeed (deadlocks are retried), no duplicates."""

import logging
import threading

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

        def run(files):
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
