"""The overview grouped: countries (or partnerships) as nodes sized by their actors (members),
links weighted by the facts they share, aggregated in Cypher so that the 200,000-actor graph is
summed on the server; `expand` opens one group into its actors."""

from collections import Counter

from neo4j import AsyncSession

from queries.agreements import evidence_in_force
from queries.common import read
from queries.links import rel_pattern
from viz.models import MapEdge, MapNode, NetworkMap

SECTOR = "EXISTS { (a)-[:ACTIVE_IN]->(:Sector)-[:SUBSECTOR_OF*0..]->(:Sector {id: $sector}) }"
EVIDENCE_OF = (
    "((e:Partnership AND e.id = $partnership) OR "
    "EXISTS { (e)-[:ON_BEHALF_OF|PART_OF]->(:Partnership {id: $partnership}) })"
)
YEARS = """
WITH a, e, CASE WHEN e:Partnership THEN e.start ELSE e.date END AS since,
     CASE WHEN e:Partnership THEN coalesce(e.end, date()) ELSE coalesce(e.end_date, e.date)
     END AS until
WHERE ($year_from IS NULL OR until.year >= $year_from)
  AND ($year_to IS NULL OR since.year <= $year_to)
"""
KIND = (
    "CASE WHEN e:Agreement THEN 'agreements' WHEN e:Partnership THEN 'memberships' "
    "ELSE 'events' END"
)


def where(filters: dict, *first: str) -> str:
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
        clauses.append("NOT (e:Agreement AND e.status = 'planned')")
    if filters.get("as_of_start"):
        clauses.append(evidence_in_force("e"))
    out = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    if filters.get("year_from") or filters.get("year_to"):
        out += YEARS
    return out


# Pairs of countries sharing a fact, by kind of fact ...
PAIRS_QUERY = """
MATCH (a:Actor)-[:{rels}]->(e)
{where}
WITH e, {kind} AS kind, collect(DISTINCT a.country) AS cs WHERE size(cs) > 1
UNWIND cs AS x UNWIND cs AS y
WITH kind, x, y WHERE x < y AND ($country IS NULL OR $country IN [x, y])
RETURN x, y, kind, count(*) AS n
"""
# ... and partnership members' countries -> the countries the partnership targets.
TARGETS_QUERY = """
MATCH (p:Partnership)-[:TARGETS_COUNTRY]->(c:Country)
{partnership}
MATCH (a:Actor)-[:MEMBER_OF]->(p)
WHERE a.country IS NOT NULL AND a.country <> c.code {sector}
WITH DISTINCT p, a.country AS x, c.code AS y
WHERE $country IS NULL OR $country IN [x, y]
RETURN x, y, 'targets' AS kind, count(*) AS n
"""
COUNTRY_NODES_QUERY = """
MATCH (c:Country) WHERE c.code IN $codes
RETURN c.code AS code, c.name AS name, c.eu_member AS eu,
       COUNT { (a:Actor)-[:LOCATED_IN]->(c) {sector} } AS actors
ORDER BY code
"""
# One country opened: its actors, linked to the other countries (and to each other).
EXPAND_QUERY = """
MATCH (a:Actor {country: $expand})-[:{rels}]->(e)
{where}
MATCH (b:Actor)-[:{rels}]->(e) WHERE b <> a AND b.country IS NOT NULL
WITH a, {kind} AS kind, CASE WHEN b.country = $expand THEN 'actor:' + b.id
                   ELSE 'country:' + b.country END AS other, count(DISTINCT e) AS n
RETURN a.id AS id, a.name AS name, kind, other, n
ORDER BY id, other, kind
"""

PARTNERSHIP_LINKS_QUERY = """
MATCH (a:Actor)-[:MEMBER_OF]->(p:Partnership)
WHERE ($sector IS NULL OR EXISTS {
        (a)-[:ACTIVE_IN]->(:Sector)-[:SUBSECTOR_OF*0..]->(:Sector {id: $sector}) })
  AND ($country IS NULL OR a.country = $country)
WITH a, collect(DISTINCT p.id) AS ps
UNWIND ps AS x
WITH x, ps
CALL (x, ps) { UNWIND ps AS y WITH y WHERE x < y RETURN collect(y) AS ys }
UNWIND ([null] + ys) AS y
RETURN x, y, count(*) AS n
"""
PARTNERSHIP_NODES_QUERY = """
MATCH (p:Partnership) WHERE p.id IN $ids
RETURN p.id AS id, p.name AS name ORDER BY id
"""


