"""The shortest cooperation paths between two entities, highlighted within their surroundings
(the other agreements, partnerships, events and partners of the actors on the paths)."""

from collections.abc import Sequence
from typing import Any

from neo4j import AsyncSession

from clustergraph.errors import InvalidRequestError, NotFoundError
from queries.common import read
from queries.kpaths import Route, shortest_routes
from queries.links import parse_via
from queries.maps.actor import ring
from queries.maps.build import MapBuilder, proj, rel
from viz.models import NetworkMap

MAX_HOPS = 6
MAX_PATHS = 10
MAX_PATH_NODES = 150  # path plus surroundings
PLANS = ("agreement", "event")  # the types of node that can be a plan (status `planned`)

ENTITY_QUERY = (
    """
CALL () {
  MATCH (n:Actor {id: $id}) RETURN n
  UNION MATCH (n:Partnership {id: $id}) RETURN n
  UNION MATCH (n:Agreement {id: $id}) RETURN n
  UNION MATCH (n:Event {id: $id}) RETURN n
}
RETURN elementId(n) AS key, """
    + proj("n")
    + " AS n LIMIT 1"
)

# The nodes and relationships of the routes found (queries.kpaths), by element id.
PROJECTION_QUERY = (
    """
CALL () {
  UNWIND $nodes AS key
  MATCH (n) WHERE elementId(n) = key
  RETURN collect([key, """
    + proj("n")
    + """]) AS nodes
}
CALL () {
  UNWIND $rels AS key
  MATCH ()-[r]->() WHERE elementId(r) = key
  RETURN collect("""
    + rel("r", start="elementId(startNode(r))", end="elementId(endNode(r))")
    + """) AS links
}
RETURN nodes, links
"""
)


async def _paths(session: AsyncSession, routes: list[Route]) -> list[dict[str, Any]]:
    """Each route through its strongest evidence: its nodes ([key, node] in order) and links."""
    node_keys, rel_keys, paths = set(), set(), []
    for route in routes:
        keys, rels = [route.principal[0]], []
        for hop in route.hops:
            chosen = hop.options[0]
            keys += [chosen.key, hop.b] if len(chosen.rels) == 2 else [hop.b]
            rels += chosen.rels
        node_keys.update(keys)
        rel_keys.update(rels)
        paths.append({"nodes": keys, "links": rels})
    rows = await read(session, PROJECTION_QUERY, nodes=sorted(node_keys), rels=sorted(rel_keys))
    node = dict(rows[0]["nodes"])
    link = {r["rid"]: r for r in rows[0]["links"]}
    return [
        {"nodes": [[k, node[k]] for k in p["nodes"]], "links": [link[k] for k in p["links"]]}
        for p in paths
    ]


async def _entity(session: AsyncSession, id_: str) -> dict[str, Any]:
    rows = await read(session, ENTITY_QUERY, id=id_)
    if not rows:
        raise NotFoundError("actor, partnership, agreement or event", id_)
    return {"key": rows[0]["key"], **rows[0]["n"]}


async def path_map(
    session: AsyncSession,
    source: str,
    target: str,
    *,
    max_hops: int = 4,
    via: str | Sequence[str] | None = None,
    k: int = 3,
    surroundings: bool = True,
    include_planned: bool = True,
) -> NetworkMap:
    """The k shortest cooperation paths between two entities, highlighted on one map; without
    `include_planned`, no path goes through a plan (a planned event or agreement)."""
    if not (1 <= max_hops <= MAX_HOPS and 1 <= k <= MAX_PATHS):
        raise InvalidRequestError(f"max_hops must be 1..{MAX_HOPS} and k 1..{MAX_PATHS}.")
    kinds = parse_via(via)
    s, t = await _entity(session, source), await _entity(session, target)
    if s["key"] == t["key"]:
        raise InvalidRequestError("source and target are the same entity; name two.")
    routes = await shortest_routes(
        session, s["key"], t["key"], kinds, 2 * max_hops, k, include_planned=include_planned
    )
    rows = await _paths(session, routes) if routes else []
    out = MapBuilder()
    out.node(s, focus=True, highlight=bool(rows))
    out.node(t, focus=True, highlight=bool(rows))
    sentences, actors = [], []
    for i, row in enumerate(rows, 1):
        by_key = dict(row["nodes"])
        for link in row["links"]:
            out.link(by_key[link["start"]], by_key[link["end"]], link, highlight=True)
        actors += [n["id"] for _, n in row["nodes"] if n["type"] == "actor"]
        names = (
            ("planned: " if n.get("status") == "planned" and n["type"] in PLANS else "")
            + (n["name"] or n["id"])
            for _, n in row["nodes"]
        )
        sentences.append(f"Path {i}: " + " → ".join(names) + ".")
    actors += [e["id"] for e in (s, t) if e["type"] == "actor"]
    omitted = 0
    if surroundings:
        frontier = list(dict.fromkeys(actors))
        _, omitted = await ring(
            session, out, frontier, kinds=kinds, done=[], seen=set(frontier), cap=MAX_PATH_NODES
        )
    head = (
        f"{len(rows)} shortest path(s) within {max_hops} hop(s) through {', '.join(kinds)} links"
        if rows
        else f"No path within {max_hops} hop(s) through {', '.join(kinds)} links"
    )
    head += "" if include_planned else ", leaving plans out"
    head += ", highlighted among the other links of the actors on them." if surroundings else "."
    if omitted:
        sentences.append(f"{omitted} surrounding node(s) left out (cap {MAX_PATH_NODES}).")
    return out.build(
        f"Paths from {s['name']} to {t['name']}",
        " ".join([head, *sentences]),
        omitted=omitted,
        cap=MAX_PATH_NODES,
    )
