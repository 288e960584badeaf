"""GET /actors, GET /actors/{id} and GET /actors/{id}/neighbours."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query

from api.deps import SessionDep
from graph.schema.model import ACTOR_KINDS, COOPERATION_LINKS, ID_PATTERN
from queries import actors as q
from queries import neighbours as nq
from queries.common import Page
from queries.links import parse_via

router = APIRouter(tags=["actors"])

ActorKind = Literal[ACTOR_KINDS]  # type: ignore[valid-type]
_LINK = "(" + "|".join(COOPERATION_LINKS) + ")"
VIA_PATTERN = rf"^{_LINK}(,{_LINK})*$"

ActorIdPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=120,
        pattern=ID_PATTERN,
        description="An actor id, e.g. `aerospace-valley`.",
    ),
]


async def actor_or_404(session: SessionDep, actor_id: ActorIdPath) -> q.ActorPublic:
    """The actor named in the path, or a 404 answer."""
    return await q.get_actor(session, actor_id)


async def existing_actor_id(session: SessionDep, actor_id: ActorIdPath) -> str:
    """The actor id from the path once it is known to exist, or a 404 answer."""
    return await q.ensure_actor(session, actor_id)


ActorDep = Annotated[q.ActorPublic, Depends(actor_or_404)]
ExistingActorId = Annotated[str, Depends(existing_actor_id)]


@router.get("/actors", response_model=Page[q.ActorSummaryPublic])
async def list_actors(
    session: SessionDep,
    kind: Annotated[ActorKind | None, Query(description="Only actors of this kind.")] = None,
    country: Annotated[
        str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code.")
    ] = None,
    sector: Annotated[
        str | None,
        Query(
            max_length=120,
            pattern=ID_PATTERN,
            description="A sector id; actors in its sub-sectors count too.",
        ),
    ] = None,
    partnership: Annotated[
        str | None,
        Query(
            max_length=120,
            pattern=ID_PATTERN,
            description="Only members of this partnership (e.g. `space2id`).",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
):
    """Actors (clusters, networks, agencies, ...) matching every filter given, by name.
    Unknown country, sector or partnership ids answer 404."""
    return await q.list_actors(
        session,
        kind=kind,
        country=country,
        sector=sector,
        partnership=partnership,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/actors/{actor_id}",
    response_model=q.ActorPublic,
    responses={404: {"description": "No actor with this id"}},
)
async def get_actor(actor: ActorDep):
    """One actor: names, kind, place, sectors, the partnerships it belongs to (with its role),
    its agreements (with all parties), the events it organised or attended, the partnerships
    that scored or considered it as a target (`targets_of`, best score first), and sources."""
    return actor


@router.get(
    "/actors/{actor_id}/neighbours",
    response_model=nq.NeighbourhoodPublic,
    responses={404: {"description": "No actor with this id"}},
)
async def get_neighbours(
    session: SessionDep,
    actor_id: ExistingActorId,
    depth: Annotated[int, Query(ge=1, le=3, description="Cooperation hops (1-3).")] = 1,
    via: Annotated[
        str | None,
        Query(
            pattern=VIA_PATTERN,
            max_length=100,
            description="Comma-separated link kinds: agreement, membership, event, targeting "
            "(default agreement,membership,event).",
        ),
    ] = None,
    max_nodes: Annotated[int, Query(ge=2, le=500, description="Node cap.")] = 100,
):
    """The cooperation neighbourhood of an actor as nodes (actors, with their hop distance) and
    edges. Two actors are linked when they are parties to the same agreement (`agreement`),
    members of the same partnership (`membership`), organisers or participants of the same
    event (`event`), or when a partnership one is a member of scored or considered the other
    as a target (`targeting`, only when asked). Each edge names its `evidence` (the agreement,
    partnership or event) and sources. Shared countries or sectors never link actors.
    `truncated` says whether the node cap left actors out."""
    return await nq.neighbours(
        session, actor_id, depth=depth, via=parse_via(via), max_nodes=max_nodes
    )
