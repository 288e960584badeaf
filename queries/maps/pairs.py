"""Pairs of countries sharing a fact (an agreement, a partnership, an event), counted by kind of
fact, for the overview grouped by country (queries/maps/grouped.py).

Three ways to the same counts (graph/schema/derived.py keeps the stored data true):
- `summary`: without sector, partnership, years or the planned toggle, the country-pair summary
  a load builds (one property read, whatever the size of the graph), when no write removed it;
- `lists`: otherwise without a sector, each fact's stored `actor_countries` (the sorted countries
  of its actors): one property per fact, no actor expanded;
- `live`: with a sector the actors themselves are filtered: counted from the actors.
`tests/test_maps_by_country.py` checks that all three give the same answer.
"""

from neo4j import AsyncSession

from graph.schema.derived import ACTOR_COUNTRIES, EVIDENCE_LABELS, SUMMARY_QUERY
from queries.agreements import evidence_in_force
from queries.common import read
from queries.links import rel_pattern

SECTOR = "EXISTS { (a)-[:ACTIVE_IN]->(:Sector)-[:SUBSECTOR_OF*0..]->(:Sector {id: $sector}) }"
EVIDENCE_OF = (
    "((e:Partnership AND e.id = $partnership) OR "
    "EXISTS { (e)-[:ON_BEHALF_OF|PART_OF]->(:Partnership {id: $partnership}) })"
)
YEARS = """
WITH {carry}, CASE WHEN e:Partnership THEN e.start ELSE e.date END AS since,
     CASE WHEN e:Partnership THEN coalesce(e.end, date()) ELSE coalesce(e.end_date, e.date)
     END AS until
WHERE ($year_from IS NULL OR until.year >= $year_from)
  AND ($year_to IS NULL OR since.year <= $year_to)
"""
KIND = (
    "CASE WHEN e:Agreement THEN 'agreements' WHEN e:Partnership THEN 'memberships' "
    "ELSE 'events' END"
)

# From the actors: every cooperation relationship read, each fact's countries collected.
LIVE_PAIRS_QUERY = """
MATCH (a:Actor)-[:{rels}]->(e)
{where}
WITH e, {kind} AS kind, collect(DISTINCT a.country) AS cs WHERE size(cs) > 1
UNWIND cs AS x UNWIND cs AS y
WITH kind, x, y WHERE x < y AND ($country IS NULL OR $country IN [x, y])
RETURN x, y, kind, count(*) AS n
"""
# From the facts' stored lists (sorted, distinct): the pairs i < j of each list.
STORED_PAIRS_QUERY = f"""
MATCH (e:{{labels}})
{{where}}
WITH {{kind}} AS kind, e.{ACTOR_COUNTRIES} AS cs
UNWIND range(0, size(cs) - 2) AS i
UNWIND range(i + 1, size(cs) - 1) AS j
WITH kind, cs[i] AS x, cs[j] AS y
WHERE $country IS NULL OR $country IN [x, y]
RETURN x, y, kind, count(*) AS n
"""

# Partnership members' countries -> the countries the partnership targets.
LIVE_TARGETS_QUERY = """
MATCH (p:Partnership)-[:TARGETS_COUNTRY]->(c:Country)
{partnership}
MATCH (a:Actor)-[:MEMBER_OF]->(p)
WHERE a.country IS NOT NULL AND a.country <> c.code {sector}
WITH DISTINCT p, a.country AS x, c.code AS y
WHERE $country IS NULL OR $country IN [x, y]
RETURN x, y, 'targets' AS kind, count(*) AS n
"""
STORED_TARGETS_QUERY = f"""
MATCH (p:Partnership)-[:TARGETS_COUNTRY]->(c:Country)
{{partnership}}
UNWIND coalesce(p.{ACTOR_COUNTRIES}, []) AS x
WITH DISTINCT p, x, c.code AS y
WHERE x <> y AND ($country IS NULL OR $country IN [x, y])
RETURN x, y, 'targets' AS kind, count(*) AS n
"""


