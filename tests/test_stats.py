"""GET /stats: every number equals a direct Cypher count over the bundled dataset."""

from graph.schema.model import AGREEMENT_STATUSES


def cypher(driver, settings, query: str) -> list[dict]:
    records, _, _ = driver.execute_query(query, database_=settings.neo4j_database)
    return [r.data() for r in records]


def count(driver, settings, query: str) -> int:
    return next(iter(cypher(driver, settings, query)[0].values()))


def test_counts_by_type_equal_cypher(client, bundled_graph, settings):
    stats = client.get("/stats").json()
    labels = {
        "actors": "Actor",
        "partnerships": "Partnership",
        "agreements": "Agreement",
        "events": "Event",
        "countries": "Country",
        "sectors": "Sector",
        "documents": "Document",
    }
    for name, label in labels.items():
        # placeholders (unnamed SMEs) are not counted as records
        assert stats["counts"][name] == count(
            bundled_graph,
            settings,
            f"MATCH (n:{label}) WHERE coalesce(n.certainty, '') <> 'placeholder' RETURN count(n)",
        ), name
    assert stats["counts"]["actors"] == 175  # 177 actor records, 2 of them placeholders
    # the four seed reports, each a document
    assert stats["counts"]["documents"] == 4
    assert stats["relationships"]["PARTY_TO"] == count(
        bundled_graph, settings, "MATCH ()-[r:PARTY_TO]->() RETURN count(r)"
    )
    assert sum(stats["relationships"].values()) == count(
        bundled_graph, settings, "MATCH ()-[r]->() RETURN count(r)"
    )


def test_actors_by_country_and_kind(client, bundled_graph, settings):
    stats = client.get("/stats").json()
    by_country = {c["code"]: c for c in stats["actors_by_country"]}
    assert by_country["CA"]["count"] == count(
        bundled_graph,
        settings,
        "MATCH (:Country {code: 'CA'})<-[:LOCATED_IN]-(a:Actor) RETURN count(a)",
    )
    assert by_country["CA"]["name"] == "Canada"
    # ELCA D3.1 names its own partners (AMZ, POL, BIC, MECH, MAV) only by abbreviation, with
    # no country: they are counted under code null
    assert by_country[None]["count"] >= 5
    assert sum(c["count"] for c in stats["actors_by_country"]) == stats["counts"]["actors"]
    kinds = {k["kind"]: k["count"] for k in stats["actors_by_kind"]}
    assert kinds["cluster"] == count(
        bundled_graph, settings, "MATCH (a:Actor {kind: 'cluster'}) RETURN count(a)"
    )
    assert kinds.get("company", 0) == count(
        bundled_graph,
        settings,
        "MATCH (a:Actor {kind: 'company'}) WHERE a.certainty <> 'placeholder' RETURN count(a)",
    )
    assert sum(kinds.values()) == stats["counts"]["actors"]
    counts = [c["count"] for c in stats["actors_by_country"]]
    assert counts == sorted(counts, reverse=True)


def test_sectors(client, bundled_graph, settings):
    stats = client.get("/stats").json()
    sectors = {s["id"]: s for s in stats["by_sector"]}
    assert len(sectors) == stats["counts"]["sectors"]
    assert sectors["composites"]["parent"] == "lightweight"
    for label, key in (
        ("Actor", "actors"),
        ("Agreement", "agreements"),
        ("Partnership", "partnerships"),
        ("Event", "events"),
    ):
        assert sectors["aerospace"][key] == count(
            bundled_graph,
            settings,
            f"MATCH (:Sector {{id: 'aerospace'}})<-[:ACTIVE_IN]-(n:{label}) RETURN count(n)",
        )


def test_agreements_and_events_per_year(client, bundled_graph, settings):
    stats = client.get("/stats").json()
    years = {y["year"]: y["count"] for y in stats["agreements_per_year"]}
    # the Aéro Montréal-Skywin MoU (ECCP Canada 2019, §3.1) is the only one from 2007
    assert years[2007] == 1
    assert years[2021] == count(
        bundled_graph, settings, "MATCH (g:Agreement) WHERE g.date.year = 2021 RETURN count(g)"
    )
    assert years[None] == count(
        bundled_graph, settings, "MATCH (g:Agreement) WHERE g.date IS NULL RETURN count(g)"
    )
    assert sum(years.values()) == stats["counts"]["agreements"]
    assert [y["year"] for y in stats["agreements_per_year"]][-1] is None  # undated last
    statuses = stats["agreements_by_status"]
    assert set(statuses) == set(AGREEMENT_STATUSES)
    assert statuses["renewed"] >= 1
    assert statuses["planned"] == count(
        bundled_graph, settings, "MATCH (g:Agreement {status: 'planned'}) RETURN count(g)"
    )
    assert sum(stats["agreements_by_kind"].values()) == stats["counts"]["agreements"]
    events = {y["year"]: y["count"] for y in stats["events_per_year"]}
    assert sum(events.values()) == stats["counts"]["events"]
    assert events[2013] == count(
        bundled_graph, settings, "MATCH (e:Event) WHERE e.date.year = 2013 RETURN count(e)"
    )


def test_per_document_counts(client, bundled_graph, settings):
    stats = client.get("/stats").json()
    docs = {d["id"]: d for d in stats["documents"]}
    assert set(docs) == {
        "eccp-canada-2019",
        "elca-cross-fertilisation",
        "space2id-key-achievements",
        "wiintech-strategy-2012",
    }
    for doc_id, doc in docs.items():
        assert doc["mentions"]["agreements"] == count(
            bundled_graph,
            settings,
            f"MATCH (:Agreement)-[:MENTIONED_IN]->(:Document {{id: '{doc_id}'}}) RETURN count(*)",
        )
