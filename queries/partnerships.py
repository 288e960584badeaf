"""Partnerships (ESCP-4i partnerships, alliances, networks, projects): the list and one in full."""

from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel

from clustergraph.errors import NotFoundError
from graph.schema.display import COUNTRY_STATUS_ORDER, ROLE_ORDER, TARGET_STATUS_ORDER
from graph.schema.model import Rel
from queries.agreements import (
    AGREEMENT_PROJECTION,
    AgreementPublic,
    NamedRef,
    check_filters,
    to_agreement,
)
from queries.common import Page, SourcePublic, iso, parse_sources, read
from queries.facts import (
    MeasurePublic,
    ScorePublic,
    measures,
    metric_rank,
    score,
    score_order,
)
from queries.support import SUPPORTERS, SupporterPublic, supporters


class TargetCountryBrief(BaseModel):
    code: str
    status: str | None = None


class PartnershipSummaryPublic(BaseModel):
    """A partnership in a list."""

    id: str
    name: str
    kind: str | None = None
    programme: str | None = None
    strand: str | None = None
    start: str | None = None
    end: str | None = None
    sectors: list[str]
    member_count: int
    target_countries: list[TargetCountryBrief]


class PartnershipMemberPublic(BaseModel):
    """An actor in the partnership, with its role (coordinator, lead, partner, ...)."""

    id: str
    name: str
    country: str | None = None
    kind: str | None = None
    role: str
    notes: list[str]
    sources: list[SourcePublic]


class TargetCountryPublic(BaseModel):
    """A third country the partnership considered, selected or prioritised (score if given:
    `score` is its value, `score_detail` its metric, scale, rank and criteria)."""

    code: str
    name: str
    region: str | None = None  # the id of the region targeted within the country (Ohio)
    region_name: str | None = None
    status: str | None = None
    score: float | None = None
    rank: int | None = None
    score_detail: ScorePublic | None = None
    certainty: str = "stated"
    notes: list[str]
    sources: list[SourcePublic]


class TargetPublic(BaseModel):
    """A third-country actor the partnership scored or considered as a target."""

    id: str
    name: str
    country: str | None = None
    kind: str | None = None
    score: float | None = None
    rank: int | None = None
    score_detail: ScorePublic | None = None
    status: str | None = None
    certainty: str = "stated"
    notes: list[str]
    sources: list[SourcePublic]


class RelatedPartnershipPublic(BaseModel):
    """A partnership linked to this one: `relation` is `succeeds` (this one succeeds it),
    `succeeded_by` (it succeeds this one) or `cooperates_with`."""

    id: str
    name: str
    relation: str
    certainty: str = "stated"
    notes: list[str] = []
    sources: list[SourcePublic]


class PartnershipEventPublic(BaseModel):
    """An event held as part of the partnership."""

    id: str
    name: str
    kind: str | None = None
    date: str | None = None
    end_date: str | None = None
    city: str | None = None
    country: str | None = None
    status: str | None = None  # planned | held | cancelled | unknown
    planned: bool = False
    # How the partnership takes part: the event is `part_of` it, or it `organised` or
    # `participated` as a whole.
    role: str = "part_of"
    organisers: list[NamedRef]
    participants: list[NamedRef]
    sources: list[SourcePublic]


class PartnershipPublic(BaseModel):
    """One partnership: members, targets, agreements and events, each with its sources."""

    type: str = "partnership"
    id: str
    name: str
    aliases: list[str]
    kind: str | None = None
    programme: str | None = None
    strand: str | None = None
    start: str | None = None
    end: str | None = None
    website: str | None = None
    description: str | None = None
    certainty: str = "stated"
    basis: str | None = None
    notes: list[str]
    members: list[PartnershipMemberPublic]
    target_countries: list[TargetCountryPublic]
    targets: list[TargetPublic]
    # Agreements signed on the partnership's behalf or with the partnership as a party.
    agreements: list[AgreementPublic]
    events: list[PartnershipEventPublic]
    related: list[RelatedPartnershipPublic] = []
    measures: list[MeasurePublic] = []
    funded_by: list[SupporterPublic] = []
    supported_by: list[SupporterPublic] = []
    sectors: list[NamedRef]
    sources: list[SourcePublic]


