"""A partnership's map: members, target countries and actors, agreements and events, and (issue
13) the agreements and events it joins as a whole, the partnerships it succeeds or cooperates
with, and who funds or supports it."""

from neo4j import AsyncSession

from clustergraph.errors import NotFoundError
from queries.agreements import IN_FORCE, as_of_params
from queries.common import read
from queries.maps.actor import in_force_words
from queries.maps.build import MapBuilder, proj, rel
from queries.maps.support import add_support

_P, _A, _C, _G, _E, _X, _O = (proj(v) for v in ("p", "a", "c", "g", "e", "x", "o"))
_PARTY = rel("q", actor=_X)
PARTNERSHIP_QUERY = f"""
MATCH (p:Partnership {{id: $id}})
RETURN {_P} AS p,
  [(a:Actor)-[r:MEMBER_OF]->(p) | {rel("r", actor=_A)}] AS members,
  [(p)-[r:TARGETS_COUNTRY]->(c:Country) | {rel("r", country=_C)}] AS countries,
  [(p)-[r:TARGETS_ACTOR]->(a:Actor) | {rel("r", actor=_A)}] AS targets,
  [(g:Agreement)-[r:ON_BEHALF_OF]->(p) WHERE {IN_FORCE.format(n="g")} | {
    rel("r", agreement=_G, parties=f"[(x:Actor)-[q:PARTY_TO]->(g) | {_PARTY}]")
}] AS agreements,
  [(e:Event)-[r:PART_OF]->(p) | {
    rel("r", event=_E, actors=f"[(x:Actor)-[q:ORGANISED|PARTICIPATED_IN]->(e) | {_PARTY}]")
}] AS events,
  [(p)-[r:PARTY_TO]->(g:Agreement) | {
    rel("r", agreement=_G, parties=f"[(x:Actor|Partnership)-[q:PARTY_TO]->(g) | {_PARTY}]")
}] AS party_to,
  [(p)-[r:ORGANISED|PARTICIPATED_IN]->(e:Event) | {rel("r", event=_E)}] AS joined,
  [(p)-[r:SUCCEEDS|COOPERATES_WITH]-(o:Partnership) | {
    rel("r", other=_O, outgoing="startNode(r) = p")
}] AS related
"""


async def partnership_map(session: AsyncSession, partnership_id: str, *, as_of: str | None = None):
    """A partnership with its members, target countries and actors, agreements (with `as_of`,
    those in force then) and events."""
    rows = await read(session, PARTNERSHIP_QUERY, id=partnership_id, **as_of_params(as_of))
    if not rows:
        raise NotFoundError("partnership", partnership_id)
    row, out = rows[0], MapBuilder()
    p = row["p"]
    out.node(p, focus=True)
    for m in row["members"]:
        out.link(m["actor"], p, m)
    for t in row["countries"]:
        out.link(p, t["country"], t)
    for t in row["targets"]:
        out.link(p, t["actor"], t)
    for g in row["agreements"]:
        out.link(g["agreement"], p, g)
        for party in g["parties"]:
            out.link(party["actor"], g["agreement"], party)
    for e in row["events"]:
        out.link(e["event"], p, e)
        for a in e["actors"]:
            out.link(a["actor"], e["event"], a)
    for g in row["party_to"]:  # the partnership signs as a whole
        out.link(p, g["agreement"], g)
        for party in g["parties"]:
            out.link(party["actor"], g["agreement"], party)
    for e in row["joined"]:
        out.link(p, e["event"], e)
    for r in row["related"]:
        ends = (p, r["other"]) if r["outgoing"] else (r["other"], p)
        out.link(*ends, r)
    supported = await add_support(session, out)
    description = (
        f"{p['name']}: {len(row['members'])} members, {len(row['countries'])} target countries, "
        f"{len(row['targets'])} target actors, {len(row['agreements'])} agreements"
        f"{in_force_words(as_of)} and "
        f"{len(row['events'])} events; {out.counts()} on the map."
        + (f" {supported} funding or support link(s)." if supported else "")
    )
    return out.build(f"{p['name']}: partnership map", description)
