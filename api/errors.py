"""The one place where errors become HTTP answers: `{"error": {"code", "message", "detail"}}`."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.params import PATTERN_HELP
from clustergraph.errors import (
    AuthenticationError,
    ClusterGraphError,
    DatabaseUnavailableError,
    InvalidRequestError,
    LoadValidationError,
    NotFoundError,
    QueryTimeoutError,
    QueryTooLargeError,
    WritesDisabledError,
)
from clustergraph.settings import get_settings

log = logging.getLogger("clustergraph.api")

STATUS: dict[type[ClusterGraphError], int] = {
    NotFoundError: 404,
    InvalidRequestError: 422,
    LoadValidationError: 422,
    AuthenticationError: 401,
    WritesDisabledError: 403,
    DatabaseUnavailableError: 503,
    QueryTimeoutError: 504,
    QueryTooLargeError: 422,
}


class ErrorFieldsPublic(BaseModel):
    code: str
    message: str
    detail: Any = None


class ErrorPublic(BaseModel):
    """Every error answer: `{"error": {"code", "message", "detail"}}`."""

    error: ErrorFieldsPublic


Responses = dict[int | str, dict[str, Any]]


def _doc(text: str) -> dict[str, Any]:
    # Documented as application/json whenever the route's class has no media type of its own
    # (routes that answer HTML or files declare `response_class=Response` for that reason).
    return {"model": ErrorPublic, "description": text}


# Documented on every route (the OpenAPI document then lists every answer a client can get).
RESPONSES: Responses = {
    422: _doc("Invalid parameters (`invalid_parameters`, `invalid_request`, `invalid_data`)"),
    503: _doc("Neo4j is not reachable (`database_unavailable`)"),
    504: _doc("The query ran past CLUSTERGRAPH_QUERY_TIMEOUT (`query_timeout`)"),
}
# Documented on every route when reads need a key (CLUSTERGRAPH_READ_REQUIRES_KEY).
READ_KEY_RESPONSES: Responses = {401: _doc("No or a wrong X-API-Key (`unauthorized`)")}
WRITE_RESPONSES: Responses = {
    400: _doc("The body is not valid JSON (`invalid_json`)"),
    401: _doc("No or a wrong X-API-Key (`unauthorized`)"),
    403: _doc("Writes are disabled: no CLUSTERGRAPH_API_KEYS (`writes_disabled`)"),
    404: _doc("No such id (`not_found`): the actor or agreement to delete"),
    413: _doc("The body is over CLUSTERGRAPH_MAX_BODY_BYTES (`payload_too_large`)"),
}


def not_found(text: str = "An id given names nothing (`not_found`)") -> Responses:
    """The 404 answer of a route that looks ids up."""
    return {404: _doc(text)}


def error_body(code: str, message: str, detail: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "detail": detail}}


def _respond(status: int, code: str, message: str, detail: Any = None) -> JSONResponse:
    return JSONResponse(
        status_code=status, content=jsonable_encoder(error_body(code, message, detail))
    )


async def _clustergraph_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ClusterGraphError)
    status = next((s for t, s in STATUS.items() if isinstance(exc, t)), 500)
    detail = {"kind": exc.kind, "id": exc.id} if isinstance(exc, NotFoundError) else None
    if isinstance(exc, LoadValidationError):
        first = exc.problems[0] if exc.problems else "?"
        message = f"{len(exc.problems)} problem(s) in the request; nothing was written: {first}"
        return _respond(status, exc.code, message, [p.as_dict() for p in exc.problems])
    return _respond(status, exc.code, str(exc), detail)


async def _unavailable(_: Request, exc: Exception) -> JSONResponse:
    log.warning("Neo4j unavailable: %s", exc)
    return _respond(
        503,
        "database_unavailable",
        f"Neo4j is not reachable at {get_settings().neo4j_uri}; start it "
        "(`clustergraph db start`) or check NEO4J_URI, then retry.",
        str(exc),
    )


def _message(error: dict[str, Any]) -> str:
    pattern = (error.get("ctx") or {}).get("pattern")
    if error["type"] == "string_pattern_mismatch" and pattern in PATTERN_HELP:
        return f"does not match the pattern: should be {PATTERN_HELP[pattern]}"
    return str(error["msg"])


async def _validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if any(e["type"] == "json_invalid" for e in errors):
        where = next(e for e in errors if e["type"] == "json_invalid")
        return _respond(
            400,
            "invalid_json",
            "The request body is not valid JSON "
            f"({(where.get('ctx') or {}).get('error', where['msg'])}); nothing was written.",
        )
    problems = [
        {
            "field": ".".join(str(p) for p in e["loc"] if p not in ("query", "path")),
            "message": _message(e),
            "input": e.get("input"),
        }
        for e in errors
    ]
    fields = ", ".join(p["field"] for p in problems)
    return _respond(422, "invalid_parameters", f"Invalid request parameter(s): {fields}.", problems)


def _allowed_methods(request: Request) -> str:
    """Every method some route answers at this path (Starlette names only the first route's)."""
    allowed = [
        method
        for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL
            for route in request.app.routes
        )
    ]
    return ", ".join(allowed)


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}.get(
        exc.status_code, "http_error"
    )
    response = _respond(exc.status_code, code, str(exc.detail))
    # Headers such as a 405's `Allow` (which methods the path has) are part of the answer.
    response.headers.update(exc.headers or {})
    if exc.status_code == 405:
        response.headers["Allow"] = _allowed_methods(request) or response.headers.get("Allow", "")
    return response


def install(app: FastAPI) -> None:
    app.add_exception_handler(ClusterGraphError, _clustergraph_error)
    for exc_type in (ServiceUnavailable, SessionExpired, AuthError):
        app.add_exception_handler(exc_type, _unavailable)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
