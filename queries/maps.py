"""Graph -> NetworkMap (viz input): an actor's neighbourhood, a partnership, paths between two.

Map node ids are "<type>:<id>" (e.g. "actor:skywin"), so entities of different types never clash.
Relationship types in the variable parts of the Cypher come from COOPERATION_LINKS only, and
the only numbers written into it (hop bounds, number of paths) are range-checked ints.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from neo4j import AsyncSession

from clustergraph.errors import InvalidRequestError, NotFoundError
from queries.common import iso, read
from queries.links import parse_via, rel_pattern
from viz.models import MapEdge, MapNode, NetworkMap

MAX_DEPTH = 3
MAX_HOPS = 6
MAX_PATHS = 10
MAX_MAP_NODES = 300  # a neighbourhood stops growing past this (the map says so)


def _proj(v: str) -> str:
    """Map projection of node `v` with everything a map node needs, and its public type."""
    return (
        f"{v} {{.id, .code, .name, .kind, .country, .city, .status, .programme, .strand,"
        f" .date, .date_precision, .sources, type: CASE WHEN {v}:Actor THEN 'actor'"
        f" WHEN {v}:Partnership THEN 'partnership' WHEN {v}:Agreement THEN 'agreement'"
        f" WHEN {v}:Event THEN 'event' WHEN {v}:Country THEN 'country' ELSE 'sector' END}}"
    )


def cite(sources: Iterable[str] | None) -> list[str]:
    """'document-id|locator' -> 'document-id, locator' (readable in a tooltip)."""
    return [", ".join(p for p in s.partition("|")[::2] if p) for s in sources or []]


def map_node(p: dict[str, Any], *, focus: bool = False) -> MapNode:
    type_ = p["type"]
    key = p.get("code") if type_ == "country" else p["id"]
    details = [
        p.get("programme"),
        f"strand {p['strand']}" if p.get("strand") else None,
        p.get("status"),
        iso(p.get("date"), p.get("date_precision")),
        p.get("city"),
    ]
    return MapNode(
        id=f"{type_}:{key}",
        label=p.get("name") or key,
        type=type_,
        kind=p.get("kind"),
        country=p.get("country") or (key if type_ == "country" else None),
        title=" · ".join(str(d) for d in details if d) or None,
        sources=cite(p.get("sources")),
        focus=focus,
    )


def map_edge(source: MapNode, target: MapNode, link: dict[str, Any]) -> MapEdge:
    score = link.get("score")
    label = link.get("role") or link.get("status")
    if label and score is not None:
        label += f", score {score}"
    details = [f"rank {link['rank']}"] if link.get("rank") is not None else []
    details += link.get("notes") or []
    return MapEdge(
        source=source.id,
        target=target.id,
        relation=link["relation"].lower(),
        label=label,
        title="\n".join(details) or None,
        sources=cite(link.get("sources")),
    )


class _Builder:
    def __init__(self) -> None:
        self.nodes: dict[str, MapNode] = {}
        self.edges: list[MapEdge] = []

    def node(self, props: dict[str, Any], *, focus: bool = False) -> MapNode:
        node = map_node(props, focus=focus)
        return self.nodes.setdefault(node.id, node)

    def link(self, start: dict[str, Any], end: dict[str, Any], link: dict[str, Any]) -> None:
        self.edges.append(map_edge(self.node(start), self.node(end), link))

    def counts(self) -> str:
        types = [n.type for n in self.nodes.values()]
        names = ("actor", "partnership", "agreement", "event", "country")
        counts = {t: types.count(t) for t in names if t in types}
        plural = {"country": "countries"}
        return ", ".join(
            f"{n} {t if n == 1 else plural.get(t, t + 's')}" for t, n in counts.items()
        )

    def build(self, title: str, description: str) -> NetworkMap:
        return NetworkMap(
            title=title, nodes=list(self.nodes.values()), edges=self.edges, description=description
        )


ACTOR_QUERY = "MATCH (a:Actor {id: $id}) RETURN " + _proj("a") + " AS a"

# One ring of the neighbourhood: the evidence nodes (agreements, partnerships, events) the
# frontier actors are linked to, with every actor linked to each of them.
RING_QUERY = """
MATCH (a:Actor)-[:{rels}]-(e) WHERE a.id IN $frontier AND NOT elementId(e) IN $done
WITH DISTINCT e LIMIT $max_evidence
MATCH (e)-[r:{rels}]-(b:Actor)
RETURN elementId(e) AS key, {e} AS e,
       collect(r {{.*, relation: type(r), actor: {b}, actor_first: startNode(r) = b}}) AS links
