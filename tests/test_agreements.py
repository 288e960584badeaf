"""GET /agreements and GET /agreements/{id} against the bundled dataset (seed reports)."""

from graph.schema.model import AGREEMENT_KINDS, AGREEMENT_STATUSES


def count(driver, settings, query: str) -> int:
    records, _, _ = driver.execute_query(query, database_=settings.neo4j_database)
    return records[0][0]


def _ids(page: dict) -> list[str]:
    return [item["id"] for item in page["items"]]


def _all(client, **params) -> dict:
    return client.get("/agreements", params={"limit": 100, **params}).json()


def test_canada_agreements_include_the_aerospace_and_biotech_mous(client):
    # ECCP Canada 2019, §2.2 (lines 82, 91) and §3.1-3.2 success stories 1 and 2.
    page = _all(client, country="CA")
    by_id = {g["id"]: g for g in page["items"]}
    skywin = by_id["mou-aero-montreal-skywin"]
    assert skywin["kind"] == "mou"
    assert skywin["status"] == "renewed"
    assert (skywin["date"], skywin["date_precision"]) == ("2007", "year")
    assert {p["id"] for p in skywin["parties"]} == {"aero-montreal", "skywin"}
    assert {p["name"]: p["country"] for p in skywin["parties"]} == {
        "Aéro Montréal": "CA",
        "Skywin": "BE",
    }
    assert skywin["sources"][0]["document"] == "eccp-canada-2019"

    biovalley = by_id["partnership-biovalley-france-medteq"]
    assert (biovalley["date"], biovalley["date_precision"]) == ("2017-01-31", "day")
    assert biovalley["valid_until"] == "2019"
    assert biovalley["status"] == "signed"
    assert {s["id"] for s in biovalley["sectors"]} == {"health", "medtech"}
    # every agreement listed has at least one party located in Canada
    assert all(any(p["country"] == "CA" for p in g["parties"]) for g in page["items"])


def test_country_filter_is_case_insensitive_and_total_matches_cypher(
    client, bundled_graph, settings
):
    lower, upper = _all(client, country="ca"), _all(client, country="CA")
    assert _ids(lower) == _ids(upper)
    expected = count(
        bundled_graph,
        settings,
        """
        MATCH (g:Agreement) WHERE EXISTS {
          MATCH (:Country {code: 'CA'})<-[:LOCATED_IN]-(:Actor)-[:PARTY_TO]->(g) }
        RETURN count(g)""",
    )
    assert upper["total"] == expected == len(upper["items"])


def test_partners_of_medteq_through_its_agreements(client):
    # MEDTEQ (Québec): partnership with BioValley France (§3.2) and a MoU with MEDICEN on behalf
    # of LASER-GO Global (§4, line 222).
    page = _all(client, actor="medteq")
    assert set(_ids(page)) == {"partnership-biovalley-france-medteq", "mou-medteq-medicen"}
    partners = {p["id"] for g in page["items"] for p in g["parties"]} - {"medteq"}
    assert partners == {"biovalley-france", "medicen"}
    medicen = next(g for g in page["items"] if g["id"] == "mou-medteq-medicen")
    assert medicen["partnership"]["id"] == "laser-go-global"
    assert (medicen["date"], medicen["date_precision"]) == ("2018-06", "month")


def test_planned_elca_agreements(client, bundled_graph, settings):
    # ELCA D3.1, §4.2 Table 2 (line 133): AMZ and Composites United, October 2021.
    page = _all(client, status="planned", partnership="elca")
    expected = count(
        bundled_graph,
        settings,
        """
        MATCH (g:Agreement {status: 'planned'})-[:ON_BEHALF_OF]->(:Partnership {id: 'elca'})
        RETURN count(g)""",
    )
    assert page["total"] == expected > 20
    assert all(g["status"] == "planned" and g["partnership"]["id"] == "elca" for g in page["items"])
    cu = next(g for g in page["items"] if g["id"] == "coop-elca-composites-united")
    assert {p["id"] for p in cu["parties"]} == {"amz", "composites-united"}
    assert (cu["date"], cu["kind"]) == ("2021-10", "cooperation")
    assert cu["sources"][0]["document"] == "elca-cross-fertilisation"


