"""GET /stats: counts over the whole graph."""

from fastapi import APIRouter

from api.deps import SessionDep
from queries import stats as q

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=q.StatsPublic)
async def get_stats(session: SessionDep):
    """Counts by type (actors, partnerships, agreements, events, countries, sectors, documents)
    and by relationship type; actors by country (code `null`: country not given) and by kind;
    actors, partnerships, agreements and events directly active in each sector; agreements per
    year (year `null`: undated), by status and by kind; events per year; and per document the
    entities it mentions and the relationships it is cited for."""
    return await q.stats(session)
