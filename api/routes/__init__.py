"""Routers of the query API, one module per family of questions."""

import importlib

from fastapi import APIRouter

_MODULES = [
    "search",
    "actors",
    "partnerships",
    "agreements",
    "countries",
    "paths",
    "recommendations",
    "analytics",
    "stats",
    "timeline",
    "documents",
    "maps",
]


def _routers() -> list[APIRouter]:
    routers = []
    for name in _MODULES:
        try:
            module = importlib.import_module(f"api.routes.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"api.routes.{name}":
                raise
            continue
        routers.append(module.router)
    return routers


ROUTERS = _routers()
