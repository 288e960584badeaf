"""The analysts' workbench: server-rendered pages over the query layer, one module per family
of pages, each page's state in its URL (GET forms), JavaScript only as an enhancement."""

from api.pages import (
    actors,
    agreements,
    analytics,
    apidocs,
    countries,
    documents,
    home,
    partnerships,
    paths,
    timeline,
)

ROUTERS = [
    home.router,
    actors.router,
    partnerships.router,
    agreements.router,
    countries.router,
    paths.router,
    timeline.router,
    analytics.router,
    documents.router,
    apidocs.router,
    home.fallback,
]
