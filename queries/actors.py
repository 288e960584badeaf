"""Actors: the list, one actor with everything it takes part in, and its cooperation neighbourhood.

The neighbourhood links two actors only through an evidence node they are both tied to (an
agreement, a partnership, an event), by relationship types taken from the allow-list
`graph.schema.model.COOPERATION_LINKS`; never through a shared country or sector.
"""

from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel

from clustergraph.errors import NotFoundError
from graph.schema.model import COOPERATION_LINKS, DEFAULT_LINKS, LABEL_TYPES, MEMBER_ROLES, Rel
from queries.agreements import (
    AGREEMENT_PROJECTION,
    AgreementPublic,
    NamedRef,
    check_filters,
    to_agreement,
)
from queries.common import Page, RefPublic, SourcePublic, iso, parse_sources, read

ROLE_ORDER = {r: i for i, r in enumerate(MEMBER_ROLES)}


class ActorSummaryPublic(BaseModel):
    """An actor in a list."""

    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    city: str | None = None
    sectors: list[str]


class ActorMembershipPublic(BaseModel):
    """A partnership the actor is a member of, with its role there."""

    id: str
    name: str
    kind: str | None = None
    role: str
    notes: list[str]
    sources: list[SourcePublic]


class ActorEventPublic(BaseModel):
    """An event the actor organised or took part in."""

    id: str
    name: str
    kind: str | None = None
    date: str | None = None
    city: str | None = None
    country: str | None = None
    roles: list[str]  # organiser, participant
    sources: list[SourcePublic]


class TargetedByPublic(BaseModel):
    """A partnership that scored or considered this actor as a target cluster."""

    id: str
    name: str
    status: str | None = None
    score: float | None = None
    rank: int | None = None
    notes: list[str]
    sources: list[SourcePublic]


class ActorPublic(BaseModel):
    """One actor, what it is active in and every cooperation the documents record for it."""

    type: str = "actor"
    id: str
    name: str
    aliases: list[str]
    kind: str | None = None
    country: str | None = None
    country_name: str | None = None
    region: str | None = None
    city: str | None = None
    description: str | None = None
    notes: list[str]
    sectors: list[NamedRef]
    partnerships: list[ActorMembershipPublic]
    agreements: list[AgreementPublic]
    events: list[ActorEventPublic]
    targets_of: list[TargetedByPublic]
    sources: list[SourcePublic]


ACTORS_QUERY = """
MATCH (a:Actor)
WHERE ($kind IS NULL OR a.kind = $kind)
  AND ($country IS NULL OR a.country = $country)
  AND ($sector IS NULL OR EXISTS {
        MATCH (a)-[:ACTIVE_IN]->(:Sector)-[:SUBSECTOR_OF*0..]->(:Sector {id: $sector}) })
  AND ($partnership IS NULL OR EXISTS {
        MATCH (a)-[:MEMBER_OF]->(:Partnership {id: $partnership}) })
WITH a ORDER BY toLower(a.name), a.id
WITH collect(a) AS found
RETURN size(found) AS total,
       [a IN found[$offset..($offset + $limit)] | a {.id, .name, .kind, .country, .city,
         sectors: [(a)-[:ACTIVE_IN]->(s:Sector) | s.id]}] AS items
"""


