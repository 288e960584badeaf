"""Merging records from several files into one entity per id, remembering where each came from.

Pure functions: the database is consulted only through the `Known` snapshot passed in.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from clustergraph.errors import Problem
from graph.loaders.sources import ParsedFile
from graph.schema.display import ROLE_RANKS
from graph.schema.model import CERTAINTIES


@dataclass
class Known:
    """What the database already holds, for references and duplicate checks."""

    actors: dict[str, list[str]] = field(default_factory=dict)  # id -> [name, *aliases]
    partnerships: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    partnership_names: dict[str, list[str]] = field(default_factory=dict)  # id -> names
    regions: set[str] = field(default_factory=set)
    agreements: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)


# Statuses of events, from least to most definite: a later report saying it was held (or
# cancelled) overrides a plan; held against cancelled is a contradiction.
EVENT_STATUS_RANK = {"unknown": 0, "planned": 1, "held": 2, "cancelled": 2}
_LIST_FIELDS = {
    "aliases",
    "sources",
    "notes",
    "sectors",
    "parties",
    "signatories",
    "organisers",
    "participants",
    "measures",
    "history",
}


def surer(a: str | None, b: str | None) -> str | None:
    """The surer of two certainties (stated over inferred over placeholder)."""
    known = [c for c in (a, b) if c]
    return min(known, key=CERTAINTIES.index) if known else None


class Builder:
    def __init__(self, files: list[ParsedFile], known: Known):
        self.files = files
        self.known = known
        self.problems: list[Problem] = []
        self.entities: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self.links: dict[str, dict[tuple, dict[str, Any]]] = defaultdict(dict)
        self.pending_refs: list[tuple[ParsedFile, tuple, str, Any]] = []
        self._seen: dict[tuple[str, str, int], tuple] = {}

    def problem(self, pf: ParsedFile, loc: tuple, message: str, fld: str | None = None) -> None:
        self.problems.append(
            Problem(
                str(pf.path), message, record=pf.record_name(loc), field=fld, line=pf.line_of(loc)
            )
        )

    # -- merging ------------------------------------------------------------------------------
    def merge(
        self,
        section: str,
        key: str,
        pf: ParsedFile,
        loc: tuple,
        row: dict[str, Any],
        strict: tuple[str, ...] = (),
        doc: str | None = None,
        locator: str | None = None,
    ):
        """Merge one record into the entity of the same key; returns the merged row."""
        first = self._seen.setdefault((section, key, id(pf)), loc)
        if first != loc:
            # Across files a repeated id merges; twice in one file it is a copy-paste slip.
            self.problem(
                pf,
                (*loc, "id"),
                f"duplicate id {key!r}: {section}[{first[1]}] in this file (line "
                f"{pf.line_of(first) or '?'}) has it already; give each record once per file",
                fld="id" if section != "countries" else "code",
            )
        current = self.entities[section].get(key)
        if current is None:
            row = {**row, "_origin": f"{pf.path}:{pf.line_of(loc) or '?'}"}
            row.setdefault("aliases", [])
            row.setdefault("sources", [])
            row.setdefault("docs", {})
            row.setdefault("notes", [])
            self.entities[section][key] = current = row
        else:
            for name, value in row.items():
                if name in _LIST_FIELDS:
                    current[name] = union(current.get(name, []), value)
                elif value is None or name in {"docs"}:
                    continue
                elif name == "certainty":
                    current[name] = surer(current.get(name), value)
                elif name == "status" and section == "events":
                    self._event_status(pf, loc, key, current, value)
                elif current.get(name) is None:
                    current[name] = value
                elif current[name] != value and name in strict:
                    self.problem(
                        pf,
                        (*loc, name),
                        f"{name} {value!r} contradicts "
                        f"{current[name]!r} given for {key} at {current['_origin']}",
                        fld=name,
                    )
                elif current[name] != value and name == "name":
                    current["aliases"] = union(current["aliases"], [value])
        if doc and locator:
            current["sources"] = union(current["sources"], [f"{doc}|{locator}"])
            current["docs"].setdefault(doc, [])
            current["docs"][doc] = union(current["docs"][doc], [locator])
        return current

    def _event_status(self, pf, loc, key, current: dict, value: str) -> None:
        old = current.get("status") or "unknown"
        if {old, value} == {"held", "cancelled"}:
            self.problem(
                pf,
                (*loc, "status"),
                f"status {value!r} contradicts {old!r} given for {key} at {current['_origin']}",
                fld="status",
            )
        elif EVENT_STATUS_RANK[value] > EVENT_STATUS_RANK[old]:
            current["status"] = value

    def link(
        self, section: str, key: tuple, row: dict[str, Any], doc: str | None, locator: str
    ) -> None:
        current = self.links[section].get(key)
        source = f"{doc}|{locator}"
        if current is None:
            self.links[section][key] = {
                **row,
                "sources": [source],
                "notes": [row["note"]] if row.get("note") else [],
            }
            self.links[section][key].pop("note", None)
            return
        current["sources"] = union(current["sources"], [source])
        if row.get("note"):
            current["notes"] = union(current["notes"], [row["note"]])
        if "role" in row and ROLE_RANKS[row["role"]] < ROLE_RANKS[current["role"]]:
            current["role"] = row["role"]
        for name in (
            "status",
            "score",
            "rank",
            "region",
            "basis",
            "confidence",
            "period_from",
            "period_to",
        ):
            if row.get(name) is not None:
                current[name] = row[name]
        if row.get("certainty"):
            current["certainty"] = surer(current.get("certainty"), row["certainty"])

    def ref(self, pf: ParsedFile, loc: tuple, kind: str, value: Any) -> None:
        self.pending_refs.append((pf, loc, kind, value))


def union(a: list, b: list) -> list:
    out = list(a)
    for item in b:
        if item not in out:
            out.append(item)
    return out


def certainty(x: Any) -> dict[str, Any]:
    """The certainty fields of a record or link."""
    return {"certainty": x.certainty, "basis": x.basis, "confidence": x.confidence}


# A record's own locator and note become `sources` and `notes`; the rest is copied as given.
RECORD_ONLY = {"source", "note"}


def measures(doc: str | None, items: list) -> list[str]:
    """Measures stored as JSON strings (a property cannot hold maps; strings unite cleanly)."""
    return [
        json.dumps(
            {**m.model_dump(exclude={"source"}, exclude_none=True), "source": f"{doc}|{m.source}"},
            sort_keys=True,
            ensure_ascii=False,
        )
        for m in items
    ]


def history(doc: str | None, items: list) -> list[str]:
    return [
        json.dumps(
            {**h.model_dump(exclude={"source"}, exclude_none=True), "source": f"{doc}|{h.source}"},
            sort_keys=True,
            ensure_ascii=False,
        )
        for h in items
    ]


def _support(b: Builder, pf: ParsedFile, doc, section: str, owner: str, loc: tuple, items) -> None:
    for j, s in enumerate(items):
        _support_link(b, pf, doc, section, owner, (*loc, "support", j), s)


def _support_link(b: Builder, pf: ParsedFile, doc, section: str, owner, loc: tuple, s) -> None:
    """One support link; `owner` is the record's id, or (pf, loc) of a name to resolve."""
    sloc = (*loc, "actor")
    b.ref(pf, sloc, "actor", s.actor)
    b.link(
        "support",
        (section, owner, (pf, sloc), s.relation),
        {
            "section": section,
            "owner": owner,
            "actor": (pf, sloc),
            "relation": s.relation,
            "period_from": s.period_from,
            "period_to": s.period_to,
            "note": s.note,
            **certainty(s),
        },
        doc,
        s.source,
    )


