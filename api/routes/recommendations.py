"""GET /recommendations/{id}: potential partners not yet linked to an actor, with reasons."""

from typing import Annotated

from fastapi import APIRouter

from api.deps import SessionDep
from api.errors import not_found
from api.params import ActorIdPath, IncludePlaceholders, limit_query
from queries.recommendations import RecommendationsPublic, recommend

router = APIRouter(tags=["recommendations"])


@router.get(
    "/recommendations/{actor_id}",
    response_model=RecommendationsPublic,
    responses=not_found("No actor with this id"),
)
async def get_recommendations(
    session: SessionDep,
    actor_id: ActorIdPath,
    limit: Annotated[int, limit_query()] = 20,
    include_placeholders: IncludePlaceholders = False,
):
    """Potential partners for the actor: actors that share no agreement, partnership or event
    with it yet, best first.

    The `score` is the sum of the `weight`s of the `reasons`: common partners (1.0 each),
    located in a country the actor's partnerships target (1.0), countries targeted by
    partnerships of both (0.5 each), shared sectors (1.0 each), related sectors, one a
    sub-sector of the other (0.5 each), complementary sectors for cross-fertilisation (0.75 per
    pair: space with mobility, energy, logistics, creative industries and agri-food as in
    SPACE2ID; lightweight with automotive, aerospace, rail, maritime, health, energy and
    construction as in ELCA; materials with clean technologies, energy, construction and
    transport as in WIINTECH). Each kind counts at most three times. `total` counts every
    candidate with a positive score. Placeholders (unnamed parties) are neither recommended
    nor count as common partners unless `include_placeholders=true`.
    """
    return await recommend(
        session, actor_id, limit=limit, include_placeholders=include_placeholders
    )
