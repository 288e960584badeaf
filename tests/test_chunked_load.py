"""The opt-in chunked load (CLUSTERGRAPH_LOAD_COMMIT_BATCHES) writes exactly what one transaction
writes; the default stays one transaction."""

from graph.loaders.pipeline import load
from graph.loaders.writer import label_counts


def _graph(driver, settings):
    with driver.session(database=settings.neo4j_database) as session:
        counts = session.execute_read(label_counts)
        nodes = session.run("""
            MATCH (n) WHERE NOT n:SchemaInfo
            RETURN n.id AS id, n.code AS code, properties(n) AS p ORDER BY id, code""").data()
        rels = session.run("""
            MATCH (a)-[r]->(b)
            RETURN coalesce(a.id, a.code) AS a, type(r) AS t, coalesce(b.id, b.code) AS b,
                   properties(r) AS p ORDER BY a, t, b""").data()
    return counts, nodes, rels


def test_chunked_load_writes_the_same_graph(clean_db, settings):
    report = load(clean_db, settings, quiet=True)
    assert report.commits == 1
    assert "in one transaction" in report.summary()
    whole = _graph(clean_db, settings)

    chunked = settings.model_copy(update={"load_commit_batches": 2})
    report = load(clean_db, chunked, reset=True, quiet=True)
    assert report.commits > 2
    assert "not all-or-nothing" in report.summary()
    assert report.stats.nodes_deleted > 0
    assert _graph(clean_db, settings) == whole
