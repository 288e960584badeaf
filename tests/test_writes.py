"""Writes from web clients: API keys, loader validation, provenance, CORS, body size limits."""

from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from clustergraph.settings import get_settings
from graph.snapshot import describe_difference, dump
from tests import conftest

KEY = "s3cret-key-for-tests"
DOC = {"id": "eccp-canada-2019", "title": "ignored: the document exists"}
ACTOR = {
    "id": "test-write-cluster",
    "name": "Test Write Cluster",
    "kind": "cluster",
    "country": "FR",
    "sectors": ["aerospace"],
    "source": "line 12, a test",
}
AGREEMENT = {
    "id": "mou-test-write-skywin",
    "kind": "mou",
    "parties": ["test-write-cluster", "Skywin"],
    "status": "signed",
    "date": "2024-03",
    "source": "line 13, a test",
}


@pytest.fixture
def app_client(monkeypatch, bundled_graph):
    """`make(**env)`: the real app with these settings; the graph must end as it began."""
    before = dump(bundled_graph, get_settings().neo4j_database)

    @contextmanager
    def make(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        with TestClient(create_app()) as client:
            yield client

    yield make
    get_settings.cache_clear()
    after = dump(bundled_graph, get_settings().neo4j_database)
    if after != before:
        conftest._STATE["bundled"] = False
    assert after == before, describe_difference(before, after)


def test_writes_are_disabled_without_configured_keys(app_client):
    with app_client(CLUSTERGRAPH_API_KEYS="") as client:
        response = client.post("/actors", json={"document": DOC, "actor": ACTOR})
        assert response.status_code == 403
        error = response.json()["error"]
        assert error["code"] == "writes_disabled"
        assert "CLUSTERGRAPH_API_KEYS" in error["message"]
        assert client.delete("/actors/skywin", headers={"X-API-Key": "x"}).status_code == 403
        assert client.get("/actors/skywin").status_code == 200


def test_writes_need_a_valid_key_and_reads_stay_open(app_client):
    with app_client(CLUSTERGRAPH_API_KEYS=f"other-key, {KEY}") as client:
        body = {"document": DOC, "actor": ACTOR}
        for headers in ({}, {"X-API-Key": "wrong"}, {"X-API-Key": KEY + "x"}):
            response = client.post("/actors", json=body, headers=headers)
            assert response.status_code == 401, response.text
            assert response.json()["error"]["code"] == "unauthorized"
        assert client.delete("/agreements/mou-aero-montreal-skywin").status_code == 401
        assert client.get("/actors/skywin").status_code == 200


def test_the_key_is_checked_before_the_body_is_read(app_client):
    broken = {"content": b'{"document": ', "headers": {"content-type": "application/json"}}
    wrong_shape = {"json": {"unexpected": True}}
    with app_client(CLUSTERGRAPH_API_KEYS="") as client:
        for body in (broken, wrong_shape):
            assert client.post("/actors", **body).status_code == 403
    with app_client(CLUSTERGRAPH_API_KEYS=KEY) as client:
        for body in (broken, wrong_shape):
            response = client.post("/agreements", **body)
            assert response.status_code == 401, response.text  # not 400/422: no schema leaks
        headers = {**broken["headers"], "X-API-Key": KEY}
        response = client.post("/actors", content=broken["content"], headers=headers)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_json"
        response = client.post("/actors", json={"unexpected": True}, headers={"X-API-Key": KEY})
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "invalid_parameters"


def test_a_wrong_method_answers_405_with_the_allowed_methods(app_client):
    with app_client(CLUSTERGRAPH_API_KEYS=KEY) as client:
        response = client.put("/actors")
        assert response.status_code == 405
        assert response.headers["allow"] == "GET, POST"
        assert response.json()["error"]["code"] == "method_not_allowed"
        assert client.patch("/actors/skywin").headers["allow"] == "GET, DELETE"


def test_create_then_delete_an_actor_and_an_agreement(app_client):
    with app_client(CLUSTERGRAPH_API_KEYS=KEY) as client:
        auth = {"X-API-Key": KEY}
        response = client.post("/actors", json={"document": DOC, "actor": ACTOR}, headers=auth)
        assert response.status_code == 201, response.text
        actor = response.json()
        assert actor["name"] == "Test Write Cluster" and actor["country"] == "FR"
        assert actor["sources"] == [{"document": "eccp-canada-2019", "locator": "line 12, a test"}]
        response = client.post(
            "/agreements", json={"document": DOC, "agreement": AGREEMENT}, headers=auth
        )
        assert response.status_code == 201, response.text
        parties = {p["id"] for p in response.json()["parties"]}
        assert parties == {"test-write-cluster", "skywin"}  # "Skywin" resolved by name
        found = client.get("/search", params={"q": "Test Write Cluster", "type": "actor"}).json()
        assert found["items"][0]["id"] == "test-write-cluster"
        gone = client.delete("/agreements/mou-test-write-skywin", headers=auth)
        assert gone.json() == {"deleted": [{"type": "agreement", "id": "mou-test-write-skywin"}]}
        gone = client.delete("/actors/test-write-cluster", headers=auth)
        assert gone.status_code == 200
        assert client.get("/actors/test-write-cluster").status_code == 404
        assert client.delete("/actors/test-write-cluster", headers=auth).status_code == 404


def test_deleting_an_actor_takes_agreements_it_alone_signed(app_client):
    with app_client(CLUSTERGRAPH_API_KEYS=KEY) as client:
        auth = {"X-API-Key": KEY}
        client.post("/actors", json={"document": DOC, "actor": ACTOR}, headers=auth)
        solo = {**AGREEMENT, "id": "loi-test-write", "kind": "letter_of_intent"}
        solo["parties"] = ["test-write-cluster"]
        body = {"document": DOC, "agreement": solo}
        assert client.post("/agreements", json=body, headers=auth).status_code == 201
        gone = client.delete("/actors/test-write-cluster", headers=auth).json()["deleted"]
        assert {"type": "agreement", "id": "loi-test-write"} in gone


@pytest.mark.parametrize(
    ("change", "status", "field", "fragment"),
    [
        ({"actor": {**ACTOR, "country": "XX"}}, 422, "country", "unknown country 'XX'"),
        ({"actor": {**ACTOR, "sectors": ["warp-drives"]}}, 422, "sectors.0", "unknown sector"),
        ({"actor": {**ACTOR, "kind": "wizard"}}, 422, "actor.kind", "Input should be"),
        ({"actor": {k: v for k, v in ACTOR.items() if k != "source"}}, 422, "actor.source", ""),
        ({"actor": {**ACTOR, "colour": "red"}}, 422, "actor.colour", "Extra inputs"),
        ({"actor": {**ACTOR, "id": "Bad Id"}}, 422, "actor.id", "pattern"),
        ({"actor": {**ACTOR, "name": "A\u202eB"}}, 422, "actor.name", "invisible"),
        ({"document": None}, 422, "document", ""),
    ],
)
def test_a_bad_actor_is_refused_like_a_loader_refuses_it(
    app_client, change, status, field, fragment
):
    with app_client(CLUSTERGRAPH_API_KEYS=KEY) as client:
        body = {"document": DOC, "actor": ACTOR, **change}
        response = client.post("/actors", json=body, headers={"X-API-Key": KEY})
        assert response.status_code == status, response.text
        error = response.json()["error"]
        assert error["code"] in {"invalid_data", "invalid_parameters"}
        assert any(p["field"].endswith(field) for p in error["detail"]), error
        assert fragment in str(error["detail"])


def test_a_self_agreement_or_unknown_party_is_refused(app_client):
    with app_client(CLUSTERGRAPH_API_KEYS=KEY) as client:
        auth = {"X-API-Key": KEY}
        for parties, fragment in (
            (["skywin", "SKYWIN"], "cannot sign with itself"),
            (["skywin", "no-such-cluster"], "unknown actor or partnership 'no-such-cluster'"),
        ):
            body = {"document": DOC, "agreement": {**AGREEMENT, "parties": parties}}
            response = client.post("/agreements", json=body, headers=auth)
            assert response.status_code == 422, response.text
            error = response.json()["error"]
            assert error["code"] == "invalid_data"
            assert error["detail"][0]["file"] == "POST /agreements"
            assert error["detail"][0]["record"].startswith("agreements[0]")
            assert fragment in error["message"]


def test_reads_can_require_a_key(app_client):
    with app_client(CLUSTERGRAPH_API_KEYS=KEY, CLUSTERGRAPH_READ_REQUIRES_KEY="true") as client:
        response = client.get("/actors/skywin")
        assert response.status_code == 401
        assert "CLUSTERGRAPH_READ_REQUIRES_KEY" in response.json()["error"]["message"]
        assert client.get("/actors/skywin", headers={"X-API-Key": KEY}).status_code == 200
        assert client.get("/health").status_code == 200


def test_request_bodies_over_the_limit_are_refused(app_client):
    with app_client(CLUSTERGRAPH_API_KEYS=KEY, CLUSTERGRAPH_MAX_BODY_BYTES="2000") as client:
        big = {"document": DOC, "actor": {**ACTOR, "description": "x" * 3000}}
        response = client.post("/actors", json=big, headers={"X-API-Key": KEY})
        assert response.status_code == 413
        error = response.json()["error"]
        assert error["code"] == "payload_too_large" and "2000 bytes" in error["message"]

        def chunks():  # no Content-Length: a chunked upload
            yield b'{"document": '
            yield b" " * 3000

        response = client.post(
            "/actors",
            content=chunks(),
            headers={"X-API-Key": KEY, "Content-Type": "application/json"},
        )
        assert response.status_code == 413


def test_cors_allows_only_configured_origins(app_client):
    with app_client(CLUSTERGRAPH_CORS_ORIGINS="https://analysts.example.org") as client:
        preflight = {
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "X-API-Key",
        }
        ok = client.options(
            "/actors", headers={"Origin": "https://analysts.example.org", **preflight}
        )
        assert ok.headers["access-control-allow-origin"] == "https://analysts.example.org"
        assert "x-api-key" in ok.headers["access-control-allow-headers"].lower()
        other = client.get("/stats", headers={"Origin": "https://evil.example.com"})
        assert "access-control-allow-origin" not in other.headers
