"""API keys: writes always need one, reads only when CLUSTERGRAPH_READ_REQUIRES_KEY is set.

Keys come from CLUSTERGRAPH_API_KEYS (comma-separated) and are compared in constant time.
"""

import hmac
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader

from api.deps import SettingsDep
from clustergraph.errors import AuthenticationError, WritesDisabledError
from clustergraph.settings import get_settings

# Health stays open for load balancers and monitoring even when reads need a key.
OPEN_PATHS = frozenset({"/health"})

_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="An API key from CLUSTERGRAPH_API_KEYS. Needed for POST and DELETE; for GET "
    "only when CLUSTERGRAPH_READ_REQUIRES_KEY=true.",
)
KeyHeader = Annotated[str | None, Depends(_header)]


def _matches(given: str | None, keys: list[str]) -> bool:
    if not given:
        return False
    # Compare with every key (no early exit) so timing says nothing about which keys exist.
    found = False
    for key in keys:
        found |= hmac.compare_digest(given.encode("utf-8"), key.encode("utf-8"))
    return found


def require_write_key(settings: SettingsDep, api_key: KeyHeader) -> None:
    keys = settings.api_key_list
    if not keys:
        raise WritesDisabledError(
            "Writes are disabled: this server has no API keys. Set CLUSTERGRAPH_API_KEYS "
            "(comma-separated secrets) and restart it, then send one in the X-API-Key header."
        )
    if not _matches(api_key, keys):
        raise AuthenticationError(
            "Missing or wrong API key: send a key from CLUSTERGRAPH_API_KEYS in the "
            "X-API-Key header."
        )


def require_read_key(request: Request, settings: SettingsDep, api_key: KeyHeader) -> None:
    if not settings.read_requires_key or request.url.path in OPEN_PATHS:
        return
    if not _matches(api_key, settings.api_key_list):
        raise AuthenticationError(
            "This server requires an API key for reads (CLUSTERGRAPH_READ_REQUIRES_KEY): send "
            "a key from CLUSTERGRAPH_API_KEYS in the X-API-Key header."
        )


WriteKey = Depends(require_write_key)
ReadKey = Depends(require_read_key)


class WriteKeyFirst(APIRoute):
    """A write route that checks the key before FastAPI reads and validates the body: a client
    without a key gets 401/403, never a 400/422 that would teach it the body's schema."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            require_write_key(get_settings(), request.headers.get(_header.model.name))
            return await handler(request)

        return checked
