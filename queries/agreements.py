"""Agreements (MoUs, cooperation, partnership and business agreements) with their parties.

Also holds what the other date- and filter-driven families share: period bounds for `from`/`to`
and the check that filter ids name something.
"""

import datetime as dt
import json
from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel

from clustergraph.errors import InvalidRequestError, NotFoundError
from graph.schema.dates import PARTIAL_DATE_HELP, parse_partial_date
from queries.common import Page, SourcePublic, iso, parse_sources, read
from queries.support import SUPPORTERS, SupporterPublic, supporters


def date_precision(text: str | None) -> str | None:
    return {1: "year", 2: "month", 3: "day"}[len(text.split("-"))] if text else None


class PartyPublic(BaseModel):
    """A party to an agreement: an actor, or a partnership signing as a whole (`type`)."""

    id: str
    name: str
    type: str = "actor"  # actor | partnership
    country: str | None = None
    kind: str | None = None
    # `placeholder` for a party the source counts but does not name ("SMEs still to be
    # identified"), `inferred` for one the source implies.
    certainty: str = "stated"


class HistoryStepPublic(BaseModel):
    """One dated step of an agreement's life: signed, renewed, amended, expired or planned."""

    date: str | None = None
    date_precision: str | None = None
    event: str
    note: str | None = None
    sources: list[SourcePublic]


class NamedRef(BaseModel):
    id: str
    name: str


class AgreementPublic(BaseModel):
    """An agreement, its parties and what it is about; dates cut to the precision given."""

    type: str = "agreement"
    id: str
    name: str
    title: str | None = None
    kind: str
    status: str
    date: str | None = None
    date_precision: str | None = None
    valid_until: str | None = None
    valid_until_precision: str | None = None
    parties: list[PartyPublic]
    # Members who signed on behalf of a partnership party.
    signatories: list[PartyPublic] = []
    partnership: NamedRef | None = None
    history: list[HistoryStepPublic] = []
    certainty: str = "stated"
    basis: str | None = None
    sectors: list[NamedRef]
    # Who funded or supported it, for which period (issue 13 item 9).
    funded_by: list[SupporterPublic] = []
    supported_by: list[SupporterPublic] = []
    description: str | None = None
    notes: list[str]
    sources: list[SourcePublic]


# ----------------------------------------------------------------------------- shared helpers


def period_bounds(text: str | None, name: str) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of a YYYY, YYYY-MM or YYYY-MM-DD period (None for no bound)."""
    if text is None:
        return None, None
    try:
        period = parse_partial_date(text)
    except ValueError as e:
        raise InvalidRequestError(f"`{name}` {text!r} {e}; use {PARTIAL_DATE_HELP}.") from e
    return period.start, period.end


def date_range(date_from: str | None, date_to: str | None) -> dict[str, Any]:
    """Query parameters for a `from`/`to` filter: an item matches when its dated period
    (a year, a month or a day, as precise as the source) overlaps [from, to]."""
    start, _ = period_bounds(date_from, "from")
    _, end = period_bounds(date_to, "to")
    if start and end and start > end:
        raise InvalidRequestError(f"`from` ({date_from}) is after `to` ({date_to}).")
    return {"date_from": start, "date_to": end}


# The last day an item's date may stand for, given its precision ('2018' stands for all of 2018).
DATE_END = """CASE {n}.date_precision
  WHEN 'year' THEN {n}.date + duration({{years: 1}}) - duration({{days: 1}})
  WHEN 'month' THEN {n}.date + duration({{months: 1}}) - duration({{days: 1}})
  ELSE {n}.date END"""


def date_filter(n: str) -> str:
    """Cypher condition on node variable `n` (a constant chosen in code, never user text)."""
    return (
        f"($date_from IS NULL OR ({n}.date IS NOT NULL AND {DATE_END.format(n=n)} >= "
        f"$date_from))\n  AND ($date_to IS NULL OR ({n}.date IS NOT NULL AND "
        f"{n}.date <= $date_to))"
    )


# An agreement in force at some time in the period [$as_of_start, $as_of_end] (no filter when
# $as_of_start is null): it came into force by the period's end and had not ended before it.
IN_FORCE = """($as_of_start IS NULL OR ({n}.in_force_from IS NOT NULL
      AND {n}.in_force_from <= $as_of_end
      AND ({n}.in_force_until IS NULL OR {n}.in_force_until >= $as_of_start)))"""


def as_of_params(as_of: str | None) -> dict[str, dt.date | None]:
    start, end = period_bounds(as_of, "as_of")
    return {"as_of_start": start, "as_of_end": end}


def evidence_in_force(n: str) -> str:
    """Cypher condition: node `n` is not an agreement, or an agreement in force in the `as_of`
    period (always true without `as_of`). For maps, whose evidence nodes are of every kind."""
    return f"(NOT {n}:Agreement OR {IN_FORCE.format(n=n)})"


FILTERS_QUERY = """
RETURN $actor IS NULL OR EXISTS { MATCH (:Actor {id: $actor}) } AS actor,
       $partnership IS NULL OR EXISTS { MATCH (:Partnership {id: $partnership}) } AS partnership,
       $country IS NULL OR EXISTS { MATCH (:Country {code: $country}) } AS country,
       $sector IS NULL OR EXISTS { MATCH (:Sector {id: $sector}) } AS sector
