"""GET /timeline against the bundled dataset (seed reports)."""


def count(driver, settings, query: str) -> int:
    records, _, _ = driver.execute_query(query, database_=settings.neo4j_database)
    return records[0][0]


def _timeline(client, **params) -> dict:
    response = client.get("/timeline", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return response.json()


def _in_date_order(items: list[dict]) -> bool:
    """Dated items by their first day ('2021' is 2021-01-01), undated ones last."""
    dates = [i["date"] for i in items]
    dated = [d for d in dates if d]
    starts = [(d + "-01-01")[:10] if len(d) == 4 else (d + "-01")[:10] for d in dated]
    return starts == sorted(starts) and dates[: len(dated)] == dated


def test_medteq_timeline(client):
    # ECCP Canada 2019, §3.2: the BioValley France partnership was signed on 31 January 2017
    # during the MEDTEQ annual forum; the MoU with MEDICEN followed in June 2018 (§4, line 222);
    # the MedFit congress (line 176) has no date.
    items = _timeline(client, actor="medteq")["items"]
    ids = [i["id"] for i in items]
    assert ids[:2] == ["partnership-biovalley-france-medteq", "medteq-annual-forum-2017"]
    assert [i["type"] for i in items[:2]] == ["agreement", "event"]
    assert items[0]["date"] == items[1]["date"] == "2017-01-31"
    assert items[0]["status"] == "signed" and items[1]["status"] == "held"
    forum = items[1]
    assert {(a["id"], a["role"]) for a in forum["actors"]} == {
        ("medteq", "organiser"),
        ("biovalley-france", "participant"),
    }
    assert ids.index("mou-medteq-medicen") > ids.index("medteq-annual-forum-2017")
    assert ids[-1] == "medfit-congress" and items[-1]["date"] is None
    assert _in_date_order(items)
    assert all(i["sources"] for i in items)
    assert all("medteq" in {a["id"] for a in i["actors"]} for i in items)


def test_partnership_and_country_timelines(client):
    elca = _timeline(client, partnership="elca")["items"]
    assert {"agreement", "event"} == {i["type"] for i in elca}
    assert all(i["partnership"]["id"] == "elca" for i in elca)
    assert "elca-partner-meeting-dresden-2021" in {i["id"] for i in elca}
    assert _in_date_order(elca)

    canada = _timeline(client, country="ca")["items"]
    ids = {i["id"] for i in canada}
    # held in Canada (§3.1) / a Canadian party (§2.2) / organised by MEDTEQ, place not given
    assert {
        "international-aeronautic-week-montreal-2018",
        "mou-aero-montreal-skywin",
        "medteq-annual-forum-2017",
    } <= ids
    assert canada[0]["id"] == "mou-aero-montreal-skywin"  # 2007, the earliest


def test_date_range_and_type(client):
    # WIINTECH (2012-2013): PlastAsia, 15-18 February 2013, in India.
    items = _timeline(client, **{"from": "2013-02", "to": "2013-02", "type": "event"})["items"]
    plastasia = next(i for i in items if i["id"] == "plastasia-2013")
    assert (plastasia["date"], plastasia["end_date"], plastasia["country"]) == (
        "2013-02-15",
        "2013-02-18",
        "IN",
    )
    assert all(i["type"] == "event" and i["date"].startswith("2013-02") for i in items)
    early = _timeline(client, to="2012")["items"]
    assert early and all(i["date"] <= "2012-12-31" for i in early)
    assert early[0]["id"] == "mou-aero-montreal-skywin"


def test_everything_and_paging(client, bundled_graph, settings):
    everything = _timeline(client)
    expected = count(
        bundled_graph, settings, "MATCH (n) WHERE n:Agreement OR n:Event RETURN count(n)"
    )
    assert everything["total"] == expected == len(everything["items"])
    assert _in_date_order(everything["items"])
    page = client.get("/timeline", params={"limit": 10, "offset": 10}).json()
    assert [i["id"] for i in page["items"]] == [i["id"] for i in everything["items"][10:20]]


def test_timeline_errors(client):
    response = client.get("/timeline", params={"actor": "no-such-actor"})
    assert response.status_code == 404
    assert response.json()["error"]["detail"] == {"kind": "actor", "id": "no-such-actor"}
    for params in (
        {"type": "workshop"},
        {"limit": 501},
        {"from": "June 2018"},
        {"country": "Canada"},
    ):
        response = client.get("/timeline", params=params)
        assert response.status_code == 422, params
        assert response.json()["error"]["code"] == "invalid_parameters"
    response = client.get("/timeline", params={"from": "2020", "to": "2019-12"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"
