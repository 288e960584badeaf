"""The opt-in chunked load (CLUSTERGRAPH_LOAD_COMMIT_BATCHES) writes exactly what one transaction
writes; the default stays one transaction."""

from graph.loaders.pipeline import load
from graph.snapshot import dump


def test_chunked_load_writes_the_same_graph(clean_db, settings):
    report = load(clean_db, settings, quiet=True)
    assert report.commits == 1
    assert "in one transaction" in report.summary()
    whole = dump(clean_db, settings.neo4j_database)

    chunked = settings.model_copy(update={"load_commit_batches": 2})
    report = load(clean_db, chunked, reset=True, quiet=True)
    assert report.commits > 2
    assert "not all-or-nothing" in report.summary()
    assert report.stats.nodes_deleted > 0
    assert dump(clean_db, settings.neo4j_database) == whole
