"""An actor's page (`/explore/actors/{id}?depth=&as_of=`) and its recommendations
(`/explore/recommendations/{id}`)."""

from fastapi import APIRouter, Request

from api.deps import DriverDep, SessionDep, SettingsDep, in_own_session, side_by_side
from api.pages.forms import Form, checked_id
from api.pages.render import PageRoute, page, query_url
from queries import actors as q
from queries.maps import MAX_DEPTH
from queries.recommendations import recommend

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.get("/explore/actors/{actor_id}")
async def actor_page(
    request: Request, session: SessionDep, driver: DriverDep, settings: SettingsDep, actor_id: str
):
    form = Form(request.query_params)
    depth = form.integer("depth", 1, 1, MAX_DEPTH)
    as_of = form.date("as_of")
    actor_id = checked_id("actor", actor_id)
    actor, ideas = await side_by_side(  # the profile and the recommendations at once
        q.get_actor(session, actor_id, as_of=as_of),
        in_own_session(driver, settings, _top_ideas, actor_id),
    )
    crumbs: list[tuple[str, str | None]] = [(actor.name, None)]
    if actor.country:
        crumbs.insert(
            0, (actor.country_name or actor.country, f"/explore/countries/{actor.country}")
        )
    return page(
        request, "actor.html", 200 if form.ok else 422, title=actor.name, actor=actor,
        depth=depth, max_depth=MAX_DEPTH, form=form, ideas=ideas, crumbs=crumbs,
        map_url=query_url(f"/maps/actor/{actor.id}", depth=depth, as_of=as_of),
    )  # fmt: skip


async def _top_ideas(session, actor_id: str):
    return await recommend(session, actor_id, limit=5)


@router.get("/explore/recommendations/{actor_id}")
async def recommendations_page(request: Request, session: SessionDep, actor_id: str):
    form = Form(request.query_params)
    limit = form.integer("limit", 20, 1, 100)
    found = await recommend(session, checked_id("actor", actor_id), limit=limit)
    crumbs = [
        (found.actor.name, f"/explore/actors/{found.actor.id}"),
        ("Potential partners", None),
    ]
    return page(
        request, "recommendations.html", 200 if form.ok else 422,
        title=f"Potential partners for {found.actor.name}", found=found, form=form,
        crumbs=crumbs,
    )  # fmt: skip
