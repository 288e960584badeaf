"""The bundled dataset: coverage of all four seed reports, with provenance."""

import pytest

from tests.conftest import count


def _one(driver, settings, query, **params):
    records, _, _ = driver.execute_query(query, params, database_=settings.neo4j_database)
    assert records, f"no answer to {query}"
    return records[0]


def test_counts_cover_the_four_reports(bundled_graph, settings):
    def c(label):
        return count(bundled_graph, settings, f"MATCH (n:{label}) RETURN count(n)")

    assert c("Document") == 4
    assert c("Actor") > 150
    assert c("Partnership") >= 15
    assert c("Agreement") >= 40
    assert c("Event") >= 20
    for doc in (
        "space2id-key-achievements",
        "eccp-canada-2019",
        "wiintech-strategy-2012",
        "elca-cross-fertilisation",
    ):
        mentioned = count(
            bundled_graph,
            settings,
            "MATCH (n)-[:MENTIONED_IN]->(:Document {id: $doc}) RETURN count(n)",
            doc=doc,
        )
        assert mentioned >= 15, doc


def test_every_fact_from_a_document_has_sources(bundled_graph, settings):
    missing_nodes = count(
        bundled_graph,
        settings,
        """
        MATCH (n) WHERE (n:Actor OR n:Partnership OR n:Agreement OR n:Event)
          AND (size(coalesce(n.sources, [])) = 0 OR NOT (n)-[:MENTIONED_IN]->(:Document))
        RETURN count(n)""",
    )
    missing_rels = count(
        bundled_graph,
        settings,
        """
        MATCH ()-[r:MEMBER_OF|PARTY_TO|TARGETS_COUNTRY|TARGETS_ACTOR|ORGANISED|PARTICIPATED_IN
                   |PART_OF|ON_BEHALF_OF]->()
        WHERE size(coalesce(r.sources, [])) = 0 RETURN count(r)""",
    )
    assert missing_nodes == 0
    assert missing_rels == 0


def test_space2id_report_coordinator_and_priority_countries(bundled_graph, settings):
    row = _one(
        bundled_graph,
        settings,
        """
        MATCH (a:Actor {id: 'aerospace-valley'})-[m:MEMBER_OF]->(p:Partnership {id: 'space2id'})
        RETURN m.role AS role, m.sources AS sources""",
    )
    assert row["role"] == "coordinator"
    assert any(s.startswith("space2id-key-achievements|line 10") for s in row["sources"])
    row = _one(
        bundled_graph,
        settings,
        """
        MATCH (:Partnership {id: 'space2id'})-[t:TARGETS_COUNTRY {status: 'priority'}]->(c)
        RETURN collect(c.code) AS codes""",
    )
    assert set(row["codes"]) == {"CN", "AE", "CA", "CL", "CO"}
    members = count(
        bundled_graph,
        settings,
        "MATCH (:Actor)-[:MEMBER_OF]->(:Partnership {id: 'space2id'}) RETURN count(*)",
    )
    assert members == 9


def test_canada_paper_agreements_with_dates_and_precision(bundled_graph, settings):
    row = _one(
        bundled_graph,
        settings,
        """
        MATCH (g:Agreement {id: 'mou-aero-montreal-skywin'})
        RETURN g.kind AS kind, g.status AS status, g.date.year AS year,
               g.date_precision AS precision, g.sources AS sources,
               [(a)-[:PARTY_TO]->(g) | a.id] AS parties""",
    )
    assert (row["kind"], row["status"], row["year"], row["precision"]) == (
        "mou",
        "renewed",
        2007,
        "year",
    )
    assert set(row["parties"]) == {"skywin", "aero-montreal"}
    assert all(s.startswith("eccp-canada-2019|") for s in row["sources"])
    row = _one(
        bundled_graph,
        settings,
        """
        MATCH (g:Agreement)<-[:PARTY_TO]-(:Actor {id: 'medteq'})
        MATCH (g)<-[:PARTY_TO]-(:Actor {id: 'biovalley-france'})
        RETURN toString(g.date) AS date, g.date_precision AS precision""",
    )
    assert (row["date"], row["precision"]) == ("2017-01-31", "day")


def test_wiintech_members_leads_and_scored_targets(bundled_graph, settings):
    row = _one(
        bundled_graph,
        settings,
        """
        MATCH (a:Actor)-[m:MEMBER_OF]->(:Partnership {id: 'wiintech'})
        RETURN collect(CASE WHEN m.role = 'lead' THEN a.id END) AS leads, count(a) AS n""",
    )
    assert {"nepic", "chemie-cluster-bayern", "plastipolis", "veneto-nanotech"} <= set(row["leads"])
    assert row["n"] >= 8
    row = _one(
        bundled_graph,
        settings,
        """
        MATCH (:Partnership {id: 'wiintech'})-[t:TARGETS_ACTOR]->(a:Actor)
        WHERE t.score IS NOT NULL
        RETURN count(a) AS scored, max(t.score) AS best""",
    )
    assert row["scored"] >= 8
    assert row["best"] == 700
    row = _one(
        bundled_graph,
        settings,
        """
        MATCH (:Partnership {id: 'wiintech'})-[t:TARGETS_COUNTRY {status: 'selected'}]->(c)
        RETURN collect(c.code) AS codes""",
    )
    assert set(row["codes"]) == {"US", "BR", "IN", "JP"}


def test_elca_planned_agreements_and_shared_actors(bundled_graph, settings):
    planned = count(
        bundled_graph,
        settings,
        """
        MATCH (g:Agreement {status: 'planned'})-[:ON_BEHALF_OF]->(:Partnership {id: 'elca'})
        RETURN count(g)""",
    )
    assert planned >= 19
    # HEGAN and Aviation Valley are named by both the Canada paper and the ELCA report: one
    # node each, traced to both documents.
    for actor in ("hegan", "aviation-valley"):
        docs = _one(
            bundled_graph,
            settings,
            """
            MATCH (:Actor {id: $id})-[:MENTIONED_IN]->(d:Document) RETURN collect(d.id) AS d""",
            id=actor,
        )["d"]
        assert set(docs) == {"eccp-canada-2019", "elca-cross-fertilisation"}, actor


@pytest.mark.parametrize(
    ("alias", "actor"),
    [
        ("SKYWIN WALLONIE ASBL", "skywin"),
        ("Aerospace Cluster of Wallonia", "skywin"),
        ("AERO Montreal", "aero-montreal"),
        ("Aero Montreal", "aero-montreal"),
    ],
)
def test_one_node_per_actor_with_its_spellings_as_aliases(bundled_graph, settings, alias, actor):
    ids = _one(
        bundled_graph,
        settings,
        """
        MATCH (a:Actor) WHERE a.name = $alias OR $alias IN a.aliases RETURN collect(a.id) AS ids
        """,
        alias=alias,
    )["ids"]
    assert ids == [actor]
