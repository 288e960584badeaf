"""GET /health and the OpenAPI document, against the real app."""

from fastapi.testclient import TestClient

from api.main import create_app
from clustergraph.settings import get_settings


def test_health_reports_neo4j(client):
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["neo4j"]["version"].startswith("5.26")
    assert body["neo4j"]["edition"] == "community"
    assert body["neo4j"]["schema_version"] == 3


def test_health_is_503_with_a_reason_when_neo4j_is_down(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")  # nothing listens on the discard port
    get_settings.cache_clear()
    try:
        with TestClient(create_app()) as test_client:
            response = test_client.get("/health")
    finally:
        get_settings.cache_clear()
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "database_unavailable"
    assert "bolt://127.0.0.1:9" in error["message"]


def test_openapi_document_is_served(client):
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "clustergraph"
    assert "/health" in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_query_endpoints_answer_503_when_neo4j_is_down(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    get_settings.cache_clear()
    try:
        with TestClient(create_app()) as test_client:
            response = test_client.get("/actors/skywin")
    finally:
        get_settings.cache_clear()
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "database_unavailable"