PARTNERSHIPS_QUERY = """
MATCH (p:Partnership)
WHERE ($kind IS NULL OR p.kind = $kind)
  AND ($country IS NULL
       OR EXISTS { MATCH (p)-[:TARGETS_COUNTRY]->(:Country {code: $country}) }
       OR EXISTS { MATCH (p)-[:TARGETS_ACTOR]->(:Actor {country: $country}) })
  AND ($sector IS NULL OR EXISTS {
        MATCH (p)-[:ACTIVE_IN]->(:Sector)-[:SUBSECTOR_OF*0..]->(:Sector {id: $sector}) })
WITH p ORDER BY toLower(p.name), p.id
WITH collect(p) AS found
RETURN size(found) AS total,
       [p IN found[$offset..($offset + $limit)] | p {.id, .name, .kind, .programme, .strand,
         .start, .start_precision, .end, .end_precision,
         sectors: [(p)-[:ACTIVE_IN]->(s:Sector) | s.id],
         member_count: COUNT { (p)<-[:MEMBER_OF]-(:Actor) },
         target_countries: [(p)-[t:TARGETS_COUNTRY]->(c:Country) | {code: c.code,
                                                                    status: t.status}]}] AS items
"""


def _country_order(t: Any) -> tuple:
    return (t.score is None, -(t.score or 0), COUNTRY_STATUS_ORDER.get(t.status or "", 9), t.code)


