"""Ids of the full length the loader accepts (graph.schema.ids.ID_MAX_LENGTH) work on every
route that takes an id, as path or query parameter: one id type, one length, everywhere."""

import pytest

from graph.loaders.pipeline import DATA_DIR, load
from graph.schema.ids import ID_MAX_LENGTH, ID_PATTERN
from tests.conftest import VALID_PARAMS, wipe


def _long(kind: str) -> str:
    stem = f"{kind}-" + "x" * ID_MAX_LENGTH
    return stem[: ID_MAX_LENGTH - 2] + "-1"


LONG = {kind: _long(kind) for kind in ("actor", "partnership", "agreement", "document", "sector")}
# Which kind of id each id parameter takes (by its name in the OpenAPI document).
KIND_OF = {
    "actor_id": "actor",
    "actor": "actor",
    "source": "actor",
    "target": "actor",
    "partnership_id": "partnership",
    "partnership": "partnership",
    "agreement_id": "agreement",
    "document_id": "document",
    "sector": "sector",
}
RECORDS = f"""format: clustergraph/v1
document:
  id: {LONG["document"]}
  title: Long ids
sectors:
  - id: {LONG["sector"]}
    name: Long sector
actors:
  - id: {LONG["actor"]}
    name: Long Actor Cluster
    kind: cluster
    country: DE
    sectors: [{LONG["sector"]}]
    source: line 1
partnerships:
  - id: {LONG["partnership"]}
    name: Long Partnership
    kind: alliance
    sectors: [{LONG["sector"]}]
    source: line 2
    members:
      - {{actor: {LONG["actor"]}, role: coordinator, source: line 2}}
      - {{actor: skywin, source: line 2}}
agreements:
  - id: {LONG["agreement"]}
    kind: mou
    parties: [{LONG["actor"]}, skywin]
    partnership: {LONG["partnership"]}
    date: "2021-05"
    status: signed
    sectors: [{LONG["sector"]}]
    source: line 3
"""


@pytest.fixture
def long_ids_graph(driver, settings, tmp_path):
    path = tmp_path / "long-ids.yaml"
    path.write_text(RECORDS)
    wipe(driver, settings)
    load(driver, settings, [DATA_DIR, path], reset=True, quiet=True)
    yield driver
    wipe(driver, settings)  # the next test that needs the bundled graph reloads it


def test_the_ids_are_as_long_as_the_loader_allows():
    assert {len(v) for v in LONG.values()} == {ID_MAX_LENGTH}


def test_a_full_length_id_works_on_every_route_that_takes_one(long_ids_graph):
    from fastapi.testclient import TestClient

    from api.main import create_app

    with TestClient(create_app()) as client:
        spec = client.get("/openapi.json").json()
        tried = []
        for path, operations in spec["paths"].items():
            if "get" not in operations:
                continue
            params = operations["get"].get("parameters", [])
            ids = [p for p in params if _is_id(p)]
            for param in ids:
                kind = KIND_OF.get(param["name"])
                assert kind, f"{path}: which kind of id is `{param['name']}`? Add it to KIND_OF"
                values = {
                    p["name"]: VALID_PARAMS[p["name"]]
                    for p in params
                    if p.get("required") and p["name"] in VALID_PARAMS
                }
                values[param["name"]] = LONG[kind]
                url = path
                for name in [p["name"] for p in params if p["in"] == "path"]:
                    url = url.replace("{" + name + "}", values.pop(name))
                response = client.get(url, params=values)
                assert response.status_code == 200, (path, param["name"], response.text[:300])
                tried.append((path, param["name"]))
        # Every kind of id parameter was tried, on paths and in queries.
        assert {KIND_OF[name] for _, name in tried} == set(LONG)
        assert {"/paths", "/maps/actor/{actor_id}", "/recommendations/{actor_id}"} <= {
            p for p, _ in tried
        }
        actor = client.get(f"/actors/{LONG['actor']}").json()
        assert actor["id"] == LONG["actor"]
        assert {p["id"] for p in actor["partnerships"]} == {LONG["partnership"]}


def _is_id(param: dict) -> bool:
    schema = param["schema"]
    options = schema.get("anyOf", [schema])
    return any(o.get("pattern") == ID_PATTERN for o in options)
