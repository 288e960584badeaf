"""The embedded Neo4j manager: status, idempotent start, clear messages."""

import pytest

from clustergraph import embedded
from clustergraph.errors import EmbeddedServerError


def test_status_and_second_start_are_harmless(driver, settings):
    if not settings.uri_is_embedded:
        pytest.skip("NEO4J_URI points at an external server")
    state = embedded.status(settings)
    assert state.running
    again = embedded.start(settings, quiet=True)
    assert again.running and again.pid == state.pid
    assert (settings.embedded_home / "lib" / ".neo4j-version").read_text() == (
        embedded.NEO4J_VERSION
    )


def test_missing_java_gets_one_clear_sentence(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EmbeddedServerError, match="Java 17 or newer is needed"):
        embedded._require_tools()


def test_the_server_is_genuine_neo4j_community(driver, settings):
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition "
        "RETURN name, versions[0] AS v, edition",
        database_=settings.neo4j_database,
    )
    assert records[0]["name"] == "Neo4j Kernel"
    assert records[0]["edition"] == "community"
    if settings.uri_is_embedded:
        assert records[0]["v"] == embedded.NEO4J_VERSION
