"""The overview: every cooperation link (agreement, membership, event) in the graph, narrowed by
sector, country, partnership and years, capped at `limit` nodes (the map says how many were left).
"""

from typing import Any

from neo4j import AsyncSession

from clustergraph.errors import InvalidRequestError, NotFoundError
from graph.schema.model import DEFAULT_LINKS
from queries.common import read
from queries.links import rel_pattern
from queries.maps.build import MapBuilder, proj, rel
from viz.models import NetworkMap

DEFAULT_OVERVIEW_NODES = 1000
MAX_OVERVIEW_NODES = 10000

CHECK_QUERY = """
RETURN $sector IS NULL OR EXISTS { MATCH (:Sector {id: $sector}) } AS sector,
       $country IS NULL OR EXISTS { MATCH (:Country {code: $country}) } AS country,
       $partnership IS NULL OR EXISTS { MATCH (:Partnership {id: $partnership}) } AS partnership
"""

# Evidence (agreement, partnership, event) with its actors, the best-connected first. Dates:
# an agreement's or event's date; a partnership runs from `start` to `end` (ongoing if none).
OVERVIEW_QUERY = """
MATCH (a:Actor)-[r:{rels}]->(e)
WHERE ($country IS NULL OR a.country = $country)
  AND ($sector IS NULL OR EXISTS {{
        (a)-[:ACTIVE_IN]->(:Sector)-[:SUBSECTOR_OF*0..]->(:Sector {{id: $sector}}) }})
  AND ($partnership IS NULL OR (e:Partnership AND e.id = $partnership)
       OR EXISTS {{ (e)-[:ON_BEHALF_OF|PART_OF]->(:Partnership {{id: $partnership}}) }})
WITH a, r, e,
     CASE WHEN e:Partnership THEN e.start ELSE e.date END AS since,
     CASE WHEN e:Partnership THEN coalesce(e.end, date()) ELSE coalesce(e.end_date, e.date)
     END AS until
WHERE ($year_from IS NULL OR until.year >= $year_from)
  AND ($year_to IS NULL OR since.year <= $year_to)
WITH e, collect({r}) AS links
ORDER BY size(links) DESC, elementId(e)
RETURN collect({{e: {e}, links: links}}) AS items
""".format(rels=rel_pattern(DEFAULT_LINKS), r=rel("r", actor=proj("a")), e=proj("e"))


def _filters(sector, country, partnership, year_from, year_to) -> str:
    parts = [
        f"sector {sector}" if sector else None,
        f"actors in {country}" if country else None,
        f"partnership {partnership}" if partnership else None,
        f"from {year_from}" if year_from else None,
        f"to {year_to}" if year_to else None,
    ]
    return ", ".join(p for p in parts if p) or "no filter"


async def overview_map(
    session: AsyncSession,
    *,
    sector: str | None = None,
    country: str | None = None,
    partnership: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    limit: int = DEFAULT_OVERVIEW_NODES,
) -> NetworkMap:
    """Actors and the agreements, partnerships and events linking them, filtered."""
    if year_from and year_to and year_from > year_to:
        raise InvalidRequestError(f"year_from ({year_from}) is after year_to ({year_to}).")
    if not 1 <= limit <= MAX_OVERVIEW_NODES:
        raise InvalidRequestError(f"limit must be between 1 and {MAX_OVERVIEW_NODES}.")
    country = country.upper() if country else None
    params: dict[str, Any] = {"sector": sector, "country": country, "partnership": partnership}
    exists = (await read(session, CHECK_QUERY, **params))[0]
    for kind, value in params.items():
        if not exists[kind]:
            raise NotFoundError(kind, value)
    row = (await read(session, OVERVIEW_QUERY, **params, year_from=year_from, year_to=year_to))[0]
    out, left_out = MapBuilder(), set()
    for item in row["items"]:
        e = item["e"]
        new = {f"actor:{x['actor']['id']}" for x in item["links"]} | {f"{e['type']}:{e['id']}"}
        new -= out.nodes.keys()
        if len(out.nodes) + len(new) > limit:
            left_out |= new
            continue
        for link in item["links"]:
            out.link(link["actor"], e, link)
    omitted = len(left_out - out.nodes.keys())
    description = (
        f"Cooperation overview ({_filters(sector, country, partnership, year_from, year_to)}): "
        f"{out.counts() or 'nothing matches'}."
        + (f" {omitted} node(s) left out (cap {limit}); narrow the filters." if omitted else "")
    )
    return out.build("Cooperation overview", description, omitted=omitted, cap=limit)
