"""Support links on a map (issue 13 item 9): the actors funding or supporting what a map already
shows (an agreement, a partnership, an event, an actor), linked to it with the period if known."""

from neo4j import AsyncSession

from queries.common import read
from queries.maps.build import MapBuilder, proj, rel

MAX_SUPPORT_LINKS = 200  # a map of a few hundred nodes; support is rare in the reports

SUPPORT_QUERY = f"""
MATCH (n:Actor|Partnership|Agreement|Event)-[r:FUNDED_BY|SUPPORTED_BY]->(x:Actor)
WHERE n.id IN $ids
RETURN {proj("n")} AS n, {rel("r")} AS r, {proj("x")} AS x
ORDER BY n.id, x.id
LIMIT $max_links
"""


def period(link: dict) -> str | None:
    """'2013–2015', 'from 2016', 'until 2015' or None."""
    start, end = link.get("period_from"), link.get("period_to")
    if start and end:
        return f"{start}–{end}"
    return f"from {start}" if start else (f"until {end}" if end else None)


async def add_support(session: AsyncSession, out: MapBuilder) -> int:
    """Add the funders and supporters of the records on the map; the number of links added."""
    on_map = {key for key, node in out.nodes.items() if node.type != "country"}
    ids = sorted({key.partition(":")[2] for key in on_map})
    if not ids:
        return 0
    rows = await read(session, SUPPORT_QUERY, ids=ids, max_links=MAX_SUPPORT_LINKS)
    added = 0
    for row in rows:
        if f"{row['n']['type']}:{row['n']['id']}" not in on_map:
            continue  # the same id on a record of another type
        link = {**row["r"], "role": period(row["r"])}
        out.link(row["n"], row["x"], link)
        added += 1
    return added
