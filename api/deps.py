"""Dependencies handed to routes: settings, the process-wide driver, a read session."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from neo4j import AsyncDriver, AsyncSession

from clustergraph.db import open_session
from clustergraph.errors import DatabaseUnavailableError
from clustergraph.settings import Settings, get_settings

SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_driver(request: Request) -> AsyncDriver:
    driver = getattr(request.app.state, "driver", None)
    if driver is None:
        raise DatabaseUnavailableError("The API has no Neo4j driver; restart it.")
    return driver


DriverDep = Annotated[AsyncDriver, Depends(get_driver)]


async def get_session(driver: DriverDep, settings: SettingsDep) -> AsyncIterator[AsyncSession]:
    async with open_session(driver, settings) as session:
        yield session


async def get_write_session(
    driver: DriverDep, settings: SettingsDep
) -> AsyncIterator[AsyncSession]:
    async with open_session(driver, settings, write=True) as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]
WriteSessionDep = Annotated[AsyncSession, Depends(get_write_session)]
