"""GET /partnerships and GET /partnerships/{id}."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from api.deps import SessionDep
from api.errors import not_found
from api.params import Limit, Offset, PartnershipIdPath, country_query, id_query
from graph.schema.model import PARTNERSHIP_KINDS
from queries import partnerships as q
from queries.common import Page

router = APIRouter(tags=["partnerships"])

PartnershipKind = Literal[PARTNERSHIP_KINDS]  # type: ignore[valid-type]
__all__ = ["PartnershipIdPath", "router"]


class PartnershipFilters(BaseModel):
    """The filters of GET /partnerships (every one given must hold) and its page."""

    country: Annotated[
        str | None, country_query("ISO 3166-1 alpha-2 code of a target country (e.g. `CA`).")
    ] = None
    sector: Annotated[
        str | None, id_query("A sector id; partnerships active in its sub-sectors count too.")
    ] = None
    kind: Annotated[
        PartnershipKind | None,
        Query(description="escp-4i, alliance, network, project or initiative."),
    ] = None
    limit: Limit = 20
    offset: Offset = 0


async def partnership_or_404(
    session: SessionDep, partnership_id: PartnershipIdPath
) -> q.PartnershipPublic:
    """The partnership named in the path, or a 404 answer."""
    return await q.get_partnership(session, partnership_id)


PartnershipDep = Annotated[q.PartnershipPublic, Depends(partnership_or_404)]


@router.get("/partnerships", response_model=Page[q.PartnershipSummaryPublic], responses=not_found())
async def list_partnerships(session: SessionDep, filters: Annotated[PartnershipFilters, Query()]):
    """Partnerships by name, with their sectors, member count and target countries (strongest
    status first). `country` keeps those targeting that country (as a target country, or
    through a target actor located there); `sector` keeps those active in the sector or one of
    its sub-sectors. Unknown country or sector ids answer 404."""
    return await q.list_partnerships(session, **filters.model_dump())


@router.get(
    "/partnerships/{partnership_id}",
    response_model=q.PartnershipPublic,
    responses=not_found("No partnership with this id"),
)
async def get_partnership(partnership: PartnershipDep):
    """One partnership: programme, strand, dates, members with their role (coordinator first),
    target countries and target actors (best score first), agreements signed on its behalf,
    its events, sectors and sources."""
    return partnership
