"""EXPLAIN the main read queries: how each finds its starting nodes (index seek or scan), and
which path algorithm the paths query uses. Recorded in the results as "plans.<query>"."""

from neo4j import Driver

from graph.schema.apply import FULLTEXT_INDEX
from graph.schema.model import LABEL_TYPES
from queries.actors import ACTOR_QUERY
from queries.countries import COUNTRY_QUERY
from queries.kpaths import _routes_query
from queries.neighbours import HOPS_QUERY
from queries.recommendations import CANDIDATES_QUERY
from queries.search import SEARCH_QUERY

_KEY = ("Seek", "Scan", "ShortestPath", "Expand")
_LINKS = "PARTY_TO|MEMBER_OF|ORGANISED|PARTICIPATED_IN"
PLANS = {
    "profile": (ACTOR_QUERY, {"id": "x"}),
    "paths": (_routes_query(_LINKS, 8), {"target": "x", "searches": [], "cap": 100,
                                         "planned": True, "placeholders": False}),
    "neighbours": (HOPS_QUERY, {"frontier": ["x"], "room": 200, "skip": 0, "limit": 64,
                                "labels": list(LABEL_TYPES), "placeholders": False}),
    "country": (COUNTRY_QUERY, {"code": "FR"}),
    "recommendations": (CANDIDATES_QUERY, {"id": "x", "countries": [], "sectors": [],
                                           "partners": [], "placeholders": False}),
    "search": (SEARCH_QUERY, {"index": FULLTEXT_INDEX, "lucene": "x", "labels": [], "label": None,
                              "country": None, "cap": 1, "options": {}}),
}  # fmt: skip


def _operators(plan: dict, out: list[str]) -> list[str]:
    name = plan["operatorType"].split("@")[0]
    if any(k in name for k in _KEY):
        out.append(f"{name} {plan['args'].get('Details', '')}"[:120])
    for child in plan.get("children", []):
        _operators(child, out)
    return out


def explain(driver: Driver, database: str) -> dict[str, list[str]]:
    out = {}
    with driver.session(database=database) as session:
        for name, (query, params) in PLANS.items():
            summary = session.run("EXPLAIN " + query, **params).consume()
            out[f"plans.{name}"] = list(dict.fromkeys(_operators(summary.plan, [])))
    return out
