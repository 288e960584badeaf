"""The analysts' workbench: server-rendered pages over the query layer, one module per family
of pages, each page's state in its URL (GET forms), JavaScript only as an enhancement."""

from api.pages import actors, agreements, apidocs, countries, home, partnerships, paths

ROUTERS = [
    home.router,
    actors.router,
    partnerships.router,
    agreements.router,
    countries.router,
    paths.router,
    apidocs.router,
]