# The loader section of each supported type, and how a support table names its record.
SUPPORTED_SECTIONS = {
    "actor": ("actors", "actor"),
    "partnership": ("partnerships", "partnership_name"),
    "agreement": ("agreements", "agreement"),
    "event": ("events", "event"),
}


def _support_rows(b: Builder, pf: ParsedFile, doc) -> None:
    """Support links given on their own (a CSV `support` table)."""
    for i, s in enumerate(pf.data.support):
        loc = ("support", i)
        section, kind = SUPPORTED_SECTIONS[s.type]
        b.ref(pf, (*loc, "record"), kind, s.record)
        # Actors and partnerships may be named by a name, resolved later; the rest by id.
        named = kind in {"actor", "partnership_name"}
        owner = (pf, (*loc, "record")) if named else s.record
        _support_link(b, pf, doc, section, owner, loc, s)


def collect(b: Builder, pf: ParsedFile) -> None:
    data = pf.data
    doc = data.document.id if data.document else None
    if data.document:
        d = data.document
        b.merge(
            "documents",
            d.id,
            pf,
            ("document",),
            d.model_dump(),
        )
    elif any(
        (
            data.actors,
            data.partnerships,
            data.agreements,
            data.events,
            data.memberships,
            data.partnership_links,
            data.target_countries,
            data.targets,
            data.support,
        )
    ):
        b.problem(
            pf,
            ("document",),
            "a file with actors, partnerships, agreements, events, memberships or "
            "support needs a `document:` naming its source",
            fld="document",
        )
    for i, c in enumerate(data.countries):
        b.merge(
            "countries",
            c.code,
            pf,
            ("countries", i),
            c.model_dump(),
            strict=("continent",),
        )
    for i, s in enumerate(data.sectors):
        b.merge("sectors", s.id, pf, ("sectors", i), s.model_dump())
        if s.parent:
            b.ref(pf, ("sectors", i, "parent"), "sector", s.parent)
    for i, r in enumerate(data.regions):
        b.merge(
            "regions",
            r.id,
            pf,
            ("regions", i),
            {
                "id": r.id,
                "name": r.name,
                "aliases": r.aliases,
                "kind": r.kind,
                "countries": r.countries,
                "notes": [r.note] if r.note else [],
            },
            strict=("kind",),
            doc=doc,
            locator=r.source,
        )
        for j, code in enumerate(r.countries):
            b.ref(pf, ("regions", i, "countries", j), "country", code)
    for i, a in enumerate(data.actors):
        loc = ("actors", i)
        b.merge(
            "actors",
            a.id,
            pf,
            loc,
            {
                "id": a.id,
                "name": a.name,
                "aliases": a.aliases,
                "kind": a.kind,
                "country": a.country,
                "region": a.region,
                "city": a.city,
                "website": a.website,
                "sectors": a.sectors,
                "description": a.description,
                "measures": measures(doc, a.measures),
                "notes": [a.note] if a.note else [],
                **certainty(a),
            },
            strict=("kind", "country"),
            doc=doc,
            locator=a.source,
        )
        _support(b, pf, doc, "actors", a.id, loc, a.support)
        if a.country:
            b.ref(pf, (*loc, "country"), "country", a.country)
        for j, sector in enumerate(a.sectors):
            b.ref(pf, (*loc, "sectors", j), "sector", sector)
    for i, p in enumerate(data.partnerships):
        _collect_partnership(b, pf, doc, i, p)
    for i, m in enumerate(data.memberships):
        loc = ("memberships", i)
        b.ref(pf, (*loc, "partnership"), "partnership", m.partnership)
        b.ref(pf, (*loc, "actor"), "actor", m.actor)
        b.link(
            "memberships",
            (m.partnership, (pf, (*loc, "actor"))),
            {
                "partnership": m.partnership,
                "actor": (pf, (*loc, "actor")),
                "role": m.role,
                "note": m.note,
                **certainty(m),
            },
            doc,
            m.source,
        )
    _support_rows(b, pf, doc)
    for i, link in enumerate(data.partnership_links):
        loc = ("partnership_links", i)
        _related(b, pf, doc, loc, link.partnership, link.other, link)
    for section in ("target_countries", "targets"):
        for i, t in enumerate(getattr(data, section)):
            loc = (section, i)
            b.ref(pf, (*loc, "partnership"), "partnership", t.partnership)
            _target(b, pf, doc, t.partnership, loc, section, t)
    for i, g in enumerate(data.agreements):
        loc = ("agreements", i)
        b.merge(
            "agreements",
            g.id,
            pf,
            loc,
            {
                "id": g.id,
                "kind": g.kind,
                "title": g.title,
                "parties": [(pf, (*loc, "parties", j)) for j in range(len(g.parties))],
                "signatories": [(pf, (*loc, "signatories", j)) for j in range(len(g.signatories))],
                "partnership": g.partnership,
                "date": g.date,
                "status": g.status,
                "valid_until": g.valid_until,
                "history": history(doc, g.history),
                "sectors": g.sectors,
                "description": g.description,
                "notes": [g.note] if g.note else [],
                **certainty(g),
            },
            strict=("kind", "date", "status"),
            doc=doc,
            locator=g.source,
        )
        _support(b, pf, doc, "agreements", g.id, loc, g.support)
        for j, party in enumerate(g.parties):
            b.ref(pf, (*loc, "parties", j), "party", party)
        for j, who in enumerate(g.signatories):
            b.ref(pf, (*loc, "signatories", j), "actor", who)
        if g.partnership:
            b.ref(pf, (*loc, "partnership"), "partnership", g.partnership)
        for j, sector in enumerate(g.sectors):
            b.ref(pf, (*loc, "sectors", j), "sector", sector)
    for i, e in enumerate(data.events):
        loc = ("events", i)
        b.merge(
            "events",
            e.id,
            pf,
            loc,
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "status": e.status,
                "date": e.date,
                "end_date": e.end_date,
                "city": e.city,
                "country": e.country,
                "region": e.region,
                "organisers": [(pf, (*loc, "organisers", j)) for j in range(len(e.organisers))],
                "participants": [
                    (pf, (*loc, "participants", j)) for j in range(len(e.participants))
                ],
                "partnership": e.partnership,
                "sectors": e.sectors,
                "description": e.description,
                "measures": measures(doc, e.measures),
                "notes": [e.note] if e.note else [],
                **certainty(e),
            },
            strict=("kind", "date"),
            doc=doc,
            locator=e.source,
        )
        _support(b, pf, doc, "events", e.id, loc, e.support)
        if e.region:
            b.ref(pf, (*loc, "region"), "region", e.region)
        for field_name in ("organisers", "participants"):
            for j, who in enumerate(getattr(e, field_name)):
                b.ref(pf, (*loc, field_name, j), "party", who)
        if e.partnership:
            b.ref(pf, (*loc, "partnership"), "partnership", e.partnership)
        if e.country:
            b.ref(pf, (*loc, "country"), "country", e.country)
        for j, sector in enumerate(e.sectors):
            b.ref(pf, (*loc, "sectors", j), "sector", sector)


