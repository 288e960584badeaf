"""GET /documents and GET /documents/{id} against the bundled dataset (seed reports)."""


def count(driver, settings, query: str, **params) -> int:
    records, _, _ = driver.execute_query(query, params, database_=settings.neo4j_database)
    return records[0][0]


def test_document_list(client, bundled_graph, settings):
    page = client.get("/documents").json()
    assert page["total"] == 4
    docs = {d["id"]: d for d in page["items"]}
    eccp = docs["eccp-canada-2019"]
    assert eccp["file"] == "002_e2da2b9dde289841.txt"
    assert eccp["date"] == "2019-01"
    assert eccp["title"].startswith("D3.5 Discussion paper")
    for doc_id, doc in docs.items():
        for key, label in (
            ("actors", "Actor"),
            ("partnerships", "Partnership"),
            ("agreements", "Agreement"),
            ("events", "Event"),
        ):
            assert doc["mentions"][key] == count(
                bundled_graph,
                settings,
                f"MATCH (:{label})-[:MENTIONED_IN]->(:Document {{id: $id}}) RETURN count(*)",
                id=doc_id,
            ), (doc_id, key)
    # ELCA D3.1 §4.2 Table 2 lists planned cooperation agreements signed on behalf of ELCA
    elca = docs["elca-cross-fertilisation"]
    assert elca["links"]["ON_BEHALF_OF"] == count(
        bundled_graph,
        settings,
        "MATCH (:Agreement)-[r:ON_BEHALF_OF]->(:Partnership {id: 'elca'}) RETURN count(r)",
    )
    assert (
        client.get("/documents", params={"limit": 2, "offset": 2}).json()["items"]
        == (page["items"][2:4])
    )


def test_space2id_document(client):
    # SPACE2ID Key Achievements: Aerospace Valley (coordinator, line 10) and the Space4Globe
    # partnership agreement of the 10 clusters (line 27).
    doc = client.get("/documents/space2id-key-achievements").json()
    assert doc["file"] == "000_ab031e1851045a64.txt"
    actors = {a["id"]: a for a in doc["entities"]["actors"]}
    assert actors["aerospace-valley"]["name"] == "Aerospace Valley"
    assert any(loc.startswith("line 10") for loc in actors["aerospace-valley"]["locators"])
    assert [g["id"] for g in doc["entities"]["agreements"]] == ["partnership-agreement-space4globe"]
    assert doc["links"]["PARTY_TO"] == 9  # the nine partners listed, lines 9-17
    for key, entities in doc["entities"].items():
        assert len(entities) == doc["mentions"][key]


def test_document_404_and_422(client):
    response = client.get("/documents/no-such-report")
    assert response.status_code == 404
    assert response.json()["error"]["detail"] == {"kind": "document", "id": "no-such-report"}
    response = client.get("/documents/Not%20A%20Slug")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_parameters"
    assert client.get("/documents", params={"limit": 0}).status_code == 422
