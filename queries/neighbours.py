"""The cooperation neighbourhood of an actor: actors within a few hops, and what links them."""

from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel

from clustergraph.errors import NotFoundError
from clustergraph.settings import get_settings
from graph.schema.model import COOPERATION_LINKS, DEFAULT_LINKS, LABEL_TYPES, Rel
from queries.common import RefPublic, SourcePublic, parse_sources, read

MAX_EDGES = 2000
# Relationship type -> link kind ('agreement', 'membership', 'event', 'targeting').
LINK_OF: dict[str, str] = {
    rel.value: link for link, rels in COOPERATION_LINKS.items() for rel in rels
}
LINK_PRIORITY = {"agreement": 0, "event": 1, "membership": 2, "targeting": 3, "related": 4}


class NeighbourNodePublic(BaseModel):
    id: str
    name: str
    type: str = "actor"
    country: str | None = None
    depth: int  # hops from the centre actor (0 for the centre itself)


class NeighbourEdgePublic(BaseModel):
    """Two actors tied to the same agreement, partnership or event (the evidence).

    For `targeting` the source is a member of the partnership and the target an actor it
    scored or considered; otherwise the pair is unordered (source < target).
    """

    source: str
    target: str
    relation: str  # agreement | membership | event | targeting
    evidence: RefPublic
    sources: list[SourcePublic]


class NeighbourhoodPublic(BaseModel):
    center: str
    depth: int
    via: list[str]
    nodes: list[NeighbourNodePublic]
    edges: list[NeighbourEdgePublic]
    truncated: bool  # True when max_nodes (or the edge cap) left some of the neighbourhood out


CENTER_QUERY = "MATCH (a:Actor {id: $id}) RETURN a.id AS id, a.name AS name, a.country AS country"

# Relationship types are spliced in only from the schema's allow-list (`LINK_OF`), never input.
# Discovery: the evidence nodes around the frontier, best first (agreements, events, partnerships
# with members, then the rest, as `_priority`), one page at a time: a hub actor is tied to
# thousands of them and the node cap is usually filled by the first page. Per evidence node come
# the frontier's own links and, per relationship type, at most $room links to other actors (no
# more can join the map; a hub event with thousands of participants stays one bounded row).
# Placeholders (unnamed parties) are not reached unless asked for.
_HOPS = """
UNWIND $frontier AS fid
MATCH (a:Actor {id: fid})-[:%(types)s]-(e)
WHERE NOT e:Actor AND ($placeholders OR e.certainty IS NULL OR e.certainty <> 'placeholder')
WITH DISTINCT e
WITH e, CASE WHEN e:Agreement THEN 0 WHEN e:Event THEN 1
             WHEN EXISTS { (e)<-[:MEMBER_OF]-(:Actor) } THEN 2 ELSE 3 END AS priority
ORDER BY priority, e.id
SKIP $skip LIMIT $limit
MATCH (e)-[r:%(types)s]-(b:Actor)
WHERE $placeholders OR b.id IN $frontier OR b.certainty IS NULL OR b.certainty <> 'placeholder'
WITH e, priority, type(r) AS rel, b.id IN $frontier AS near,
     collect({id: b.id, name: b.name, country: b.country, rel: type(r)}) AS links
WITH e, priority, collect(CASE WHEN near THEN links ELSE links[..$room] END) AS groups
RETURN e.id AS id, coalesce(e.name, e.title, e.id) AS name,
       [l IN labels(e) WHERE l IN $labels][0] AS label,
       reduce(acc = [], g IN groups | acc + g) AS links
ORDER BY priority, id
"""
FIRST_PAGE = 64  # evidence nodes in the first discovery page; each next one is 4 times larger
# Edges: the evidence nodes that tie two or more actors of the finished map, with the sources of
# each tie, best first and at most $cap of them (the answer's row cap; each gives one edge or
# more). Two ways to the same rows: from every actor of the map (bounded by their degrees), or
# from the expanded actors' evidence (cheaper when only the centre was expanded, at depth 1).
_EDGES_FROM_MAP = """
UNWIND $ids AS aid
MATCH (a:Actor {id: aid})-[r:%(types)s]-(e)
WHERE NOT e:Actor
WITH e, collect({id: a.id, name: a.name, country: a.country, rel: type(r),
                 sources: r.sources}) AS links
WHERE size(links) > 1 AND any(l IN links WHERE l.id IN $expanded)
RETURN e.id AS id, coalesce(e.name, e.title, e.id) AS name,
       [l IN labels(e) WHERE l IN $labels][0] AS label, links
ORDER BY CASE WHEN e:Agreement THEN 0 WHEN e:Event THEN 1 ELSE 2 END, id
LIMIT $cap
"""
_EDGES_FROM_EXPANDED = """
UNWIND $expanded AS xid
MATCH (:Actor {id: xid})-[:%(types)s]-(e)
WHERE NOT e:Actor
WITH DISTINCT e
MATCH (e)-[r:%(types)s]-(a:Actor)
WHERE a.id IN $ids
WITH e, collect({id: a.id, name: a.name, country: a.country, rel: type(r),
                 sources: r.sources}) AS links
WHERE size(links) > 1
RETURN e.id AS id, coalesce(e.name, e.title, e.id) AS name,
       [l IN labels(e) WHERE l IN $labels][0] AS label, links
ORDER BY CASE WHEN e:Agreement THEN 0 WHEN e:Event THEN 1 ELSE 2 END, id
LIMIT $cap
"""


