"""Tests run against a real Neo4j: NEO4J_URI when set, otherwise an embedded one on a test port.

The embedded test server keeps its data apart from the development one (`.neo4j/test-<port>`)
because tests wipe the database.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from clustergraph.settings import PROJECT_ROOT

_EXTERNAL = bool(os.environ.get("NEO4J_URI"))
if not _EXTERNAL:
    _port = os.environ.setdefault("CLUSTERGRAPH_TEST_BOLT_PORT", "7688")
    os.environ["CLUSTERGRAPH_BOLT_PORT"] = _port
    os.environ["CLUSTERGRAPH_HOME"] = str(PROJECT_ROOT / ".neo4j" / f"test-{_port}")
    os.environ["NEO4J_URI"] = f"bolt://127.0.0.1:{_port}"

from neo4j import Driver  # noqa: E402

from clustergraph import embedded  # noqa: E402
from clustergraph.db import create_driver  # noqa: E402
from clustergraph.settings import Settings, get_settings  # noqa: E402

_STATE = {"bundled": False}
DATA_DIR = PROJECT_ROOT / "data"
SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def settings() -> Settings:
    get_settings.cache_clear()
    return get_settings()


@pytest.fixture(scope="session")
def driver(settings: Settings) -> Iterator[Driver]:
    started = False
    if not _EXTERNAL:
        started = not embedded.status(settings).running
        embedded.start(settings, quiet=True)
    drv = create_driver(settings)
    try:
        yield drv
    finally:
        drv.close()
        if started:
            embedded.stop(settings)


def wipe(driver: Driver, settings: Settings) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=settings.neo4j_database)
    _STATE["bundled"] = False


@pytest.fixture
def clean_db(driver: Driver, settings: Settings) -> Driver:
    """An empty database (schema kept): for tests that load their own data."""
    wipe(driver, settings)
    return driver


@pytest.fixture
def bundled_graph(driver: Driver, settings: Settings) -> Driver:
    """The bundled dataset, loaded once and shared by read-only tests."""
    if not _STATE["bundled"]:
        from graph.loaders.pipeline import load

        load(driver, settings, reset=True, quiet=True)
        _STATE["bundled"] = True
    return driver


@pytest.fixture
def client(bundled_graph: Driver):
    """The real app (async driver, lifespan) over the bundled dataset."""
    from fastapi.testclient import TestClient

    from api.main import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


def count(driver: Driver, settings: Settings, query: str, **params) -> int:
    records, _, _ = driver.execute_query(query, params, database_=settings.neo4j_database)
    return records[0][0]


@pytest.fixture
def tmp_data(tmp_path: Path) -> Path:
    return tmp_path


def get_ok(client, url: str, **params) -> dict:
    """GET from the app, require 200, return the JSON body."""
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


# A valid value for each path or query parameter some route requires (route-sweeping tests).
VALID_PARAMS = {
    "actor_id": "skywin",
    "partnership_id": "space2id",
    "agreement_id": "mou-aero-montreal-skywin",
    "document_id": "eccp-canada-2019",
    "code": "CA",
    "q": "aero",
    "source": "aviation-valley",
    "target": "aerospace-valley",
    "as_of": "2010",
}


def run_cli(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    """`clustergraph ARGS` in a child process against the test database."""
    env = {**os.environ, "NEO4J_URI": settings.neo4j_uri}
    return subprocess.run(
        [sys.executable, "-m", "clustergraph.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
    )
