"""Countries and the cooperation with each: actors located there, partnerships targeting it,
agreements with a party there."""

from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel

from clustergraph.errors import NotFoundError
from graph.schema.display import COUNTRY_STATUS_ORDER
from graph.schema.model import Rel
from queries.agreements import (
    AGREEMENT_PROJECTION,
    IN_FORCE,
    AgreementPublic,
    as_of_params,
    to_agreement,
)
from queries.common import Page, SourcePublic, iso, parse_sources, read
from queries.facts import ScorePublic, metric_rank, score


class CountrySummaryPublic(BaseModel):
    """A country with how much cooperation the graph records for it."""

    code: str
    name: str
    continent: str | None = None
    eu_member: bool | None = None
    actors: int
    partnerships_targeting: int
    agreements: int
    events: int


class ScoringPartnershipPublic(BaseModel):
    """A partnership that scored or considered an actor as a target."""

    id: str
    name: str
    status: str | None = None
    score: float | None = None
    rank: int | None = None
    score_detail: ScorePublic | None = None  # metric, scale, rank, criteria ("700 / 1000")
    sources: list[SourcePublic]


class CountryActorPublic(BaseModel):
    id: str
    name: str
    kind: str | None = None
    region: str | None = None
    city: str | None = None
    sectors: list[str]
    targeted_by: list[ScoringPartnershipPublic]
    sources: list[SourcePublic]


class TargetingPartnershipPublic(BaseModel):
    """A partnership targeting the country: `status` is candidate, selected or priority."""

    id: str
    name: str
    status: str | None = None
    score: float | None = None
    rank: int | None = None
    score_detail: ScorePublic | None = None  # metric, scale, rank ("75.55 / 100, rank 2")
    notes: list[str]
    sources: list[SourcePublic]


class CountryMemberPublic(BaseModel):
    id: str
    name: str
    role: str | None = None


class MemberPartnershipPublic(BaseModel):
    """A partnership with members located in the country."""

    id: str
    name: str
    members: list[CountryMemberPublic]


class CountryEventPublic(BaseModel):
    id: str
    name: str
    kind: str | None = None
    date: str | None = None
    date_precision: str | None = None
    city: str | None = None
    status: str = "unknown"  # planned | held | cancelled | unknown
    sources: list[SourcePublic]


class CountryTotalsPublic(BaseModel):
    """How many of each there are in all; the lists hold at most `limit` of them."""

    actors: int
    partnerships_targeting: int
    partnerships_with_members: int
    agreements: int
    events: int


class CountryRegionPublic(BaseModel):
    """A region of the country (Québec) or a region it lies in (North America)."""

    id: str
    name: str
    kind: str  # subnational | supranational


class CountryPublic(BaseModel):
    code: str
    name: str
    continent: str | None = None
    eu_member: bool | None = None
    regions: list[CountryRegionPublic] = []
    # The date asked (`?as_of=`): only agreements in force then are listed and counted.
    as_of: str | None = None
    limit: int
    totals: CountryTotalsPublic
    truncated: bool  # True when a list holds fewer than its total (raise `limit`, or page)
    actors: list[CountryActorPublic]
    partnerships_targeting: list[TargetingPartnershipPublic]
    partnerships_with_members: list[MemberPartnershipPublic]
    agreements: list[AgreementPublic]
    events: list[CountryEventPublic]


COUNTRIES_QUERY = """
MATCH (c:Country)
WHERE ($continent IS NULL OR c.continent = $continent)
  AND ($eu_member IS NULL OR c.eu_member = $eu_member)
WITH c, {actors: COUNT { (c)<-[:LOCATED_IN]-(:Actor) },
         partnerships_targeting: COUNT { (c)<-[:TARGETS_COUNTRY]-(:Partnership) },
         agreements: COUNT {
           MATCH (c)<-[:LOCATED_IN]-(:Actor)-[:PARTY_TO]->(g:Agreement) RETURN DISTINCT g },
         events: COUNT { (c)<-[:LOCATED_IN]-(:Event) }} AS n
WHERE NOT $active OR n.actors + n.partnerships_targeting + n.agreements + n.events > 0
WITH c, n ORDER BY CASE $sort WHEN 'code' THEN 0 ELSE -n[$sort] END, c.code
WITH collect(c {.code, .name, .continent, .eu_member, actors: n.actors,
     partnerships_targeting: n.partnerships_targeting, agreements: n.agreements,
     events: n.events}) AS rows
RETURN size(rows) AS total, rows[$offset..($offset + $limit)] AS items
"""


