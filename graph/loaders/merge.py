"""Merging records from several files into one entity per id, remembering where each came from.

Pure functions: the database is consulted only through the `Known` snapshot passed in.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from clustergraph.errors import Problem
from graph.loaders.sources import ParsedFile
from graph.schema.display import ROLE_RANKS


@dataclass
class Known:
    """What the database already holds, for references and duplicate checks."""

    actors: dict[str, list[str]] = field(default_factory=dict)  # id -> [name, *aliases]
    partnerships: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)


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
                if name in {
                    "aliases",
                    "sources",
                    "notes",
                    "sectors",
                    "parties",
                    "organisers",
                    "participants",
                }:
                    current[name] = union(current.get(name, []), value)
                elif value is None or name in {"docs"}:
                    continue
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
        for name in ("status", "score", "rank"):
            if row.get(name) is not None:
                current[name] = row[name]

    def ref(self, pf: ParsedFile, loc: tuple, kind: str, value: Any) -> None:
        self.pending_refs.append((pf, loc, kind, value))


def union(a: list, b: list) -> list:
    out = list(a)
    for item in b:
        if item not in out:
            out.append(item)
    return out


# A record's own locator and note become `sources` and `notes`; the rest is copied as given.
RECORD_ONLY = {"source", "note"}


def _notes(record: BaseModel) -> list[str]:
    note = getattr(record, "note", None)
    return [note] if note else []


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
    elif any((data.actors, data.partnerships, data.agreements, data.events, data.memberships)):
        b.problem(
            pf,
            ("document",),
            "a file with actors, partnerships, agreements, events or "
            "memberships needs a `document:` naming its source",
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
    for i, a in enumerate(data.actors):
        loc = ("actors", i)
        b.merge(
            "actors",
            a.id,
            pf,
            loc,
            {**a.model_dump(exclude=RECORD_ONLY), "notes": _notes(a)},
            strict=("kind", "country"),
            doc=doc,
            locator=a.source,
        )
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
            {**m.model_dump(exclude={"source"}), "actor": (pf, (*loc, "actor"))},
            doc,
            m.source,
        )
    for i, g in enumerate(data.agreements):
        loc = ("agreements", i)
        b.merge(
            "agreements",
            g.id,
            pf,
            loc,
            {
                **g.model_dump(exclude=RECORD_ONLY),
                "parties": [(pf, (*loc, "parties", j)) for j in range(len(g.parties))],
                "notes": _notes(g),
            },
            strict=("kind", "date", "status"),
            doc=doc,
            locator=g.source,
        )
        for j, party in enumerate(g.parties):
            b.ref(pf, (*loc, "parties", j), "actor", party)
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
                **e.model_dump(exclude=RECORD_ONLY),
                "organisers": [(pf, (*loc, "organisers", j)) for j in range(len(e.organisers))],
                "participants": [
                    (pf, (*loc, "participants", j)) for j in range(len(e.participants))
                ],
                "notes": _notes(e),
            },
            strict=("kind", "date"),
            doc=doc,
            locator=e.source,
        )
        for field_name in ("organisers", "participants"):
            for j, who in enumerate(getattr(e, field_name)):
                b.ref(pf, (*loc, field_name, j), "actor", who)
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
            **p.model_dump(exclude={*RECORD_ONLY, "members", "target_countries", "targets"}),
            "notes": _notes(p),
        },
        strict=("kind",),
        doc=doc,
        locator=p.source,
    )
    for j, sector in enumerate(p.sectors):
        b.ref(pf, (*loc, "sectors", j), "sector", sector)
    for j, m in enumerate(p.members):
        mloc = (*loc, "members", j, "actor")
        b.ref(pf, mloc, "actor", m.actor)
        b.link(
            "memberships",
            (p.id, (pf, mloc)),
            {"partnership": p.id, **m.model_dump(exclude={"source"}), "actor": (pf, mloc)},
            doc,
            m.source,
        )
    for j, t in enumerate(p.target_countries):
        b.ref(pf, (*loc, "target_countries", j, "country"), "country", t.country)
        b.link(
            "target_countries",
            (p.id, t.country),
            {"partnership": p.id, **t.model_dump(exclude={"source"})},
            doc,
            t.source,
        )
    for j, t in enumerate(p.targets):
        tloc = (*loc, "targets", j, "actor")
        b.ref(pf, tloc, "actor", t.actor)
        b.link(
            "targets",
            (p.id, (pf, tloc)),
            {"partnership": p.id, **t.model_dump(exclude={"source"}), "actor": (pf, tloc)},
            doc,
            t.source,
        )
