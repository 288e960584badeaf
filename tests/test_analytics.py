"""GET /analytics/brokers and /analytics/communities against the bundled dataset."""

import pytest

from tests.conftest import count
from tests.conftest import get_ok as _get

# Placeholders (unnamed SMEs) are left out of the analytics unless asked for.
LINKED_ACTORS = """
MATCH (a:Actor)
WHERE coalesce(a.certainty, '') <> 'placeholder'
  AND EXISTS { (a)-[:PARTY_TO|MEMBER_OF|ORGANISED|PARTICIPATED_IN]->(e)
               <-[:PARTY_TO|MEMBER_OF|ORGANISED|PARTICIPATED_IN]-(b:Actor)
               WHERE coalesce(b.certainty, '') <> 'placeholder'
                 AND coalesce(e.certainty, '') <> 'placeholder' }
RETURN count(a)
"""


def _communities(client, **params):
    return _get(client, "/analytics/communities", limit=100, **params)


def _community_of(body, actor_id):
    return next(c for c in body["items"] if actor_id in {m["id"] for m in c["members"]})


def test_communities_partition_the_linked_actors(client, bundled_graph, settings):
    body = _communities(client)
    members = [m["id"] for c in body["items"] for m in c["members"]]
    assert len(members) == len(set(members))  # nobody in two communities
    assert len(members) == body["actors"] == count(bundled_graph, settings, LINKED_ACTORS)
    assert body["total"] == len(body["items"])
    assert [c["size"] for c in body["items"]] == sorted(
        (c["size"] for c in body["items"]), reverse=True
    )
    assert all(c["size"] == len(c["members"]) >= 2 for c in body["items"])
    assert 0 < body["modularity"] <= 1
    # stable: a fixed seed gives the same answer twice
    assert _communities(client) == body


def test_communities_follow_the_partnerships_of_the_reports(client):
    body = _communities(client)
    # SPACE2ID (space2id-key-achievements, Partners): Aerospace Valley coordinates, Skywin
    space = _community_of(body, "aerospace-valley")
    assert space["label"] == "SPACE2ID"
    assert "skywin" in {m["id"] for m in space["members"]}
    assert "space2id" in {t["id"] for t in space["ties"]}
    assert "space" in {s["id"] for s in space["sectors"]}
    # ELCA's five partners (elca-cross-fertilisation) cooperate as one group
    elca = _community_of(body, "amz")
    assert elca["label"] == "ELCA"
    assert {"amz", "mav", "bic", "pol", "mech"} <= {m["id"] for m in elca["members"]}
    assert {"DE", "ES"} <= {c["id"] for c in elca["countries"]}
    assert {"Germany", "Spain"} <= {c["name"] for c in elca["countries"]}
    # BioValley France and MEDTEQ (eccp-canada-2019 §3.2) are apart from the space group
    health = _community_of(body, "medteq")
    assert "biovalley-france" in {m["id"] for m in health["members"]}
    assert health["id"] != space["id"]
    tie = next(t for t in health["ties"] if t["id"] == "medfit-congress")
    assert tie["type"] == "event" and tie["members"] == 2


def test_communities_page(client):
    first = _get(client, "/analytics/communities", limit=2)
    assert len(first["items"]) == 2 and first["limit"] == 2 and first["offset"] == 0
    second = _get(client, "/analytics/communities", limit=2, offset=2)
    assert second["items"][0]["id"] == 3 and second["total"] == first["total"]


def test_brokers_rank_the_bridges_between_reports(client):
    body = _get(client, "/analytics/brokers", limit=10)
    items = body["items"]
    scores = [b["betweenness"] for b in items]
    assert scores == sorted(scores, reverse=True)
    ids = [b["id"] for b in items]
    # Aviation Valley links the ELCA group (BIC, HEGAN) to Aéro Montréal's MoUs (Canada paper)
    assert "aviation-valley" in ids and "aero-montreal" in ids
    aviation = items[ids.index("aviation-valley")]
    assert aviation["degree"] == 3  # Aéro Montréal, HEGAN, BIC
    assert aviation["community"]["label"] == "ELCA"
    assert "SPACE2ID" in {c["label"] for c in aviation["bridges"]}
    assert aviation["betweenness"] > 0.05
    assert body["total"] == _communities(client)["actors"]


def test_brokers_depend_on_the_link_kinds(client):
    default = _get(client, "/analytics/brokers", limit=100)
    agreements = _get(client, "/analytics/brokers", limit=100, via="agreement")
    assert agreements["via"] == ["agreement"]
    assert agreements["total"] < default["total"]
    # ESA only attended the SPACE2ID final meeting: it drops out of the agreement-only projection
    assert "esa" in {b["id"] for b in default["items"]}
    assert "esa" not in {b["id"] for b in agreements["items"]}


@pytest.mark.parametrize("path", ["/analytics/brokers", "/analytics/communities"])
@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 101},
        {"offset": -1},
        {"via": "country"},
        {"via": "sector"},
        {"via": "Agreement"},
    ],
)
def test_invalid_parameters_are_422(client, path, params):
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text


def test_whole_graph_reads_ignore_the_answer_row_cap(client, bundled_graph, settings, monkeypatch):
    """The projection is analysed in Python: cutting it at CLUSTERGRAPH_MAX_ROWS would silently
    drop actors. With a tiny answer cap, communities and recommendations answer as before."""
    before = _communities(client)
    recommended = _get(client, "/recommendations/aerospace-valley", limit=100)
    monkeypatch.setattr(settings, "max_rows", 10)
    after = _communities(client)
    assert after["actors"] == before["actors"] == count(bundled_graph, settings, LINKED_ACTORS)
    assert after["actors"] > 10
    assert _get(client, "/recommendations/aerospace-valley", limit=100) == recommended


def test_a_projection_beyond_its_memory_cap_is_refused_not_cut(client, settings, monkeypatch):
    monkeypatch.setattr(settings, "projection_max_rows", 5)
    response = client.get("/analytics/communities")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "query_too_large"
    assert "CLUSTERGRAPH_PROJECTION_MAX_ROWS" in error["message"]
