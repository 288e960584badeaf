"""The home page (`/`), search results (`/explore/search`), and `/explorer` (the old explorer's
address) sent home."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from api.deps import SessionDep
from api.pages.forms import Form, checked_id
from api.pages.render import PageRoute, entity_url, page
from clustergraph.errors import NotFoundError
from graph.schema.model import TYPE_LABELS
from queries.agreements import check_filters
from queries.countries import list_countries
from queries.recent import counts, recent
from queries.search import search

router = APIRouter(route_class=PageRoute, include_in_schema=False)

TYPES = {t: t + "s" for t in TYPE_LABELS}
PER_PAGE = 25


@router.get("/")
async def home(request: Request, session: SessionDep):
    totals, per_year = await counts(session)
    latest = await recent(session, limit=6)
    countries = await list_countries(session, active=True, sort="partnerships_targeting", limit=8)
    return page(
        request, "home.html", title="Home", counts=totals, per_year=per_year, latest=latest,
        countries=countries.items,
    )  # fmt: skip


@router.get("/explorer")
@router.get("/explore")
async def old_explorer(request: Request):
    """The single-page explorer is now the workbench; old links land on its home page."""
    return RedirectResponse("/", status_code=301)


@router.get("/explore/search")
async def search_page(request: Request, session: SessionDep):
    form = Form(request.query_params)
    q = form.text("q")
    type_ = form.choice("type", TYPES)
    country = form.text("country")
    page_no = form.integer("page", 1, 1, 20)
    if country:
        country = await form.entity(session, "country", "country")
    results = None
    if q and form.ok:
        if not any(c.isalnum() for c in q):
            form.error("q", "Give part of a name: letters or digits.")
        else:
            results = await search(
                session, q, type_=type_, country=country, limit=PER_PAGE,
                offset=(page_no - 1) * PER_PAGE,
            )  # fmt: skip
    status = 200 if form.ok else 422
    return page(
        request, "search.html", status, title=f"Search: {q}" if q else "Search", form=form,
        results=results, types=TYPES, crumbs=[("Search", None)], top_q=q or "",
    )  # fmt: skip


@router.get("/explore/entities/{entity_id}")
async def entity_page(request: Request, session: SessionDep, entity_id: str):
    """The page of an actor or partnership named by id alone (lists that mix both)."""
    checked_id("actor or partnership", entity_id)
    for type_ in ("actor", "partnership"):
        try:
            await check_filters(session, **{type_: entity_id})
        except NotFoundError:
            continue
        return RedirectResponse(entity_url(type_, entity_id), status_code=302)
    raise NotFoundError("actor or partnership", entity_id)


# Last of all the workbench's routes: any other /explore/ address is a page too.
fallback = APIRouter(route_class=PageRoute, include_in_schema=False)


@fallback.get("/explore/{rest:path}")
async def unknown_page(request: Request, rest: str):
    return page(
        request, "error.html", 404, title="No such page",
        message=f"The workbench has no page at /explore/{rest}; start from the home page.",
    )  # fmt: skip
