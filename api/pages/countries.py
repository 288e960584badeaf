"""Countries: the list (`/explore/countries`) and one (`/explore/countries/{code or name}`)."""

import re

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from api.deps import SessionDep
from api.pages.forms import Form
from api.pages.render import PageRoute, page, query_url
from clustergraph.errors import NotFoundError
from queries import countries as q
from queries.search import search

router = APIRouter(route_class=PageRoute, include_in_schema=False)

SORTS = {
    "partnerships_targeting": "partnerships targeting it",
    "actors": "actors located there",
    "agreements": "agreements",
    "events": "events",
    "code": "code (A–Z)",
}


@router.get("/explore/countries")
async def countries_page(request: Request, session: SessionDep):
    form = Form(request.query_params)
    sort = form.choice("sort", SORTS, "partnerships_targeting")
    every = form.choice("all", ("1",)) == "1"
    found = await q.list_countries(session, active=not every, sort=sort, limit=300)
    return page(
        request, "countries.html", 200 if form.ok else 422, title="Countries", form=form,
        found=found, sorts=SORTS, every=every, crumbs=[("Countries", None)],
    )  # fmt: skip


@router.get("/explore/countries/{code}")
async def country_page(request: Request, session: SessionDep, code: str):
    if not re.fullmatch(r"[A-Za-z]{2}", code):
        # A name ("Canada"): its page is at its code.
        hits = (await search(session, code[:200], type_="country", limit=3)).items
        if hits and hits[0].exact:
            return RedirectResponse(f"/explore/countries/{hits[0].id}", status_code=302)
        raise NotFoundError("country", code)
    if code != code.upper():
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/explore/countries/{code.upper()}{query}", status_code=302)
    form = Form(request.query_params)
    as_of = form.date("as_of")
    c = await q.get_country(session, code, limit=1000, as_of=as_of)
    targeted = [a for a in c.actors if a.targeted_by]
    scored = any(t.score is not None for t in c.partnerships_targeting) or any(
        t.score is not None for a in targeted for t in a.targeted_by
    )
    return page(
        request, "country.html", 200 if form.ok else 422, title=c.name, c=c,
        targeted=targeted, scored=scored, form=form,
        map_url=query_url(f"/maps/country/{c.code}", as_of=as_of),
        crumbs=[("Countries", "/explore/countries"), (c.name, None)],
    )  # fmt: skip
