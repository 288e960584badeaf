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


def _doc(text: str) -> dict[str, Any]:
    return {"model": ErrorPublic, "description": text}


# Documented on every route (the OpenAPI document then lists every answer a client can get).
RESPONSES: dict[int | str, dict[str, Any]] = {
    404: _doc("Unknown id (`not_found`)"),
    422: _doc("Invalid parameters (`invalid_parameters`, `invalid_request`, `invalid_data`)"),
    503: _doc("Neo4j is not reachable (`database_unavailable`)"),
    504: _doc("The query ran past CLUSTERGRAPH_QUERY_TIMEOUT (`query_timeout`)"),
}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _doc("The body is not valid JSON"),
    401: _doc("No or a wrong X-API-Key (`unauthorized`)"),
    403: _doc("Writes are disabled: no CLUSTERGRAPH_API_KEYS (`writes_disabled`)"),
    413: _doc("The body is over CLUSTERGRAPH_MAX_BODY_BYTES (`payload_too_large`)"),
}


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


async def _validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {
            "field": ".".join(str(p) for p in e["loc"] if p not in ("query", "path")),
            "message": e["msg"],
            "input": e.get("input"),
        }
        for e in exc.errors()
    ]
    fields = ", ".join(p["field"] for p in problems)
    return _respond(422, "invalid_parameters", f"Invalid request parameter(s): {fields}.", problems)


async def _http(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}.get(
        exc.status_code, "http_error"
    )
    return _respond(exc.status_code, code, str(exc.detail))


def install(app: FastAPI) -> None:
    app.add_exception_handler(ClusterGraphError, _clustergraph_error)
    for exc_type in (ServiceUnavailable, SessionExpired, AuthError):
        app.add_exception_handler(exc_type, _unavailable)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