def _rels(via: tuple[str, ...]) -> list[str]:
    rels = {r.value for k in via for r in COOPERATION_LINKS[k]}
    return sorted(rels | ({Rel.MEMBER_OF.value} if "targeting" in via else set()))


def hops_query(rels: list[str]) -> str:
    return _HOPS % {"types": "|".join(r for r in LINK_OF if r in rels)}


def edges_query(rels: list[str], *, from_expanded: bool) -> str:
    template = _EDGES_FROM_EXPANDED if from_expanded else _EDGES_FROM_MAP
    return template % {"types": "|".join(r for r in LINK_OF if r in rels)}


HOPS_QUERY = hops_query(_rels(DEFAULT_LINKS))


def _kind_pair(kx: str, ky: str, via: tuple[str, ...]) -> str | None:
    """The relation two links to one evidence node make, if `via` counts it."""
    if kx == ky and kx in via and kx != "targeting":
        return kx
    if {kx, ky} == {"membership", "targeting"} and "targeting" in via:
        return "targeting"
    return None


def _pairs(links: list[dict[str, Any]], via: tuple[str, ...]):
    """(source, target, relation) for every pair of actors tied to one evidence node: two links
    of one kind (source < target), or a member and a target of one partnership."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for link in sorted(links, key=lambda n: n["id"]):
        by_kind.setdefault(LINK_OF[link["rel"]], []).append(link)
    for kind, group in by_kind.items():
        if kind in via and kind != "targeting":
            for i, x in enumerate(group):
                for y in group[i + 1 :]:
                    if x["id"] != y["id"]:
                        yield x, y, kind
    if "targeting" in via:
        for x in by_kind.get("membership", []):
            for y in by_kind.get("targeting", []):
                if x["id"] != y["id"]:
                    yield x, y, "targeting"


def _reached(links: list[dict[str, Any]], near: set[str], via: tuple[str, ...]):
    """The actors one evidence node leads to from the frontier (linear in the links, not
    quadratic: a hub event is common)."""
    kinds = {LINK_OF[x["rel"]] for x in links if x["id"] in near}
    for y in links:
        ky = LINK_OF[y["rel"]]
        if y["id"] not in near and any(_kind_pair(kx, ky, via) for kx in kinds):
            yield y


def _priority(evidence: dict[str, Any]) -> tuple:
    kinds = [LINK_PRIORITY[LINK_OF[link["rel"]]] for link in evidence["links"]]
    return (min(kinds, default=9), evidence["id"])


def _edges(rows: list, via: tuple[str, ...]) -> tuple[list[NeighbourEdgePublic], bool]:
    """The edges the evidence rows make, best evidence first, and whether MAX_EDGES cut them."""
    truncated = False
    edges: dict[tuple, NeighbourEdgePublic] = {}
    edge_sources: dict[tuple, list[str]] = {}
    for ev in sorted((dict(r) for r in rows), key=_priority):
        ref = RefPublic(id=ev["id"], name=ev["name"], type=LABEL_TYPES.get(ev["label"], "?"))
        for a, b, relation in _pairs(ev["links"], via):
            key = (a["id"], b["id"], relation, ev["id"])
            if key not in edges and len(edges) >= MAX_EDGES:
                truncated = True
                continue
            # An actor can be tied twice to one event (organiser and participant).
            sources = edge_sources.setdefault(key, [])
            sources += [*(a["sources"] or []), *(b["sources"] or [])]
            # Edges are many and built from values read back from the database: no
            # re-validation.
            edges[key] = NeighbourEdgePublic.model_construct(
                source=a["id"], target=b["id"], relation=relation, evidence=ref, sources=[]
            )
    parsed: dict[str, SourcePublic] = {}  # edges share their sources' objects
    for key, edge in edges.items():
        edge.sources = [
            parsed.get(v) or parsed.setdefault(v, parse_sources([v])[0])
            for v in dict.fromkeys(edge_sources[key])
        ]
    return list(edges.values()), truncated


async def neighbours(
    session: AsyncSession,
    actor_id: str,
    *,
    depth: int = 1,
    via: tuple[str, ...] = DEFAULT_LINKS,
    max_nodes: int = 100,
    include_placeholders: bool = False,
) -> NeighbourhoodPublic:
    """Actors within `depth` cooperation hops, breadth first (agreements and events before
    memberships when the node cap cuts), and the links among them."""
    center = await read(session, CENTER_QUERY, id=actor_id)
    if not center:
        raise NotFoundError("actor", actor_id)
    rels = _rels(via)
    labels = list(LABEL_TYPES)
    cap = get_settings().max_rows
    nodes = {actor_id: NeighbourNodePublic(**dict(center[0]), depth=0)}
    frontier, expanded, truncated = [actor_id], [], False
    for level in range(1, depth + 1):
        if not frontier:
            break
        near = set(frontier)
        expanded += frontier
        frontier, skip, page = [], 0, min(FIRST_PAGE, cap)
        while True:
            room = max_nodes - len(nodes)
            rows = await read(
                session,
                hops_query(rels),
                frontier=list(near),
                room=max_nodes + room + 1,  # enough to find `room` new actors past known ones
                skip=skip,
                limit=page,
                labels=labels,
                placeholders=include_placeholders,
            )
            for ev in sorted((dict(r) for r in rows), key=_priority):
                for b in _reached(ev["links"], near, via):
                    if b["id"] in nodes:
                        continue
                    if len(nodes) >= max_nodes:
                        truncated = True
                        break
                    nodes[b["id"]] = NeighbourNodePublic(
                        id=b["id"], name=b["name"], country=b["country"], depth=level
                    )
                    frontier.append(b["id"])
                if truncated:
                    break
            if truncated or len(rows) < page:
                break
            skip, page = skip + page, min(page * 4, cap)
    rows = await read(
        session,
        edges_query(rels, from_expanded=len(expanded) == 1),
        ids=list(nodes),
        expanded=expanded,
        labels=labels,
        cap=cap,
    )
    truncated = truncated or len(rows) >= cap
    edges, cut = _edges(rows, via)
    return NeighbourhoodPublic(
        center=actor_id,
        depth=depth,
        via=list(via),
        nodes=sorted(nodes.values(), key=lambda n: (n.depth, n.name.casefold(), n.id)),
        edges=edges,
        truncated=truncated or cut,
    )