async def list_actors(
    session: AsyncSession,
    *,
    kind: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    partnership: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Page[ActorSummaryPublic]:
    """Actors matching every filter, by name; a sector includes its sub-sectors."""
    country = country.upper() if country else None
    await check_filters(session, partnership=partnership, country=country, sector=sector)
    row = (
        await read(
            session,
            ACTORS_QUERY,
            kind=kind,
            country=country,
            sector=sector,
            partnership=partnership,
            limit=limit,
            offset=offset,
        )
    )[0]
    items = [ActorSummaryPublic(**{**a, "sectors": sorted(a["sectors"])}) for a in row["items"]]
    return Page[ActorSummaryPublic](items=items, total=row["total"], limit=limit, offset=offset)


ACTOR_QUERY = (
    # `actor`, not `a`: AGREEMENT_PROJECTION binds `a` to each party.
    """
MATCH (actor:Actor {id: $id})
RETURN actor {.*} AS actor,
  head([(actor)-[:LOCATED_IN]->(c:Country) | c.name]) AS country_name,
  [(actor)-[:ACTIVE_IN]->(s:Sector) | s {.id, .name}] AS sectors,
  [(actor)-[m:MEMBER_OF]->(p:Partnership) | p {.id, .name, .kind, role: m.role, notes: m.notes,
    sources: m.sources}] AS partnerships,
  [(actor)-[:PARTY_TO]->(g:Agreement) | """
    + AGREEMENT_PROJECTION
    + """] AS agreements,
  [(actor)-[r:ORGANISED|PARTICIPATED_IN]->(e:Event) | e {.id, .name, .kind, .date, .date_precision,
    .city, .country, rel: type(r), sources: r.sources}] AS events,
  [(p:Partnership)-[t:TARGETS_ACTOR]->(actor) | p {.id, .name, status: t.status, score: t.score,
    rank: t.rank, notes: t.notes, sources: t.sources}] AS targets_of
"""
)

EVENT_ROLES = {Rel.ORGANISED.value: "organiser", Rel.PARTICIPATED_IN.value: "participant"}


def _events(rows: list[dict[str, Any]]) -> list[ActorEventPublic]:
    """One entry per event, with every role the actor had in it (organiser, participant)."""
    merged: dict[str, dict[str, Any]] = {}
    for e in rows:
        item = merged.setdefault(e["id"], {**e, "roles": [], "sources": []})
        item["roles"].append(EVENT_ROLES[e["rel"]])
        item["sources"] += [s for s in e["sources"] or [] if s not in item["sources"]]
    events = [
        ActorEventPublic(
            id=e["id"],
            name=e["name"],
            kind=e["kind"],
            city=e["city"],
            country=e["country"],
            date=iso(e["date"], e["date_precision"]),
            roles=sorted(e["roles"]),
            sources=parse_sources(e["sources"]),
        )
        for e in merged.values()
    ]
    return sorted(events, key=lambda e: (e.date is None, e.date or "", e.id))


def _target_order(t: TargetedByPublic) -> tuple:
    return (t.score is None, -(t.score or 0), t.rank is None, t.rank or 0, t.id)


async def get_actor(session: AsyncSession, actor_id: str) -> ActorPublic:
    rows = await read(session, ACTOR_QUERY, id=actor_id)
    if not rows:
        raise NotFoundError("actor", actor_id)
    r = rows[0]
    a = r["actor"]
    agreements = sorted(
        (to_agreement(g) for g in r["agreements"]),
        key=lambda g: (g.date is None, g.date or "", g.id),
    )
    partnerships = sorted(
        (
            ActorMembershipPublic(
                **{**p, "notes": p["notes"] or [], "sources": parse_sources(p["sources"])}
            )
            for p in r["partnerships"]
        ),
        key=lambda p: (ROLE_ORDER.get(p.role, 99), p.name.casefold()),
    )
    targets_of = sorted(
        (
            TargetedByPublic(
                **{**t, "notes": t["notes"] or [], "sources": parse_sources(t["sources"])}
            )
            for t in r["targets_of"]
        ),
        key=_target_order,
    )
    return ActorPublic(
        id=a["id"],
        name=a["name"],
        aliases=a.get("aliases") or [],
        kind=a["kind"],
        country=a.get("country"),
        country_name=r["country_name"],
        region=a.get("region"),
        city=a.get("city"),
        description=a.get("description"),
        notes=a.get("notes") or [],
        sectors=sorted((NamedRef(**s) for s in r["sectors"]), key=lambda s: s.id),
        partnerships=partnerships,
        agreements=agreements,
        events=_events(r["events"]),
        targets_of=targets_of,
        sources=parse_sources(a.get("sources")),
    )


ACTOR_EXISTS_QUERY = "MATCH (a:Actor {id: $id}) RETURN a.id AS id"


async def ensure_actor(session: AsyncSession, actor_id: str) -> str:
    """The id back when an actor has it; NotFoundError otherwise."""
    if not await read(session, ACTOR_EXISTS_QUERY, id=actor_id):
        raise NotFoundError("actor", actor_id)
    return actor_id


# ----------------------------------------------------------------------------- neighbourhood

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
