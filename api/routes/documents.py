"""GET /documents and GET /documents/{id}: the sources every fact points back to."""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import SessionDep
from graph.schema.model import ID_PATTERN
from queries import documents as q
from queries.common import Page

router = APIRouter(tags=["documents"])


@router.get("/documents", response_model=Page[q.DocumentPublic])
async def list_documents(
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
):
    """The source documents (the `document` of every `sources` entry), by id, each with what it
    contributes: `mentions` counts actors, partnerships, agreements and events it mentions;
    `links` counts, by relationship type, the relationships whose sources cite it."""
    return await q.list_documents(session, limit=limit, offset=offset)


@router.get(
    "/documents/{document_id}",
    response_model=q.DocumentDetailPublic,
    responses={404: {"description": "No document with this id"}},
)
async def get_document(
    session: SessionDep,
    document_id: Annotated[
        str,
        Path(
            min_length=1,
            max_length=120,
            pattern=ID_PATTERN,
            description="A document id, e.g. `eccp-canada-2019`.",
        ),
    ],
):
    """One document with its counts and every entity it mentions, by type, with the places
    (`locators`) in the document."""
    return await q.get_document(session, document_id)
