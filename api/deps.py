"""Dependencies handed to routes: settings, the process-wide driver, a read session."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from neo4j import AsyncDriver, AsyncSession

from clustergraph.db import open_session
from clustergraph.errors import DatabaseUnavailableError
from clustergraph.settings import Settings, get_settings

T = TypeVar("T")

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


async def in_own_session(
    driver: AsyncDriver, settings: Settings, work: Callable[..., Awaitable[T]], *args: Any
) -> T:
    """`work(session, *args)` in a read session of its own: a page's independent reads then run
    side by side (one session runs one query at a time)."""
    async with open_session(driver, settings) as session:
        return await work(session, *args)


async def side_by_side(*works: Coroutine[Any, Any, Any]) -> list[Any]:
    """The results of `works`, run concurrently. An error is raised as itself, not inside an
    ExceptionGroup, so that it maps to HTTP (or to an error page) like any other."""
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(work) for work in works]
    except ExceptionGroup as errors:
        raise errors.exceptions[0] from None
    return [task.result() for task in tasks]
