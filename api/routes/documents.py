"""GET /documents and GET /documents/{id}: the sources every fact points back to."""

from fastapi import APIRouter

from api.deps import SessionDep
from api.errors import not_found
from api.params import DocumentIdPath, Limit, Offset
from queries import documents as q
from queries.common import Page

router = APIRouter(tags=["documents"])


@router.get("/documents", response_model=Page[q.DocumentPublic])
async def list_documents(
    session: SessionDep,
    limit: Limit = 20,
    offset: Offset = 0,
):
    """The source documents (the `document` of every `sources` entry), by id, each with what it
    contributes: `mentions` counts actors, partnerships, agreements and events it mentions;
    `links` counts, by relationship type, the relationships whose sources cite it."""
    return await q.list_documents(session, limit=limit, offset=offset)


@router.get(
    "/documents/{document_id}",
    response_model=q.DocumentDetailPublic,
    responses=not_found("No document with this id"),
)
async def get_document(session: SessionDep, document_id: DocumentIdPath):
    """One document with its counts and every entity it mentions, by type, with the places
    (`locators`) in the document."""
    return await q.get_document(session, document_id)
