"""Network maps as self-contained HTML pages (pyvis / vis-network, no CDN), static images (SVG,
PNG) or data (JSON with positions, GraphML, GEXF, CSV)."""

from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from api.deps import SessionDep
from api.errors import not_found
from api.params import (
    ActorIdPath,
    AsOf,
    CountryCodePath,
    IncludePlaceholders,
    PartnershipIdPath,
    Via,
    country_query,
    id_path,
    id_query,
)
from queries import maps as q
from viz import NetworkMap
from viz.export import export
from viz.models import without
from viz.render import Controls, Field

router = APIRouter(tags=["maps"])

MAP_RESPONSES: dict[int | str, dict] = {
    200: {
        "description": (
            "The map as one offline HTML page; as an image with `format=svg` or `png` (same "
            "layout, labels, legend, title and a sources footnote); its nodes (with `x`, `y`) "
            "and edges with `format=json`, `graphml`, `gexf` or `csv` (a zip of nodes.csv and "
            "edges.csv; one of them with `part`)"
        ),
        "content": {
            "text/html": {},
            "image/svg+xml": {},
            "image/png": {},
            "application/json": {},
            "application/graphml+xml": {},
            "application/gexf+xml": {},
            "text/csv": {},
            "application/zip": {},
        },
    },
    **not_found("An id given names nothing (`not_found`); errors are JSON, as everywhere"),
}

Id = Annotated[str, id_path("An id")]
Format = Annotated[
    Literal["html", "json", "graphml", "gexf", "csv", "svg", "png"],
    Query(
        description="`html` (default): the map page; `svg`, `png`: the map as an image for a "
        "report; `json`: its nodes (with positions) and edges; `graphml`: for Gephi, yEd, "
        "networkx, igraph; `gexf`: Gephi, with positions, colours and sizes; `csv`: a zip of "
        "`nodes.csv` and `edges.csv`"
    ),
]
Excel = Annotated[
    bool,
    Query(description="With `format=csv`: start with a byte-order mark, for Excel (default off)"),
]
Events = Annotated[bool, Query(description="`false`: leave events out")]
IncludePlanned = Annotated[
    bool,
    Query(
        description="`false`: leave plans out: planned events and planned agreements (and the "
        "nodes left alone by them); on a path map no path goes through a plan. Plans are drawn "
        "apart (dashed border, lighter) and their tooltips say `planned:`"
    ),
]
Planned = Annotated[
    bool,
    Query(
        description="Older name of `include_planned`, kept for saved links: `false` leaves "
        "plans out too",
        deprecated=True,
    ),
]


def _plans(include_planned: IncludePlanned = True, planned: Planned = True) -> bool:
    """Whether plans are shown: both names must allow it (either `false` leaves them out)."""
    return include_planned and planned


Plans = Annotated[bool, Depends(_plans)]

Part = Annotated[
    Literal["nodes", "edges"] | None,
    Query(description="With `format=csv`: only this table, as one CSV file"),
]


async def _answer(
    network_map: NetworkMap,
    format_: str,
    part: str | None,
    name: str,
    *,
    excel: bool = False,
    events: bool = True,
    planned: bool = True,
    controls: Controls | None = None,
) -> Response:
    """The map in the asked format, with its media type and a file name to save it under."""
    network_map = without(network_map, events=events, planned=planned)
    controls = controls or Controls(show_events=events, show_planned=planned)
    out = await run_in_threadpool(
        partial(export, controls=controls, excel=excel), network_map, format_, part, name
    )
    return Response(
        out.body,
        media_type=out.media_type,
        headers={"Content-Disposition": f'{out.disposition}; filename="{out.filename}"'},
    )


