"""The explorer page at `/` (and `/explorer`): search, profiles with their maps, path finder."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from graph.schema.model import COOPERATION_LINKS, DEFAULT_LINKS
from queries import maps as q
from viz.explorer import render_explorer

router = APIRouter(tags=["maps"])


PAGE: dict[int | str, dict[str, Any]] = {
    200: {"description": "The explorer page", "content": {"text/html": {}}}
}


# Response (not HTMLResponse) as the class: the page is HTML, but errors are JSON as everywhere.
@router.get("/", response_class=HTMLResponse, include_in_schema=False)
@router.get("/explorer", response_class=Response, responses=PAGE)
async def get_explorer():
    """The explorer: search with suggestions (`GET /search`), an entity's profile with its
    map, a path finder between two entities, and links between them. One self-contained page,
    no external assets, served at `/` and `/explorer`."""
    return HTMLResponse(
        render_explorer(
            link_kinds=list(COOPERATION_LINKS),
            default_links=DEFAULT_LINKS,
            max_depth=q.MAX_DEPTH,
            max_hops=q.MAX_HOPS,
            max_paths=q.MAX_PATHS,
        )
    )
