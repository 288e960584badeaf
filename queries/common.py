"""What every query family shares: running read queries with limits, sources, dates, pages."""

from typing import Any, Generic, LiteralString, TypeVar

import neo4j
from neo4j import AsyncManagedTransaction, AsyncSession
from neo4j.exceptions import ClientError
from pydantic import BaseModel

from clustergraph.errors import QueryTimeoutError, QueryTooLargeError
from clustergraph.settings import get_settings
from graph.schema.dates import format_partial_date as iso

__all__ = ["Page", "RefPublic", "SourcePublic", "iso", "parse_sources", "read", "read_whole"]

T = TypeVar("T")


class SourcePublic(BaseModel):
    """Where a fact comes from: a document id (see GET /documents) and the place in it."""

    document: str
    locator: str


class RefPublic(BaseModel):
    """A reference to any node: enough to show it and to ask for it."""

    id: str
    name: str
    type: str


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


def parse_sources(values: list[str] | None) -> list[SourcePublic]:
    """Provenance is stored as 'document-id|locator' strings on nodes and relationships.

    Built without validation: both parts are strings by construction, and an answer can carry
    thousands of them."""
    out = []
    for value in values or []:
        document, _, locator = value.partition("|")
        out.append(SourcePublic.model_construct(document=document, locator=locator))
    return out


async def read(session: AsyncSession, query: LiteralString, **params: Any) -> list[neo4j.Record]:
    """Run one read query in a managed read transaction, with the timeout and row cap."""
    return await _read(session, query, False, params)


async def read_whole(
    session: AsyncSession, query: LiteralString, **params: Any
) -> list[neo4j.Record]:
    """`read` for a projection analysed in Python: every row or `QueryTooLargeError`."""
    return await _read(session, query, True, params)


async def _read(
    session: AsyncSession, query: LiteralString, whole: bool, params: dict[str, Any]
) -> list[neo4j.Record]:
    """Run one read query in a managed read transaction, with the timeout and row cap.

    Answers are cut at CLUSTERGRAPH_MAX_ROWS rows. A `whole` read (a projection that is
    analysed in Python) must see every row instead: it gets the much larger
    CLUSTERGRAPH_PROJECTION_MAX_ROWS and raises `QueryTooLargeError` rather than cut.
    """
    settings = get_settings()
    cap = settings.projection_max_rows if whole else settings.max_rows

    async def work(tx: AsyncManagedTransaction) -> list[neo4j.Record]:
        result = await tx.run(query, params)
        records = []
        async for record in result:
            records.append(record)
            if len(records) >= cap:
                break
        await result.consume()
        return records

    try:
        records = await session.execute_read(_with_timeout(work, settings.query_timeout_s))
    except ClientError as e:
        if "Timeout" in (e.code or "") or "TimedOut" in (e.code or ""):
            raise QueryTimeoutError(
                f"The query ran longer than {settings.query_timeout_s:.0f} s and was stopped; "
                "narrow it (fewer hops, a smaller limit) and try again."
            ) from e
        raise
    if whole and len(records) >= cap:
        raise QueryTooLargeError(
            f"The graph has more than {cap} rows to analyse (CLUSTERGRAPH_PROJECTION_MAX_ROWS); "
            "narrow the question (fewer kinds of link) or raise the setting."
        )
    return records


def _with_timeout(work, timeout: float):
    return neo4j.unit_of_work(timeout=timeout)(work)