@router.get("/maps/actor/{actor_id}", response_class=Response, responses=MAP_RESPONSES)
async def get_actor_map(
    session: SessionDep,
    actor_id: ActorIdPath,
    depth: Annotated[
        int, Query(ge=1, le=q.MAX_DEPTH, description="Cooperation hops from the actor")
    ] = 1,
    via: Via = None,
    include_placeholders: IncludePlaceholders = False,
    format: Format = "html",
    part: Part = None,
    excel: Excel = False,
    events: Events = True,
    plans: Plans = True,
    as_of: AsOf = None,
):
    """Map of an actor's cooperation neighbourhood: the actors within `depth` hops and the
    agreements, partnerships and events that link them (one hop = actor → evidence → actor).
    Hover a node or link for its details and sources. Capped at 300 nodes (the map says how
    many were left out). With `as_of`, agreements not in force then are left out."""
    network_map = await q.actor_map(
        session, actor_id, depth=depth, via=via, include_placeholders=include_placeholders,
        as_of=as_of,
    )  # fmt: skip
    return await _answer(
        network_map, format, part, f"actor-{actor_id}",
        excel=excel, events=events, planned=plans,
    )  # fmt: skip


@router.get("/maps/partnership/{partnership_id}", response_class=Response, responses=MAP_RESPONSES)
async def get_partnership_map(
    session: SessionDep,
    partnership_id: PartnershipIdPath,
    format: Format = "html",
    part: Part = None,
    excel: Excel = False,
    events: Events = True,
    plans: Plans = True,
    as_of: AsOf = None,
):
    """Map of a partnership: its members (with their role), target countries, scored or
    contacted target actors, the agreements signed on its behalf with their parties (with
    `as_of`, those in force then), and its events with their organisers and participants."""
    network_map = await q.partnership_map(session, partnership_id, as_of=as_of)
    return await _answer(
        network_map, format, part, f"partnership-{partnership_id}",
        excel=excel, events=events, planned=plans,
    )  # fmt: skip


@router.get("/maps/country/{code}", response_class=Response, responses=MAP_RESPONSES)
async def get_country_map(
    session: SessionDep,
    code: CountryCodePath,
    format: Format = "html",
    part: Part = None,
    excel: Excel = False,
    events: Events = True,
    plans: Plans = True,
    as_of: AsOf = None,
):
    """Map of the cooperation with a country: the actors located there, their agreements,
    partnerships and events with the partners on the other side, the partnerships targeting
    the country and the events held there. Capped at 500 nodes. With `as_of`, agreements not
    in force then are left out."""
    network_map = await q.country_map(session, code, as_of=as_of)
    return await _answer(
        network_map, format, part, f"country-{code.upper()}",
        excel=excel, events=events, planned=plans,
    )  # fmt: skip


@router.get("/maps/path", response_class=Response, responses=MAP_RESPONSES)
async def get_path_map(
    session: SessionDep,
    source: Annotated[
        str, id_query("Actor, partnership, agreement or event id, e.g. `aviation-valley`")
    ],
    target: Annotated[str, id_query("e.g. `aerospace-valley`")],
    max_hops: Annotated[
        int, Query(ge=1, le=q.MAX_HOPS, description="At most this many actor-to-actor hops")
    ] = 4,
    via: Via = None,
    k: Annotated[int, Query(ge=1, le=q.MAX_PATHS, description="At most this many paths")] = 3,
    surroundings: Annotated[
        bool, Query(description="Also draw the other links of the actors on the paths")
    ] = True,
    format: Format = "html",
    part: Part = None,
    excel: Excel = False,
    events: Events = True,
    plans: Plans = True,
):
    """Map of the `k` shortest cooperation paths between two entities (through agreements,
    partnership memberships and shared events; never a shared country or sector), highlighted
    within their surroundings: the other agreements, partnerships, events and partners of the
    actors on the paths (capped at 150 nodes). The description spells each path out; with no
    path within `max_hops` it says so. JSON with explanations: `GET /paths`."""
    network_map = await q.path_map(
        session, source, target, max_hops=max_hops, via=via, k=k, surroundings=surroundings,
        include_planned=plans,
    )  # fmt: skip
    return await _answer(
        network_map, format, part, f"path-{source}-{target}",
        excel=excel, events=events, planned=plans,
    )  # fmt: skip


