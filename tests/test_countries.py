"""GET /countries and GET /countries/{code} against the bundled dataset (seed reports)."""


def count(driver, settings, query: str, **params) -> int:
    records, _, _ = driver.execute_query(query, params, database_=settings.neo4j_database)
    return records[0][0]


def test_canada_actors_partnerships_and_agreements(client):
    # ECCP Canada 2019: MEDTEQ (§3.2), Aéro Montréal (§2.2, §3.1), LASER-GO Global (§4, line 222).
    canada = client.get("/countries/CA").json()
    assert (canada["code"], canada["name"], canada["continent"], canada["eu_member"]) == (
        "CA",
        "Canada",
        "North America",
        False,
    )
    actors = {a["id"]: a for a in canada["actors"]}
    assert {"medteq", "aero-montreal", "criaq"} <= set(actors)
    assert actors["aero-montreal"]["name"] == "Aéro Montréal"
    assert actors["medteq"]["kind"] == "consortium"
    assert actors["medteq"]["sources"][0]["document"] == "eccp-canada-2019"
    # MEDTEQ was contacted by LASER-GO Global as a target (MoU with MEDICEN, June 2018)
    assert any(
        t["id"] == "laser-go-global" and t["status"] == "contacted"
        for t in actors["medteq"]["targeted_by"]
    )

    targeting = {p["id"]: p for p in canada["partnerships_targeting"]}
    laser = targeting["laser-go-global"]
    assert laser["name"].startswith("LASER-GO Global")
    assert laser["status"] == "selected"
    assert laser["sources"] == [
        {"document": "eccp-canada-2019", "locator": "line 222, §4 LASER-GO Global"}
    ]
    # SPACE2ID lists Canada among its 5 top priority countries (key achievements, line 26)
    assert targeting["space2id"]["status"] == "priority"
    statuses = [p["status"] for p in canada["partnerships_targeting"]]
    order = {"priority": 0, "selected": 1, "candidate": 2}
    assert statuses == sorted(statuses, key=order.__getitem__)  # best first

    agreements = {g["id"]: g for g in canada["agreements"]}
    assert {
        "mou-aero-montreal-skywin",
        "partnership-biovalley-france-medteq",
        "mou-medteq-medicen",
    } <= set(agreements)
    assert all(any(p["country"] == "CA" for p in g["parties"]) for g in canada["agreements"])
    assert agreements["mou-aero-montreal-skywin"]["date"] == "2007"


def test_canadian_partners_of_medteq(client):
    # The partners MEDTEQ signed with, via the agreements of its country page.
    canada = client.get("/countries/CA").json()
    partners = {
        p["id"]
        for g in canada["agreements"]
        if "medteq" in {p["id"] for p in g["parties"]}
        for p in g["parties"]
    }
    assert partners - {"medteq"} == {"biovalley-france", "medicen"}


def test_country_page_matches_cypher(client, bundled_graph, settings):
    canada = client.get("/countries/ca").json()
    assert canada["code"] == "CA"
    assert len(canada["actors"]) == count(
        bundled_graph,
        settings,
        "MATCH (:Country {code: 'CA'})<-[:LOCATED_IN]-(a:Actor) RETURN count(a)",
    )
    assert len(canada["partnerships_targeting"]) == count(
        bundled_graph,
        settings,
        "MATCH (:Country {code: 'CA'})<-[:TARGETS_COUNTRY]-(p) RETURN count(p)",
    )
    assert len(canada["agreements"]) == count(
        bundled_graph,
        settings,
        "MATCH (:Country {code: 'CA'})<-[:LOCATED_IN]-(:Actor)-[:PARTY_TO]->(g:Agreement) "
        "RETURN count(DISTINCT g)",
    )
    dates = [g["date"] for g in canada["agreements"] if g["date"]]
    assert dates == sorted(dates)


def test_partnerships_with_members_in_a_country(client):
    # SPACE2ID is coordinated by Aerospace Valley (FR).
    france = client.get("/countries/fr").json()
    space2id = next(p for p in france["partnerships_with_members"] if p["id"] == "space2id")
    assert {"id": "aerospace-valley", "name": "Aerospace Valley", "role": "coordinator"} in (
        space2id["members"]
    )


def test_country_list(client, bundled_graph, settings):
    page = client.get("/countries", params={"limit": 100}).json()
    assert page["total"] == count(bundled_graph, settings, "MATCH (c:Country) RETURN count(c)")
    codes = [c["code"] for c in page["items"]]
    assert codes == sorted(codes)
    by_actors = client.get(
        "/countries", params={"sort": "actors", "active": True, "limit": 5}
    ).json()
    top = by_actors["items"]
    assert [c["actors"] for c in top] == sorted((c["actors"] for c in top), reverse=True)
    canada = next(c for c in top if c["code"] == "CA")
    detail = client.get("/countries/CA").json()
    assert canada["actors"] == len(detail["actors"])
    assert canada["partnerships_targeting"] == len(detail["partnerships_targeting"])
    assert canada["agreements"] == len(detail["agreements"])
    active = client.get("/countries", params={"active": True, "limit": 100}).json()["items"]
    assert all(
        c["actors"] + c["partnerships_targeting"] + c["agreements"] + c["events"] for c in active
    )
    eu = client.get("/countries", params={"eu_member": True, "limit": 100}).json()["items"]
    assert "FR" in {c["code"] for c in eu} and "CA" not in {c["code"] for c in eu}
    na = client.get("/countries", params={"continent": "North America"}).json()["items"]
    assert {"CA", "US", "MX"} <= {c["code"] for c in na}


def test_unknown_and_invalid_codes(client):
    response = client.get("/countries/ZZ")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert response.json()["error"]["detail"] == {"kind": "country", "id": "ZZ"}
    for url in (
        "/countries/CAN",
        "/countries/C1",
        "/countries?sort=name",
        "/countries?continent=Atlantis",
        "/countries?limit=500",
    ):
        response = client.get(url)
        assert response.status_code == 422, url
        assert response.json()["error"]["code"] == "invalid_parameters"


def test_country_lists_are_cut_at_limit_and_counted_in_full(client, bundled_graph, settings):
    full = client.get("/countries/ca").json()
    one = client.get("/countries/ca", params={"limit": 1}).json()
    assert one["limit"] == 1
    assert one["totals"] == full["totals"]
    assert (
        one["totals"]["actors"]
        == len(full["actors"])
        == count(
            bundled_graph,
            settings,
            "MATCH (:Country {code: 'CA'})<-[:LOCATED_IN]-(a:Actor) RETURN count(a)",
        )
    )
    assert one["totals"]["partnerships_with_members"] == len(full["partnerships_with_members"])
    assert full["truncated"] is False
    assert one["truncated"] is (full["totals"]["agreements"] > 1)
    for key in ("actors", "partnerships_targeting", "agreements", "events"):
        assert one[key] == full[key][:1], key
    assert client.get("/countries/ca", params={"limit": 0}).status_code == 422