def _size(actors: int) -> float:
    return round(12 + 5 * actors**0.5, 1)


async def country_groups(session: AsyncSession, *, kinds, expand: str | None, **filters):
    """Countries sized by their actors; links: shared agreements, partnerships, events, and
    partnership members' countries -> target countries. `expand`: one country as its actors."""
    rels = rel_pattern(kinds)

    def fill(query: str, **parts: str) -> str:
        for name, text in {"rels": rels, "kind": KIND, **parts}.items():
            query = query.replace("{" + name + "}", text)
        return query

    pairs_query = fill(PAIRS_QUERY, where=where(filters, "a.country IS NOT NULL"))
    rows = await read(session, pairs_query, **filters)
    if "membership" in kinds:
        targets_query = fill(
            TARGETS_QUERY,
            partnership="WHERE p.id = $partnership" if filters.get("partnership") else "",
            sector=f"AND {SECTOR}" if filters.get("sector") else "",
        )
        rows += await read(session, targets_query, **filters)
    pairs = [(r["x"], r["y"], r["kind"], r["n"]) for r in rows]
    codes = sorted({c for x, y, *_ in pairs for c in (x, y)} | {filters["country"]} - {None})
    nodes_query = fill(COUNTRY_NODES_QUERY, sector=f"WHERE {SECTOR}" if filters["sector"] else "")
    nodes_rows = await read(session, nodes_query, codes=codes, sector=filters["sector"])
    nodes, edges = {}, []
    for r in nodes_rows:
        nodes[r["code"]] = MapNode(
            id=f"country:{r['code']}", label=r["name"] or r["code"], type="country",
            country=r["code"], eu=r["eu"], links=r["actors"], group=r["code"],
            size=_size(r["actors"]), title=f"{r['actors']} actors · click to open",
        )  # fmt: skip
    for x, y, kind, n in sorted(pairs):
        if x in nodes and y in nodes and x != expand and y != expand:
            edges.append(_link(nodes[x].id, nodes[y].id, kind, n))
    if expand and expand in nodes:
        opened = nodes.pop(expand)
        rows = await read(
            session, fill(EXPAND_QUERY, where=where(filters)), expand=expand, **filters
        )
        for r in rows:
            actor = f"actor:{r['id']}"
            nodes.setdefault(actor, MapNode(
                id=actor, label=r["name"] or r["id"], type="actor", country=expand,
                eu=opened.eu, focus=False,
            ))  # fmt: skip
        for r in rows:
            other = r["other"]
            if other.startswith("country:") and other[8:] not in nodes:
                continue
            if other.startswith("actor:") and (other not in nodes or other <= f"actor:{r['id']}"):
                continue
            edges.append(_link(f"actor:{r['id']}", other, r["kind"], r["n"]))
    return list(nodes.values()), edges


async def partnership_groups(session: AsyncSession, **filters):
    """Partnerships sized by their members; links: members they share."""
    rows = await read(session, PARTNERSHIP_LINKS_QUERY, **filters)
    members: Counter[str] = Counter()
    pairs = []
    for r in rows:
        if r["y"] is None:
            members[r["x"]] += r["n"]
        else:
            pairs.append((r["x"], r["y"], r["n"]))
    ids = sorted(members)
    names = {r["id"]: r["name"] for r in await read(session, PARTNERSHIP_NODES_QUERY, ids=ids)}
    nodes = [_partnership(p, names.get(p) or p, members[p]) for p in ids]
    edges = [
        _link(f"partnership:{x}", f"partnership:{y}", "members", n) for x, y, n in sorted(pairs)
    ]
    return nodes, edges


def _partnership(p: str, name: str, members: int) -> MapNode:
    return MapNode(
        id=f"partnership:{p}", label=name, type="partnership", links=members,
        size=_size(members), title=f"{members} members",
    )  # fmt: skip


READABLE = {
    "agreements": "agreement(s) between their actors",
    "memberships": "partnership(s) with members in both",
    "events": "event(s) with actors from both",
    "targets": "partnership(s) with members in one targeting the other",
    "members": "shared member(s)",
}


def _link(a: str, b: str, kind: str, n: int) -> MapEdge:
    return MapEdge(
        source=a, target=b, relation=kind, id=f"{kind}:{a}->{b}", weight=n,
        title=f"{n} {READABLE.get(kind, kind)}",
    )  # fmt: skip


def grouped_map(title: str, description: str, nodes, edges) -> NetworkMap:
    return NetworkMap(title=title, nodes=nodes, edges=edges, description=description)
