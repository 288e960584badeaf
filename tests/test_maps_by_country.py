"""Cooperation counted between countries from the facts' stored `actor_countries` (what the
overview by country and the geographic map read) equals the count from the actors themselves,
on the bundled data and after the API's writes; the lists themselves equal their actors'."""

import asyncio

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from clustergraph.db import create_async_driver, open_session
from clustergraph.settings import get_settings
from graph.loaders.pipeline import load
from graph.schema.derived import SUMMARY_BUILD_QUERY
from graph.snapshot import describe_difference, dump
from queries.links import parse_via
from queries.maps.pairs import country_pairs
from tests import conftest

# Independent of graph/schema/derived.py: facts whose stored list is not their actors'.
WRONG_LISTS = """
MATCH (e) WHERE e:Agreement OR e:Partnership OR e:Event
WITH e, COLLECT {
  MATCH (a:Actor)-[:PARTY_TO|MEMBER_OF|ORGANISED|PARTICIPATED_IN]->(e)
  WHERE a.country IS NOT NULL RETURN DISTINCT a.country AS c ORDER BY c
} AS expected
WITH e, CASE WHEN expected = [] THEN null ELSE expected END AS expected
WHERE e.actor_countries IS NULL <> (expected IS NULL) OR e.actor_countries <> expected
RETURN collect(coalesce(e.id, '') + ': ' + toString(e.actor_countries)) AS wrong
"""

FILTERS = [
    {},
    {"country": "FR"},
    {"country": "CA"},
    {"partnership": "space2id"},
    {"year_from": 2018, "year_to": 2020},
    {"year_from": 2022},
    {"events": False},
    {"planned": False},
    {"via": "agreement"},
    {"via": "membership,event"},
    {"via": "agreement,targeting"},
    {"country": "FR", "events": False, "planned": False, "year_to": 2021},
]


def _wrong_lists(driver, settings) -> list[str]:
    records, _, _ = driver.execute_query(WRONG_LISTS, database_=settings.neo4j_database)
    return records[0]["wrong"]


def _both(settings, how="lists", **given) -> tuple[list, list]:
    """The pairs counted from the stored data (`how`: lists or summary) and from the actors."""
    filters = {"sector": None, "country": None, "partnership": None, "year_from": None,
               "year_to": None, "events": True, "planned": True}  # fmt: skip
    kinds = parse_via(given.pop("via", None))
    filters |= given

    async def run():
        driver = await create_async_driver(settings)
        try:
            async with open_session(driver, settings) as session:
                stored = await country_pairs(session, kinds, how=how, **filters)
                live = await country_pairs(session, kinds, how="live", **filters)
                return sorted(stored), sorted(live)
        finally:
            await driver.close()

    return asyncio.run(run())


def test_stored_lists_are_the_actors_countries(bundled_graph, settings):
    assert _wrong_lists(bundled_graph, settings) == []
    records, _, _ = bundled_graph.execute_query(
        "MATCH (g:Agreement {id: 'mou-aero-montreal-aerospace-valley'}) RETURN g.actor_countries",
        database_=settings.neo4j_database,
    )
    assert records[0][0] == ["CA", "FR"]


SUMMARY = "MATCH (s:SchemaInfo {id: 'country-pairs'}) RETURN s.pairs"


def _summary(driver, settings):
    records, _, _ = driver.execute_query(SUMMARY, database_=settings.neo4j_database)
    return records[0][0] if records else None


@pytest.mark.parametrize("given", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()))
def test_stored_counts_equal_live_counts(bundled_graph, settings, given):
    stored, live = _both(settings, **dict(given))
    assert stored == live
    served = not {"partnership", "year_from", "year_to"} & given.keys() and given.get(
        "planned", True
    )
    if served:  # the summary answers these filters alone
        if _summary(bundled_graph, settings) is None:  # an earlier test wrote through the API
            bundled_graph.execute_query(SUMMARY_BUILD_QUERY, database_=settings.neo4j_database)
        assert _both(settings, how="summary", **dict(given)) == (stored, live)
    if not given or given.get("country") == "FR":
        assert any(x == "CA" and y == "FR" and kind == "agreements" for x, y, kind, _ in stored)


KEY = "key-for-the-country-lists"
DOC = {"id": "eccp-canada-2019", "title": "ignored: the document exists"}
ACTOR = {"id": "test-lists-cluster", "name": "Test Lists Cluster", "kind": "cluster",
         "country": "JP", "source": "line 12, a test"}  # fmt: skip
AGREEMENT = {"id": "mou-test-lists", "kind": "mou", "parties": ["test-lists-cluster", "Skywin"],
             "status": "signed", "date": "2024-03", "source": "line 13, a test"}  # fmt: skip


@pytest.fixture
def writer(monkeypatch, bundled_graph):
    """The real app with a write key; the graph must end as it began."""
    before = dump(bundled_graph, get_settings().neo4j_database)
    monkeypatch.setenv("CLUSTERGRAPH_API_KEYS", KEY)
    get_settings.cache_clear()
    with TestClient(create_app(), headers={"X-API-Key": KEY}) as client:
        yield client
    get_settings.cache_clear()
    after = dump(bundled_graph, get_settings().neo4j_database)
    if after != before:
        conftest._STATE["bundled"] = False
    assert after == before, describe_difference(before, after)


def _skywin_jp(settings) -> int:
    stored, live = _both(settings, how="auto", country="JP")
    assert stored == live
    return sum(n for x, y, kind, n in stored if {x, y} == {"BE", "JP"} and kind == "agreements")


def test_writes_keep_the_lists_and_counts_true(writer, bundled_graph, settings):
    before = _skywin_jp(settings)
    ok = writer.post("/actors", json={"document": DOC, "actor": ACTOR})
    assert ok.status_code == 201, ok.text
    ok = writer.post("/agreements", json={"document": DOC, "agreement": AGREEMENT})
    assert ok.status_code == 201, ok.text
    assert _wrong_lists(bundled_graph, settings) == []
    assert _summary(bundled_graph, settings) is None  # a write removes it; lists count
    assert _skywin_jp(settings) == before + 1  # Skywin is in Belgium
    # the actor moves (as a load of a corrected record would move it): its agreement follows
    ok = writer.post("/actors", json={"document": DOC, "actor": ACTOR | {"country": "KR"}})
    assert ok.status_code == 201, ok.text
    assert _wrong_lists(bundled_graph, settings) == []
    assert _skywin_jp(settings) == before
    stored, live = _both(settings, country="KR")
    assert stored == live and ("BE", "KR", "agreements", 1) in stored
    # the actor deleted: the agreement it leaves (with Skywin alone) loses its country
    assert writer.delete("/actors/test-lists-cluster").status_code == 200
    assert _wrong_lists(bundled_graph, settings) == []
    assert not [p for p in _both(settings, country="KR")[0] if p[2] == "agreements"]
    assert writer.delete("/agreements/mou-test-lists").status_code == 200
    # the next load (the same files again: nothing changes) builds the summary again
    load(bundled_graph, settings, quiet=True)
    assert _summary(bundled_graph, settings)
    assert _both(settings, how="summary") == _both(settings)
