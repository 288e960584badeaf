"""GET /countries and GET /countries/{code}."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import SessionDep
from api.errors import not_found
from api.params import AsOf, CountryCodePath, Limit, Offset, limit_query
from queries import countries as q
from queries.common import Page

router = APIRouter(tags=["countries"])

Continent = Literal["Europe", "North America", "South America", "Asia", "Africa", "Oceania"]
Sort = Literal["code", "actors", "partnerships_targeting", "agreements", "events"]


class CountryFilters(BaseModel):
    """The filters and order of GET /countries, and its page."""

    continent: Continent | None = None
    eu_member: bool | None = None
    active: Annotated[
        bool,
        Query(
            description="Only countries with at least one actor, targeting partnership, "
            "agreement or event."
        ),
    ] = False
    sort: Annotated[Sort, Query(description="`code` (A-Z) or a count, largest first.")] = "code"
    limit: Limit = 20
    offset: Offset = 0


@router.get("/countries", response_model=Page[q.CountrySummaryPublic])
async def list_countries(session: SessionDep, filters: Annotated[CountryFilters, Query()]):
    """Countries with counts: actors located there, partnerships targeting them, agreements
    with at least one party there, events held there."""
    return await q.list_countries(session, **filters.model_dump())


@router.get(
    "/countries/{code}",
    response_model=q.CountryPublic,
    responses=not_found("No country with this code"),
)
async def get_country(
    session: SessionDep,
    code: CountryCodePath,
    limit: Annotated[int, limit_query(1000, "At most this many items in each list.")] = 100,
    as_of: AsOf = None,
):
    """Cooperation with one country: the actors located there (by name, with the partnerships
    that scored them as targets), the partnerships targeting it (priority, selected, then
    candidate; best score first), the partnerships with members there (by name), the agreements
    with at least one party there (by date) and the events held there (by date).

    Each list holds at most `limit` items; `totals` counts them all and `truncated` says whether
    any list was cut. For the rest, page through `/actors?country=`, `/agreements?country=` or
    `/timeline`.

    With `as_of` only the agreements in force at that date are listed and counted (the answer
    repeats `as_of`)."""
    return await q.get_country(session, code, limit=limit, as_of=as_of)
