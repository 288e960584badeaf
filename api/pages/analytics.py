"""Brokers (`/explore/brokers`) and communities (`/explore/communities`) as readable tables."""

from fastapi import APIRouter, Request

from api.deps import SessionDep
from api.pages.forms import Form
from api.pages.render import PageRoute, page
from graph.schema.model import COOPERATION_LINKS, DEFAULT_LINKS
from queries.analytics import brokers, communities

router = APIRouter(route_class=PageRoute, include_in_schema=False)


def _via(request: Request, form: Form) -> list[str]:
    vias = [v for raw in request.query_params.getlist("via") for v in raw.split(",") if v]
    unknown = [v for v in vias if v not in COOPERATION_LINKS]
    if unknown:
        form.error("via", f"Unknown kind of link: {', '.join(unknown)}.")
    return [v for v in COOPERATION_LINKS if v in vias] or list(DEFAULT_LINKS)


@router.get("/explore/brokers")
async def brokers_page(request: Request, session: SessionDep):
    form = Form(request.query_params)
    via = _via(request, form)
    page_no = form.integer("page", 1, 1, 100)
    found = await brokers(session, via=",".join(via), limit=50, offset=(page_no - 1) * 50)
    return page(
        request, "brokers.html", 200 if form.ok else 422, title="Brokers", form=form,
        found=found, via=via, links=COOPERATION_LINKS, crumbs=[("Brokers", None)],
    )  # fmt: skip


@router.get("/explore/communities")
async def communities_page(request: Request, session: SessionDep):
    form = Form(request.query_params)
    via = _via(request, form)
    page_no = form.integer("page", 1, 1, 1000)
    found = await communities(session, via=",".join(via), limit=10, offset=(page_no - 1) * 10)
    return page(
        request, "communities.html", 200 if form.ok else 422, title="Communities", form=form,
        found=found, via=via, links=COOPERATION_LINKS, crumbs=[("Communities", None)],
    )  # fmt: skip
