"""Agreements: the filterable, sortable table (`/explore/agreements`), the same rows as CSV
(`/explore/agreements.csv`) and one agreement (`/explore/agreements/{id}`)."""

import csv
import io

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.deps import SessionDep
from api.pages.forms import Form, checked_id
from api.pages.render import PageRoute, page, query_url
from clustergraph.errors import NotFoundError
from graph.schema.model import AGREEMENT_KINDS, AGREEMENT_STATUSES
from queries import agreements as q

router = APIRouter(route_class=PageRoute, include_in_schema=False)

PER_PAGE = 50
CSV_MAX = 10_000
SORTS = {
    "date": "date, oldest first",
    "-date": "date, newest first",
    "name": "name",
    "kind": "kind",
    "status": "status",
}
FILTERS = (
    "kind", "status", "country", "sector", "partnership", "actor", "from", "to", "as_of", "sort",
)  # fmt: skip


async def _filters(form: Form, session: SessionDep) -> dict:
    """The table's filters from the query string; names are resolved to ids ("Canada" -> CA)."""
    args = {
        "kind": form.choice("kind", AGREEMENT_KINDS),
        "status": form.choice("status", AGREEMENT_STATUSES),
        "date_from": form.date("from"),
        "date_to": form.date("to"),
        "as_of": form.date("as_of"),
        "sort": form.choice("sort", SORTS, "date"),
    }
    for name in ("country", "sector", "partnership", "actor"):
        args[name] = await form.entity(session, name, name) if form[name] else None
    if args["date_from"] and args["date_to"] and args["date_from"][:4] > args["date_to"][:4]:
        form.error("to", "“to” is before “from”.")
    return args


@router.get("/explore/agreements")
async def agreements_page(request: Request, session: SessionDep):
    form = Form(request.query_params)
    args = await _filters(form, session)
    page_no = form.integer("page", 1, 1, 2000)
    found = None
    if form.ok:
        try:
            found = await q.list_agreements(
                session, **args, limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE
            )
        except NotFoundError as e:  # a code that names no country ("XX")
            form.error(e.kind, f"No {e.kind} “{e.id}”.")
    kept = {k: form[k] for k in FILTERS if form[k]}
    return page(
        request, "agreements.html", 200 if form.ok else 422, title="Agreements", form=form,
        found=found, kinds=AGREEMENT_KINDS, statuses=AGREEMENT_STATUSES, sorts=SORTS,
        csv_url=query_url("/explore/agreements.csv", **kept), kept=kept,
        crumbs=[("Agreements", None)],
    )  # fmt: skip


CSV_COLUMNS = (
    "id", "name", "kind", "status", "date", "valid_until", "parties", "party_ids",
    "party_countries", "partnership", "sectors", "sources",
)  # fmt: skip


def csv_row(g: q.AgreementPublic) -> list[str]:
    return [
        g.id, g.name, g.kind, g.status, g.date or "", g.valid_until or "",
        "; ".join(p.name for p in g.parties), "; ".join(p.id for p in g.parties),
        "; ".join(p.country or "" for p in g.parties),
        g.partnership.id if g.partnership else "", "; ".join(s.id for s in g.sectors),
        "; ".join(f"{s.document}: {s.locator}" for s in g.sources),
    ]  # fmt: skip


@router.get("/explore/agreements.csv")
async def agreements_csv(request: Request, session: SessionDep):
    """Every row the table's filters select (all its pages), in the table's order."""
    form = Form(request.query_params)
    args = await _filters(form, session)
    if not form.ok:
        found = None
        return page(
            request, "agreements.html", 422, title="Agreements", form=form, found=found,
            kinds=AGREEMENT_KINDS, statuses=AGREEMENT_STATUSES, sorts=SORTS, csv_url="",
            kept={}, crumbs=[("Agreements", None)],
        )  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    offset, total = 0, 1
    while offset < min(total, CSV_MAX):
        chunk = await q.list_agreements(session, **args, limit=500, offset=offset)
        writer.writerows(csv_row(g) for g in chunk.items)
        total, offset = chunk.total, offset + 500
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="agreements.csv"'},
    )


@router.get("/explore/agreements/{agreement_id}")
async def agreement_page(request: Request, session: SessionDep, agreement_id: str):
    g = await q.get_agreement(session, checked_id("agreement", agreement_id))
    return page(
        request, "agreement.html", title=g.name, g=g,
        crumbs=[("Agreements", "/explore/agreements"), (g.name, None)],
    )  # fmt: skip