"""


async def check_filters(session: AsyncSession, **ids: str | None) -> None:
    """Raise NotFoundError for the first filter id (actor, partnership, country, sector) that
    names nothing, so that a typo does not pass for an empty answer."""
    params: dict[str, Any] = {k: ids.get(k) for k in ("actor", "partnership", "country", "sector")}
    if all(v is None for v in params.values()):
        return
    row = (await read(session, FILTERS_QUERY, **params))[0]
    for kind, value in params.items():
        if value is not None and not row[kind]:
            raise NotFoundError(kind, value)


# ----------------------------------------------------------------------------- agreements


def history_steps(values: list[str] | None) -> list[HistoryStepPublic]:
    """History entries (JSON strings, one per step and source) merged by step, in date order."""
    steps: dict[tuple, dict[str, Any]] = {}
    for value in values or []:
        entry = json.loads(value)
        key = (entry.get("date"), entry["event"])
        step = steps.setdefault(key, {**entry, "sources": []})
        step["sources"].append(entry["source"])
    out = [
        HistoryStepPublic(
            date=s.get("date"),
            date_precision=date_precision(s.get("date")),
            event=s["event"],
            note=s.get("note"),
            sources=parse_sources(s["sources"]),
        )
        for s in steps.values()
    ]
    return sorted(out, key=lambda s: (s.date is None, s.date or ""))


# Map projection of one agreement `g`, with parties, partnership and sectors.
AGREEMENT_PROJECTION = (
    """g {.*,
    parties: [(a:Actor|Partnership)-[:PARTY_TO]->(g) | a {.id, .name, .country, .kind,
              type: CASE WHEN a:Partnership THEN 'partnership' ELSE 'actor' END,
              certainty: coalesce(a.certainty, 'stated')}],
    signatories: [(a:Actor)-[:SIGNED_FOR]->(g) | a {.id, .name, .country, .kind}],
    partnership: head([(g)-[:ON_BEHALF_OF]->(p:Partnership) | p {.id, .name}]),
    sectors: [(g)-[:ACTIVE_IN]->(s:Sector) | s {.id, .name}],
    support: """
    + SUPPORTERS.format(n="g")
    + """}"""
)

AGREEMENT_SORTS = ("date", "-date", "name", "kind", "status")

AGREEMENTS_QUERY = (
    """
MATCH (g:Agreement)
WHERE ($kind IS NULL OR g.kind = $kind)
  AND ($status IS NULL OR g.status = $status)
  AND ($actor IS NULL OR EXISTS { MATCH (:Actor {id: $actor})-[:PARTY_TO]->(g) })
  AND ($partnership IS NULL OR EXISTS {
        MATCH (g)-[:ON_BEHALF_OF]->(:Partnership {id: $partnership}) })
  AND ($country IS NULL OR EXISTS {
        MATCH (:Country {code: $country})<-[:LOCATED_IN]-(:Actor)-[:PARTY_TO]->(g) })
  AND ($sector IS NULL OR EXISTS {
        MATCH (g)-[:ACTIVE_IN]->(:Sector)-[:SUBSECTOR_OF*0..]->(:Sector {id: $sector}) })
  AND """
    + date_filter("g")
    + """
  AND """
    + IN_FORCE.format(n="g")
    + """
