"""Partnerships acting as a whole on a map (issue 13 item 2). The actor and country maps grow
ring by ring through actors only; without this, a MoU signed by a whole ESCP-4i would appear on
the map of its other party with one side missing, and a partnership on a map would not show what
it signed or organised as a whole. So: the partnerships party to the agreements (or in the
events) on the map, and the agreements and events the partnerships on the map act in, with
their other parties."""

from neo4j import AsyncSession

from queries.agreements import as_of_params, evidence_in_force
from queries.common import read
from queries.maps.build import MapBuilder, proj, rel

MAX_ACTING_LINKS = 200  # a map of a few hundred nodes; such facts are rare in the reports
ACTS = "PARTY_TO|ORGANISED|PARTICIPATED_IN"

# A partnership `p` acting in `e`: the link, and who else is party to `e` (named parties only).
_ROW = f"""
RETURN {proj("p")} AS p, {rel("r")} AS r, {proj("e")} AS e,
  [(x:Actor|Partnership)-[q:{ACTS}]->(e) WHERE x <> p
     AND (x.certainty IS NULL OR x.certainty <> 'placeholder') | {rel("q", x=proj("x"))}] AS others
ORDER BY e.id, p.id
LIMIT $max_links
"""
ACTING_QUERY = (
    f"MATCH (p:Partnership)-[r:{ACTS}]->(e:Agreement|Event) "
    "WHERE (e.id IN $evidence OR p.id IN $partnerships) AND {in_force}" + _ROW
)


async def add_acting_partnerships(
    session: AsyncSession, out: MapBuilder, *, as_of: str | None = None
) -> int:
    """Add what partnerships did as a whole (see the module); the number of links added. With
    `as_of`, only agreements in force then."""
    by_type: dict[str, set[str]] = {"agreement": set(), "event": set(), "partnership": set()}
    for node in out.nodes.values():
        if node.type in by_type:
            by_type[node.type].add(node.id.partition(":")[2])
    evidence = sorted(by_type["agreement"] | by_type["event"])
    if not evidence and not by_type["partnership"]:
        return 0
    rows = await read(
        session,
        ACTING_QUERY.replace("{in_force}", evidence_in_force("e")),
        evidence=evidence,
        partnerships=sorted(by_type["partnership"]),
        max_links=MAX_ACTING_LINKS,
        **as_of_params(as_of),
    )
    added = 0
    for row in rows:
        p, e = row["p"], row["e"]
        if e["id"] not in by_type[e["type"]] and p["id"] not in by_type["partnership"]:
            continue  # matched by an id of the other type only
        out.link(p, e, row["r"])
        for other in row["others"]:
            out.link(other["x"], e, other)
        added += 1
    return added
