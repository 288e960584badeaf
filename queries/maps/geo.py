"""The geographic map: countries with their actors and the cooperation between countries,
counted in Cypher per pair of countries and kind of evidence (agreements, shared partnerships,
partnership targets). Filters: one partnership (its reach), a sector, one country, years."""

from collections import Counter
from typing import Any

from neo4j import AsyncSession

from clustergraph.errors import NotFoundError
from graph.schema.derived import ACTOR_COUNTRIES
from queries.agreements import IN_FORCE, as_of_params, date_filter, date_range
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

# Each pair's documents: one list per agreement or partnership, merged without duplicates (the
# accumulator holds a handful of document ids, so this stays linear).
# An actor counts when it has a country and is active in the sector (or a sub-sector).
_ACTOR = """a.country IS NOT NULL
  AND ($sector IS NULL OR EXISTS {
        (a)-[:ACTIVE_IN]->(:Sector)-[:SUBSECTOR_OF*0..]->(:Sector {id: $sector}) })"""
# A partnership counts when it runs in [from, to] (ongoing when it has no end; '2020' as an
# end stands for the whole of 2020).
_RUNNING = """($partnership IS NULL OR p.id = $partnership)
  AND ($date_from IS NULL OR coalesce(CASE p.end_precision
        WHEN 'year' THEN p.end + duration({years: 1}) - duration({days: 1})
        WHEN 'month' THEN p.end + duration({months: 1}) - duration({days: 1})
        ELSE p.end END, date()) >= $date_from)
  AND ($date_to IS NULL OR p.start IS NULL OR p.start <= $date_to)"""

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

# Each agreement's countries: without a sector its stored `actor_countries` (sorted, distinct;
# graph/schema/derived.py), so no party is expanded; with one, its parties in the sector.
STORED_COUNTRIES = f"g.{ACTOR_COUNTRIES}"
LIVE_COUNTRIES = (
    """COLLECT { MATCH (a:Actor)-[:PARTY_TO]->(g) WHERE """
    + _ACTOR
    + """
  RETURN DISTINCT a.country AS code ORDER BY code }"""
)
# Pairs i < j of the sorted list (an agreement within one country: the pair (c, c)).
AGREEMENT_LINKS_QUERY = (
    """
MATCH (g:Agreement)
WHERE ($partnership IS NULL OR EXISTS { (g)-[:ON_BEHALF_OF]->(:Partnership {id: $partnership}) })
  AND ($planned OR g.status IS NULL OR g.status <> 'planned')
  AND """
    + date_filter("g")
    + """
  AND """
    + IN_FORCE.format(n="g")
    + """
WITH g, {countries} AS countries
WHERE size(countries) > 0 AND ($country IS NULL OR $country IN countries)
WITH g, countries, size(countries) AS n, [s IN coalesce(g.sources, []) | split(s, '|')[0]] AS docs
UNWIND range(0, n - 1) AS i
UNWIND range(CASE WHEN n = 1 THEN 0 ELSE i + 1 END, n - 1) AS j
WITH g, countries[i] AS c1, countries[j] AS c2, docs
WHERE $country IS NULL OR $country IN [c1, c2]
RETURN c1 AS source, c2 AS target, 'agreement' AS kind, count(*) AS count,
       collect(g.id) AS via,
       [reduce(acc = [], l IN collect(docs) | acc + [d IN l WHERE NOT d IN acc])] AS docs
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
WITH p, collect(DISTINCT a.country) AS countries,
     [s IN reduce(d = [], x IN collect(m.sources) | d + coalesce(x, [])) | split(s, '|')[0]]
       AS docs
UNWIND countries AS c1
UNWIND countries AS c2
WITH p, c1, c2, docs
WHERE c1 < c2 AND ($country IS NULL OR $country IN [c1, c2])
RETURN c1 AS source, c2 AS target, 'membership' AS kind, count(DISTINCT p) AS count,
       collect(DISTINCT p.id) AS via,
       [reduce(acc = [], l IN collect(docs) | acc + [d IN l WHERE NOT d IN acc])] AS docs
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
       collect(DISTINCT p.id) AS via,
       [reduce(acc = [], l IN collect([s IN coalesce(t.sources, []) | split(s, '|')[0]])
               | acc + [d IN l WHERE NOT d IN acc])] AS docs
ORDER BY source, target
"""
)

