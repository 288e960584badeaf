"""GET /partnerships and GET /partnerships/{id}."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query

from api.deps import SessionDep
from graph.schema.model import ID_PATTERN, PARTNERSHIP_KINDS
from queries import partnerships as q
from queries.common import Page

router = APIRouter(tags=["partnerships"])

PartnershipKind = Literal[PARTNERSHIP_KINDS]  # type: ignore[valid-type]

PartnershipIdPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=120,
        pattern=ID_PATTERN,
        description="A partnership id, e.g. `space2id`.",
    ),
]


async def partnership_or_404(
    session: SessionDep, partnership_id: PartnershipIdPath
) -> q.PartnershipPublic:
    """The partnership named in the path, or a 404 answer."""
    return await q.get_partnership(session, partnership_id)


PartnershipDep = Annotated[q.PartnershipPublic, Depends(partnership_or_404)]


@router.get("/partnerships", response_model=Page[q.PartnershipSummaryPublic])
async def list_partnerships(
    session: SessionDep,
    country: Annotated[
        str | None,
        Query(
            pattern=r"^[A-Za-z]{2}$",
            description="ISO 3166-1 alpha-2 code of a target country (e.g. `CA`).",
        ),
    ] = None,
    sector: Annotated[
        str | None,
        Query(
            max_length=120,
            pattern=ID_PATTERN,
            description="A sector id; partnerships active in its sub-sectors count too.",
        ),
    ] = None,
    kind: Annotated[
        PartnershipKind | None,
        Query(description="escp-4i, alliance, network, project or initiative."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
):
    """Partnerships by name, with their sectors, member count and target countries (strongest
    status first). `country` keeps those targeting that country (as a target country, or
    through a target actor located there); `sector` keeps those active in the sector or one of
    its sub-sectors. Unknown country or sector ids answer 404."""
    return await q.list_partnerships(
        session, country=country, sector=sector, kind=kind, limit=limit, offset=offset
    )


@router.get(
    "/partnerships/{partnership_id}",
    response_model=q.PartnershipPublic,
    responses={404: {"description": "No partnership with this id"}},
)
async def get_partnership(partnership: PartnershipDep):
    """One partnership: programme, strand, dates, members with their role (coordinator first),
    target countries and target actors (best score first), agreements signed on its behalf,
    its events, sectors and sources."""
    return partnership
