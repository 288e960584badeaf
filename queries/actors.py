"""Actors: the list, one actor with everything it takes part in, and its cooperation neighbourhood.

The neighbourhood links two actors only through an evidence node they are both tied to (an
agreement, a partnership, an event), by relationship types taken from the allow-list
`graph.schema.model.COOPERATION_LINKS`; never through a shared country or sector.
"""

from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel

from clustergraph.errors import NotFoundError
from graph.schema.display import ROLE_ORDER
from graph.schema.model import Rel
from queries.agreements import (
    AGREEMENT_PROJECTION,
    IN_FORCE,
    AgreementPublic,
    NamedRef,
    as_of_params,
    check_filters,
    to_agreement,
)
from queries.common import Page, SourcePublic, iso, parse_sources, read
from queries.facts import MeasurePublic, ScorePublic, measures, metric_rank, score
from queries.support import (
    SUPPORTED,
    SUPPORTERS,
    SupportedPublic,
    SupporterPublic,
    supported,
    supporters,
)


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
    status: str | None = None  # planned | held | cancelled | unknown
    planned: bool = False
    sources: list[SourcePublic]


class TargetOfPublic(BaseModel):
    """A partnership that scored or considered this actor as a target cluster."""

    id: str
    name: str
    status: str | None = None
    score: float | None = None
    rank: int | None = None
    score_detail: ScorePublic | None = None
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
    website: str | None = None
    description: str | None = None
    certainty: str = "stated"  # stated | inferred | placeholder
    basis: str | None = None
    measures: list[MeasurePublic] = []
    funded_by: list[SupporterPublic] = []
    supported_by: list[SupporterPublic] = []
    # What this actor funds or supports (actors, partnerships, agreements, events).
    supports: list[SupportedPublic] = []
    notes: list[str]
    sectors: list[NamedRef]
    partnerships: list[ActorMembershipPublic]
    agreements: list[AgreementPublic]
    events: list[ActorEventPublic]
    targets_of: list[TargetOfPublic]
    sources: list[SourcePublic]
    # The date asked (`?as_of=`): only agreements in force then are listed.
    as_of: str | None = None


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
  [(actor)-[:PARTY_TO]->(g:Agreement) WHERE """
    + IN_FORCE.format(n="g")
    + """ | """
    + AGREEMENT_PROJECTION
    + """] AS agreements,
  [(actor)-[r:ORGANISED|PARTICIPATED_IN]->(e:Event) | e {.id, .name, .kind, .date, .date_precision,
    .city, .country, .status, rel: type(r), sources: r.sources}] AS events,
  [(p:Partnership)-[t:TARGETS_ACTOR]->(actor) | p {.id, .name, status: t.status, score: t.score,
    rank: t.rank, notes: t.notes, sources: t.sources, score_metric: t.score_metric,
    scale_min: t.scale_min, scale_max: t.scale_max, criteria: t.criteria, metric_rank: """
    + metric_rank("p", "t", Rel.TARGETS_ACTOR)
    + """}] AS targets_of,
  """
    + SUPPORTERS.format(n="actor")
    + """ AS support,
  """
    + SUPPORTED.format(n="actor")
    + """ AS supports
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
            status=e.get("status") or "unknown",
            planned=e.get("status") == "planned",
            sources=parse_sources(e["sources"]),
        )
        for e in merged.values()
    ]
    return sorted(events, key=lambda e: (e.date is None, e.date or "", e.id))


def _target_order(t: TargetOfPublic) -> tuple:
    return (t.score is None, -(t.score or 0), t.rank is None, t.rank or 0, t.id)


async def get_actor(
    session: AsyncSession, actor_id: str, *, as_of: str | None = None
) -> ActorPublic:
    """One actor; with `as_of` (YYYY[-MM[-DD]]) only the agreements in force then."""
    rows = await read(session, ACTOR_QUERY, id=actor_id, **as_of_params(as_of))
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
            TargetOfPublic(
                **{k: t[k] for k in ("id", "name", "status", "score", "rank")},
                score_detail=score(t),
                notes=t["notes"] or [],
                sources=parse_sources(t["sources"]),
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
        website=a.get("website"),
        description=a.get("description"),
        certainty=a.get("certainty") or "stated",
        basis=a.get("basis"),
        measures=measures(a.get("measures")),
        funded_by=supporters(r["support"], "funded_by"),
        supported_by=supporters(r["support"], "supported_by"),
        supports=supported(r["supports"]),
        notes=a.get("notes") or [],
        sectors=sorted((NamedRef(**s) for s in r["sectors"]), key=lambda s: s.id),
        partnerships=partnerships,
        agreements=agreements,
        events=_events(r["events"]),
        targets_of=targets_of,
        sources=parse_sources(a.get("sources")),
        as_of=as_of,
    )


ACTOR_EXISTS_QUERY = "MATCH (a:Actor {id: $id}) RETURN a.id AS id"


async def ensure_actor(session: AsyncSession, actor_id: str) -> str:
    """The id back when an actor has it; NotFoundError otherwise."""
    if not await read(session, ACTOR_EXISTS_QUERY, id=actor_id):
        raise NotFoundError("actor", actor_id)
    return actor_id
