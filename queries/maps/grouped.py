"""The overview grouped: countries (or partnerships) as nodes sized by their actors (members),
links weighted by the facts they share, aggregated in Cypher (queries/maps/pairs.py: from the
facts' stored country lists) so that the 200,000-actor graph is summed on the server; `expand`
opens one group into its actors."""

from collections import Counter

from neo4j import AsyncSession

from queries.common import read
from queries.links import rel_pattern
from queries.maps.pairs import (
    KIND,
    SECTOR,
    country_pairs,
    read_summary,
    summary_actors,
    where,
)
from viz.models import MapEdge, MapNode, NetworkMap

COUNTRY_NODES_QUERY = """
MATCH (c:Country) WHERE c.code IN $codes
RETURN c.code AS code, c.name AS name, c.eu_member AS eu,
       CASE WHEN $counted THEN null ELSE COUNT { (a:Actor)-[:LOCATED_IN]->(c) {sector} } END
         AS actors
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

    # Without a sector, the load's summary (when no write removed it) counts each country's
    # actors too: the country nodes then need no actor read.
    summary = None if filters["sector"] else await read_summary(session)
    pairs = await country_pairs(session, kinds, summary=summary, **filters)
    counted = summary_actors(summary) if summary is not None else None
    codes = sorted({c for x, y, *_ in pairs for c in (x, y)} | {filters["country"]} - {None})
    nodes_query = fill(COUNTRY_NODES_QUERY, sector=f"WHERE {SECTOR}" if filters["sector"] else "")
    nodes_rows = await read(
        session, nodes_query, codes=codes, sector=filters["sector"], counted=counted is not None
    )
    nodes, edges = {}, []
    for r in nodes_rows:
        actors = counted.get(r["code"], 0) if counted is not None else r["actors"]
        nodes[r["code"]] = MapNode(
            id=f"country:{r['code']}", label=r["name"] or r["code"], type="country",
            country=r["code"], eu=r["eu"], links=actors, group=r["code"],
            size=_size(actors), title=f"{actors} actors · click to open",
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
