"""GET /recommendations/{id} against the bundled dataset."""

import pytest

LINKED = """
MATCH (a:Actor {id: $id})-[:PARTY_TO|MEMBER_OF|ORGANISED|PARTICIPATED_IN]->()
      <-[:PARTY_TO|MEMBER_OF|ORGANISED|PARTICIPATED_IN]-(b:Actor)
RETURN collect(DISTINCT b.id) AS ids
"""


def _recommend(client, actor_id, **params):
    response = client.get(f"/recommendations/{actor_id}", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _linked(driver, settings, actor_id):
    records, _, _ = driver.execute_query(LINKED, id=actor_id, database_=settings.neo4j_database)
    return set(records[0]["ids"])


def _reasons(item):
    return {r["kind"]: r for r in item["reasons"]}


def test_already_linked_actors_are_excluded(client, bundled_graph, settings):
    body = _recommend(client, "aerospace-valley", limit=100)
    assert body["actor"] == {
        "id": "aerospace-valley",
        "name": "Aerospace Valley",
        "type": "actor",
        "country": "FR",
    }
    linked = _linked(bundled_graph, settings, "aerospace-valley")
    # MoUs with Aéro Montréal and CRIAQ (eccp-canada-2019 line 80-81), SPACE2ID with Skywin
    assert {"aero-montreal", "criaq", "skywin"} <= linked
    ids = {i["id"] for i in body["items"]}
    assert ids and not ids & linked and "aerospace-valley" not in ids
    assert body["total"] >= len(body["items"])


def test_ranked_by_the_sum_of_the_reasons(client):
    items = _recommend(client, "aerospace-valley", limit=100)["items"]
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True)
    for item in items:
        assert item["reasons"]
        assert item["score"] == pytest.approx(sum(r["weight"] for r in item["reasons"]))


def test_aviation_valley_is_a_partner_for_aerospace_valley(client):
    items = _recommend(client, "aerospace-valley", limit=5)["items"]
    ids = [i["id"] for i in items]
    # Both signed a MoU with Aéro Montréal (eccp-canada-2019 lines 80, 84); both aerospace
    aviation = _reasons(items[ids.index("aviation-valley")])
    assert [a["id"] for a in aviation["common_partner"]["about"]] == ["aero-montreal"]
    assert "Aéro Montréal" in aviation["common_partner"]["detail"]
    assert [s["id"] for s in aviation["shared_sector"]["about"]] == ["aerospace"]
    # HEGAN: the Basque aeronautics and space cluster (elca-cross-fertilisation line 110)
    hegan = _reasons(items[ids.index("hegan")])
    assert {s["id"] for s in hegan["shared_sector"]["about"]} == {"aerospace", "space"}


def test_target_countries_and_complementary_sectors(client):
    items = _recommend(client, "aerospace-valley", limit=100)["items"]
    by_id = {i["id"]: i for i in items}
    # SPACE2ID targets Canada; Saint-Hyacinthe Technopole is a Québec agri-food cluster, and
    # SPACE2ID's MELCA idea pairs space with agriculture (space2id-key-achievements line 29)
    reasons = _reasons(by_id["saint-hyacinthe-technopole"])
    assert reasons["in_target_country"]["about"] == [
        {"id": "CA", "name": "Canada", "type": "country"}
    ]
    assert "SPACE2ID" in reasons["in_target_country"]["detail"]
    complementary = reasons["complementary_sector"]
    assert "Space × Agri-food" in complementary["detail"] and "SPACE2ID" in complementary["detail"]


def test_lightweight_complements_health(client):
    # ELCA looks for linkages across lightweight-related sectors such as health
    # (elca-cross-fertilisation line 50): lightweight clusters are candidates for MEDTEQ
    items = _recommend(client, "medteq")["items"]
    by_id = {i["id"]: i for i in items}
    assert "lighter-arena" in by_id
    complementary = _reasons(by_id["lighter-arena"])["complementary_sector"]
    assert "ELCA" in complementary["detail"]
    assert "lightweight" in {s["id"] for s in complementary["about"]}
    # BioValley France and MEDICEN already cooperate with MEDTEQ
    assert not {"biovalley-france", "medicen"} & set(by_id)


def test_common_partners_of_an_elca_partner(client):
    # MSAK met MAV and is in the Elca alliance with A2LT and LIGHTer Arena, all AMZ contacts
    items = _recommend(client, "amz", limit=3)["items"]
    assert items[0]["id"] == "msak"
    common = _reasons(items[0])["common_partner"]
    assert {"mav", "a2lt", "lighter-arena"} == {a["id"] for a in common["about"]}
    assert common["weight"] == 3.0


def test_limit(client):
    body = _recommend(client, "skywin", limit=2)
    assert len(body["items"]) == 2 and body["limit"] == 2 and body["total"] > 2


def test_unknown_actor_is_404(client):
    response = client.get("/recommendations/no-such-cluster")
    assert response.status_code == 404
    assert response.json()["error"]["detail"] == {"kind": "actor", "id": "no-such-cluster"}
    # a partnership is not an actor
    assert client.get("/recommendations/space2id").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/recommendations/skywin?limit=0",
        "/recommendations/skywin?limit=101",
        "/recommendations/Sky%20Win",
    ],
)
def test_invalid_parameters_are_422(client, url):
    assert client.get(url).status_code == 422


def test_the_cut_in_cypher_keeps_the_best_by_the_explained_score(client, bundled_graph, settings):
    # Candidates are scored and cut in Cypher; `score` spells the reasons out in Python. The
    # two must agree, or a short list would not be the head of the long one.
    records, _, _ = bundled_graph.execute_query(
        "MATCH (a:Actor) RETURN a.id AS id ORDER BY id", database_=settings.neo4j_database
    )
    checked = 0
    for actor_id in [r["id"] for r in records]:
        full = _recommend(client, actor_id, limit=100)
        assert len(full["items"]) == min(full["total"], 100)
        assert all(item["score"] > 0 for item in full["items"])
        head = _recommend(client, actor_id, limit=5)
        assert head["total"] == full["total"]
        assert [(i["id"], i["score"]) for i in head["items"]] == [
            (i["id"], i["score"]) for i in full["items"][:5]
        ]
        checked += bool(full["items"])
    assert checked >= 20
