"""Agreements and events in date order, for an actor, a partnership, a country or everything."""

from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel

from queries.agreements import NamedRef, check_filters, date_filter, date_range
from queries.common import Page, SourcePublic, iso, parse_sources, read


class TimelineActorPublic(BaseModel):
    """An actor involved: `role` is party (agreements), organiser or participant (events)."""

    id: str
    name: str
    country: str | None = None
    role: str
    type: str = "actor"  # or "partnership" (a partnership party, organiser or participant)


class TimelineItemPublic(BaseModel):
    type: str  # "agreement" or "event"
    id: str
    name: str
    kind: str | None = None
    date: str | None = None
    date_precision: str | None = None
    end_date: str | None = None
    # Agreements: planned | signed | renewed | expired; events: planned | held | cancelled |
    # unknown. `planned`: the item is a plan at the time of its source, not a fact.
    status: str | None = None
    planned: bool = False
    certainty: str = "stated"
    city: str | None = None  # events only
    country: str | None = None  # events only: where it was held
    partnership: NamedRef | None = None
    actors: list[TimelineActorPublic]
    sources: list[SourcePublic]


# Agreements: the actor is a party; the partnership is the one it was signed on behalf of; the
# country is where a party is located. Events: the actor organised or took part; the partnership
# is the one the event belongs to; the country is where it was held or where an organiser or
# participant is located.
TIMELINE_QUERY = (
    """
CALL () {
  MATCH (n:Agreement)
  WHERE $agreements
    AND ($actor IS NULL OR EXISTS { MATCH (:Actor {id: $actor})-[:PARTY_TO]->(n) })
    AND ($partnership IS NULL OR EXISTS {
          MATCH (n)-[:ON_BEHALF_OF]->(:Partnership {id: $partnership}) }
         OR EXISTS { MATCH (:Partnership {id: $partnership})-[:PARTY_TO]->(n) })
    AND ($country IS NULL OR EXISTS {
          MATCH (:Country {code: $country})<-[:LOCATED_IN]-(:Actor)-[:PARTY_TO]->(n) })
    AND """
    + date_filter("n")
    + """
  RETURN 'agreement' AS type, n,
         [(a:Actor|Partnership)-[:PARTY_TO]->(n) | a {.id, .name, .country, role: 'party',
           type: CASE WHEN a:Partnership THEN 'partnership' ELSE 'actor' END}]
           AS actors,
         head([(n)-[:ON_BEHALF_OF]->(p:Partnership) | p {.id, .name}]) AS partnership
  UNION ALL
  MATCH (n:Event)
  WHERE $events
    AND ($actor IS NULL OR EXISTS {
          MATCH (:Actor {id: $actor})-[:ORGANISED|PARTICIPATED_IN]->(n) })
    AND ($partnership IS NULL OR EXISTS {
          MATCH (n)-[:PART_OF]->(:Partnership {id: $partnership}) }
         OR EXISTS {
          MATCH (:Partnership {id: $partnership})-[:ORGANISED|PARTICIPATED_IN]->(n) })
    AND ($country IS NULL OR EXISTS { MATCH (n)-[:LOCATED_IN]->(:Country {code: $country}) }
         OR EXISTS { MATCH (:Country {code: $country})<-[:LOCATED_IN]-(:Actor)
                           -[:ORGANISED|PARTICIPATED_IN]->(n) })
    AND """
    + date_filter("n")
    + """
  RETURN 'event' AS type, n,
         [(a:Actor|Partnership)-[r:ORGANISED|PARTICIPATED_IN]->(n) | a {.id, .name, .country,
           role: CASE type(r) WHEN 'ORGANISED' THEN 'organiser' ELSE 'participant' END,
           type: CASE WHEN a:Partnership THEN 'partnership' ELSE 'actor' END}]
           AS actors,
         head([(n)-[:PART_OF]->(p:Partnership) | p {.id, .name}]) AS partnership
}
WITH type, n, actors, partnership ORDER BY n.date IS NULL, n.date, type, n.id
WITH collect({type: type, n: n {.*}, actors: actors, partnership: partnership}) AS found
RETURN size(found) AS total, found[$offset..($offset + $limit)] AS items
"""
)

_ROLE_ORDER = {"party": 0, "organiser": 1, "participant": 2}


def _actors(rows: list[dict[str, Any]]) -> list[TimelineActorPublic]:
    """One entry per actor (an organiser who also took part is listed as organiser)."""
    best: dict[str, dict[str, Any]] = {}
    for row in rows:
        seen = best.get(row["id"])
        if seen is None or _ROLE_ORDER[row["role"]] < _ROLE_ORDER[seen["role"]]:
            best[row["id"]] = row
    actors = [TimelineActorPublic(**row) for row in best.values()]
    return sorted(actors, key=lambda a: (_ROLE_ORDER[a.role], a.name.casefold()))


def _item(row: dict[str, Any]) -> TimelineItemPublic:
    n = row["n"]
    event = row["type"] == "event"
    return TimelineItemPublic(
        type=row["type"],
        id=n["id"],
        name=n.get("name") or n["id"],
        kind=n.get("kind"),
        date=iso(n.get("date"), n.get("date_precision")),
        date_precision=n.get("date_precision"),
        end_date=iso(n.get("end_date"), n.get("end_date_precision")) if event else None,
        status=n.get("status") or ("unknown" if event else None),
        planned=n.get("status") == "planned",
        certainty=n.get("certainty") or "stated",
        city=n.get("city") if event else None,
        country=n.get("country") if event else None,
        partnership=NamedRef(**row["partnership"]) if row["partnership"] else None,
        actors=_actors(row["actors"]),
        sources=parse_sources(n.get("sources")),
    )


async def timeline(
    session: AsyncSession,
    *,
    actor: str | None = None,
    partnership: str | None = None,
    country: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    types: tuple[str, ...] = ("agreement", "event"),
    limit: int = 100,
    offset: int = 0,
) -> Page[TimelineItemPublic]:
    """Agreements and events matching every filter given, by date (undated last)."""
    country = country.upper() if country else None
    dates = date_range(date_from, date_to)
    await check_filters(session, actor=actor, partnership=partnership, country=country)
    row = (
        await read(
            session,
            TIMELINE_QUERY,
            actor=actor,
            partnership=partnership,
            country=country,
            agreements="agreement" in types,
            events="event" in types,
            limit=limit,
            offset=offset,
            **dates,
        )
    )[0]
    return Page[TimelineItemPublic](
        items=[_item(i) for i in row["items"]], total=row["total"], limit=limit, offset=offset
    )