"""


async def actor_map(
    session: AsyncSession, actor_id: str, *, depth: int = 1, via: str | Sequence[str] | None = None
) -> NetworkMap:
    """The actors reachable in `depth` cooperation hops, with the evidence nodes between them."""
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidRequestError(f"depth must be between 1 and {MAX_DEPTH}.")
    kinds = parse_via(via)
    query = RING_QUERY.format(rels=rel_pattern(kinds), e=_proj("e"), b=_proj("b"))
    rows = await read(session, ACTOR_QUERY, id=actor_id)
    if not rows:
        raise NotFoundError("actor", actor_id)
    out, centre = _Builder(), rows[0]["a"]
    out.node(centre, focus=True)
    frontier, seen, done, truncated = [actor_id], {actor_id}, [], False
    for _ in range(depth):
        if not frontier:
            break
        rows = await read(session, query, frontier=frontier, done=done, max_evidence=MAX_MAP_NODES)
        frontier = []
        for row in rows:
            if len(out.nodes) >= MAX_MAP_NODES:
                truncated = True
                break
            done.append(row["key"])
            for link in row["links"]:
                actor = link["actor"]
                pair = (actor, row["e"]) if link["actor_first"] else (row["e"], actor)
                out.link(*pair, link)
                if actor["id"] not in seen:
                    seen.add(actor["id"])
                    frontier.append(actor["id"])
        if truncated:
            break
    description = (
        f"Cooperation neighbourhood of {centre['name']} within {depth} hop(s) through "
        f"{', '.join(kinds)} links: {out.counts()}."
        + (f" Cut at {MAX_MAP_NODES} nodes; ask for a smaller depth." if truncated else "")
    )
    return out.build(f"{centre['name']}: cooperation neighbourhood", description)


PARTNERSHIP_QUERY = """
MATCH (p:Partnership {{id: $id}})
RETURN {p} AS p,
  [(a:Actor)-[r:MEMBER_OF]->(p) | r {{.*, relation: type(r), actor: {a}}}] AS members,
  [(p)-[r:TARGETS_COUNTRY]->(c:Country) | r {{.*, relation: type(r), country: {c}}}] AS countries,
  [(p)-[r:TARGETS_ACTOR]->(a:Actor) | r {{.*, relation: type(r), actor: {a}}}] AS targets,
  [(g:Agreement)-[r:ON_BEHALF_OF]->(p) | r {{.*, relation: type(r), agreement: {g},
    parties: [(x:Actor)-[q:PARTY_TO]->(g) | q {{.*, relation: type(q), actor: {x}}}]}}]
    AS agreements,
  [(e:Event)-[r:PART_OF]->(p) | r {{.*, relation: type(r), event: {e},
    actors: [(x:Actor)-[q:ORGANISED|PARTICIPATED_IN]->(e) | q {{.*, relation: type(q),
    actor: {x}}}]}}] AS events
""".format(**{v: _proj(v) for v in ("p", "a", "c", "g", "e", "x")})


async def partnership_map(session: AsyncSession, partnership_id: str) -> NetworkMap:
    """A partnership with its members, target countries and actors, agreements and events."""
    rows = await read(session, PARTNERSHIP_QUERY, id=partnership_id)
    if not rows:
        raise NotFoundError("partnership", partnership_id)
    row, out = rows[0], _Builder()
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
    description = (
        f"{p['name']}: {len(row['members'])} members, {len(row['countries'])} target countries, "
        f"{len(row['targets'])} target actors, {len(row['agreements'])} agreements and "
        f"{len(row['events'])} events; {out.counts()} on the map."
    )
    return out.build(f"{p['name']}: partnership map", description)


ENTITY_QUERY = (
    """
CALL () {
  MATCH (n:Actor {id: $id}) RETURN n
  UNION MATCH (n:Partnership {id: $id}) RETURN n
  UNION MATCH (n:Agreement {id: $id}) RETURN n
  UNION MATCH (n:Event {id: $id}) RETURN n
}
RETURN elementId(n) AS key, """
    + _proj("n")
    + " AS n LIMIT 1"
)

PATHS_QUERY = """
MATCH (s) WHERE elementId(s) = $source
MATCH (t) WHERE elementId(t) = $target
MATCH p = SHORTEST {k} (s)(()-[:{rels}]-()){{1,{max_len}}}(t)
RETURN [n IN nodes(p) | [elementId(n), {n}]] AS nodes,
       [r IN relationships(p) | r {{.*, relation: type(r), start: elementId(startNode(r)),
        end: elementId(endNode(r))}}] AS links
ORDER BY length(p)
"""


async def _entity(session: AsyncSession, id_: str) -> dict[str, Any]:
    rows = await read(session, ENTITY_QUERY, id=id_)
    if not rows:
        raise NotFoundError("actor, partnership, agreement or event", id_)
    return {"key": rows[0]["key"], **rows[0]["n"]}


async def paths_map(
    session: AsyncSession,
    source: str,
    target: str,
    *,
    max_hops: int = 4,
    via: str | Sequence[str] | None = None,
    k: int = 3,
) -> NetworkMap:
    """The k shortest cooperation paths between two entities, drawn on one map."""
    if not (1 <= max_hops <= MAX_HOPS and 1 <= k <= MAX_PATHS):
        raise InvalidRequestError(f"max_hops must be 1..{MAX_HOPS} and k 1..{MAX_PATHS}.")
    kinds = parse_via(via)
    s, t = await _entity(session, source), await _entity(session, target)
    if s["key"] == t["key"]:
        raise InvalidRequestError("source and target are the same entity; name two.")
    query = PATHS_QUERY.format(
        k=int(k), rels=rel_pattern(kinds), max_len=2 * int(max_hops), n=_proj("n")
    )
    rows = await read(session, query, source=s["key"], target=t["key"])
    out = _Builder()
    out.node(s, focus=True)
    out.node(t, focus=True)
    sentences = []
    for i, row in enumerate(rows, 1):
        by_key = dict(row["nodes"])
        for link in row["links"]:
            out.link(by_key[link["start"]], by_key[link["end"]], link)
        names = (n["name"] or n["id"] for _, n in row["nodes"])
        sentences.append(f"Path {i}: " + " → ".join(names) + ".")
    head = (
        f"{len(rows)} shortest path(s) within {max_hops} hop(s) through {', '.join(kinds)} links."
        if rows
        else f"No path within {max_hops} hop(s) through {', '.join(kinds)} links."
    )
    return out.build(f"Paths from {s['name']} to {t['name']}", " ".join([head, *sentences]))
