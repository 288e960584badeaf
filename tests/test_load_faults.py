"""A load whose connection to Neo4j is cut just as it commits: the loader cannot know whether the
commit landed, says so (exit code 4), says how to check, and running the same load again is safe.

The fault is real: the load talks to Neo4j through a TCP proxy that is stopped at the moment the
driver sends COMMIT, exactly as when Neo4j dies or the network drops then.
"""

import neo4j
import pytest

from clustergraph import cli
from clustergraph.db import create_driver
from clustergraph.errors import LoadOutcomeUnknownError
from clustergraph.settings import get_settings
from graph.loaders.pipeline import load
from graph.snapshot import dump
from tests.tcp_proxy import TcpProxy


@pytest.fixture
def proxy(settings):
    port = int(settings.neo4j_uri.rsplit(":", 1)[1])
    tcp = TcpProxy(port)
    tcp.start()
    yield tcp
    tcp.stop()


def _cut_at_commit(monkeypatch, proxy: TcpProxy) -> None:
    real_commit = neo4j.Transaction.commit

    def commit(self):
        proxy.stop()
        return real_commit(self)

    monkeypatch.setattr(neo4j.Transaction, "commit", commit)


def test_connection_lost_at_commit_is_an_unknown_outcome_and_a_rerun_completes_it(
    clean_db, settings, proxy, monkeypatch
):
    proxied = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{proxy.port}"})
    driver = create_driver(proxied)
    _cut_at_commit(monkeypatch, proxy)
    try:
        with pytest.raises(LoadOutcomeUnknownError) as raised:
            load(driver, proxied, reset=True, quiet=True)
    finally:
        monkeypatch.undo()
        driver.close()
    message = str(raised.value)
    assert "outcome is UNKNOWN" in message
    assert "clustergraph export" in message and "GET /stats" in message
    assert "run the same load again" in message and "safe" in message

    first = load(clean_db, settings, reset=False, quiet=True)
    once = dump(clean_db, settings.neo4j_database)
    again = load(clean_db, settings, reset=False, quiet=True)
    assert first.after == again.after == again.before
    assert dump(clean_db, settings.neo4j_database) == once  # loading twice changes nothing


def test_the_cli_exits_4_when_the_outcome_is_unknown(
    clean_db, settings, proxy, monkeypatch, capsys
):
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{proxy.port}")
    get_settings.cache_clear()
    _cut_at_commit(monkeypatch, proxy)
    try:
        code = cli.main(["load", "--quiet"])
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert code == 4
    err = capsys.readouterr().err
    assert "outcome is UNKNOWN" in err and "run the same load again" in err
