"""GET /health: is Neo4j answering, and which schema does it hold."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.deps import DriverDep, SettingsDep
from api.errors import RESPONSES, error_body
from clustergraph import __version__
from clustergraph.db import health
from clustergraph.errors import DatabaseUnavailableError

router = APIRouter(tags=["health"])


class HealthPublic(BaseModel):
    status: str
    version: str
    neo4j: dict


@router.get(
    "/health",
    response_model=HealthPublic,
    responses={503: RESPONSES[503]},
)
async def get_health(driver: DriverDep, settings: SettingsDep):
    try:
        info = await health(driver, settings)
    except DatabaseUnavailableError as e:
        return JSONResponse(
            status_code=503,
            content=error_body(
                e.code, str(e), {"status": "unavailable", "uri": settings.neo4j_uri}
            ),
        )
    return HealthPublic(status="ok", version=__version__, neo4j=info)
