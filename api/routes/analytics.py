"""GET /analytics/brokers and /analytics/communities: who bridges groups, which groups exist."""

from typing import Annotated

from fastapi import APIRouter

from api.deps import SessionDep
from api.params import IncludePlaceholders, Limit, Via, offset_query
from queries.analytics import BrokersPublic, CommunitiesPublic, brokers, communities

router = APIRouter(prefix="/analytics", tags=["analytics"])

Offset = Annotated[int, offset_query(10_000)]


@router.get("/brokers", response_model=BrokersPublic)
async def get_brokers(
    session: SessionDep,
    via: Via = None,
    limit: Limit = 20,
    offset: Offset = 0,
    include_placeholders: IncludePlaceholders = False,
):
    """Actors ranked by how much they bridge otherwise separate groups.

    The score is the normalised betweenness centrality on the actor–actor cooperation
    projection (two actors are linked when they share an agreement, a partnership or an event);
    ties are broken by `degree` (distinct partners). `community` is the actor's own community
    (see /analytics/communities) and `bridges` the other communities its partners belong to,
    with how many partners it has in each. Placeholders (unnamed parties) are left out unless
    `include_placeholders=true`.
    """
    return await brokers(
        session, via=via, limit=limit, offset=offset, include_placeholders=include_placeholders
    )


@router.get("/communities", response_model=CommunitiesPublic)
async def get_communities(
    session: SessionDep,
    via: Via = None,
    limit: Limit = 20,
    offset: Offset = 0,
    include_placeholders: IncludePlaceholders = False,
):
    """Groups of actors that cooperate with each other, largest first.

    Louvain modularity communities (fixed seed, edges weighted by the number of shared
    agreements, partnerships and events) of the cooperation projection: every actor with at
    least one cooperation link is in exactly one community. Each community lists its `members`
    (with their `degree`), its dominant `countries` and `sectors`, and the `ties` (partnerships,
    agreements, events) that hold it together, strongest first; `label` names the strongest.
    Placeholders (unnamed parties) are left out unless `include_placeholders=true`.
    """
    return await communities(
        session, via=via, limit=limit, offset=offset, include_placeholders=include_placeholders
    )
