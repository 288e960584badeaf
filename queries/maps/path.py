"""The shortest cooperation paths between two entities, highlighted within their surroundings
(the other agreements, partnerships, events and partners of the actors on the paths)."""

from collections.abc import Sequence
from typing import Any

from neo4j import AsyncSession

from clustergraph.errors import InvalidRequestError, NotFoundError
from queries.common import read
from queries.links import parse_via, rel_pattern
from queries.maps.actor import ring
from queries.maps.build import MapBuilder, proj, rel
from viz.models import NetworkMap

MAX_HOPS = 6
MAX_PATHS = 10
MAX_PATH_NODES = 150  # path plus surroundings

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

# The hop bounds and number of paths written into it are range-checked ints.
PATHS_QUERY = """
MATCH (s) WHERE elementId(s) = $source
MATCH (t) WHERE elementId(t) = $target
MATCH p = SHORTEST {k} (s)(()-[:{rels}]-()){{1,{max_len}}}(t)
RETURN [n IN nodes(p) | [elementId(n), {n}]] AS nodes,
       [r IN relationships(p) | {r}] AS links
ORDER BY length(p)
"""


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
) -> NetworkMap:
    """The k shortest cooperation paths between two entities, highlighted on one map."""
    if not (1 <= max_hops <= MAX_HOPS and 1 <= k <= MAX_PATHS):
        raise InvalidRequestError(f"max_hops must be 1..{MAX_HOPS} and k 1..{MAX_PATHS}.")
    kinds = parse_via(via)
    s, t = await _entity(session, source), await _entity(session, target)
    if s["key"] == t["key"]:
        raise InvalidRequestError("source and target are the same entity; name two.")
    query = PATHS_QUERY.format(
        k=int(k),
        rels=rel_pattern(kinds),
        max_len=2 * int(max_hops),
        n=proj("n"),
        r=rel("r", start="elementId(startNode(r))", end="elementId(endNode(r))"),
    )
    rows = await read(session, query, source=s["key"], target=t["key"])
    out = MapBuilder()
    out.node(s, focus=True, highlight=bool(rows))
    out.node(t, focus=True, highlight=bool(rows))
    sentences, actors = [], []
    for i, row in enumerate(rows, 1):
        by_key = dict(row["nodes"])
        for link in row["links"]:
            out.link(by_key[link["start"]], by_key[link["end"]], link, highlight=True)
        actors += [n["id"] for _, n in row["nodes"] if n["type"] == "actor"]
        names = (n["name"] or n["id"] for _, n in row["nodes"])
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
    head += ", highlighted among the other links of the actors on them." if surroundings else "."
    if omitted:
        sentences.append(f"{omitted} surrounding node(s) left out (cap {MAX_PATH_NODES}).")
    return out.build(
        f"Paths from {s['name']} to {t['name']}",
        " ".join([head, *sentences]),
        omitted=omitted,
        cap=MAX_PATH_NODES,
    )
