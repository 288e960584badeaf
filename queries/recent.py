"""The most recent dated agreements and events, newest first (the workbench's home page)."""

from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel

from queries.common import iso, read
from queries.stats import AGREEMENTS_PER_YEAR_QUERY, COUNTS_QUERY, YearCount


class RecentItemPublic(BaseModel):
    type: str  # "agreement" or "event"
    id: str
    name: str
    kind: str | None = None
    status: str | None = None  # agreements only
    date: str | None = None


RECENT_QUERY = """
CALL () {
  MATCH (n:Agreement) WHERE n.date IS NOT NULL
  RETURN 'agreement' AS type, n ORDER BY n.date DESC, n.id LIMIT $limit
  UNION ALL
  MATCH (n:Event) WHERE n.date IS NOT NULL
  RETURN 'event' AS type, n ORDER BY n.date DESC, n.id LIMIT $limit
}
RETURN type, n {.id, .name, .kind, .status, .date, .date_precision} AS item
ORDER BY item.date DESC, item.id
"""


async def recent(session: AsyncSession, *, limit: int = 8) -> dict[str, list[RecentItemPublic]]:
    """Up to `limit` agreements and `limit` events, each list newest first."""
    out: dict[str, list[RecentItemPublic]] = {"agreement": [], "event": []}
    for row in await read(session, RECENT_QUERY, limit=limit):
        n = row["item"]
        out[row["type"]].append(
            RecentItemPublic(
                type=row["type"],
                id=n["id"],
                name=n.get("name") or n["id"],
                kind=n.get("kind"),
                status=n.get("status") if row["type"] == "agreement" else None,
                date=iso(n.get("date"), n.get("date_precision")),
            )
        )
    return out


async def counts(session: AsyncSession) -> tuple[dict[str, Any], list[YearCount]]:
    """What the graph holds (nodes by type, placeholders left out and counted apart in
    `placeholders`) and agreements per year, without the rest of /stats (its per-document and
    per-relationship counts read every relationship)."""
    totals = dict((await read(session, COUNTS_QUERY))[0])
    years = [YearCount(**r) for r in await read(session, AGREEMENTS_PER_YEAR_QUERY)]
    return totals, years