def where(filters: dict, *first: str, carry: str = "a, e") -> str:
    """The overview's filters (queries.maps.overview) on actor `a` and evidence `e`, only those
    given: the planner then never evaluates a sector or partnership test that is not asked."""
    clauses = list(first)
    if filters.get("sector"):
        clauses.append(SECTOR)
    if filters.get("partnership"):
        clauses.append(EVIDENCE_OF)
    if not filters.get("events", True):
        clauses.append("NOT e:Event")
    if not filters.get("planned", True):
        clauses.append("NOT ((e:Agreement OR e:Event) AND e.status = 'planned')")
    if filters.get("as_of_start"):
        clauses.append(evidence_in_force("e"))
    out = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    if filters.get("year_from") or filters.get("year_to"):
        out += YEARS.replace("{carry}", carry)
    return out


def _fill(query: str, **parts: str) -> str:
    for name, text in parts.items():
        query = query.replace("{" + name + "}", text)
    return query


def _summary_serves(filters: dict) -> bool:
    return not any(
        filters.get(k) for k in ("sector", "partnership", "year_from", "year_to", "as_of_start")
    ) and (filters.get("planned", True))


async def read_summary(session: AsyncSession) -> list[str] | None:
    """The country-pair summary's rows ("x|y|kind|n"), or None when a write removed it."""
    rows = await read(session, SUMMARY_QUERY)
    return None if not rows or rows[0]["pairs"] is None else list(rows[0]["pairs"])


def summary_actors(summary: list[str]) -> dict[str, int]:
    """Each country's actors, from the summary."""
    return {x: int(n) for x, _, kind, n in (row.split("|") for row in summary) if kind == "actors"}


async def _from_summary(session: AsyncSession, kinds, filters: dict, summary=None):
    """The summary's pairs of the kinds asked, or None when a write removed it."""
    summary = summary if summary is not None else await read_summary(session)
    if summary is None:
        return None
    wanted = {"agreements": "agreement" in kinds, "memberships": "membership" in kinds,
              "events": "event" in kinds and filters.get("events", True),
              "targets": "membership" in kinds}  # fmt: skip
    country = filters.get("country")
    out = []
    for row in summary:
        x, y, kind, n = row.split("|")
        if wanted.get(kind) and (country is None or country in (x, y)):
            out.append((x, y, kind, int(n)))
    return out


async def country_pairs(
    session: AsyncSession, kinds, *, how: str = "auto", summary=None, **filters
) -> list[tuple[str, str, str, int]]:
    """(x, y, kind, n) with x < y for shared facts, then (member country, target, 'targets', n)
    when memberships are asked. `how`: summary, lists or live (default: the fastest that
    serves the filters); `summary`: the summary already read (`read_summary`)."""
    if how in ("auto", "summary") and _summary_serves(filters):
        found = await _from_summary(session, kinds, filters, summary)
        if found is not None or how == "summary":
            return found or []
    live = how == "live" or bool(filters.get("sector"))
    rows = []
    if live:
        query = _fill(LIVE_PAIRS_QUERY, rels=rel_pattern(kinds), kind=KIND)
        query = _fill(query, where=where(filters, "a.country IS NOT NULL"))
        rows += await read(session, query, **filters)
    else:
        labels = [EVIDENCE_LABELS[k].value for k in kinds if k in EVIDENCE_LABELS]
        first = [f"size(e.{ACTOR_COUNTRIES}) > 1"]
        if filters.get("country"):
            first.append(f"$country IN e.{ACTOR_COUNTRIES}")
        if labels:
            query = _fill(STORED_PAIRS_QUERY, labels="|".join(labels), kind=KIND)
            query = _fill(query, where=where(filters, *first, carry="e"))
            rows += await read(session, query, **filters)
    if "membership" in kinds:
        partnership = "WHERE p.id = $partnership" if filters.get("partnership") else ""
        if live:
            sector = f"AND {SECTOR}" if filters.get("sector") else ""
            query = _fill(LIVE_TARGETS_QUERY, partnership=partnership, sector=sector)
        else:
            query = _fill(STORED_TARGETS_QUERY, partnership=partnership)
        rows += await read(session, query, **filters)
    return [(r["x"], r["y"], r["kind"], r["n"]) for r in rows]
