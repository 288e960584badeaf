"""GET /search: find ids by (part of) a name or alias, whatever the case, accents or typos."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import SessionDep
from api.params import Limit, country_query, offset_query
from queries.common import Page
from queries.search import SearchHitPublic, search

router = APIRouter(tags=["search"])

EntityType = Literal["actor", "partnership", "agreement", "event", "country", "sector"]


class SearchQuery(BaseModel):
    """The text, filters and page of GET /search."""

    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="Part of a name or alias: 'aero montreal', 'medtek'. Text without a "
            "letter or digit matches nothing (an empty page).",
        ),
    ]
    type: Annotated[EntityType | None, Query(description="Only this kind of entity.")] = None
    country: Annotated[
        str | None,
        country_query(
            "ISO 3166-1 alpha-2 code: only actors and events located there, or that country "
            "itself (partnerships and agreements have no country)."
        ),
    ] = None
    limit: Limit = 20
    offset: Annotated[int, offset_query(10_000)] = 0


@router.get("/search", response_model=Page[SearchHitPublic])
async def get_search(session: SessionDep, query: Annotated[SearchQuery, Query()]):
    """Fuzzy, case- and accent-insensitive search over the names and aliases of actors,
    partnerships, agreements, events, countries and sectors, best match first.

    Every word of `q` must match a word of the name (exactly, as a prefix, or with a typo); when
    nothing matches all words, results matching any word are returned. An exact match of the
    whole name, an alias or the id comes first and has `exact: true`: ignoring case, and for
    actors' names also accents and punctuation. `score` is the Lucene relevance (+10 for an
    exact match); compare scores within one answer only. `total` counts at most 500 matches.
    """
    return await search(
        session,
        query.q,
        type_=query.type,
        country=query.country,
        limit=query.limit,
        offset=query.offset,
    )
