"""GET /agreements and GET /agreements/{id}."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.deps import SessionDep
from graph.schema.model import AGREEMENT_KINDS, AGREEMENT_STATUSES, ID_PATTERN
from queries import agreements as q
from queries.common import Page

router = APIRouter(tags=["agreements"])

# Allow-lists straight from graph/schema/model.py.
AgreementKind = Literal[AGREEMENT_KINDS]  # type: ignore[valid-type]
AgreementStatus = Literal[AGREEMENT_STATUSES]  # type: ignore[valid-type]

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
IdPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=120,
        pattern=ID_PATTERN,
        description="An agreement id, e.g. `mou-aero-montreal-skywin`.",
    ),
]
ActorId = Annotated[
    str | None,
    Query(
        max_length=120, pattern=ID_PATTERN, description="Only agreements this actor is party to."
    ),
]
PartnershipId = Annotated[
    str | None,
    Query(
        max_length=120,
        pattern=ID_PATTERN,
        description="Only agreements signed on behalf of this partnership (e.g. `elca`).",
    ),
]
CountryCode = Annotated[
    str | None,
    Query(
        min_length=2,
        max_length=2,
        pattern=r"^[A-Za-z]{2}$",
        description="ISO 3166-1 alpha-2 code; at least one party is located there.",
    ),
]
SectorId = Annotated[
    str | None,
    Query(
        max_length=120,
        pattern=ID_PATTERN,
        description="A sector id; agreements in its sub-sectors count too.",
    ),
]
DateFrom = Annotated[
    str | None,
    Query(
        alias="from",
        pattern=DATE_PATTERN,
        description="YYYY, YYYY-MM or YYYY-MM-DD: dated on or after (undated items are left out).",
    ),
]
DateTo = Annotated[
    str | None,
    Query(
        alias="to",
        pattern=DATE_PATTERN,
        description="YYYY, YYYY-MM or YYYY-MM-DD: dated on or before (undated items are left out).",
    ),
]
AsOf = Annotated[
    str | None,
    Query(
        pattern=DATE_PATTERN,
        description=(
            "YYYY, YYYY-MM or YYYY-MM-DD: only agreements in force then (signed or renewed by "
            "then, not yet expired), from their histories."
        ),
    ),
]
Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0, le=100_000)]


@router.get("/agreements", response_model=Page[q.AgreementPublic])
async def list_agreements(
    session: SessionDep,
    kind: AgreementKind | None = None,
    status: AgreementStatus | None = None,
    country: CountryCode = None,
    sector: SectorId = None,
    partnership: PartnershipId = None,
    actor: ActorId = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    as_of: AsOf = None,
    limit: Limit = 20,
    offset: Offset = 0,
):
    """Agreements with their parties, date and status, ordered by date (undated last) then id.

    Every filter given must hold. A date matches `from`/`to` when the period it stands for (a
    year, a month or a day, as precise as the source) overlaps the range. Unknown actor,
    partnership, country or sector ids answer 404.
    """
    return await q.list_agreements(
        session,
        kind=kind,
        status=status,
        country=country,
        sector=sector,
        partnership=partnership,
        actor=actor,
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/agreements/{agreement_id}",
    response_model=q.AgreementPublic,
    responses={404: {"description": "No agreement with this id"}},
)
async def get_agreement(session: SessionDep, agreement_id: IdPath):
    """One agreement: parties (with their country), kind, status, dates, partnership, sectors,
    description, notes and sources."""
    return await q.get_agreement(session, agreement_id)