DOCUMENTS_QUERY = """
MATCH (d:Document) WHERE d.id IN $ids
RETURN d.id AS id, d.title AS title, d.publisher AS publisher
ORDER BY d.id
"""


def _documents(docs: list[list[str]]) -> list[str]:
    """Document ids, from one list per agreement or partnership."""
    return sorted({d for ids in docs for d in ids if d})


def _describe(filters: GeoFiltersPublic) -> str:
    parts = [
        f"partnership {filters.partnership}" if filters.partnership else None,
        f"sector {filters.sector}" if filters.sector else None,
        f"links of {filters.country}" if filters.country else None,
        f"from {filters.date_from}" if filters.date_from else None,
        f"to {filters.date_to}" if filters.date_to else None,
        None if filters.include_planned else "plans left out",
        f"agreements in force as of {filters.as_of}" if filters.as_of else None,
    ]
    text = ", ".join(p for p in parts if p) or "all cooperation"
    return text[0].upper() + text[1:]


async def geo_map(
    session: AsyncSession,
    *,
    partnership: str | None = None,
    sector: str | None = None,
    country: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    include_planned: bool = True,
    as_of: str | None = None,
) -> GeoMapPublic:
    """Countries, their actors and the counted links between them, filtered. `date_from` and
    `date_to` are partial dates (YYYY, YYYY-MM, YYYY-MM-DD): agreements dated in the period,
    partnerships running during it; `as_of` (the same form): only agreements in force then.
    Without `include_planned`, planned agreements are not counted."""
    dates = date_range(date_from, date_to) | as_of_params(as_of)
    country = country.upper() if country else None
    params: dict[str, Any] = {"sector": sector, "country": country, "partnership": partnership}
    exists = (await read(session, CHECK_QUERY, **params))[0]
    for kind, value in params.items():
        if not exists[kind]:
            raise NotFoundError(kind, str(value))
    params |= dates | {"planned": include_planned}
    rows = await read(session, COUNTRIES_QUERY, **params)
    countries = {r["code"]: GeoCountryPublic(**r.data()) for r in rows}
    links, sources = [], []
    countries_of = LIVE_COUNTRIES if sector else STORED_COUNTRIES
    agreements = AGREEMENT_LINKS_QUERY.replace("{countries}", countries_of)
    for query in (agreements, MEMBERSHIP_LINKS_QUERY, TARGET_LINKS_QUERY):
        for r in await read(session, query, **params):
            sources += r["docs"]
            if r["source"] == r["target"]:
                countries[r["source"]].domestic_agreements = r["count"]
                continue
            link = GeoLinkPublic(**{k: r[k] for k in ("source", "target", "kind", "count", "via")})
            link.documents = _documents(r["docs"])
            links.append(link)
    if partnership:
        for code in {r["code"] for r in rows if r["actors"]}:
            countries[code].member = True
    doc_ids = _documents(sources)
    documents = [
        GeoDocumentPublic(**r.data()) for r in await read(session, DOCUMENTS_QUERY, ids=doc_ids)
    ]
    filters = GeoFiltersPublic(
        partnership=partnership,
        sector=sector,
        country=country,
        date_from=date_from,
        date_to=date_to,
        include_planned=include_planned,
        as_of=as_of,
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
    if partnership:
        member_countries = [c for c in countries.values() if c.member]
        statuses = Counter(c.target_status for c in countries.values() if c.target_status)
        description = (
            f"{_describe(filters)}: {totals['actors']} member(s) in {len(member_countries)} "
            f"country(ies); {sum(statuses.values())} target country(ies) ("
            + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
            + f"); {totals['agreement']} agreement(s) across borders on its behalf."
        )
    else:
        description = (
            f"{_describe(filters)}: {totals['agreement']} agreement(s) across borders, "
            f"{totals['membership']} partnership(s) with members in several countries, "
            f"{totals['target']} partnership(s) targeting countries; "
            f"{totals['countries']} countries linked."
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
