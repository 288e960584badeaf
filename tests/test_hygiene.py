"""What Neo4j Browser shows (issue 13, "Neo4j Browser hygiene"): documents have a readable name,
countries an id, no property is an empty list, and the loader's internal helper properties
(`name_key`, `alias_text`) never reach an API answer, a page or a map."""

import json

import pytest

from graph.backup import restore_files
from graph.schema import SCHEMA_VERSION, apply_schema
from tests.conftest import count

# Properties the loader keeps for itself (docs/schema.md, "Internal helper properties").
INTERNAL = ("name_key", "alias_text")

EMPTY_NODE_LISTS = "MATCH (n) UNWIND keys(n) AS k WITH n, k WHERE n[k] = [] RETURN count(*)"
EMPTY_REL_LISTS = "MATCH ()-[r]->() UNWIND keys(r) AS k WITH r, k WHERE r[k] = [] RETURN count(*)"


def test_the_bundled_graph_stores_no_empty_list(bundled_graph, settings):
    assert count(bundled_graph, settings, EMPTY_NODE_LISTS) == 0
    assert count(bundled_graph, settings, EMPTY_REL_LISTS) == 0
    # ... nor an empty alias text (actors without aliases have none).
    assert count(bundled_graph, settings, "MATCH (n) WHERE n.alias_text = '' RETURN count(n)") == 0
    q = (
        "MATCH (a:Actor {id: 'ocean-supercluster'}) RETURN "
        "a.aliases IS NULL AND a.alias_text IS NULL"
    )
    assert count(bundled_graph, settings, q) is True
    # Aliases are still found by the full-text index.
    q = "MATCH (a:Actor {id: 'aero-montreal'}) RETURN a.alias_text"
    assert "Aero Montreal" in count(bundled_graph, settings, q)


def test_documents_have_a_name_and_countries_an_id(bundled_graph, settings):
    q = "MATCH (d:Document) WHERE d.name IS NULL OR d.name <> d.title RETURN count(d)"
    assert count(bundled_graph, settings, q) == 0
    q = "MATCH (d:Document {id: 'eccp-canada-2019'}) RETURN d.name"
    assert count(bundled_graph, settings, q).startswith("D3.5 Discussion paper")
    q = "MATCH (c:Country) WHERE c.id IS NULL OR c.id <> c.code RETURN count(c)"
    assert count(bundled_graph, settings, q) == 0
    assert count(bundled_graph, settings, "MATCH (c:Country {id: 'CA'}) RETURN c.name") == "Canada"


# One route of each family, on records that carry aliases (and so `alias_text`).
ROUTES = [
    "/actors/aero-montreal",
    "/actors?q=aero",
    "/actors/aero-montreal/neighbours",
    "/partnerships/elca",
    "/partnerships",
    "/agreements/mou-aero-montreal-skywin",
    "/agreements",
    "/countries/CA",
    "/countries",
    "/documents/eccp-canada-2019",
    "/search?q=aero",
    "/timeline",
    "/stats",
    "/recommendations/aero-montreal",
    "/paths?source=skywin&target=aero-montreal",
    "/maps/actor/aero-montreal?format=json",
    "/maps/partnership/elca?format=json",
    "/maps/country/CA?format=json",
    "/maps/overview?format=json",
    "/maps/actor/aero-montreal",
    "/explore/actors/aero-montreal",
    "/explore/partnerships/elca",
    "/explore/countries/CA",
    "/explore/events/elca-mission-michigan",
    "/explore/search?q=aero",
    "/openapi.json",
]