async def list_countries(
    session: AsyncSession,
    *,
    continent: str | None = None,
    eu_member: bool | None = None,
    active: bool = False,
    sort: str = "code",
    limit: int = 20,
    offset: int = 0,
) -> Page[CountrySummaryPublic]:
    """Countries (all reference countries, or only those with any link when `active`)."""
    row = (
        await read(
            session,
            COUNTRIES_QUERY,
            continent=continent,
            eu_member=eu_member,
            active=active,
            sort=sort,
            limit=limit,
            offset=offset,
        )
    )[0]
    items = [
        CountrySummaryPublic(**{k: c.get(k) for k in CountrySummaryPublic.model_fields})
        for c in row["items"]
    ]
    return Page[CountrySummaryPublic](items=items, total=row["total"], limit=limit, offset=offset)


# Every list is cut in the query itself, in the order it is shown, and counted in full: a large
# country holds tens of thousands of actors and agreements at 100 times ECCP's size.
COUNTRY_QUERY = (
    """
MATCH (c:Country {code: $code})
RETURN c {.code, .name, .continent, .eu_member,
  regions: [(c)-[:IN_REGION|REGION_OF]-(g:Region) | g {.id, .name, .kind}],
  totals: {
    actors: COUNT { (c)<-[:LOCATED_IN]-(:Actor) },
    partnerships_targeting: COUNT { (c)<-[:TARGETS_COUNTRY]-(:Partnership) },
    partnerships_with_members: COUNT {
      MATCH (c)<-[:LOCATED_IN]-(:Actor)-[:MEMBER_OF]->(p:Partnership) RETURN DISTINCT p },
    agreements: COUNT {
      MATCH (c)<-[:LOCATED_IN]-(:Actor)-[:PARTY_TO]->(g:Agreement) WHERE """
    + IN_FORCE.format(n="g")
    + """ RETURN DISTINCT g },
    events: COUNT { (c)<-[:LOCATED_IN]-(:Event) }
  },
  actors: [a IN COLLECT {
      MATCH (c)<-[:LOCATED_IN]-(a:Actor) RETURN a ORDER BY toLower(a.name), a.id LIMIT $limit } |
    a {.id, .name, .kind, .region, .city, .sources,
    sectors: [(a)-[:ACTIVE_IN]->(s:Sector) | s.id],
    targeted_by: [(p:Partnership)-[t:TARGETS_ACTOR]->(a) | p {.id, .name, status: t.status,
      score: t.score, rank: t.rank, sources: t.sources, score_metric: t.score_metric,
      scale_min: t.scale_min, scale_max: t.scale_max, criteria: t.criteria, metric_rank: """
    + metric_rank("p", "t", Rel.TARGETS_ACTOR)
    + """}]}],
  partnerships_targeting: [x IN COLLECT {
      MATCH (p:Partnership)-[t:TARGETS_COUNTRY]->(c)
      RETURN p {.id, .name, status: t.status, score: t.score, rank: t.rank, notes: t.notes,
                sources: t.sources, score_metric: t.score_metric, scale_min: t.scale_min,
                scale_max: t.scale_max, criteria: t.criteria, metric_rank: """
    + metric_rank("p", "t", Rel.TARGETS_COUNTRY)
    + """} AS x
      ORDER BY CASE t.status WHEN 'priority' THEN 0 WHEN 'selected' THEN 1
                             WHEN 'candidate' THEN 2 ELSE 9 END,
               -coalesce(t.score, 0), p.name
      LIMIT $limit } | x],
  memberships: [p IN COLLECT {
      MATCH (c)<-[:LOCATED_IN]-(:Actor)-[:MEMBER_OF]->(p:Partnership)
      RETURN DISTINCT p ORDER BY p.name, p.id LIMIT $limit } |
    {partnership: p {.id, .name},
     members: [(p)<-[m:MEMBER_OF]-(a:Actor)-[:LOCATED_IN]->(c) |
               {id: a.id, name: a.name, role: m.role}]}],
  agreements: [g IN COLLECT {
      MATCH (c)<-[:LOCATED_IN]-(:Actor)-[:PARTY_TO]->(g:Agreement)
      WHERE """
    + IN_FORCE.format(n="g")
    + """
      RETURN DISTINCT g ORDER BY g.date IS NULL, g.date, g.id LIMIT $limit } | """
    + AGREEMENT_PROJECTION
    + """],
  events: [e IN COLLECT {
      MATCH (c)<-[:LOCATED_IN]-(e:Event)
      RETURN e ORDER BY e.date IS NULL, e.date, e.id LIMIT $limit } |
    e {.id, .name, .kind, .date, .date_precision, .city, .sources,
       status: coalesce(e.status, 'unknown')}]
} AS country
"""
)


