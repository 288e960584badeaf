"""GET /paths: shortest cooperation paths between two actors or partnerships."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import SessionDep
from api.errors import not_found
from api.params import Via, id_query
from queries.paths import MAX_HOPS, MAX_K, PathsPublic, find_paths

router = APIRouter(tags=["paths"])


@router.get(
    "/paths",
    response_model=PathsPublic,
    responses=not_found("`source` or `target` names no actor or partnership"),
)
async def get_paths(
    session: SessionDep,
    source: Annotated[str, id_query("Actor or partnership id, e.g. `aviation-valley`")],
    target: Annotated[str, id_query("Actor or partnership id, e.g. `aerospace-valley`")],
    max_hops: Annotated[
        int,
        Query(
            ge=1,
            le=MAX_HOPS,
            description=(
                "At most this many actor-to-actor hops (each through one agreement, partnership or "
                "event)"
            ),
        ),
    ] = 4,
    via: Via = None,
    k: Annotated[int, Query(ge=1, le=MAX_K, description="At most this many distinct routes")] = 3,
    include_planned: Annotated[
        bool,
        Query(
            description=(
                "Pass through planned events and agreements (each such step says `planned`); "
                "false: only what happened or was signed"
            )
        ),
    ] = True,
    include_placeholders: Annotated[
        bool,
        Query(description="Pass through placeholder records (parties the report does not name)"),
    ] = False,
):
    """The `k` shortest distinct cooperation routes from `source` to `target`, shortest first.

    A hop links two actors through one agreement both are party to, one partnership both are
    members of (`membership`; `targeting` also links a partnership's members to the actors it
    targeted) or one event both organised or attended. Shared countries and sectors never link.
    Each path lists its `nodes` (evidence included), its `steps` (`from`, `to`, `relation`,
    `evidence`, other evidence for the same hop as `alternatives`, `sources`) and a one-sentence
    `explanation`. `paths` is empty when no route exists within `max_hops`. `source` equal
    to `target` answers 422 (`invalid_request`).
    """
    return await find_paths(
        session,
        source,
        target,
        max_hops=max_hops,
        via=via,
        k=k,
        include_planned=include_planned,
        include_placeholders=include_placeholders,
    )
