"""GET /actors, GET /actors/{id} and GET /actors/{id}/neighbours."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from api.deps import SessionDep
from api.errors import not_found
from api.params import (
    VIA_PATTERN,
    ActorIdPath,
    AsOf,
    IncludePlaceholders,
    Limit,
    Offset,
    Via,
    country_query,
    id_query,
)
from graph.schema.model import ACTOR_KINDS
from queries import actors as q
from queries import neighbours as nq
from queries.common import Page
from queries.links import parse_via

router = APIRouter(tags=["actors"])

ActorKind = Literal[ACTOR_KINDS]  # type: ignore[valid-type]
__all__ = ["VIA_PATTERN", "ActorIdPath", "router"]


class ActorFilters(BaseModel):
    """The filters of GET /actors (every one given must hold) and its page."""

    kind: Annotated[ActorKind | None, Query(description="Only actors of this kind.")] = None
    country: Annotated[str | None, country_query("ISO 3166-1 alpha-2 code.")] = None
    sector: Annotated[str | None, id_query("A sector id; actors in its sub-sectors count too.")] = (
        None
    )
    partnership: Annotated[
        str | None, id_query("Only members of this partnership (e.g. `space2id`).")
    ] = None
    limit: Limit = 20
    offset: Offset = 0


async def actor_or_404(
    session: SessionDep, actor_id: ActorIdPath, as_of: AsOf = None
) -> q.ActorPublic:
    """The actor named in the path, or a 404 answer."""
    return await q.get_actor(session, actor_id, as_of=as_of)


async def existing_actor_id(session: SessionDep, actor_id: ActorIdPath) -> str:
    """The actor id from the path once it is known to exist, or a 404 answer."""
    return await q.ensure_actor(session, actor_id)


ActorDep = Annotated[q.ActorPublic, Depends(actor_or_404)]
ExistingActorId = Annotated[str, Depends(existing_actor_id)]


@router.get("/actors", response_model=Page[q.ActorSummaryPublic], responses=not_found())
async def list_actors(session: SessionDep, filters: Annotated[ActorFilters, Query()]):
    """Actors (clusters, networks, agencies, ...) matching every filter given, by name.
    Unknown country, sector or partnership ids answer 404."""
    return await q.list_actors(session, **filters.model_dump())


@router.get(
    "/actors/{actor_id}",
    response_model=q.ActorPublic,
    responses=not_found("No actor with this id"),
)
async def get_actor(actor: ActorDep):
    """One actor: names, kind, place, sectors, the partnerships it belongs to (with its role),
    its agreements (with all parties), the events it organised or attended, the partnerships
    that scored or considered it as a target (`targets_of`, best score first), and sources.
    With `as_of` only the agreements in force at that date are listed (the answer repeats
    `as_of`)."""
    return actor


@router.get(
    "/actors/{actor_id}/neighbours",
    response_model=nq.NeighbourhoodPublic,
    responses=not_found("No actor with this id"),
)
async def get_neighbours(
    session: SessionDep,
    actor_id: ExistingActorId,
    depth: Annotated[int, Query(ge=1, le=3, description="Cooperation hops (1-3).")] = 1,
    via: Via = None,
    max_nodes: Annotated[int, Query(ge=2, le=500, description="Node cap.")] = 100,
    include_placeholders: IncludePlaceholders = False,
):
    """The cooperation neighbourhood of an actor as nodes (actors, with their hop distance) and
    edges. Two actors are linked when they are parties to the same agreement (`agreement`),
    members of the same partnership (`membership`), organisers or participants of the same
    event (`event`), or when a partnership one is a member of scored or considered the other
    as a target (`targeting`, only when asked). Each edge names its `evidence` (the agreement,
    partnership or event) and sources. Shared countries or sectors never link actors.
    `truncated` says whether the node cap left actors out. Placeholders (unnamed parties) are
    left out unless `include_placeholders=true`."""
    return await nq.neighbours(
        session, actor_id, depth=depth, via=parse_via(via), max_nodes=max_nodes,
        include_placeholders=include_placeholders,
    )  # fmt: skip
