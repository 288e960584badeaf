"""The source documents (`/explore/documents`) and what each contributed
(`/explore/documents/{id}`)."""

from fastapi import APIRouter, Request

from api.deps import SessionDep
from api.pages.forms import checked_id
from api.pages.render import PageRoute, page
from queries.documents import get_document, list_documents

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.get("/explore/documents")
async def documents_page(request: Request, session: SessionDep):
    found = await list_documents(session, limit=100)
    return page(request, "documents.html", title="Sources", found=found, crumbs=[("Sources", None)])


@router.get("/explore/documents/{document_id}")
async def document_page(request: Request, session: SessionDep, document_id: str):
    d = await get_document(session, checked_id("document", document_id))
    return page(
        request, "document.html", title=d.title or d.id, d=d,
        crumbs=[("Sources", "/explore/documents"), (d.id, None)],
    )  # fmt: skip