async def list_partnerships(
    session: AsyncSession,
    *,
    country: str | None = None,
    sector: str | None = None,
    kind: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Page[PartnershipSummaryPublic]:
    """Partnerships by name; `country` keeps those that target it, `sector` those active in it
    or in one of its sub-sectors."""
    country = country.upper() if country else None
    await check_filters(session, country=country, sector=sector)
    row = (
        await read(
            session,
            PARTNERSHIPS_QUERY,
            kind=kind,
            country=country,
            sector=sector,
            limit=limit,
            offset=offset,
        )
    )[0]
    items = []
    for p in row["items"]:
        countries = [TargetCountryBrief(**t) for t in p["target_countries"]]
        countries.sort(key=lambda t: (COUNTRY_STATUS_ORDER.get(t.status or "", 9), t.code))
        items.append(
            PartnershipSummaryPublic(
                id=p["id"],
                name=p["name"],
                kind=p["kind"],
                programme=p["programme"],
                strand=p["strand"],
                start=iso(p["start"], p["start_precision"]),
                end=iso(p["end"], p["end_precision"]),
                sectors=sorted(p["sectors"]),
                member_count=p["member_count"],
                target_countries=countries,
            )
        )
    return Page[PartnershipSummaryPublic](
        items=items, total=row["total"], limit=limit, offset=offset
    )


PARTNERSHIP_QUERY = (
    # `partnership`, not `p`: AGREEMENT_PROJECTION binds `a`, `p` and `s` itself.
    """
MATCH (partnership:Partnership {id: $id})
RETURN partnership {.*} AS partnership,
  [(partnership)-[:ACTIVE_IN]->(sector:Sector) | sector {.id, .name}] AS sectors,
  [(m:Actor)-[r:MEMBER_OF]->(partnership) | m {.id, .name, .country, .kind, role: r.role,
    notes: r.notes, sources: r.sources}] AS members,
  [(partnership)-[t:TARGETS_COUNTRY]->(c:Country) | t {code: c.code, name: c.name,
    .status, .score, .rank, .notes, .sources, .region, .score_metric, .scale_min,
    .scale_max, .criteria, .certainty,
    region_name: head(COLLECT { MATCH (g:Region {id: t.region}) RETURN g.name }),
    metric_rank: """
    + metric_rank("partnership", "t", Rel.TARGETS_COUNTRY)
    + """}] AS target_countries,
  [(partnership)-[t:TARGETS_ACTOR]->(x:Actor) | x {.id, .name, .country, .kind,
    status: t.status, score: t.score, rank: t.rank, notes: t.notes, sources: t.sources,
    score_metric: t.score_metric, scale_min: t.scale_min, scale_max: t.scale_max,
    criteria: t.criteria, certainty: t.certainty, metric_rank: """
    + metric_rank("partnership", "t", Rel.TARGETS_ACTOR)
    + """}] AS targets,
  [(g:Agreement)-[:ON_BEHALF_OF|PARTY_TO]-(partnership) | """
    + AGREEMENT_PROJECTION
    + """] AS agreements,
  [(e:Event)-[l:PART_OF|ORGANISED|PARTICIPATED_IN]-(partnership) | e {.id, .name, .kind,
    .date, .date_precision, .status,
    .end_date, .end_date_precision, .city, .country, .sources, role: toLower(type(l)),
    organisers: [(o:Actor|Partnership)-[:ORGANISED]->(e) | o {.id, .name}],
    participants: [(q:Actor|Partnership)-[:PARTICIPATED_IN]->(e) | q {.id, .name}]}] AS events,
  [(partnership)-[l:SUCCEEDS|COOPERATES_WITH]-(o:Partnership) | o {.id, .name,
    relation: CASE WHEN type(l) = 'COOPERATES_WITH' THEN 'cooperates_with'
                   WHEN startNode(l) = partnership THEN 'succeeds' ELSE 'succeeded_by' END,
    certainty: l.certainty, notes: l.notes, sources: l.sources}] AS related,
  """
    + SUPPORTERS.format(n="partnership")
    + """ AS support
"""
)


def _with_sources(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "notes": row.get("notes") or [], "sources": parse_sources(row.get("sources"))}


def _scored(t: dict[str, Any]) -> dict[str, Any]:
    return {
        "status": t.get("status"),
        "score": t.get("score"),
        "rank": t.get("rank"),
        "region": t.get("region"),
        "score_detail": score(t),
        "certainty": t.get("certainty") or "stated",
        "notes": t.get("notes") or [],
        "sources": parse_sources(t.get("sources")),
    }


def _ident(t: dict[str, Any]) -> dict[str, Any]:
    return {k: t.get(k) for k in ("id", "name", "country", "kind")}


def _names(refs: list[dict[str, Any]]) -> list[NamedRef]:
    return sorted((NamedRef(**r) for r in refs), key=lambda r: r.name.casefold())


def _event(e: dict[str, Any]) -> PartnershipEventPublic:
    return PartnershipEventPublic(
        id=e["id"],
        name=e["name"],
        kind=e["kind"],
        date=iso(e["date"], e["date_precision"]),
        end_date=iso(e["end_date"], e["end_date_precision"]),
        city=e["city"],
        country=e["country"],
        status=e.get("status") or "unknown",
        planned=e.get("status") == "planned",
        role={"part_of": "part_of", "organised": "organised"}.get(e["role"], "participated"),
        organisers=_names(e["organisers"]),
        participants=_names(e["participants"]),
        sources=parse_sources(e["sources"]),
    )


async def get_partnership(session: AsyncSession, partnership_id: str) -> PartnershipPublic:
    rows = await read(session, PARTNERSHIP_QUERY, id=partnership_id)
    if not rows:
        raise NotFoundError("partnership", partnership_id)
    r = rows[0]
    p = r["partnership"]
    members = sorted(
        (PartnershipMemberPublic(**_with_sources(m)) for m in r["members"]),
        key=lambda m: (ROLE_ORDER.get(m.role, 99), m.name.casefold()),
    )
    countries = sorted(
        (
            TargetCountryPublic(
                **_scored(t), name=t["name"], code=t["code"], region_name=t["region_name"]
            )
            for t in r["target_countries"]
        ),
        key=_country_order,
    )
    targets = sorted(
        (TargetPublic(**_scored(t), **_ident(t)) for t in r["targets"]),
        key=lambda t: (
            *score_order(t.score_detail, t.rank, ""),
            TARGET_STATUS_ORDER.get(t.status or "", 9),
            t.name.casefold(),
        ),
    )
    agreements = sorted(
        {g["id"]: to_agreement(g) for g in r["agreements"]}.values(),
        key=lambda g: (g.date is None, g.date or "", g.id),
    )
    events = sorted(
        {e["id"]: _event(e) for e in r["events"]}.values(),
        key=lambda e: (e.date is None, e.date or "", e.id),
    )
    related = sorted(
        (
            RelatedPartnershipPublic(
                id=o["id"],
                name=o["name"],
                relation=o["relation"],
                certainty=o.get("certainty") or "stated",
                notes=o.get("notes") or [],
                sources=parse_sources(o.get("sources")),
            )
            for o in r["related"]
        ),
        key=lambda o: (o.relation, o.name.casefold()),
    )
    return PartnershipPublic(
        id=p["id"],
        name=p["name"],
        aliases=p.get("aliases") or [],
        kind=p["kind"],
        programme=p.get("programme"),
        strand=p.get("strand"),
        start=iso(p.get("start"), p.get("start_precision")),
        end=iso(p.get("end"), p.get("end_precision")),
        website=p.get("website"),
        description=p.get("description"),
        certainty=p.get("certainty") or "stated",
        basis=p.get("basis"),
        notes=p.get("notes") or [],
        members=members,
        target_countries=countries,
        targets=targets,
        agreements=agreements,
        events=events,
        related=related,
        measures=measures(p.get("measures")),
        funded_by=supporters(r["support"], "funded_by"),
        supported_by=supporters(r["support"], "supported_by"),
        sectors=sorted((NamedRef(**s) for s in r["sectors"]), key=lambda s: s.id),
        sources=parse_sources(p.get("sources")),
    )
