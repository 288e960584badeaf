"""GET /agreements and GET /agreements/{id}."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import SessionDep
from api.errors import not_found
from api.params import (
    AgreementIdPath,
    AsOf,
    DateFrom,
    DateTo,
    Limit,
    Offset,
    country_query,
    id_query,
)
from graph.schema.model import AGREEMENT_KINDS, AGREEMENT_STATUSES
from queries import agreements as q
from queries.common import Page

router = APIRouter(tags=["agreements"])

# Allow-lists straight from graph/schema/model.py.
AgreementKind = Literal[AGREEMENT_KINDS]  # type: ignore[valid-type]
AgreementStatus = Literal[AGREEMENT_STATUSES]  # type: ignore[valid-type]


class AgreementFilters(BaseModel):
    """The filters of GET /agreements (every one given must hold) and its page."""

    kind: AgreementKind | None = None
    status: AgreementStatus | None = None
    country: Annotated[
        str | None,
        country_query("ISO 3166-1 alpha-2 code; at least one party is located there."),
    ] = None
    sector: Annotated[
        str | None, id_query("A sector id; agreements in its sub-sectors count too.")
    ] = None
    partnership: Annotated[
        str | None,
        id_query("Only agreements signed on behalf of this partnership (e.g. `elca`)."),
    ] = None
    actor: Annotated[str | None, id_query("Only agreements this actor is party to.")] = None
    date_from: DateFrom = None
    date_to: DateTo = None
    as_of: AsOf = None
    limit: Limit = 20
    offset: Offset = 0


@router.get("/agreements", response_model=Page[q.AgreementPublic], responses=not_found())
async def list_agreements(session: SessionDep, filters: Annotated[AgreementFilters, Query()]):
    """Agreements with their parties, date and status, ordered by date (undated last) then id.

    Every filter given must hold. A date matches `from`/`to` when the period it stands for (a
    year, a month or a day, as precise as the source) overlaps the range. Unknown actor,
    partnership, country or sector ids answer 404.
    """
    return await q.list_agreements(session, **filters.model_dump())


@router.get(
    "/agreements/{agreement_id}",
    response_model=q.AgreementPublic,
    responses=not_found("No agreement with this id"),
)
async def get_agreement(session: SessionDep, agreement_id: AgreementIdPath):
    """One agreement: parties (with their country), kind, status, dates, partnership, sectors,
    description, notes and sources."""
    return await q.get_agreement(session, agreement_id)
