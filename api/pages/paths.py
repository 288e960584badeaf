"""The path finder (`/explore/paths?source=&target=&max_hops=&via=&k=`): ends given by id or by
name; a name is resolved through search, an ambiguous one gives a choice list, an unknown one a
message with suggestions. The map below is asked for the same resolved ids, so both agree."""

import re
from dataclasses import dataclass, field

from fastapi import APIRouter, Request

from api.deps import DriverDep, SessionDep, SettingsDep, in_own_session, side_by_side
from api.pages.forms import Form
from api.pages.render import PageRoute, page, query_url
from clustergraph.errors import InvalidRequestError, NotFoundError
from graph.schema.model import COOPERATION_LINKS, DEFAULT_LINKS, ID_PATTERN
from queries.agreements import check_filters, get_agreement
from queries.common import RefPublic
from queries.events import get_event
from queries.maps import MAX_HOPS, MAX_PATHS
from queries.paths import find_paths
from queries.search import search

router = APIRouter(route_class=PageRoute, include_in_schema=False)

ENDS = ("actor", "partnership")


@dataclass
class End:
    """What the text of one end of the path names."""

    text: str
    chosen: RefPublic | None = None
    choices: list[RefPublic] = field(default_factory=list)  # ambiguous: pick one
    why: str = ""  # why there are choices, or why nothing was found


async def resolve(session: SessionDep, text: str) -> End:
    if re.match(ID_PATTERN, text):  # ids are not in the search index: try them as they are
        for type_ in ENDS:
            try:
                await check_filters(session, **{type_: text})
                return End(text, chosen=RefPublic(id=text, name=text, type=type_))
            except NotFoundError:
                pass
    hits = (await search(session, text, limit=12)).items
    ends = [h for h in hits if h.type in ENDS]
    exact = [h for h in ends if h.exact]
    ref = lambda h: RefPublic(id=h.id, name=h.name, type=h.type)  # noqa: E731
    if len(exact) == 1 or (exact and exact[0].id == text):
        return End(text, chosen=ref(exact[0]))
    if exact:
        return End(text, choices=[ref(h) for h in exact], why=f"“{text}” names several:")
    other = next((h for h in hits if h.exact and h.type in ("agreement", "event")), None)
    if other is not None:  # a path runs between actors: offer the parties or participants
        if other.type == "agreement":
            people = [(p.id, p.name) for p in (await get_agreement(session, other.id)).parties]
        else:
            people = [(a.id, a.name) for a in (await get_event(session, other.id)).actors]
        unique = {id_: RefPublic(id=id_, name=name, type="actor") for id_, name in people}
        choices = list(unique.values())
        return End(
            text, choices=choices,
            why=f"“{other.name}” is an {other.type}; a path runs between actors or partnerships. "
            f"Pick one of its {'parties' if other.type == 'agreement' else 'actors'}:",
        )  # fmt: skip
    if ends:
        return End(text, choices=[ref(h) for h in ends[:6]],
                   why=f"No actor or partnership is called “{text}”. Did you mean:")  # fmt: skip
    return End(text, why=f"Nothing is called “{text}”; try part of the name.")


@router.get("/explore/paths")
async def paths_page(
    request: Request, session: SessionDep, driver: DriverDep, settings: SettingsDep
):
    form = Form(request.query_params)
    max_hops = form.integer("max_hops", 4, 1, MAX_HOPS)
    k = form.integer("k", 3, 1, MAX_PATHS)
    vias = [v for raw in request.query_params.getlist("via") for v in raw.split(",") if v]
    unknown = [v for v in vias if v not in COOPERATION_LINKS]
    if unknown:
        form.error("via", f"Unknown kind of link: {', '.join(unknown)}.")
    via = [v for v in COOPERATION_LINKS if v in vias] or list(DEFAULT_LINKS)
    texts = {name: form.text(name) for name in ("source", "target")}
    given = {n: t for n, t in texts.items() if t and any(c.isalnum() for c in t)}
    resolved = await side_by_side(  # both ends at once (the second in a session of its own)
        *(
            resolve(session, text) if i == 0 else in_own_session(driver, settings, resolve, text)
            for i, text in enumerate(given.values())
        )
    )
    found = dict(zip(given, resolved, strict=True))
    ends: dict[str, End] = {}
    for name, text in texts.items():
        if name in found:
            ends[name] = found[name]
            if not ends[name].chosen:
                form.error(name, ends[name].why)
        elif text:
            form.error(name, "Give a name or an id.")
    result = map_url = None
    source, target = ends.get("source"), ends.get("target")
    if form.ok and source and target and source.chosen and target.chosen:
        ids = {"source": source.chosen.id, "target": target.chosen.id}
        try:
            result = await find_paths(
                session, ids["source"], ids["target"], max_hops=max_hops, via=",".join(via), k=k
            )
            map_url = query_url("/maps/path", **ids, max_hops=max_hops, via=",".join(via), k=k)
        except (InvalidRequestError, NotFoundError) as e:
            form.error("target", str(e).replace("Use GET /search?q=... to find ids.", ""))
    return page(
        request, "paths.html", 200 if form.ok else 422, title="Path finder", form=form,
        ends=ends, result=result, map_url=map_url, via=via, links=COOPERATION_LINKS,
        max_hops=max_hops, k=k, limits={"max_hops": MAX_HOPS, "k": MAX_PATHS},
        crumbs=[("Path finder", None)],
    )  # fmt: skip
