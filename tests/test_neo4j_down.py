"""Neo4j down: every route answers 503 with the reason, /health says so, the API recovers by
itself when Neo4j is back, the CLI names the URI; a path search through a dense graph answers
within the query timeout."""

import asyncio
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from urllib.parse import quote

import httpx2
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from clustergraph.settings import get_settings
from tests.conftest import PROJECT_ROOT, VALID_PARAMS, wipe
from tests.tcp_proxy import TcpProxy

DEAD_URI = "bolt://127.0.0.1:9"  # nothing listens on the discard port
NO_DATABASE: set[str] = set()  # static pages that need no Neo4j (none in the API)


@contextmanager
def app_at(monkeypatch, **env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        with TestClient(create_app()) as client:
            yield client
    finally:
        get_settings.cache_clear()


def _requests(client) -> list[tuple[str, str]]:
    spec = client.get("/openapi.json").json()
    out = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if path in NO_DATABASE:
                continue
            url = path
            query = []
            for p in op.get("parameters", []):
                if p.get("required") and p["in"] == "path":
                    url = url.replace("{" + p["name"] + "}", quote(VALID_PARAMS[p["name"]]))
                elif p.get("required"):
                    query.append(f"{p['name']}={quote(VALID_PARAMS[p['name']])}")
            out.append((method.upper(), url + ("?" + "&".join(query) if query else "")))
    return out


def test_every_route_answers_503_with_the_reason_when_neo4j_is_down(monkeypatch):
    env = {"NEO4J_URI": DEAD_URI, "CLUSTERGRAPH_API_KEYS": "k", "CLUSTERGRAPH_API_RETRY_TIME": "0"}
    with app_at(monkeypatch, **env) as client:
        requests = _requests(client)
        assert len(requests) > 20
        bodies = {
            "POST /actors": {"document": {"id": "d", "title": "D"},
                             "actor": {"id": "a", "name": "A", "kind": "cluster", "source": "l 1"}},
            "POST /agreements": {"document": {"id": "d", "title": "D"},
                                 "agreement": {"id": "g", "kind": "mou", "parties": ["a", "b"],
                                               "status": "signed", "source": "l 1"}},
        }  # fmt: skip
        for method, url in requests:
            body = bodies.get(f"{method} {url}")
            response = client.request(method, url, json=body, headers={"X-API-Key": "k"})
            assert response.status_code == 503, (method, url, response.text)
            error = response.json()["error"]
            assert error["code"] == "database_unavailable"
            assert f"Neo4j is not reachable at {DEAD_URI}" in error["message"], error
        health = client.get("/health").json()["error"]
        assert health["detail"] == {"status": "unavailable", "uri": DEAD_URI}


def test_the_api_recovers_without_a_restart_when_neo4j_comes_back(monkeypatch, bundled_graph):
    proxy = TcpProxy(int(get_settings().neo4j_uri.rsplit(":", 1)[1]))
    proxy.start()
    uri = f"bolt://127.0.0.1:{proxy.port}"
    try:
        with app_at(monkeypatch, NEO4J_URI=uri, CLUSTERGRAPH_API_RETRY_TIME="1") as client:
            assert client.get("/actors/skywin").status_code == 200
            proxy.stop()  # Neo4j "goes away": connections cut, new ones refused
            for url in ("/actors/skywin", "/health", "/stats"):
                response = client.get(url)
                assert response.status_code == 503, response.text
                assert uri in response.json()["error"]["message"]
            proxy.start()  # and comes back on the same address
            deadline = time.monotonic() + 30
            while client.get("/health").status_code != 200:
                assert time.monotonic() < deadline, "the API did not reconnect within 30 s"
                time.sleep(0.2)
            assert client.get("/actors/skywin").json()["id"] == "skywin"
            assert client.get("/stats").status_code == 200
    finally:
        proxy.stop()


@pytest.mark.parametrize("command", [["load"], ["export"], ["map", "actor", "skywin"]])
def test_the_cli_says_neo4j_is_not_reachable_instead_of_a_traceback(command, tmp_path):
    env = {**os.environ, "NEO4J_URI": DEAD_URI}
    proc = subprocess.run(
        [sys.executable, "-m", "clustergraph.cli", *command],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
    )
    assert proc.returncode == 1
    assert f"error: Neo4j is not reachable at {DEAD_URI}" in proc.stderr
    assert "Traceback" not in proc.stderr


def _dense_graph(tmp_path):
    """40 actors that all meet at 20 events: astronomically many cooperation paths."""
    actors = "\n".join(
        f"  - {{id: dense-{i}, name: Dense Actor {chr(65 + i % 26)}{i * 7919 % 1000},"
        f" kind: cluster, country: FR, source: 'line {i}'}}"
        for i in range(40)
    )
    everyone = ", ".join(f"dense-{i}" for i in range(40))
    events = "\n".join(
        f"  - {{id: dense-meeting-{j}, name: Dense meeting {j}, kind: meeting,"
        f" participants: [{everyone}], source: 'line {100 + j}'}}"
        for j in range(20)
    )
    path = tmp_path / "dense.yaml"
    path.write_text(
        "format: clustergraph/v1\ndocument: {id: dense, title: Dense}\n"
        f"actors:\n{actors}\nevents:\n{events}\n",
        encoding="utf-8",
    )
    return path


# A query no index can shorten: ~10^14 rows to count, so it runs until its timeout stops it.
_ENDLESS_QUERY = (
    "UNWIND range(1, 10000000) AS x UNWIND range(1, 10000000) AS y RETURN count(*) AS n"
)


def _race(app, url: str, params: dict):
    """GET `url` and, while it runs, /health; both answers and how long they took."""

    async def scenario():
        async with app.router.lifespan_context(app):
            transport = httpx2.ASGITransport(app=app)
            async with httpx2.AsyncClient(transport=transport, base_url="http://test") as c:
                started = time.perf_counter()
                slow = asyncio.create_task(c.get(url, params=params))
                await asyncio.sleep(0.5)
                t = time.perf_counter()
                health = await c.get("/health")
                health_s = time.perf_counter() - t
                response = await slow
                return response, time.perf_counter() - started, health, health_s

    return asyncio.run(scenario())


def _running(driver, fragment: str) -> int:
    records, _, _ = driver.execute_query(
        "SHOW TRANSACTIONS YIELD currentQuery WHERE toLower(currentQuery) CONTAINS $fragment "
        "AND NOT currentQuery STARTS WITH 'SHOW' RETURN count(*) AS n",
        fragment=fragment,
    )
    return records[0]["n"]


def test_a_query_past_its_timeout_answers_504_and_the_server_keeps_serving(
    monkeypatch, bundled_graph, settings
):
    """Fault injection: the statistics query is replaced by one that never ends."""
    import queries.stats

    monkeypatch.setattr(queries.stats, "COUNTS_QUERY", _ENDLESS_QUERY)
    monkeypatch.setenv("CLUSTERGRAPH_QUERY_TIMEOUT", "2")
    get_settings.cache_clear()
    try:
        response, elapsed, health, health_s = _race(create_app(), "/stats", {})
    finally:
        get_settings.cache_clear()
    assert response.status_code == 504, response.text[:300]
    error = response.json()["error"]
    assert error["code"] == "query_timeout"
    assert "2 s" in error["message"]
    assert elapsed < 12, elapsed
    assert health.status_code == 200 and health_s < 2, health_s
    assert _running(bundled_graph, "range(1, 10000000)") == 0  # the server stopped it


def test_a_path_search_on_a_dense_graph_cannot_hold_the_server(
    monkeypatch, clean_db, settings, tmp_path
):
    """40 actors all meeting at 20 events: astronomically many paths. The former `SHORTEST k`
    search ran into the 2 s timeout here (504); the bidirectional `shortestPath` with Yen's
    deviations stops after k distinct routes. /health answers meanwhile, nothing is left running."""
    from graph.loaders.pipeline import load

    load(clean_db, settings, [_dense_graph(tmp_path)], quiet=True)
    monkeypatch.setenv("CLUSTERGRAPH_QUERY_TIMEOUT", "2")
    get_settings.cache_clear()
    params = {"source": "dense-0", "target": "dense-1", "max_hops": 6, "k": 10, "via": "event"}
    try:
        response, elapsed, health, health_s = _race(create_app(), "/paths", params)
    finally:
        get_settings.cache_clear()
        wipe(clean_db, settings)
    assert response.status_code == 200, response.text[:300]
    paths = response.json()["paths"]
    routes = [tuple([p["steps"][0]["from"], *(s["to"] for s in p["steps"])]) for p in paths]
    # the one-hop route (20 shared meetings: one shown, 19 alternatives), then two-hop routes
    assert len(set(routes)) == len(routes) == 10
    assert routes[0] == ("dense-0", "dense-1") and len(paths[0]["steps"][0]["alternatives"]) == 19
    assert [p["length"] for p in paths] == [1] + [2] * 9
    assert all(len(set(r)) == len(r) for r in routes)  # no actor twice
    assert elapsed < 12, elapsed
    assert health.status_code == 200 and health_s < 2, health_s
    assert _running(clean_db, "shortest") == 0  # no search of it left running
