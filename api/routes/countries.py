"""GET /countries and GET /countries/{code}."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.deps import SessionDep
from queries import countries as q
from queries.common import Page

router = APIRouter(tags=["countries"])

CodePath = Annotated[
    str,
    Path(
        min_length=2,
        max_length=2,
        pattern=r"^[A-Za-z]{2}$",
        description="ISO 3166-1 alpha-2 code, any case (UK is GB).",
    ),
]
Continent = Literal["Europe", "North America", "South America", "Asia", "Africa", "Oceania"]
Sort = Literal["code", "actors", "partnerships_targeting", "agreements", "events"]


@router.get("/countries", response_model=Page[q.CountrySummaryPublic])
async def list_countries(
    session: SessionDep,
    continent: Continent | None = None,
    eu_member: bool | None = None,
    active: Annotated[
        bool,
        Query(
            description="Only countries with at least one actor, targeting partnership, "
            "agreement or event."
        ),
    ] = False,
    sort: Annotated[Sort, Query(description="`code` (A-Z) or a count, largest first.")] = "code",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
):
    """Countries with counts: actors located there, partnerships targeting them, agreements
    with at least one party there, events held there."""
    return await q.list_countries(
        session,
        continent=continent,
        eu_member=eu_member,
        active=active,
        sort=sort,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/countries/{code}",
    response_model=q.CountryPublic,
    responses={404: {"description": "No country with this code"}},
)
async def get_country(
    session: SessionDep,
    code: CodePath,
    limit: Annotated[
        int, Query(ge=1, le=1000, description="At most this many items in each list.")
    ] = 100,
):
    """Cooperation with one country: the actors located there (by name, with the partnerships
    that scored them as targets), the partnerships targeting it (priority, selected, then
    candidate; best score first), the partnerships with members there (by name), the agreements
    with at least one party there (by date) and the events held there (by date).

    Each list holds at most `limit` items; `totals` counts them all and `truncated` says whether
    any list was cut. For the rest, page through `/actors?country=`, `/agreements?country=` or
    `/timeline`."""
    return await q.get_country(session, code, limit=limit)