def test_sector_filter_includes_subsectors(client):
    # composites is a sub-sector of lightweight, itself of materials.
    for sector in ("composites", "lightweight", "materials"):
        assert "coop-elca-composites-united" in _ids(_all(client, sector=sector))
    health = _all(client, sector="health")  # medtech agreements count as health
    assert {"partnership-biovalley-france-medteq", "mou-medteq-medicen"} <= set(_ids(health))
    assert "coop-elca-composites-united" not in _ids(health)


def test_date_filters(client):
    assert _ids(_all(client, to="2010")) == ["mou-aero-montreal-skywin"]
    assert _ids(_all(client, **{"from": "2017-01-31", "to": "2017-01-31"})) == [
        "partnership-biovalley-france-medteq"
    ]
    # a month-precise date stands for its whole month, a year for its whole year
    june = _ids(_all(client, **{"from": "2018-06-15", "to": "2018"}))
    assert set(june) == {"mou-medteq-medicen", "mou-optonique-opticsvalley"}
    later = _all(client, **{"from": "2017-02"})
    assert "partnership-biovalley-france-medteq" not in _ids(later)
    assert all(g["date"] and g["date"] >= "2017-02" for g in later["items"])


def test_order_pagination_and_kind_filter(client, bundled_graph, settings):
    everything = _all(client)
    assert everything["total"] == count(
        bundled_graph, settings, "MATCH (g:Agreement) RETURN count(g)"
    )
    dates = [g["date"] for g in everything["items"]]
    dated = [d for d in dates if d]
    starts = [d + "-01-01"[: 10 - len(d)] for d in dated]  # '2021' stands from 2021-01-01
    assert starts == sorted(starts) and dates[: len(dated)] == dated  # undated last
    first, second = (
        client.get("/agreements", params={"limit": 5, "offset": o}).json() for o in (0, 5)
    )
    assert _ids(first) + _ids(second) == _ids(everything)[:10]
    assert (first["limit"], second["offset"]) == (5, 5)
    mous = _all(client, kind="mou")
    assert mous["items"] and all(g["kind"] == "mou" for g in mous["items"])


def test_get_agreement_and_404(client):
    g = client.get("/agreements/partnership-biovalley-france-medteq").json()
    assert g["name"].startswith("Partnership agreement between BioValley France")
    assert "MEDTEQ annual forum" in g["description"]
    response = client.get("/agreements/no-such-agreement")
    assert response.status_code == 404
    assert response.json()["error"] == {
        "code": "not_found",
        "message": response.json()["error"]["message"],
        "detail": {"kind": "agreement", "id": "no-such-agreement"},
    }
    assert client.get("/agreements/Bad%20Id").status_code == 422


def test_validation(client):
    for params in (
        {"kind": "treaty"},
        {"status": "rumoured"},
        {"from": "2018/06"},
        {"to": "18"},
        {"limit": 0},
        {"limit": 101},
        {"offset": -1},
        {"country": "CAN"},
        {"sector": "Not A Slug"},
        # not calendar dates: refused by the pattern the OpenAPI document publishes
        {"from": "2018-13"},
        {"from": "0000"},
        {"to": "2023-02-29"},
    ):
        response = client.get("/agreements", params=params)
        assert response.status_code == 422, params
        assert response.json()["error"]["code"] == "invalid_parameters"
    for params in ({"from": "2019", "to": "2018"},):
        response = client.get("/agreements", params=params)
        assert response.status_code == 422, params
        assert response.json()["error"]["code"] == "invalid_request"
    for params, kind in (
        ({"sector": "no-sector"}, "sector"),
        ({"country": "ZZ"}, "country"),
        ({"actor": "nobody"}, "actor"),
        ({"partnership": "none"}, "partnership"),
    ):
        response = client.get("/agreements", params=params)
        assert response.status_code == 404, params
        assert response.json()["error"]["detail"]["kind"] == kind


def test_enumerations_come_from_the_schema(client):
    schema = client.get("/openapi.json").json()
    params = {p["name"]: p for p in schema["paths"]["/agreements"]["get"]["parameters"]}

    def enum(name):
        s = params[name]["schema"]
        return next(o["enum"] for o in s["anyOf"] if "enum" in o)

    assert tuple(enum("kind")) == AGREEMENT_KINDS
    assert tuple(enum("status")) == AGREEMENT_STATUSES
