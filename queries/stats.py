"""Counts over the whole graph: by type, country, kind, sector, year, status, document."""

from neo4j import AsyncSession
from pydantic import BaseModel

from graph.schema.model import AGREEMENT_KINDS, AGREEMENT_STATUSES, Label, Rel
from queries.common import read
from queries.documents import DocumentPublic, document_counts

# Public count names and the labels they count (from the allow-list).
COUNTED: dict[str, Label] = {
    "actors": Label.ACTOR,
    "partnerships": Label.PARTNERSHIP,
    "agreements": Label.AGREEMENT,
    "events": Label.EVENT,
    "countries": Label.COUNTRY,
    "sectors": Label.SECTOR,
    "documents": Label.DOCUMENT,
}


class CountryCount(BaseModel):
    code: str | None  # None: actors whose country the source does not give
    name: str | None
    count: int


class KindCount(BaseModel):
    kind: str | None
    count: int


class SectorCount(BaseModel):
    """Nodes directly ACTIVE_IN the sector (sub-sectors are counted under their own id)."""

    id: str
    name: str
    parent: str | None = None
    actors: int
    partnerships: int
    agreements: int
    events: int


class YearCount(BaseModel):
    year: int | None  # None: undated
    count: int


class StatsPublic(BaseModel):
    counts: dict[str, int]  # placeholders (unnamed parties) left out
    placeholders: dict[str, int]  # the placeholder records, counted apart
    relationships: dict[str, int]
    actors_by_country: list[CountryCount]
    actors_by_kind: list[KindCount]
    by_sector: list[SectorCount]
    agreements_per_year: list[YearCount]
    agreements_by_status: dict[str, int]
    agreements_by_kind: dict[str, int]
    events_per_year: list[YearCount]
    documents: list[DocumentPublic]


# Labels are written from COUNTED, an allow-list built from the schema enum.
# Placeholders (unnamed SMEs a report counts) are not counted as records: they are counted
# apart, in `placeholders` (a map: type -> count, for the types that can be placeholders).
PLACEHOLDER_TYPES = ("actors", "partnerships", "agreements", "events")
COUNTS_QUERY = (
    "RETURN "
    + ", ".join(
        f"COUNT {{ (n:{label.value}) WHERE n.certainty IS NULL OR n.certainty <> 'placeholder' }}"
        f" AS {name}"
        for name, label in COUNTED.items()
    )
    + ", {"
    + ", ".join(
        f"{name}: COUNT {{ (n:{COUNTED[name].value}) WHERE n.certainty = 'placeholder' }}"
        for name in PLACEHOLDER_TYPES
    )
    + "} AS placeholders"
)

RELATIONSHIPS_QUERY = """
MATCH ()-[r]->() WHERE type(r) IN $rels
RETURN type(r) AS type, count(r) AS n ORDER BY type
"""

ACTORS_BY_COUNTRY_QUERY = """
MATCH (a:Actor) WHERE a.certainty IS NULL OR a.certainty <> 'placeholder'
OPTIONAL MATCH (a)-[:LOCATED_IN]->(c:Country)
RETURN c.code AS code, c.name AS name, count(a) AS count
ORDER BY count DESC, code
"""

ACTORS_BY_KIND_QUERY = """
MATCH (a:Actor) WHERE a.certainty IS NULL OR a.certainty <> 'placeholder'
RETURN a.kind AS kind, count(a) AS count ORDER BY count DESC, kind
"""

BY_SECTOR_QUERY = """
MATCH (s:Sector)
RETURN s.id AS id, s.name AS name, s.parent AS parent,
       COUNT { (s)<-[:ACTIVE_IN]-(:Actor) } AS actors,
       COUNT { (s)<-[:ACTIVE_IN]-(:Partnership) } AS partnerships,
       COUNT { (s)<-[:ACTIVE_IN]-(:Agreement) } AS agreements,
       COUNT { (s)<-[:ACTIVE_IN]-(:Event) } AS events
ORDER BY actors + partnerships + agreements + events DESC, id
"""

AGREEMENTS_PER_YEAR_QUERY = """
MATCH (g:Agreement)
RETURN g.date.year AS year, count(g) AS count ORDER BY year IS NULL, year
"""

AGREEMENTS_BY_QUERY = """
MATCH (g:Agreement)
RETURN g.status AS status, g.kind AS kind, count(g) AS count
"""

EVENTS_PER_YEAR_QUERY = """
MATCH (e:Event)
RETURN e.date.year AS year, count(e) AS count ORDER BY year IS NULL, year
"""


async def stats(session: AsyncSession) -> StatsPublic:
    counts = dict((await read(session, COUNTS_QUERY))[0])
    placeholders = counts.pop("placeholders")
    rels = await read(session, RELATIONSHIPS_QUERY, rels=[r.value for r in Rel])
    by_status = dict.fromkeys(AGREEMENT_STATUSES, 0)
    by_kind = dict.fromkeys(AGREEMENT_KINDS, 0)
    for row in await read(session, AGREEMENTS_BY_QUERY):
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["count"]
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["count"]
    return StatsPublic(
        counts=counts,
        placeholders=placeholders,
        relationships={row["type"]: row["n"] for row in rels},
        actors_by_country=[CountryCount(**r) for r in await read(session, ACTORS_BY_COUNTRY_QUERY)],
        actors_by_kind=[KindCount(**r) for r in await read(session, ACTORS_BY_KIND_QUERY)],
        by_sector=[SectorCount(**r) for r in await read(session, BY_SECTOR_QUERY)],
        agreements_per_year=[
            YearCount(**r) for r in await read(session, AGREEMENTS_PER_YEAR_QUERY)
        ],
        agreements_by_status=by_status,
        agreements_by_kind=by_kind,
        events_per_year=[YearCount(**r) for r in await read(session, EVENTS_PER_YEAR_QUERY)],
        documents=await document_counts(session),
    )