def _scored(t: dict[str, Any]) -> dict[str, Any]:
    """A target link's partnership with its status, score on its scale and sources."""
    fields = ("id", "name", "status", "score", "rank")
    return {f: t.get(f) for f in fields} | {
        "score_detail": score(t),
        "sources": parse_sources(t.get("sources")),
    }


def _targeting(p: dict[str, Any]) -> TargetingPartnershipPublic:
    return TargetingPartnershipPublic(**_scored(p), notes=p.get("notes") or [])


def _actor(a: dict[str, Any]) -> CountryActorPublic:
    targeted_by = [ScoringPartnershipPublic(**_scored(t)) for t in a["targeted_by"]]
    return CountryActorPublic(
        id=a["id"],
        name=a["name"],
        kind=a.get("kind"),
        region=a.get("region"),
        city=a.get("city"),
        sectors=sorted(a["sectors"]),
        targeted_by=sorted(targeted_by, key=lambda t: t.id),
        sources=parse_sources(a.get("sources")),
    )


def _member_partnerships(rows: list[dict[str, Any]]) -> list[MemberPartnershipPublic]:
    return [
        MemberPartnershipPublic(
            **row["partnership"],
            members=sorted(
                (CountryMemberPublic(**m) for m in row["members"]), key=lambda m: m.name
            ),
        )
        for row in rows
    ]


async def get_country(
    session: AsyncSession, code: str, *, limit: int = 100, as_of: str | None = None
) -> CountryPublic:
    """Cooperation with one country; `code` is an ISO 3166-1 alpha-2 code, in any case.

    Each list holds at most `limit` items, the first in its order; `totals` counts them all.
    With `as_of` (YYYY[-MM[-DD]]) only the agreements in force then are listed and counted.
    """
    dates = as_of_params(as_of)
    rows = await read(session, COUNTRY_QUERY, code=code.upper(), limit=limit, **dates)
    if not rows:
        raise NotFoundError("country", code.upper())
    c = rows[0]["country"]
    targeting = sorted(
        (_targeting(p) for p in c["partnerships_targeting"]),
        key=lambda p: (COUNTRY_STATUS_ORDER.get(p.status or "", 9), -(p.score or 0), p.name),
    )
    events = sorted(
        (
            CountryEventPublic(
                id=e["id"],
                name=e["name"],
                kind=e.get("kind"),
                date=iso(e.get("date"), e.get("date_precision")),
                date_precision=e.get("date_precision"),
                city=e.get("city"),
                status=e.get("status") or "unknown",
                sources=parse_sources(e.get("sources")),
            )
            for e in c["events"]
        ),
        key=lambda e: (e.date is None, e.date or "", e.id),
    )
    totals = CountryTotalsPublic(**c["totals"])
    return CountryPublic(
        code=c["code"],
        name=c["name"],
        continent=c.get("continent"),
        eu_member=c.get("eu_member"),
        regions=sorted(
            (CountryRegionPublic(**g) for g in c.get("regions") or []),
            key=lambda g: (g.kind, g.name),
        ),
        as_of=as_of,
        limit=limit,
        totals=totals,
        truncated=any(n > limit for n in totals.model_dump().values()),
        actors=sorted((_actor(a) for a in c["actors"]), key=lambda a: a.name.casefold()),
        partnerships_targeting=targeting,
        partnerships_with_members=_member_partnerships(c["memberships"]),
        agreements=[to_agreement(g) for g in c["agreements"]],
        events=events,
    )
