"""`/docs` (Swagger UI) and `/redoc` (ReDoc) from assets the app serves itself (vendored from
npm, see api/static/vendor/), so both work offline; and the favicon."""

from functools import cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, Response

router = APIRouter(include_in_schema=False)

STATIC = Path(__file__).resolve().parent.parent / "static"
SWAGGER = "/static/vendor/swagger-ui-dist-5.35.0"
REDOC = "/static/vendor/redoc-2.5.1"
FAVICON = "/static/favicon.svg"


@router.get("/docs")
async def swagger_ui():
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="clustergraph API",
        swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
        swagger_css_url=f"{SWAGGER}/swagger-ui.css",
        swagger_favicon_url=FAVICON,
        # No validator badge: it would ask validator.swagger.io about the document.
        swagger_ui_parameters={"validatorUrl": None},
    )


@router.get("/redoc")
async def redoc():
    return get_redoc_html(
        openapi_url="/openapi.json",
        title="clustergraph API reference",
        redoc_js_url="/redoc/redoc.standalone.js",
        redoc_favicon_url=FAVICON,
        with_google_fonts=False,
    )


# ReDoc's sidebar shows the Redocly logo from its CDN, whatever the options: the bundle is served
# with that one address pointing at our favicon (the vendored file stays as published).
REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"


@cache
def redoc_bundle() -> bytes:
    bundle = (STATIC / REDOC.removeprefix("/static/") / "redoc.standalone.js").read_bytes()
    return bundle.replace(REDOC_LOGO, FAVICON.encode())


@router.get("/redoc/redoc.standalone.js")
async def redoc_script():
    return Response(
        redoc_bundle(),
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/favicon.ico")
async def favicon():
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")
