"""Network maps as self-contained HTML pages (pyvis / vis-network, no CDN) and the explorer."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.deps import SessionDep
from graph.schema.model import COOPERATION_LINKS, DEFAULT_LINKS, ID_PATTERN
from queries import maps as q
from viz import NetworkMap, render_map
from viz.explorer import render_explorer

router = APIRouter(tags=["maps"])

VIA = r"^[a-z]+(,[a-z]+)*$"
MAP_RESPONSES: dict[int | str, dict] = {
    200: {
        "description": "The map as one HTML page (or its nodes and edges with `format=json`)",
        "content": {"text/html": {}, "application/json": {}},
    },
    404: {"description": "Unknown id"},
    422: {"description": "Invalid parameters"},
}

Via = Annotated[
    str | None,
    Query(
        max_length=60,
        pattern=VIA,
        description=(
            "Comma-separated kinds of link: "
            + ", ".join(f"`{k}`" for k in COOPERATION_LINKS)
            + f" (default `{','.join(DEFAULT_LINKS)}`)"
        ),
    ),
]
Format = Annotated[
    Literal["html", "json"],
    Query(description="`html` (default): the map page; `json`: its nodes and edges"),
]


def _answer(network_map: NetworkMap, format_: str) -> Response:
    if format_ == "json":
        return JSONResponse(network_map.model_dump(mode="json"))
    return HTMLResponse(render_map(network_map))


@router.get("/maps/actors/{actor_id}", response_class=HTMLResponse, responses=MAP_RESPONSES)
async def get_actor_map(
    session: SessionDep,
    actor_id: Annotated[str, Path(max_length=100, pattern=ID_PATTERN, description="e.g. `skywin`")],
    depth: Annotated[
        int, Query(ge=1, le=q.MAX_DEPTH, description="Cooperation hops from the actor")
    ] = 1,
    via: Via = None,
    format: Format = "html",
):
    """Map of an actor's cooperation neighbourhood: the actors within `depth` hops and the
    agreements, partnerships and events that link them (one hop = actor → evidence → actor).
    Hover a node or link for its details and sources. The map is cut at 300 nodes."""
    network_map = await q.actor_map(session, actor_id, depth=depth, via=via)
    return _answer(network_map, format)


@router.get(
    "/maps/partnerships/{partnership_id}", response_class=HTMLResponse, responses=MAP_RESPONSES
)
async def get_partnership_map(
    session: SessionDep,
    partnership_id: Annotated[
        str, Path(max_length=100, pattern=ID_PATTERN, description="e.g. `space2id`")
    ],
    format: Format = "html",
):
    """Map of a partnership: its members (with their role), target countries, scored or
    contacted target actors, the agreements signed on its behalf with their parties, and its
    events with their organisers and participants."""
    network_map = await q.partnership_map(session, partnership_id)
    return _answer(network_map, format)


@router.get("/maps/paths", response_class=HTMLResponse, responses=MAP_RESPONSES)
async def get_paths_map(
    session: SessionDep,
    source: Annotated[
        str,
        Query(
            max_length=100,
            pattern=ID_PATTERN,
            description="Actor, partnership, agreement or event id, e.g. `aviation-valley`",
        ),
    ],
    target: Annotated[
        str, Query(max_length=100, pattern=ID_PATTERN, description="e.g. `aerospace-valley`")
    ],
    max_hops: Annotated[
        int, Query(ge=1, le=q.MAX_HOPS, description="At most this many actor-to-actor hops")
    ] = 4,
    via: Via = None,
    k: Annotated[int, Query(ge=1, le=q.MAX_PATHS, description="At most this many paths")] = 3,
    format: Format = "html",
):
    """Map of the `k` shortest cooperation paths between two entities, through agreements,
    partnership memberships and shared events (never through a shared country or sector).
    The description under the title spells each path out; with no path within `max_hops` the
    map shows the two ends only and says so. JSON with explanations: `GET /paths`."""
    network_map = await q.paths_map(session, source, target, max_hops=max_hops, via=via, k=k)
    return _answer(network_map, format)


@router.get("/explorer", response_class=HTMLResponse)
async def get_explorer():
    """A small self-contained explorer page: search box (calls `GET /search`), links to the
    JSON answers, and the maps above shown in a frame. No external assets."""
    return HTMLResponse(
        render_explorer(
            link_kinds=list(COOPERATION_LINKS),
            default_links=DEFAULT_LINKS,
            max_depth=q.MAX_DEPTH,
            max_hops=q.MAX_HOPS,
            max_paths=q.MAX_PATHS,
        )
    )
