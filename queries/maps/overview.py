"""The overview: every cooperation link (agreement, membership, event) in the graph, narrowed by
sector, country, partnership and years, capped at `limit` nodes (the map says how many were left).
"""

from collections.abc import Sequence
from typing import Any

from neo4j import AsyncSession

from clustergraph.errors import InvalidRequestError, NotFoundError
from queries.agreements import as_of_params, evidence_in_force
from queries.common import read
from queries.links import parse_via, rel_pattern
from queries.maps.build import MapBuilder, proj, rel
from queries.maps.grouped import country_groups, grouped_map, partnership_groups
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
  AND ($events OR NOT e:Event)
  AND ($planned OR NOT ((e:Agreement OR e:Event) AND e.status = 'planned'))
  AND {in_force}
WITH a, r, e,
     CASE WHEN e:Partnership THEN e.start ELSE e.date END AS since,
     CASE WHEN e:Partnership THEN coalesce(e.end, date()) ELSE coalesce(e.end_date, e.date)
     END AS until
WHERE ($year_from IS NULL OR until.year >= $year_from)
  AND ($year_to IS NULL OR since.year <= $year_to)
WITH e, collect({r}) AS links
ORDER BY size(links) DESC, elementId(e)
RETURN collect({{e: {e}, links: links}}) AS items
"""


def _overview_query(kinds) -> str:
    return OVERVIEW_QUERY.format(
        rels=rel_pattern(kinds),
        r=rel("r", actor=proj("a")),
        e=proj("e"),
        in_force=evidence_in_force("e"),
    )


def _filters(sector, country, partnership, year_from, year_to, events, planned, as_of) -> str:
    parts = [
        f"agreements in force as of {as_of}" if as_of else None,
        "no events" if not events else None,
        "no plans" if not planned else None,
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
    via: str | Sequence[str] | None = None,
    group: str = "none",
    expand: str | None = None,
    events: bool = True,
    planned: bool = True,
    as_of: str | None = None,
) -> NetworkMap:
    """Actors and the agreements, partnerships and events linking them, filtered; or grouped
    by country or partnership (`group`), one group opened (`expand`). With `as_of`
    (YYYY[-MM[-DD]]) only the agreements in force then."""
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
    kinds = parse_via(via)
    years = {
        "year_from": year_from,
        "year_to": year_to,
        "events": events,
        "planned": planned,
        **as_of_params(as_of),
    }
    said = _filters(sector, country, partnership, year_from, year_to, events, planned, as_of)
    if group == "country":
        expand = expand.upper() if expand else None
        nodes, edges = await country_groups(session, kinds=kinds, expand=expand, **params, **years)
        opened = f"; {expand} opened into its actors" if expand else ""
        return grouped_map(
            "Cooperation overview by country",
            f"Countries sized by their actors, linked by the agreements, partnerships, events "
            f"and targets they share ({said}{opened}): {len(nodes)} nodes, {len(edges)} links. "
            "Click a country to open it.",
            nodes,
            edges,
        )
    if group == "partnership":
        nodes, edges = await partnership_groups(session, sector=sector, country=country)
        return grouped_map(
            "Cooperation overview by partnership",
            f"Partnerships sized by their members, linked by the members they share "
            f"({said}): {len(nodes)} partnerships, {len(edges)} links.",
            nodes,
            edges,
        )
    row = (await read(session, _overview_query(kinds), **params, **years))[0]
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
    description = f"Cooperation overview ({said}): {out.counts() or 'nothing matches'}." + (
        f" {omitted} node(s) left out (cap {limit}); narrow the filters." if omitted else ""
    )
    return out.build("Cooperation overview", description, omitted=omitted, cap=limit)
