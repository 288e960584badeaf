"""The cooperation neighbourhood of an actor: actors within a few hops, and what links them."""

from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel

from clustergraph.errors import NotFoundError
from graph.schema.model import COOPERATION_LINKS, DEFAULT_LINKS, LABEL_TYPES, Rel
from queries.common import RefPublic, SourcePublic, parse_sources, read

MAX_EDGES = 2000
# Relationship type -> link kind ('agreement', 'membership', 'event', 'targeting').
LINK_OF: dict[str, str] = {
    rel.value: link for link, rels in COOPERATION_LINKS.items() for rel in rels
}
LINK_PRIORITY = {"agreement": 0, "event": 1, "membership": 2, "targeting": 3}


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

# The relationship types in the pattern are the allow-list itself (constants, not input); the
# ones asked for are a parameter.
_LINK_TYPES = "|".join(LINK_OF)
HOPS_QUERY = f"""
MATCH (a:Actor)-[r1:{_LINK_TYPES}]-(e)
WHERE a.id IN $frontier AND type(r1) IN $rels AND NOT e:Actor
WITH DISTINCT e
MATCH (e)-[r:{_LINK_TYPES}]-(b:Actor)
WHERE type(r) IN $rels
WITH e, collect({{id: b.id, name: b.name, country: b.country, rel: type(r),
                  sources: r.sources}}) AS links
RETURN e.id AS id, coalesce(e.name, e.title, e.id) AS name,
       [l IN labels(e) WHERE l IN $labels][0] AS label, links
ORDER BY id
"""


def _pairs(links: list[dict[str, Any]], via: tuple[str, ...]):
    """(source, target, relation, sources) for every pair of actors tied to one evidence node."""
    for i, x in enumerate(links):
        for y in links[i + 1 :]:
            if x["id"] == y["id"]:
                continue
            kx, ky = LINK_OF[x["rel"]], LINK_OF[y["rel"]]
            if kx == ky and kx in via and kx != "targeting":
                a, b = sorted((x, y), key=lambda n: n["id"])
                yield a, b, kx
            elif {kx, ky} == {"membership", "targeting"} and "targeting" in via:
                a, b = (x, y) if kx == "membership" else (y, x)
                yield a, b, "targeting"


def _priority(evidence: dict[str, Any]) -> tuple:
    kinds = [LINK_PRIORITY[LINK_OF[link["rel"]]] for link in evidence["links"]]
    return (min(kinds, default=9), evidence["id"])


async def neighbours(
    session: AsyncSession,
    actor_id: str,
    *,
    depth: int = 1,
    via: tuple[str, ...] = DEFAULT_LINKS,
    max_nodes: int = 100,
) -> NeighbourhoodPublic:
    """Actors within `depth` cooperation hops, breadth first (agreements and events before
    memberships when the node cap cuts), and the links among them."""
    center = await read(session, CENTER_QUERY, id=actor_id)
    if not center:
        raise NotFoundError("actor", actor_id)
    rels = sorted(
        {r.value for k in via for r in COOPERATION_LINKS[k]}
        | ({Rel.MEMBER_OF.value} if "targeting" in via else set())
    )
    nodes = {actor_id: NeighbourNodePublic(**dict(center[0]), depth=0)}
    evidence: dict[str, dict[str, Any]] = {}
    frontier, truncated = [actor_id], False
    for level in range(1, depth + 1):
        if not frontier:
            break
        rows = [
            dict(r)
            for r in await read(
                session, HOPS_QUERY, frontier=frontier, rels=rels, labels=list(LABEL_TYPES)
            )
        ]
        near, frontier = set(frontier), []
        for ev in sorted(rows, key=_priority):
            evidence.setdefault(ev["id"], ev)
            for x, y, _ in _pairs(ev["links"], via):
                for a, b in ((x, y), (y, x)):
                    if a["id"] not in near or b["id"] in nodes:
                        continue
                    if len(nodes) >= max_nodes:
                        truncated = True
                        continue
                    nodes[b["id"]] = NeighbourNodePublic(
                        id=b["id"], name=b["name"], country=b["country"], depth=level
                    )
                    frontier.append(b["id"])
    edges: dict[tuple, NeighbourEdgePublic] = {}
    for ev in sorted(evidence.values(), key=_priority):
        ref = RefPublic(id=ev["id"], name=ev["name"], type=LABEL_TYPES.get(ev["label"], "?"))
        for a, b, relation in _pairs(ev["links"], via):
            if a["id"] not in nodes or b["id"] not in nodes:
                continue
            key = (a["id"], b["id"], relation, ev["id"])
            sources = [*(a["sources"] or []), *(b["sources"] or [])]
            if key in edges:
                sources = [f"{s.document}|{s.locator}" for s in edges[key].sources] + sources
            elif len(edges) >= MAX_EDGES:
                truncated = True
                continue
            edges[key] = NeighbourEdgePublic(
                source=a["id"],
                target=b["id"],
                relation=relation,
                evidence=ref,
                sources=parse_sources(list(dict.fromkeys(sources))),
            )
    return NeighbourhoodPublic(
        center=actor_id,
        depth=depth,
        via=list(via),
        nodes=sorted(nodes.values(), key=lambda n: (n.depth, n.name.casefold(), n.id)),
        edges=list(edges.values()),
        truncated=truncated,
    )
