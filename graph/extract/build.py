"""From a report to a draft: read, resolve names, build the records, in the loader's format."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.extract import agreements as agreements_mod
from graph.extract import events as events_mod
from graph.extract import relations
from graph.extract.entities import resolve
from graph.extract.known import KnownEntities
from graph.extract.places import known_codes
from graph.extract.readers import Document, read_document
from graph.extract.records import Draft, provenance
from graph.extract.text import slug, unique_id
from graph.loaders.models import (
    ActorIn,
    AgreementIn,
    EventIn,
    MemberIn,
    PartnershipIn,
    TargetCountryIn,
    TargetIn,
)
from graph.schema.model import ROLE_PRECEDENCE, TARGET_COUNTRY_STATUSES


@dataclass
class Extraction:
    document: Document
    draft: Draft
    data: dict[str, Any]  # the draft file's content, in the loader's format


def extract(path: Path, known: KnownEntities, document_id=None, title=None) -> Extraction:
    doc = read_document(path)
    draft, hits = resolve(doc, known)
    main = relations.main_partnership(doc, hits)
    relations.memberships(doc, hits, draft, main)
    relations.targets(doc, hits, draft, main)
    agreements_mod.agreements(doc, hits, draft, relations.group_members(draft, main))
    events_mod.events(doc, hits, draft)
    first = next((ln.text.strip() for ln in doc.lines if ln.text.strip()), path.name)
    document = {
        "id": document_id or slug(path.stem, 8),
        "title": (title or " ".join(first.split()))[:300],
        "file": path.name,
    }
    return Extraction(doc, draft, to_data(draft, document))


def _source(lines) -> str:
    return "; ".join(list(dict.fromkeys(ln.locator for ln in lines))[:6])


def to_data(draft: Draft, document: dict[str, Any]) -> dict[str, Any]:
    codes = known_codes()
    actors = []
    for e in draft.of_type("actor"):
        row: dict[str, Any] = {"id": e.id, "name": e.name, "kind": e.kind}
        if e.aliases:
            row["aliases"] = e.aliases
        if e.country in codes:
            row["country"] = e.country
        row["source"] = e.locator()
        actors.append({**row, **provenance(ActorIn, e.basis, e.confidence)})
    partnerships: dict[str, dict[str, Any]] = {}
    for e in draft.of_type("partnership"):
        kind = e.kind if e.known else _pkind(e.kind)
        row = {"id": e.id, "name": e.name, "kind": kind}
        if e.aliases:
            row["aliases"] = e.aliases
        row["source"] = e.locator()
        partnerships[e.id] = {**row, **provenance(PartnershipIn, e.basis, e.confidence)}
    _links(partnerships, "members", draft.memberships, "actor", MemberIn)
    _links(partnerships, "targets", draft.targets, "actor", TargetIn)
    _links(partnerships, "target_countries", draft.target_countries, "country", TargetCountryIn)
    data: dict[str, Any] = {"format": "clustergraph/v1", "document": document}
    data["actors"] = actors
    data["partnerships"] = list(partnerships.values())
    data["agreements"] = _agreements(draft)
    data["events"] = _events(draft)
    return data


def _pkind(kind: str) -> str:
    return (
        kind if kind in ("escp-4i", "alliance", "network", "project", "initiative") else "project"
    )


def _links(partnerships, field, rows, key, model) -> None:
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        if r["partnership"] not in partnerships:
            continue
        k = (r["partnership"], r[key])
        cur = merged.get(k)
        if cur is None:
            merged[k] = {**r, "lines": [r["line"]]}
            continue
        cur["lines"].append(r["line"])
        if "role" in r and ROLE_PRECEDENCE.index(r["role"]) < ROLE_PRECEDENCE.index(cur["role"]):
            cur["role"] = r["role"]
        if "status" in r and field == "target_countries":
            order = TARGET_COUNTRY_STATUSES
            cur["status"] = max(cur["status"], r["status"], key=order.index)
        if r.get("score") is not None and cur.get("score") is None:
            cur["score"] = r["score"]
    for (pid, _), r in merged.items():
        link = {key: r[key]}
        for extra in ("role", "status", "score"):
            if r.get(extra) is not None:
                link[extra] = r[extra]
        link["source"] = _source(r["lines"])
        link.update(provenance(model, r["basis"], r["confidence"]))
        partnerships[pid].setdefault(field, []).append(link)


def _agreements(draft: Draft) -> list[dict[str, Any]]:
    out: dict[tuple, dict[str, Any]] = {}
    taken: set[str] = set()
    for a in draft.agreements:
        key = (a["kind"], frozenset(a["parties"]), a["date"] if a["status"] == "planned" else "")
        if key in out:
            cur = out[key]
            cur["_lines"].append(a["line"])
            if a["date"] and len(a["date"]) > len(cur.get("date") or ""):
                cur["date"] = a["date"]  # the most precise date any mention gives
                cur["_p"] = (a["basis"], a["confidence"])
            continue
        row = {"id": unique_id(a["id"], taken), "kind": a["kind"], "parties": a["parties"]}
        if a["date"]:
            row["date"] = a["date"]
        row["status"] = a["status"]
        out[key] = {**row, "_lines": [a["line"]], "_p": (a["basis"], a["confidence"])}
    rows = []
    for r in out.values():
        basis, conf = r.pop("_p")
        r["source"] = _source(r.pop("_lines"))
        rows.append({**r, **provenance(AgreementIn, basis, conf)})
    return rows


def _events(draft: Draft) -> list[dict[str, Any]]:
    taken: set[str] = set()
    rows = []
    codes = known_codes()
    for ev in draft.events:
        ident = unique_id(slug(f"{ev['name']} {ev['date'] or ''}", 8), taken)
        row = {"id": ident, "name": ev["name"], "kind": ev["kind"]}
        if ev["date"]:
            row["date"] = ev["date"]
        if ev["country"] in codes:
            row["country"] = ev["country"]
        for k in ("organisers", "participants"):
            if ev[k]:
                row[k] = ev[k]
        if ev["partnership"]:
            row["partnership"] = ev["partnership"]
        row["description"] = "Planned." if ev["planned"] else "Held."
        row["source"] = ev["line"].locator
        rows.append({**row, **provenance(EventIn, ev["basis"], ev["confidence"])})
    return rows
