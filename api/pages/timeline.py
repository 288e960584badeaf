"""The timeline (`/explore/timeline?actor=&partnership=&country=&from=&to=`), one event
(`/explore/events/{id}`) and one sector (`/explore/sectors/{id}`)."""

from fastapi import APIRouter, Request

from api.deps import SessionDep
from api.pages.forms import Form, checked_id
from api.pages.render import PageRoute, page
from clustergraph.errors import NotFoundError
from queries.actors import list_actors
from queries.agreements import list_agreements
from queries.events import get_event
from queries.partnerships import list_partnerships
from queries.search import search
from queries.timeline import timeline

router = APIRouter(route_class=PageRoute, include_in_schema=False)

PER_PAGE = 100
TYPES = {"agreement": "agreements only", "event": "events only"}


@router.get("/explore/timeline")
async def timeline_page(request: Request, session: SessionDep):
    form = Form(request.query_params)
    args = {name: await form.entity(session, name, name) if form[name] else None
            for name in ("actor", "partnership", "country")}  # fmt: skip
    args["date_from"], args["date_to"] = form.date("from"), form.date("to")
    type_ = form.choice("type", TYPES)
    page_no = form.integer("page", 1, 1, 2000)
    found = None
    if form.ok:
        try:
            found = await timeline(
                session, **args, types=(type_,) if type_ else ("agreement", "event"),
                limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE,
            )  # fmt: skip
        except NotFoundError as e:
            form.error(e.kind, f"No {e.kind} “{e.id}”.")
    return page(
        request, "timeline.html", 200 if form.ok else 422, title="Timeline", form=form,
        found=found, types=TYPES, crumbs=[("Timeline", None)],
    )  # fmt: skip


@router.get("/explore/events/{event_id}")
async def event_page(request: Request, session: SessionDep, event_id: str):
    e = await get_event(session, checked_id("event", event_id))
    return page(
        request, "event.html", title=e.name, e=e,
        crumbs=[("Timeline", "/explore/timeline"), (e.name, None)],
    )  # fmt: skip


@router.get("/explore/sectors/{sector_id}")
async def sector_page(request: Request, session: SessionDep, sector_id: str):
    checked_id("sector", sector_id)
    hits = (await search(session, sector_id, type_="sector", limit=5)).items
    name = next((h.name for h in hits if h.id == sector_id), sector_id)
    actors = await list_actors(session, sector=sector_id, limit=100)  # 404 for an unknown id
    partnerships = await list_partnerships(session, sector=sector_id, limit=100)
    agreements = await list_agreements(session, sector=sector_id, limit=100)
    return page(
        request, "sector.html", title=name, name=name, sector_id=sector_id, actors=actors,
        partnerships=partnerships, agreements=agreements,
        crumbs=[("Sectors", None), (name, None)],
    )  # fmt: skip