def _collect_partnership(b: Builder, pf: ParsedFile, doc: str | None, i: int, p) -> None:
    loc = ("partnerships", i)
    b.merge(
        "partnerships",
        p.id,
        pf,
        loc,
        {
            "id": p.id,
            "name": p.name,
            "aliases": p.aliases,
            "kind": p.kind,
            "programme": p.programme,
            "strand": p.strand,
            "start": p.start,
            "end": p.end,
            "website": p.website,
            "sectors": p.sectors,
            "description": p.description,
            "measures": measures(doc, p.measures),
            "notes": [p.note] if p.note else [],
            **certainty(p),
        },
        strict=("kind",),
        doc=doc,
        locator=p.source,
    )
    _support(b, pf, doc, "partnerships", p.id, loc, p.support)
    for j, r in enumerate(p.related):
        _related(b, pf, doc, (*loc, "related", j), p.id, r.partnership, r, own=True)
    for j, sector in enumerate(p.sectors):
        b.ref(pf, (*loc, "sectors", j), "sector", sector)
    for j, m in enumerate(p.members):
        mloc = (*loc, "members", j, "actor")
        b.ref(pf, mloc, "actor", m.actor)
        b.link(
            "memberships",
            (p.id, (pf, mloc)),
            {
                "partnership": p.id,
                "actor": (pf, mloc),
                "role": m.role,
                "note": m.note,
                **certainty(m),
            },
            doc,
            m.source,
        )
    for section in ("target_countries", "targets"):
        for j, t in enumerate(getattr(p, section)):
            _target(b, pf, doc, p.id, (*loc, section, j), section, t)


