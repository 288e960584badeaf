"""Cypher injection in every parameter of every GET route leaves the graph untouched, and every
integer parameter (limit, depth, max_hops, k, ...) has a cap that the API enforces."""

from urllib.parse import quote

import pytest

from graph.snapshot import describe_difference, dump
from tests.conftest import VALID_PARAMS

INJECTIONS = [
    "' OR 1=1 //",
    "skywin' }) DETACH DELETE n //",
    '") MATCH (n) DETACH DELETE n //',
    "x}) WITH 1 AS x MATCH (n) DETACH DELETE n RETURN 1 //",
    "skywin` RETURN 1 UNION MATCH (n) DETACH DELETE n //",
    "agreement,membership]-() MATCH (n) DETACH DELETE n //",
    "$id",
    "\\u0027; CALL db.clearQueryCaches() //",
    "*:* OR name:*",
    "\u0000",
]


def _get_operations(client) -> list[tuple[str, list[dict]]]:
    spec = client.get("/openapi.json").json()
    return [
        (path, item["get"].get("parameters", []))
        for path, item in spec["paths"].items()
        if "get" in item
    ]


def _url(path: str, params: dict) -> str:
    for name, value in params.items():
        path = path.replace("{" + name + "}", quote(value, safe=""))
    return path


def test_injection_strings_in_every_parameter_change_nothing(client, bundled_graph, settings):
    before = dump(bundled_graph, settings.neo4j_database)
    tried = 0
    for path, parameters in _get_operations(client):
        base = {p["name"]: VALID_PARAMS[p["name"]] for p in parameters if p.get("required")}
        for param in parameters:
            for attack in INJECTIONS:
                values = {**base, param["name"]: attack}
                path_values = {k: v for k, v in values.items() if "{" + k + "}" in path}
                query = {k: v for k, v in values.items() if k not in path_values}
                response = client.get(_url(path, path_values), params=query)
                tried += 1
                assert response.status_code in {200, 404, 422}, (path, param["name"], attack)
                if response.status_code != 200:
                    assert "error" in response.json(), response.text
    after = dump(bundled_graph, settings.neo4j_database)
    assert after == before, describe_difference(before, after)
    assert tried > 400


def test_search_text_is_matched_as_text_not_run(client):
    body = client.get("/search", params={"q": "skywin' }) DETACH DELETE n //"}).json()
    assert body["items"] and body["items"][0]["id"] == "skywin"  # the words still match


@pytest.mark.parametrize("name", ["limit", "depth", "max_hops", "k", "max_nodes", "offset"])
def test_every_integer_parameter_is_capped(client, name):
    capped = 0
    for path, parameters in _get_operations(client):
        for param in parameters:
            schema = param.get("schema", {})
            if schema.get("type") != "integer" or param["name"] != name:
                continue
            assert "maximum" in schema, f"{path}: {name} has no cap"
            base = {p["name"]: VALID_PARAMS[p["name"]] for p in parameters if p.get("required")}
            path_values = {k: v for k, v in base.items() if "{" + k + "}" in path}
            query = {k: v for k, v in base.items() if k not in path_values}
            query[name] = schema["maximum"] + 1
            response = client.get(_url(path, path_values), params=query)
            assert response.status_code == 422, (path, response.text)
            assert name in response.json()["error"]["message"]
            capped += 1
    assert capped, f"no route has {name}"
