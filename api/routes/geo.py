"""GET /maps/geo: the geographic map of the cooperation between countries, as an offline HTML
page, a standalone SVG, a PNG for reports, or its data (JSON)."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from api.deps import SessionDep
from api.errors import not_found
from api.params import AsOf, DateFrom, DateTo, country_query, id_query
from queries.maps.geo import geo_map
from viz.geo import render_geo_svg
from viz.geo_models import GeoMapPublic
from viz.geo_page import render_geo_html
from viz.raster import svg_to_png

router = APIRouter(tags=["maps"])

GeoFormat = Annotated[
    Literal["html", "svg", "png", "json"],
    Query(
        description="`html` (default): the interactive page; `svg`: the same map as one SVG "
        "file; `png`: a 2560 × 1440 image for reports; `json`: its countries and links"
    ),
]
GEO_RESPONSES: dict[int | str, dict] = {
    **not_found("The partnership, sector or country given names nothing (`not_found`)"),
    200: {
        "description": "The map (HTML, SVG or PNG) or its data (JSON, `GeoMapPublic`)",
        "content": {
            "text/html": {},
            "image/svg+xml": {},
            "image/png": {},
            "application/json": {},
        },
    },
}


def _name(geo: GeoMapPublic) -> str:
    f = geo.filters
    parts = ["geo", f.partnership, f.sector, f.country, f.date_from, f.date_to]
    parts += [f"as-of-{f.as_of}" if f.as_of else None]
    return "-".join(p for p in parts if p)


def _answer(geo: GeoMapPublic, format_: str) -> Response:
    name = _name(geo)
    if format_ == "json":
        return JSONResponse(geo.model_dump(mode="json", by_alias=True))
    if format_ == "html":
        return HTMLResponse(render_geo_html(geo))
    svg = render_geo_svg(geo)
    if format_ == "svg":
        body, media = svg.encode("utf-8"), "image/svg+xml"
    else:
        body, media = svg_to_png(svg), "image/png"
    disposition = f'inline; filename="{name}.{format_}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


@router.get(
    "/maps/geo",
    response_class=Response,
    responses=GEO_RESPONSES,
)
async def get_geo_map(
    session: SessionDep,
    partnership: Annotated[
        str | None,
        id_query(
            "One partnership's reach: its members' countries, the countries it targets (with "
            "their status), arcs from members to targets, its agreements. E.g. `space2id`"
        ),
    ] = None,
    sector: Annotated[
        str | None, id_query("Only actors active in this sector or a sub-sector, e.g. `space`")
    ] = None,
    country: Annotated[
        str | None, country_query("Only the links of this country (ISO alpha-2, e.g. `CA`)")
    ] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    include_planned: Annotated[
        bool, Query(description="`false`: planned agreements are not counted")
    ] = True,
    as_of: AsOf = None,
    format: GeoFormat = "html",
):
    """World map of the cooperation between countries, drawn offline from shipped Natural
    Earth shapes: countries shaded by their actors, arcs weighted by the agreements with
    parties in both countries, the partnerships with members in both (memberships), and the
    partnerships with members in one targeting the other (targets). Links within Europe are
    drawn on a Europe panel. Hover for the counts, click a country to open its page. `as_of`
    counts only the agreements in force at that date."""
    geo = await geo_map(
        session,
        partnership=partnership,
        sector=sector,
        country=country,
        date_from=date_from,
        date_to=date_to,
        include_planned=include_planned,
        as_of=as_of,
    )
    return await run_in_threadpool(_answer, geo, format)
