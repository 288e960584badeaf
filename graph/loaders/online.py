"""Records written one request at a time (the API's POST routes), checked exactly like a load.

A request body is turned into a one-record `clustergraph/v1` file, validated by the same pydantic
models and the same resolution against the database (`build_plan`), and written by the same
Cypher (`writer.STEPS`) in one managed write transaction, which the driver retries on transient
errors.
"""

from pathlib import Path
from typing import Any

from neo4j import AsyncManagedTransaction, AsyncSession
from pydantic import ValidationError

from clustergraph.errors import LoadValidationError, Problem
from graph.loaders.merge import Known
from graph.loaders.models import FORMAT, DataFile
from graph.loaders.pipeline import KNOWN_QUERY, known_from
from graph.loaders.resolve import Plan, build_plan
from graph.loaders.sources import ParsedFile
from graph.loaders.writer import WriteStats, write_plan_async

DOCUMENT_EXISTS_QUERY = "MATCH (d:Document {id: $id}) RETURN count(d) > 0 AS exists"


async def _known(tx: AsyncManagedTransaction) -> Known:
    result = await tx.run(KNOWN_QUERY)
    row = await result.single(strict=True)
    return known_from(row)


def plan_records(origin: str, section: str, document: dict, record: dict, known: Known) -> Plan:
    """Validate one record with its source document as the loaders would; raise
    `LoadValidationError` naming `origin`, the record and the field."""
    raw = {"format": FORMAT, "document": document, section: [record]}
    try:
        data = DataFile.model_validate(raw)
    except ValidationError as e:
        raise LoadValidationError([_problem(origin, section, err) for err in e.errors()]) from e
    return build_plan([ParsedFile(Path(origin), data, {})], known)


def _problem(origin: str, section: str, err: Any) -> Problem:
    loc = tuple(err["loc"])
    if loc[:2] == (section, 0):
        return Problem(
            origin, err["msg"], record=f"{section}[0]", field=".".join(map(str, loc[2:]))
        )
    return Problem(origin, err["msg"], field=".".join(map(str, loc)) or None)


async def write_record(
    session: AsyncSession,
    origin: str,
    section: str,
    document: dict[str, Any],
    record: dict[str, Any],
    *,
    batch_size: int,
) -> WriteStats:
    """Check and write one record (and its document, when new) in one write transaction."""

    async def work(tx: AsyncManagedTransaction) -> WriteStats:
        known = await _known(tx)
        plan = plan_records(origin, section, document, record, known)
        exists = await (await tx.run(DOCUMENT_EXISTS_QUERY, id=document.get("id"))).single()
        rows = dict(plan.rows)
        if exists and exists["exists"]:
            rows["documents"] = []  # a document already loaded keeps its own details
        return await write_plan_async(tx, rows, batch_size=batch_size)

    return await session.execute_write(work)