WITH g ORDER BY
  CASE $sort WHEN 'name' THEN toLower(coalesce(g.name, g.id)) WHEN 'kind' THEN g.kind
             WHEN 'status' THEN g.status END,
  g.date IS NULL, CASE WHEN $sort = '-date' THEN g.date END DESC, g.date, g.id
WITH collect(g) AS found
RETURN size(found) AS total,
       [g IN found[$offset..($offset + $limit)] | """
    + AGREEMENT_PROJECTION
    + """] AS items
"""
)

AGREEMENT_QUERY = (
    """
MATCH (g:Agreement {id: $id})
RETURN """
    + AGREEMENT_PROJECTION
    + """ AS item
"""
)


def to_agreement(row: dict[str, Any]) -> AgreementPublic:
    """An AgreementPublic from AGREEMENT_PROJECTION's map."""
    return AgreementPublic(
        id=row["id"],
        name=row.get("name") or row["id"],
        title=row.get("title"),
        kind=row["kind"],
        status=row["status"],
        date=iso(row.get("date"), row.get("date_precision")),
        date_precision=row.get("date_precision"),
        valid_until=iso(row.get("valid_until"), row.get("valid_until_precision")),
        valid_until_precision=row.get("valid_until_precision"),
        parties=sorted((PartyPublic(**p) for p in row["parties"]), key=lambda p: p.name),
        signatories=sorted(
            (PartyPublic(**p) for p in row.get("signatories") or []), key=lambda p: p.name
        ),
        history=history_steps(row.get("history")),
        certainty=row.get("certainty") or "stated",
        basis=row.get("basis"),
        partnership=NamedRef(**row["partnership"]) if row.get("partnership") else None,
        sectors=sorted((NamedRef(**s) for s in row["sectors"]), key=lambda s: s.id),
        funded_by=supporters(row.get("support"), "funded_by"),
        supported_by=supporters(row.get("support"), "supported_by"),
        description=row.get("description"),
        notes=row.get("notes") or [],
        sources=parse_sources(row.get("sources")),
    )


async def list_agreements(
    session: AsyncSession,
    *,
    kind: str | None = None,
    status: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    partnership: str | None = None,
    actor: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    as_of: str | None = None,
    sort: str = "date",
    limit: int = 20,
    offset: int = 0,
) -> Page[AgreementPublic]:
    """Agreements matching every filter given, by date (undated last), then id; `sort` (one of
    AGREEMENT_SORTS) orders by newest first, or by name, kind or status, then date."""
    if sort not in AGREEMENT_SORTS:
        raise InvalidRequestError(f"`sort` must be one of {', '.join(AGREEMENT_SORTS)}.")
    country = country.upper() if country else None
    dates = date_range(date_from, date_to)
    await check_filters(
        session, actor=actor, partnership=partnership, country=country, sector=sector
    )
    row = (
        await read(
            session,
            AGREEMENTS_QUERY,
            kind=kind,
            status=status,
            actor=actor,
            partnership=partnership,
            country=country,
            sector=sector,
            sort=sort,
            limit=limit,
            offset=offset,
            **dates,
            **as_of_params(as_of),
        )
    )[0]
    return Page[AgreementPublic](
        items=[to_agreement(g) for g in row["items"]],
        total=row["total"],
        limit=limit,
        offset=offset,
    )


async def get_agreement(session: AsyncSession, agreement_id: str) -> AgreementPublic:
    rows = await read(session, AGREEMENT_QUERY, id=agreement_id)
    if not rows:
        raise NotFoundError("agreement", agreement_id)
    return to_agreement(rows[0]["item"])
