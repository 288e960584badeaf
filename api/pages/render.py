"""How workbench pages are rendered: the template environment, links to entities, and errors
shown as pages (never raw JSON) for every route of the workbench (`PageRoute`)."""

import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import neo4j
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from api.pages import words
from clustergraph.errors import (
    DatabaseUnavailableError,
    InvalidRequestError,
    NotFoundError,
    QueryTimeoutError,
    QueryTooLargeError,
)
from clustergraph.settings import get_settings
from graph.schema.model import TYPE_LABELS
from queries.search import search

log = logging.getLogger("clustergraph.pages")

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))

# The workbench page of each kind of entity (map node ids are "<type>:<key>").
ENTITY_PATHS = {
    "actor": "/explore/actors/{}",
    "partnership": "/explore/partnerships/{}",
    "agreement": "/explore/agreements/{}",
    "event": "/explore/events/{}",
    "country": "/explore/countries/{}",
    "sector": "/explore/sectors/{}",
    "document": "/explore/documents/{}",
}


def entity_url(type_: str, id_: str) -> str:
    return ENTITY_PATHS[type_].format(quote(str(id_), safe=""))


def query_url(path: str, **params: Any) -> str:
    """`path?params`, leaving out empty values (so shared links stay short)."""
    kept = {k: v for k, v in params.items() if v not in (None, "", [])}
    return path + ("?" + urlencode(kept, doseq=True) if kept else "")


TEMPLATES.env.globals.update(
    entity_url=entity_url, query_url=query_url, entity_paths=ENTITY_PATHS, words=words
)
TEMPLATES.env.filters.update(
    kind=words.kind, country=words.country_label, plural=words.plural, date=words.date
)


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)


async def suggestions(request: Request, text: str, type_: str | None = None) -> list:
    """Search hits for what an unknown id or name may have meant (none if search fails)."""
    text = text.replace("-", " ").replace("_", " ").strip()
    if not any(c.isalnum() for c in text):
        return []
    driver = request.app.state.driver
    try:
        async with driver.session(
            database=get_settings().neo4j_database, default_access_mode=neo4j.READ_ACCESS
        ) as session:
            return (await search(session, text[:200], type_=type_, limit=8)).items
    except Exception:  # the 404 page must not fail for want of suggestions
        log.exception("suggestions for %r", text)
        return []


def _field(loc: tuple) -> str:
    return ".".join(str(p) for p in loc if p not in ("query", "path"))


async def error_page(request: Request, exc: Exception) -> HTMLResponse:
    """The page for an error: 404 with suggestions, 422 with the message, 503, 504."""
    if isinstance(exc, NotFoundError):
        hits = await suggestions(request, exc.id, exc.kind if exc.kind in TYPE_LABELS else None)
        if not hits and exc.kind in TYPE_LABELS:
            hits = await suggestions(request, exc.id)
        return page(
            request, "error.html", 404, title=f"No {exc.kind} “{exc.id}”", kind=exc.kind,
            missing=exc.id, hits=hits, message=None,
        )  # fmt: skip
    if isinstance(exc, RequestValidationError):
        message = "; ".join(f"{_field(e['loc'])}: {e['msg']}" for e in exc.errors())
        return page(request, "error.html", 422, title="Invalid address", message=message, hits=[])
    if isinstance(exc, InvalidRequestError | QueryTooLargeError):
        return page(request, "error.html", 422, title="Cannot answer that", message=str(exc))
    if isinstance(exc, QueryTimeoutError):
        return page(request, "error.html", 504, title="Too slow", message=str(exc))
    if isinstance(exc, DatabaseUnavailableError | ServiceUnavailable | SessionExpired | AuthError):
        message = (
            f"Neo4j is not reachable at {get_settings().neo4j_uri}; start it "
            "(`clustergraph db start`) or check NEO4J_URI, then reload this page."
        )
        return page(request, "error.html", 503, title="The database is not answering",
                    message=message)  # fmt: skip
    raise exc


class PageRoute(APIRoute):
    """A workbench route: whatever goes wrong is answered by a page, not by JSON."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def page_handler(request: Request):
            try:
                return await handler(request)
            except (
                NotFoundError,
                RequestValidationError,
                InvalidRequestError,
                QueryTooLargeError,
                QueryTimeoutError,
                DatabaseUnavailableError,
                ServiceUnavailable,
                SessionExpired,
                AuthError,
            ) as e:
                return await error_page(request, e)

        return page_handler
