"""The FastAPI application: one async driver per process, routers, error mapping."""

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api import errors
from api.limits import BodySizeLimit
from api.pages import ROUTERS as PAGE_ROUTERS
from api.pages.apidocs import STATIC
from api.routes import ROUTERS
from api.security import ReadKey
from clustergraph import __version__
from clustergraph.db import create_async_driver
from clustergraph.errors import DatabaseUnavailableError
from clustergraph.memory import freeze_startup_objects
from clustergraph.settings import get_settings

log = logging.getLogger("clustergraph.api")

DESCRIPTION = """
Who cooperates with whom among Europe's cluster organisations, through what, and how to get from
one to another. Every answer that comes from a document carries its `sources`
(`[{"document", "locator"}]`). Errors have the form `{"error": {"code", "message", "detail"}}`.
"""


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    try:
        app.state.driver = await create_async_driver(settings)
    except DatabaseUnavailableError as e:
        # Serve anyway: /health answers 503 with the reason, and the driver reconnects later.
        log.error("%s", e)
        app.state.driver = await create_async_driver(settings, verify=False)
    freeze_startup_objects()
    try:
        yield
    finally:
        await app.state.driver.close()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(
        title="clustergraph",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        # Operation ids are the route functions' names (`get_actor`, `list_agreements`): what
        # generated clients call their functions. They must stay unique (tests check it).
        generate_unique_id_function=lambda route: route.name,
        docs_url=None,  # served by api/pages/apidocs.py from vendored assets (offline)
        redoc_url=None,
        # Only a server that wants keys for reads says so in its OpenAPI document.
        dependencies=[ReadKey] if settings.read_requires_key else [],
    )
    errors.install(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["X-API-Key", "Content-Type"],
        )
    responses = errors.RESPONSES
    if settings.read_requires_key:
        responses = {**responses, **errors.READ_KEY_RESPONSES}
    for router in ROUTERS:
        app.include_router(router, responses=responses)
    for router in PAGE_ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


app = create_app()
