"""Routers of the query API, one module per family of questions."""

from api.routes import (
    actors,
    agreements,
    analytics,
    countries,
    documents,
    geo,
    health,
    maps,
    partnerships,
    paths,
    recommendations,
    search,
    stats,
    timeline,
    writes,
)

ROUTERS = [
    health.router,
    search.router,
    actors.router,
    partnerships.router,
    agreements.router,
    countries.router,
    paths.router,
    recommendations.router,
    analytics.router,
    stats.router,
    timeline.router,
    documents.router,
    maps.router,
    geo.router,
    writes.router,
]
