"""A country's map: the actors located there with their cooperation (agreements, partnerships,
events and the partners on the other side), the partnerships targeting it, its events."""

from neo4j import AsyncSession

from clustergraph.errors import NotFoundError
from graph.schema.model import DEFAULT_LINKS
from queries.agreements import as_of_params
from queries.common import read
from queries.maps.acting import add_acting_partnerships
from queries.maps.actor import in_force_words, ring
from queries.maps.build import MapBuilder, proj, rel
from queries.maps.support import add_support
from viz.models import NetworkMap

MAX_COUNTRY_NODES = 500

COUNTRY_QUERY = f"""
MATCH (c:Country {{code: $code}})
RETURN {proj("c")} AS c,
  [(a:Actor)-[r:LOCATED_IN]->(c) | {rel("r", actor=proj("a"))}] AS actors,
  [(p:Partnership)-[r:TARGETS_COUNTRY]->(c) | {rel("r", partnership=proj("p"))}] AS targeting,
  [(e:Event)-[r:LOCATED_IN]->(c) | {rel("r", event=proj("e"))}] AS events
"""


async def country_map(session: AsyncSession, code: str, *, as_of: str | None = None) -> NetworkMap:
    """Cooperation with one country (ISO 3166-1 alpha-2 code, any case); with `as_of`
    (YYYY[-MM[-DD]]) only the agreements in force then."""
    code = code.upper()
    as_of_params(as_of)  # a bad date is an error before anything is read
    rows = await read(session, COUNTRY_QUERY, code=code)
    if not rows:
        raise NotFoundError("country", code)
    row, out = rows[0], MapBuilder()
    c = row["c"]
    out.node(c, focus=True)
    for t in row["targeting"]:
        out.link(t["partnership"], c, t)
    for e in row["events"]:
        out.link(e["event"], c, e)
    for a in row["actors"]:
        out.link(a["actor"], c, a)
    local = [a["actor"]["id"] for a in row["actors"]]
    omitted = 0
    if local:
        _, omitted = await ring(
            session,
            out,
            local,
            kinds=DEFAULT_LINKS,
            done=[],
            seen=set(local),
            cap=MAX_COUNTRY_NODES,
            as_of=as_of,
        )
    await add_acting_partnerships(session, out, as_of=as_of)
    supported = await add_support(session, out)
    where = "an EU member state" if c.get("eu") else "a third country"
    description = (
        f"{c['name']} ({code}, {where}): {len(row['actors'])} actors located there, "
        f"{len(row['targeting'])} partnerships targeting it, {len(row['events'])} events held "
        f"there, with the agreements{in_force_words(as_of)}, partnerships and events of its "
        f"actors and their partners; "
        f"{out.counts()} on the map."
        + (f" {supported} funding or support link(s)." if supported else "")
        + (f" {omitted} node(s) left out (cap {MAX_COUNTRY_NODES})." if omitted else "")
    )
    return out.build(
        f"{c['name']}: cooperation map", description, omitted=omitted, cap=MAX_COUNTRY_NODES
    )
