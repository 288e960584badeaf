"""GET /timeline: agreements and events in date order."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import SessionDep
from api.errors import not_found
from api.params import DateFrom, DateTo, Offset, country_query, id_query, limit_query
from queries import timeline as q
from queries.common import Page

router = APIRouter(tags=["timeline"])


class TimelineFilters(BaseModel):
    """The filters of GET /timeline (every one given must hold) and its page."""

    actor: Annotated[
        str | None,
        id_query("Agreements the actor is party to, events it organised or took part in."),
    ] = None
    partnership: Annotated[
        str | None, id_query("Agreements signed on its behalf, events that belong to it.")
    ] = None
    country: Annotated[
        str | None,
        country_query(
            "ISO 3166-1 alpha-2: agreements with a party there, events held there or with an "
            "organiser or participant there."
        ),
    ] = None
    date_from: DateFrom = None
    date_to: DateTo = None
    type: Annotated[
        Literal["agreement", "event"] | None, Query(description="Only agreements or only events.")
    ] = None
    limit: Annotated[int, limit_query(500)] = 100
    offset: Offset = 0


@router.get("/timeline", response_model=Page[q.TimelineItemPublic], responses=not_found())
async def get_timeline(session: SessionDep, filters: Annotated[TimelineFilters, Query()]):
    """Agreements and events in date order (undated last; same date: agreements first), each
    `{"type": "agreement"|"event", "id", "name", "kind", "date", "date_precision", "status"
    (agreements), "actors": [{"id", "name", "country", "role"}], "sources"}`.

    Every filter is optional and every filter given must hold. A date matches `from`/`to` when
    the period it stands for (a year, a month or a day) overlaps the range; undated items are
    left out when `from` or `to` is given. Unknown actor, partnership or country: 404.
    """
    types = (filters.type,) if filters.type else ("agreement", "event")
    return await q.timeline(session, types=types, **filters.model_dump(exclude={"type"}))
