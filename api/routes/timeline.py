"""GET /timeline: agreements and events in date order."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import SessionDep
from api.routes.agreements import DATE_PATTERN
from graph.schema.model import ID_PATTERN
from queries import timeline as q
from queries.common import Page

router = APIRouter(tags=["timeline"])


@router.get("/timeline", response_model=Page[q.TimelineItemPublic])
async def get_timeline(
    session: SessionDep,
    actor: Annotated[
        str | None,
        Query(
            max_length=120,
            pattern=ID_PATTERN,
            description="Agreements the actor is party to, events it organised or took part in.",
        ),
    ] = None,
    partnership: Annotated[
        str | None,
        Query(
            max_length=120,
            pattern=ID_PATTERN,
            description="Agreements signed on its behalf, events that belong to it.",
        ),
    ] = None,
    country: Annotated[
        str | None,
        Query(
            min_length=2,
            max_length=2,
            pattern=r"^[A-Za-z]{2}$",
            description="ISO 3166-1 alpha-2: agreements with a party there, events held there or "
            "with an organiser or participant there.",
        ),
    ] = None,
    date_from: Annotated[
        str | None,
        Query(alias="from", pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD."),
    ] = None,
    date_to: Annotated[
        str | None,
        Query(alias="to", pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD."),
    ] = None,
    type: Annotated[
        Literal["agreement", "event"] | None, Query(description="Only agreements or only events.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
):
    """Agreements and events in date order (undated last; same date: agreements first), each
    `{"type": "agreement"|"event", "id", "name", "kind", "date", "date_precision", "status"
    (agreements), "actors": [{"id", "name", "country", "role"}], "sources"}`.

    Every filter is optional and every filter given must hold. A date matches `from`/`to` when
    the period it stands for (a year, a month or a day) overlaps the range; undated items are
    left out when `from` or `to` is given. Unknown actor, partnership or country: 404.
    """
    types = (type,) if type else ("agreement", "event")
    return await q.timeline(
        session,
        actor=actor,
        partnership=partnership,
        country=country,
        date_from=date_from,
        date_to=date_to,
        types=types,
        limit=limit,
        offset=offset,
    )