@pytest.mark.parametrize("url", ROUTES)
def test_no_answer_names_an_internal_property(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text
    for name in INTERNAL:
        assert name not in response.text, f"{url} shows {name}"


V1_GRAPH = """
MERGE (s:SchemaInfo {id: 'clustergraph'}) SET s.version = 1
CREATE (:Document {id: 'doc', title: 'A report'}),
       (c:Country {code: 'CA', name: 'Canada', aliases: [], alias_text: ''}),
       (a:Actor {id: 'x', name: 'X', aliases: [], alias_text: '', sources: ['doc|l']}),
       (a)-[:LOCATED_IN]->(c),
       (a)-[:MEMBER_OF {notes: [], sources: ['doc|l']}]->(:Partnership {id: 'p', name: 'P'})
"""
UPGRADED = """
MATCH (d:Document {id: 'doc'}), (c:Country {code: 'CA'}), (a:Actor {id: 'x'})
RETURN d.name = 'A report' AND c.id = 'CA' AND c.aliases IS NULL AND c.alias_text IS NULL
   AND a.aliases IS NULL AND a.alias_text IS NULL AND a.sources = ['doc|l']
"""


def test_a_version_1_graph_is_cleaned_by_the_upgrade_idempotently(clean_db, settings):
    clean_db.execute_query(V1_GRAPH, database_=settings.neo4j_database)
    for _ in range(2):
        with clean_db.session(database=settings.neo4j_database) as session:
            assert apply_schema(session) == SCHEMA_VERSION
        assert count(clean_db, settings, UPGRADED) is True
        assert count(clean_db, settings, EMPTY_NODE_LISTS) == 0
        assert count(clean_db, settings, EMPTY_REL_LISTS) == 0


# What the previous release (schema version 2, before the hygiene) left: empty lists, a leading
# " | " in alias texts, documents without a name, and no stored `actor_countries`.
V2_GRAPH = """
MERGE (s:SchemaInfo {id: 'clustergraph'}) SET s.version = 2
CREATE (:Document {id: 'doc', title: 'A report'}),
       (ca:Country {code: 'CA', name: 'Canada'}), (fr:Country {code: 'FR', name: 'France'}),
       (a:Actor {id: 'x', name: 'X', country: 'CA', aliases: ['Ex'], alias_text: ' | Ex'}),
       (b:Actor {id: 'y', name: 'Y', country: 'FR', notes: []}),
       (a)-[:LOCATED_IN]->(ca), (b)-[:LOCATED_IN]->(fr),
       (a)-[:PARTY_TO {notes: []}]->(g:Agreement {id: 'g', name: 'G'})<-[:PARTY_TO]-(b)
"""
UPGRADED_FROM_2 = """
MATCH (d:Document {id: 'doc'}), (a:Actor {id: 'x'}), (g:Agreement {id: 'g'})
RETURN d.name = 'A report' AND a.alias_text = 'Ex' AND g.actor_countries = ['CA', 'FR']
"""


def test_a_version_2_graph_gets_the_hygiene_and_the_country_lists(clean_db, settings):
    clean_db.execute_query(V2_GRAPH, database_=settings.neo4j_database)
    for _ in range(2):
        with clean_db.session(database=settings.neo4j_database) as session:
            assert apply_schema(session) == SCHEMA_VERSION == 3
        assert count(clean_db, settings, UPGRADED_FROM_2) is True
        assert count(clean_db, settings, EMPTY_NODE_LISTS) == 0
        assert count(clean_db, settings, EMPTY_REL_LISTS) == 0


def test_a_version_1_backup_with_empty_lists_restores_clean(clean_db, settings, tmp_path):
    lines = [
        {
            "format": "clustergraph/export-v1",
            "exported_at": "2026-12-01T00:00:00+00:00",
            "nodes": 3,
            "relationships": 1,
        },
        {"node": "Document", "key": "doc", "properties": {"id": "doc", "title": "A report"}},
        {
            "node": "Country",
            "key": "CA",
            "properties": {"code": "CA", "name": "Canada", "aliases": [], "alias_text": ""},
        },
        {
            "node": "Actor",
            "key": "x",
            "properties": {"id": "x", "name": "X", "aliases": [], "sources": ["doc|l"]},
        },
        {
            "rel": "LOCATED_IN",
            "from": {"label": "Actor", "key": "id", "value": "x"},
            "to": {"label": "Country", "key": "code", "value": "CA"},
            "properties": {"sources": []},
        },
    ]
    backup = tmp_path / "v1.jsonl"
    backup.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    restore_files(clean_db, settings, [backup])
    q = "MATCH (d:Document {id: 'doc'}), (c:Country {id: 'CA'}) RETURN d.name + ' / ' + c.name"
    assert count(clean_db, settings, q) == "A report / Canada"
    assert count(clean_db, settings, EMPTY_NODE_LISTS) == 0
    assert count(clean_db, settings, EMPTY_REL_LISTS) == 0