@router.get("/maps/overview", response_class=Response, responses=MAP_RESPONSES)
async def get_overview_map(
    session: SessionDep,
    sector: Annotated[
        str | None, id_query("Actors active in this sector or a sub-sector, e.g. `aerospace`")
    ] = None,
    country: Annotated[str | None, country_query("Actors located in this country")] = None,
    partnership: Annotated[
        str | None, id_query("The partnership, its agreements and its events only")
    ] = None,
    year_from: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    year_to: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    limit: Annotated[
        int, Query(ge=1, le=q.MAX_OVERVIEW_NODES, description="At most this many nodes")
    ] = q.DEFAULT_OVERVIEW_NODES,
    via: Via = None,
    group: Annotated[
        Literal["none", "country", "partnership"],
        Query(
            description="`country`: countries sized by their actors, linked by the agreements, "
            "partnerships, events and targets they share; `partnership`: partnerships linked "
            "by shared members; `none` (default): actors and their evidence"
        ),
    ] = "none",
    expand: Annotated[
        str | None, country_query("With `group=country`: this country opened into its actors")
    ] = None,
    format: Format = "html",
    part: Part = None,
    excel: Excel = False,
    events: Events = True,
    plans: Plans = True,
    as_of: AsOf = None,
):
    """Overview of the cooperation in the graph: actors and the agreements, partnerships and
    events linking them. `year_from`/`year_to` keep agreements and events dated in those
    years and partnerships running then; `as_of` only the agreements in force at that date.
    Best-connected evidence first; above `limit` nodes the map says how many were left out.
    Large maps are laid out on the server."""
    network_map = await q.overview_map(
        session,
        sector=sector,
        country=country,
        partnership=partnership,
        year_from=year_from,
        year_to=year_to,
        limit=limit,
        via=via,
        group=group,
        expand=expand,
        events=events,
        planned=plans,
        as_of=as_of,
    )
    values = {
        "group": group, "sector": sector, "country": country, "partnership": partnership,
        "year_from": year_from, "year_to": year_to, "via": via, "limit": limit, "as_of": as_of,
    }  # fmt: skip
    controls = Controls(
        fields=overview_fields(values),
        hidden=(("expand", expand),) if expand else (),
        show_events=events,
        show_planned=plans,
    )
    return await _answer(
        network_map, format, part, f"overview-{group}" if group != "none" else "overview",
        excel=excel, controls=controls,
    )  # fmt: skip


def overview_fields(values: dict) -> tuple[Field, ...]:
    """The overview page's filters, as its GET form shows them."""

    def text(name: str) -> str | None:
        return None if values[name] is None else str(values[name])

    groups = (("none", "actors"), ("country", "countries"), ("partnership", "partnerships"))
    return (
        Field("group", "Show", values["group"], options=groups),
        Field("sector", "Sector", text("sector"), placeholder="aerospace"),
        Field("country", "Country", text("country"), placeholder="FR"),
        Field("partnership", "Partnership", text("partnership"), placeholder="space2id"),
        Field("year_from", "From", text("year_from"), "number", min=1900, max=2100),
        Field("year_to", "to", text("year_to"), "number", min=1900, max=2100),
        Field("as_of", "Agreements in force on", text("as_of"), placeholder="2015"),
        Field("via", "Links", text("via"), placeholder="agreement,membership,event"),
        Field("limit", "Max nodes", text("limit"), "number", min=1, max=q.MAX_OVERVIEW_NODES),
    )


# The plural paths of the first version redirect, so saved links keep working.
@router.get("/maps/actors/{actor_id}", include_in_schema=False)
@router.get("/maps/partnerships/{actor_id}", include_in_schema=False)
async def get_old_map(request: Request, actor_id: Id):
    kind = request.url.path.split("/")[2].removesuffix("s")
    return _moved(request, f"maps/{kind}/{actor_id}")


@router.get("/maps/paths", include_in_schema=False)
async def get_old_paths_map(request: Request):
    return _moved(request, "maps/path")


def _moved(request: Request, path: str) -> RedirectResponse:
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"{request.scope.get('root_path', '')}/{path}{query}", 307)
