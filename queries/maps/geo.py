"""The geographic map: countries with their actors and the cooperation between countries,
counted in Cypher per pair of countries and kind of evidence (agreements, shared partnerships,
partnership targets). Filters: one partnership (its reach), a sector, one country, years."""

from neo4j import AsyncSession

from clustergraph.errors import InvalidRequestError, NotFoundError
from queries.common import read
from viz.geo_models import (
    GeoCountryPublic,
    GeoDocumentPublic,
    GeoFiltersPublic,
    GeoLinkPublic,
    GeoMapPublic,
)

CHECK_QUERY = """
RETURN $sector IS NULL OR EXISTS { MATCH (:Sector {id: $sector}) } AS sector,
       $country IS NULL OR EXISTS { MATCH (:Country {code: $country}) } AS country,
       $partnership IS NULL OR EXISTS { MATCH (:Partnership {id: $partnership}) } AS partnership,
       COLLECT { MATCH (p:Partnership {id: $partnership}) RETURN coalesce(p.name, p.id) }[0]
         AS partnership_name
"""

# An actor counts when it has a country and is active in the sector (or a sub-sector).
_ACTOR = """a.country IS NOT NULL
  AND ($sector IS NULL OR EXISTS {
        (a)-[:ACTIVE_IN]->(:Sector)-[:SUBSECTOR_OF*0..]->(:Sector {id: $sector}) })"""
# A partnership counts when it runs in the years (ongoing when it has no end).
_RUNNING = """($partnership IS NULL OR p.id = $partnership)
  AND ($year_from IS NULL OR coalesce(p.end, date()).year >= $year_from)
  AND ($year_to IS NULL OR p.start IS NULL OR p.start.year <= $year_to)"""

COUNTRIES_QUERY = (
    """
MATCH (c:Country)
CALL (c) {
  OPTIONAL MATCH (a:Actor {country: c.code})
  WHERE """
    + _ACTOR
    + """
    AND ($partnership IS NULL OR EXISTS { (a)-[:MEMBER_OF]->(:Partnership {id: $partnership}) })
  RETURN count(a) AS actors
}
OPTIONAL MATCH (:Partnership {id: $partnership})-[t:TARGETS_COUNTRY]->(c)
RETURN c.code AS code, c.name AS name, c.continent AS continent, actors,
       t.status AS target_status
ORDER BY code
"""
)

AGREEMENT_LINKS_QUERY = (
    """
MATCH (g:Agreement)
WHERE ($partnership IS NULL OR EXISTS { (g)-[:ON_BEHALF_OF]->(:Partnership {id: $partnership}) })
  AND ($year_from IS NULL OR g.date.year >= $year_from)
  AND ($year_to IS NULL OR g.date.year <= $year_to)
MATCH (a:Actor)-[:PARTY_TO]->(g)
WHERE """
    + _ACTOR
    + """
WITH g, collect(DISTINCT a.country) AS countries
UNWIND countries AS c1
UNWIND countries AS c2
WITH g, c1, c2, size(countries) AS n
WHERE (c1 < c2 OR (n = 1 AND c1 = c2)) AND ($country IS NULL OR $country IN [c1, c2])
RETURN c1 AS source, c2 AS target, 'agreement' AS kind, count(DISTINCT g) AS count,
       collect(DISTINCT g.id) AS via,
       reduce(d = [], s IN collect(g.sources) | d + s) AS sources
ORDER BY source, target
"""
)

MEMBERSHIP_LINKS_QUERY = (
    """
MATCH (a:Actor)-[m:MEMBER_OF]->(p:Partnership)
WHERE $partnership IS NULL AND """
    + _RUNNING
    + " AND "
    + _ACTOR
    + """
WITH p, collect(DISTINCT a.country) AS countries, collect(m.sources) AS sources
UNWIND countries AS c1
UNWIND countries AS c2
WITH p, c1, c2, sources
WHERE c1 < c2 AND ($country IS NULL OR $country IN [c1, c2])
RETURN c1 AS source, c2 AS target, 'membership' AS kind, count(DISTINCT p) AS count,
       collect(DISTINCT p.id) AS via,
       reduce(d = [], s IN collect(sources) | d + reduce(e = [], x IN s | e + x)) AS sources
ORDER BY source, target
"""
)

