"""One event with who organised it, who took part, the partnership it belongs to and sources."""

from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel

from clustergraph.errors import NotFoundError
from queries.agreements import NamedRef
from queries.common import SourcePublic, iso, parse_sources, read
from queries.facts import MeasurePublic, measures
from queries.support import SUPPORTERS, SupporterPublic, supporters


class EventActorPublic(BaseModel):
    """An actor (or a partnership as a whole, `type`) at the event: `role` is organiser or
    participant, with the sources saying so."""

    id: str
    name: str
    type: str = "actor"  # actor | partnership
    country: str | None = None
    role: str
    sources: list[SourcePublic]


class EventPublic(BaseModel):
    """One event (mission, workshop, conference, ...) and who was there."""

    type: str = "event"
    id: str
    name: str
    kind: str | None = None
    status: str | None = None  # planned | held | cancelled | unknown (when the source says)
    date: str | None = None
    date_precision: str | None = None
    end_date: str | None = None
    city: str | None = None
    country: str | None = None
    country_name: str | None = None
    description: str | None = None
    region: NamedRef | None = None  # the region the event is in (Michigan, Latin America)
    certainty: str = "stated"  # stated | inferred | placeholder
    basis: str | None = None  # why an inferred event is inferred
    measures: list[MeasurePublic] = []
    funded_by: list[SupporterPublic] = []
    supported_by: list[SupporterPublic] = []
    notes: list[str]
    partnership: NamedRef | None = None
    sectors: list[NamedRef]
    actors: list[EventActorPublic]
    sources: list[SourcePublic]


EVENT_QUERY = (
    """
MATCH (e:Event {id: $id})
RETURN e {.*} AS event,
  head([(e)-[:LOCATED_IN]->(c:Country) | c {.code, .name}]) AS country,
  head([(e)-[:PART_OF]->(p:Partnership) | p {.id, .name}]) AS partnership,
  head([(e)-[:IN_REGION]->(g:Region) | g {.id, .name}]) AS region,
  """
    + SUPPORTERS.format(n="e")
    + """ AS support,
  [(e)-[:ACTIVE_IN]->(s:Sector) | s {.id, .name}] AS sectors,
  [(a:Actor|Partnership)-[r:ORGANISED|PARTICIPATED_IN]->(e) | a {.id, .name, .country,
    type: CASE WHEN a:Partnership THEN 'partnership' ELSE 'actor' END,
    role: CASE type(r) WHEN 'ORGANISED' THEN 'organiser' ELSE 'participant' END,
    sources: r.sources}] AS actors
"""
)

_ROLE_ORDER = {"organiser": 0, "participant": 1}


def _actors(rows: list[dict[str, Any]]) -> list[EventActorPublic]:
    actors = [EventActorPublic(**{**a, "sources": parse_sources(a["sources"])}) for a in rows]
    return sorted(actors, key=lambda a: (_ROLE_ORDER[a.role], a.name.casefold(), a.id))


async def get_event(session: AsyncSession, event_id: str) -> EventPublic:
    rows = await read(session, EVENT_QUERY, id=event_id)
    if not rows:
        raise NotFoundError("event", event_id)
    r = rows[0]
    e = r["event"]
    country = r["country"] or {}
    return EventPublic(
        id=e["id"],
        name=e.get("name") or e["id"],
        kind=e.get("kind"),
        status=e.get("status"),
        date=iso(e.get("date"), e.get("date_precision")),
        date_precision=e.get("date_precision"),
        end_date=iso(e.get("end_date"), e.get("end_date_precision")),
        city=e.get("city"),
        country=country.get("code") or e.get("country"),
        country_name=country.get("name"),
        description=e.get("description"),
        region=NamedRef(**r["region"]) if r["region"] else None,
        certainty=e.get("certainty") or "stated",
        basis=e.get("basis"),
        measures=measures(e.get("measures")),
        funded_by=supporters(r["support"], "funded_by"),
        supported_by=supporters(r["support"], "supported_by"),
        notes=e.get("notes") or [],
        partnership=NamedRef(**r["partnership"]) if r["partnership"] else None,
        sectors=sorted((NamedRef(**s) for s in r["sectors"]), key=lambda s: s.id),
        actors=_actors(r["actors"]),
        sources=parse_sources(e.get("sources")),
    )
