"""Creating drivers from the settings, and the health check shared by the CLI and the API.

The caller owns the driver: entry points create one, pass it (or its sessions) down, close it.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import neo4j
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncSession, Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from clustergraph.errors import DatabaseUnavailableError
from clustergraph.settings import Settings

_DRIVER_OPTIONS: dict[str, Any] = {
    "connection_timeout": 10.0,
    "max_connection_lifetime": 3600,
    "user_agent": "clustergraph/0.1",
    # Absent-label warnings on an empty database are expected, not worth a log line each.
    "notifications_min_severity": "OFF",
}


def unavailable_error(settings: Settings, exc: Exception) -> DatabaseUnavailableError:
    hint = (
        "start it with `clustergraph db start`"
        if settings.uri_is_embedded
        else "check that the server is up and that NEO4J_URI points at it"
    )
    if isinstance(exc, AuthError):
        hint = "check NEO4J_USER and NEO4J_PASSWORD"
    return DatabaseUnavailableError(
        f"Neo4j is not reachable at {settings.neo4j_uri} ({exc}): {hint}."
    )


def create_driver(settings: Settings, *, verify: bool = True) -> Driver:
    driver = GraphDatabase.driver(settings.neo4j_uri, auth=settings.auth, **_DRIVER_OPTIONS)
    if verify:
        try:
            driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, OSError) as e:
            driver.close()
            raise unavailable_error(settings, e) from e
    return driver


async def create_async_driver(settings: Settings, *, verify: bool = True) -> AsyncDriver:
    # API requests should fail fast (503) rather than retry for the default 30 s.
    driver = AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=settings.auth,
        max_transaction_retry_time=settings.api_retry_time_s,
        **_DRIVER_OPTIONS,
    )
    if verify:
        try:
            await driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, OSError) as e:
            await driver.close()
            raise unavailable_error(settings, e) from e
    return driver


@asynccontextmanager
async def open_session(
    driver: AsyncDriver, settings: Settings, *, write: bool = False
) -> AsyncIterator[AsyncSession]:
    """A session on the configured database; read-only unless `write` (routed accordingly)."""
    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    async with driver.session(
        database=settings.neo4j_database, default_access_mode=mode
    ) as session:
        yield session


HEALTH_QUERY = """
CALL dbms.components() YIELD name, versions, edition
WITH versions[0] AS version, edition
OPTIONAL MATCH (s:SchemaInfo {id: 'clustergraph'})
RETURN version, edition, s.version AS schema_version
"""


async def health(driver: AsyncDriver, settings: Settings) -> dict[str, Any]:
    """What `/health` and `clustergraph db status` report; raises when Neo4j does not answer."""
    # An auto-commit query: no retries, so a dead server is reported at once.
    try:
        async with open_session(driver, settings) as session:
            result = await session.run(neo4j.Query(HEALTH_QUERY, timeout=5.0))
            row = await result.single(strict=True)
    except (ServiceUnavailable, AuthError, OSError) as e:
        raise unavailable_error(settings, e) from e
    return {
        "neo4j": "up",
        "version": row["version"],
        "edition": row["edition"],
        "database": settings.neo4j_database,
        "schema_version": row["schema_version"],
    }