def _target(b: Builder, pf: ParsedFile, doc, pid: str, loc: tuple, section: str, t) -> None:
    """A target country or actor of partnership `pid`, in its record or in a table of its own."""
    common = {
        "partnership": pid,
        "status": t.status,
        **score(t.score),
        "rank": t.rank,
        "note": t.note,
        **certainty(t),
    }
    if section == "target_countries":
        b.ref(pf, (*loc, "country"), "country", t.country)
        if t.region:
            b.ref(pf, (*loc, "region"), "region", t.region)
        row = {**common, "country": t.country, "region": t.region}
        b.link(section, (pid, t.country), row, doc, t.source)
        return
    tloc = (*loc, "actor")
    b.ref(pf, tloc, "actor", t.actor)
    b.link(section, (pid, (pf, tloc)), {**common, "actor": (pf, tloc)}, doc, t.source)


def score(s: Any) -> dict[str, Any]:
    """A score as flat relationship properties (criteria as one JSON string)."""
    if s is None:
        return {"score": None}
    return {
        "score": s.value,
        "score_metric": s.metric,
        "scale_min": s.scale_min,
        "scale_max": s.scale_max,
        "criteria": json.dumps([c.model_dump() for c in s.criteria], ensure_ascii=False)
        if s.criteria
        else None,
    }


def _related(b: Builder, pf, doc, loc: tuple, mine: str, other: str, r, own: bool = False):
    """`mine` succeeds / cooperates with `other`; both may be partnership ids or names."""
    a_ref: Any
    if own:
        a_ref = mine
    else:
        b.ref(pf, (*loc, "partnership"), "partnership_name", mine)
        a_ref = (pf, (*loc, "partnership"))
    other_loc = (*loc, "partnership" if own else "other")
    b.ref(pf, other_loc, "partnership_name", other)
    b.link(
        "related",
        (a_ref, (pf, other_loc), r.relation),
        {
            "from": a_ref,
            "to": (pf, other_loc),
            "relation": r.relation,
            "note": r.note,
            **certainty(r),
        },
        doc,
        r.source,
    )
