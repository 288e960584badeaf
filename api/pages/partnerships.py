"""Partnerships: the list (`/explore/partnerships`) and one (`/explore/partnerships/{id}`)."""

from fastapi import APIRouter, Request

from api.deps import SessionDep
from api.pages.forms import Form, checked_id
from api.pages.render import PageRoute, page
from graph.schema.model import PARTNERSHIP_KINDS
from queries import partnerships as q
from queries.timeline import timeline

router = APIRouter(route_class=PageRoute, include_in_schema=False)
PER_PAGE = 50


@router.get("/explore/partnerships")
async def partnerships_page(request: Request, session: SessionDep):
    form = Form(request.query_params)
    kind = form.choice("kind", PARTNERSHIP_KINDS)
    page_no = form.integer("page", 1, 1, 2000)
    country = await form.entity(session, "country", "country") if form["country"] else None
    sector = await form.entity(session, "sector", "sector") if form["sector"] else None
    found = None
    if form.ok:
        found = await q.list_partnerships(
            session, country=country, sector=sector, kind=kind, limit=PER_PAGE,
            offset=(page_no - 1) * PER_PAGE,
        )  # fmt: skip
    return page(
        request, "partnerships.html", 200 if form.ok else 422, title="Partnerships", form=form,
        found=found, kinds=PARTNERSHIP_KINDS, crumbs=[("Partnerships", None)],
    )  # fmt: skip


@router.get("/explore/partnerships/{partnership_id}")
async def partnership_page(request: Request, session: SessionDep, partnership_id: str):
    p = await q.get_partnership(session, checked_id("partnership", partnership_id))
    chronology = await timeline(session, partnership=p.id, limit=500)
    crumbs = [("Partnerships", "/explore/partnerships"), (p.name.split(" - ")[0], None)]
    scored = any(t.score is not None for t in p.targets + p.target_countries)
    return page(
        request, "partnership.html", title=p.name, p=p, chronology=chronology, crumbs=crumbs,
        scored=scored,
    )  # fmt: skip
