"""Deleting actors and agreements (the API's DELETE routes), each in one write transaction."""

from neo4j import AsyncManagedTransaction, AsyncSession
from pydantic import BaseModel

from clustergraph.errors import NotFoundError
from graph.schema.derived import (
    EVIDENCE_OF_ACTOR_QUERY,
    REFRESH_ELEMENTS_QUERY,
    SUMMARY_INVALIDATE_QUERY,
)


class DeletedRef(BaseModel):
    type: str
    id: str


class DeletedPublic(BaseModel):
    """What a DELETE removed: the entity and anything that only existed through it."""

    deleted: list[DeletedRef]


# An agreement needs a party: agreements whose only party was this actor go with it.
DELETE_ACTOR_QUERY = """
MATCH (a:Actor {id: $id})
OPTIONAL MATCH (a)-[:PARTY_TO]->(g:Agreement)
  WHERE NOT EXISTS { MATCH (other:Actor)-[:PARTY_TO]->(g) WHERE other <> a }
WITH a, collect(DISTINCT g) AS orphans
WITH a, orphans, [g IN orphans | g.id] AS orphan_ids
FOREACH (g IN orphans | DETACH DELETE g)
DETACH DELETE a
RETURN orphan_ids
"""

DELETE_AGREEMENT_QUERY = """
MATCH (g:Agreement {id: $id})
DETACH DELETE g
RETURN true AS deleted
"""


async def delete_actor(session: AsyncSession, actor_id: str) -> DeletedPublic:
    async def work(tx: AsyncManagedTransaction):
        # The agreements, partnerships and events it leaves: their `actor_countries` are
        # refreshed in the same transaction (an orphan agreement is deleted: nothing matches).
        touched = await (await tx.run(EVIDENCE_OF_ACTOR_QUERY, id=actor_id)).single(strict=True)
        row = await (await tx.run(DELETE_ACTOR_QUERY, id=actor_id)).single()
        await (await tx.run(REFRESH_ELEMENTS_QUERY, ids=touched["ids"])).consume()
        await (await tx.run(SUMMARY_INVALIDATE_QUERY)).consume()
        return row

    row = await session.execute_write(work)
    if row is None:
        raise NotFoundError("actor", actor_id)
    return DeletedPublic(
        deleted=[DeletedRef(type="actor", id=actor_id)]
        + [DeletedRef(type="agreement", id=g) for g in sorted(row["orphan_ids"])]
    )


async def delete_agreement(session: AsyncSession, agreement_id: str) -> DeletedPublic:
    async def work(tx: AsyncManagedTransaction):
        row = await (await tx.run(DELETE_AGREEMENT_QUERY, id=agreement_id)).single()
        await (await tx.run(SUMMARY_INVALIDATE_QUERY)).consume()
        return row

    if await session.execute_write(work) is None:
        raise NotFoundError("agreement", agreement_id)
    return DeletedPublic(deleted=[DeletedRef(type="agreement", id=agreement_id)])