TARGET_LINKS_QUERY = (
    """
MATCH (p:Partnership)-[t:TARGETS_COUNTRY]->(tc:Country)
WHERE """
    + _RUNNING
    + """
MATCH (a:Actor)-[:MEMBER_OF]->(p)
WHERE a.country <> tc.code AND """
    + _ACTOR
    + """
WITH DISTINCT p, t, a.country AS source, tc.code AS target
WHERE $country IS NULL OR $country IN [source, target]
RETURN source, target, 'target' AS kind, count(DISTINCT p) AS count,
       collect(DISTINCT p.id) AS via, reduce(d = [], s IN collect(t.sources) | d + s) AS sources
ORDER BY source, target
"""
)

DOCUMENTS_QUERY = """
MATCH (d:Document) WHERE d.id IN $ids
RETURN d.id AS id, d.title AS title, d.publisher AS publisher
ORDER BY d.id
"""


def _documents(sources: list[str | None]) -> list[str]:
    return sorted({s.partition("|")[0] for s in sources if s})


def _describe(filters: GeoFiltersPublic) -> str:
    parts = [
        f"partnership {filters.partnership}" if filters.partnership else None,
        f"sector {filters.sector}" if filters.sector else None,
        f"links of {filters.country}" if filters.country else None,
        f"from {filters.year_from}" if filters.year_from else None,
        f"to {filters.year_to}" if filters.year_to else None,
    ]
    return ", ".join(p for p in parts if p) or "all cooperation"


async def geo_map(
    session: AsyncSession,
    *,
    partnership: str | None = None,
    sector: str | None = None,
    country: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> GeoMapPublic:
    """Countries, their actors and the counted links between them, filtered."""
    if year_from and year_to and year_from > year_to:
        raise InvalidRequestError(f"from ({year_from}) is after to ({year_to}).")
    country = country.upper() if country else None
    params = {"sector": sector, "country": country, "partnership": partnership}
    exists = (await read(session, CHECK_QUERY, **params))[0]
    for kind, value in params.items():
        if not exists[kind]:
            raise NotFoundError(kind, value)
    params |= {"year_from": year_from, "year_to": year_to}
    rows = await read(session, COUNTRIES_QUERY, **params)
    countries = {r["code"]: GeoCountryPublic(**r.data()) for r in rows}
    links, sources = [], []
    for query in (AGREEMENT_LINKS_QUERY, MEMBERSHIP_LINKS_QUERY, TARGET_LINKS_QUERY):
        for r in await read(session, query, **params):
            sources += r["sources"]
            if r["source"] == r["target"]:
                countries[r["source"]].domestic_agreements = r["count"]
                continue
            link = GeoLinkPublic(**{k: r[k] for k in ("source", "target", "kind", "count", "via")})
            link.documents = _documents(r["sources"])
            links.append(link)
    if partnership:
        members = {r["code"] for r in rows if r["actors"]}
        for code in members:
            countries[code].member = True
    doc_ids = _documents(sources)
    documents = [
        GeoDocumentPublic(**r.data()) for r in await read(session, DOCUMENTS_QUERY, ids=doc_ids)
    ]
    filters = GeoFiltersPublic(
        partnership=partnership,
        sector=sector,
        country=country,
        year_from=year_from,
        year_to=year_to,
    )
    totals = {
        kind: len({v for link in links if link.kind == kind for v in link.via})
        for kind in ("agreement", "membership", "target")
    }
    totals["countries"] = len({c for link in links for c in (link.source, link.target)})
    totals["actors"] = sum(c.actors for c in countries.values())
    title = (
        f"Reach of {exists['partnership_name']}" if partnership else "Cooperation between countries"
    )
    description = (
        f"{_describe(filters)}: {totals['agreement']} agreement(s) across borders, "
        f"{totals['membership']} "
        f"partnership(s) with members in several countries, {totals['target']} partnership(s) "
        f"targeting countries; {totals['countries']} countries linked."
    )
    return GeoMapPublic(
        title=title,
        description=description,
        filters=filters,
        countries=list(countries.values()),
        links=links,
        documents=documents,
        totals=totals,
    )
