"""Entity resolution and cross-record validation: from parsed files to rows ready to write.

Pure functions: the database is consulted only through the `Known` snapshot passed in.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from clustergraph.errors import LoadValidationError, Problem
from graph.loaders.models import date_precision, date_value
from graph.loaders.sources import ParsedFile

ROLE_PRECEDENCE = ["coordinator", "chair", "lead", "partner", "member", "associate"]
DUPLICATE_THRESHOLD = 90.0


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: 'Aéro Montréal' -> 'aero montreal'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    cleaned = "".join(c if c.isalnum() else " " for c in stripped.casefold())
    return " ".join(cleaned.split())


@dataclass
class Known:
    """What the database already holds, for references and duplicate checks."""

    actors: dict[str, list[str]] = field(default_factory=dict)  # id -> [name, *aliases]
    partnerships: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)


@dataclass
class Duplicate:
    a: str
    b: str
    name_a: str
    name_b: str
    score: float

    def __str__(self) -> str:
        return f"{self.a} ({self.name_a!r}) ~ {self.b} ({self.name_b!r}): {self.score:.0f}%"


@dataclass
class Plan:
    rows: dict[str, list[dict[str, Any]]]
    duplicates: list[Duplicate]

    def count(self, section: str) -> int:
        return len(self.rows.get(section, []))


class _Builder:
    def __init__(self, files: list[ParsedFile], known: Known):
        self.files = files
        self.known = known
        self.problems: list[Problem] = []
        self.entities: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self.links: dict[str, dict[tuple, dict[str, Any]]] = defaultdict(dict)
        self.pending_refs: list[tuple[ParsedFile, tuple, str, Any]] = []

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
                    current[name] = _union(current.get(name, []), value)
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
                    current["aliases"] = _union(current["aliases"], [value])
        if doc and locator:
            current["sources"] = _union(current["sources"], [f"{doc}|{locator}"])
            current["docs"].setdefault(doc, [])
            current["docs"][doc] = _union(current["docs"][doc], [locator])
        return current

    def link(self, section: str, key: tuple, row: dict[str, Any], doc: str, locator: str):
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
        current["sources"] = _union(current["sources"], [source])
        if row.get("note"):
            current["notes"] = _union(current["notes"], [row["note"]])
        if "role" in row and ROLE_PRECEDENCE.index(row["role"]) < ROLE_PRECEDENCE.index(
            current["role"]
        ):
            current["role"] = row["role"]
        for name in ("status", "score", "rank"):
            if row.get(name) is not None:
                current[name] = row[name]

    def ref(self, pf: ParsedFile, loc: tuple, kind: str, value: Any) -> None:
        self.pending_refs.append((pf, loc, kind, value))


def _union(a: list, b: list) -> list:
    out = list(a)
    for item in b:
        if item not in out:
            out.append(item)
    return out


def build_plan(files: list[ParsedFile], known: Known | None = None) -> Plan:
    """Merge, resolve and check every file; raise `LoadValidationError` listing all problems."""
    b = _Builder(files, known or Known())
    for pf in files:
        _collect(b, pf)
    actor_index = _actor_index(b)
    resolved = _resolve_refs(b, actor_index)
    if b.problems:
        raise LoadValidationError(b.problems)
    rows = _rows(b, resolved)
    return Plan(rows=rows, duplicates=find_duplicates(b.entities["actors"], b.known))


def _collect(b: _Builder, pf: ParsedFile) -> None:
    data = pf.data
    doc = data.document.id if data.document else None
    if data.document:
        d = data.document
        b.merge(
            "documents",
            d.id,
            pf,
            ("document",),
            {
                "id": d.id,
                "title": d.title,
                "file": d.file,
                "publisher": d.publisher,
                "date": d.date,
                "url": d.url,
                "note": d.note,
            },
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
            {
                "code": c.code,
                "name": c.name,
                "continent": c.continent,
                "eu_member": c.eu_member,
                "aliases": c.aliases,
            },
            strict=("continent",),
        )
    for i, s in enumerate(data.sectors):
        b.merge(
            "sectors", s.id, pf, ("sectors", i), {"id": s.id, "name": s.name, "parent": s.parent}
        )
        if s.parent:
            b.ref(pf, ("sectors", i, "parent"), "sector", s.parent)
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
                "sectors": a.sectors,
                "description": a.description,
                "notes": [a.note] if a.note else [],
            },
            strict=("kind", "country"),
            doc=doc,
            locator=a.source,
        )
        if a.country:
            b.ref(pf, (*loc, "country"), "country", a.country)
        for j, s in enumerate(a.sectors):
            b.ref(pf, (*loc, "sectors", j), "sector", s)
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
            },
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
                "id": g.id,
                "kind": g.kind,
                "title": g.title,
                "parties": [(pf, (*loc, "parties", j)) for j in range(len(g.parties))],
                "partnership": g.partnership,
                "date": g.date,
                "status": g.status,
                "valid_until": g.valid_until,
                "sectors": g.sectors,
                "description": g.description,
                "notes": [g.note] if g.note else [],
            },
            strict=("kind", "date", "status"),
            doc=doc,
            locator=g.source,
        )
        for j, party in enumerate(g.parties):
            b.ref(pf, (*loc, "parties", j), "actor", party)
        if g.partnership:
            b.ref(pf, (*loc, "partnership"), "partnership", g.partnership)
        for j, s in enumerate(g.sectors):
            b.ref(pf, (*loc, "sectors", j), "sector", s)
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
                "date": e.date,
                "end_date": e.end_date,
                "city": e.city,
                "country": e.country,
                "organisers": [(pf, (*loc, "organisers", j)) for j in range(len(e.organisers))],
                "participants": [
                    (pf, (*loc, "participants", j)) for j in range(len(e.participants))
                ],
                "partnership": e.partnership,
                "sectors": e.sectors,
                "description": e.description,
                "notes": [e.note] if e.note else [],
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
        for j, s in enumerate(e.sectors):
            b.ref(pf, (*loc, "sectors", j), "sector", s)


def _collect_partnership(b: _Builder, pf: ParsedFile, doc: str | None, i: int, p) -> None:
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
            "sectors": p.sectors,
            "description": p.description,
            "notes": [p.note] if p.note else [],
        },
        strict=("kind",),
        doc=doc,
        locator=p.source,
    )
    for j, s in enumerate(p.sectors):
        b.ref(pf, (*loc, "sectors", j), "sector", s)
    for j, m in enumerate(p.members):
        mloc = (*loc, "members", j, "actor")
        b.ref(pf, mloc, "actor", m.actor)
        b.link(
            "memberships",
            (p.id, (pf, mloc)),
            {"partnership": p.id, "actor": (pf, mloc), "role": m.role, "note": m.note},
            doc,
            m.source,
        )
    for j, t in enumerate(p.target_countries):
        b.ref(pf, (*loc, "target_countries", j, "country"), "country", t.country)
        b.link(
            "target_countries",
            (p.id, t.country),
            {
                "partnership": p.id,
                "country": t.country,
                "status": t.status,
                "score": t.score,
                "rank": t.rank,
                "note": t.note,
            },
            doc,
            t.source,
        )
    for j, t in enumerate(p.targets):
        tloc = (*loc, "targets", j, "actor")
        b.ref(pf, tloc, "actor", t.actor)
        b.link(
            "targets",
            (p.id, (pf, tloc)),
            {
                "partnership": p.id,
                "actor": (pf, tloc),
                "status": t.status,
                "score": t.score,
                "rank": t.rank,
                "note": t.note,
            },
            doc,
            t.source,
        )


def _actor_index(b: _Builder) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for ident, names in b.known.actors.items():
        for name in names:
            index[normalise(name)].add(ident)
    for ident, row in b.entities["actors"].items():
        for name in [row["name"], *row["aliases"]]:
            index[normalise(name)].add(ident)
    return index


def _resolve_refs(b: _Builder, actor_index: dict[str, set[str]]) -> dict[tuple, str]:
    """Resolve every reference; actors may be named by id or by any name or alias."""
    resolved: dict[tuple, str] = {}
    actor_ids = set(b.entities["actors"]) | set(b.known.actors)
    pools = {
        "partnership": set(b.entities["partnerships"]) | b.known.partnerships,
        "country": set(b.entities["countries"]) | b.known.countries,
        "sector": set(b.entities["sectors"]) | b.known.sectors,
    }
    for pf, loc, kind, value in b.pending_refs:
        fld = ".".join(str(p) for p in loc[2:]) or None
        if kind == "actor":
            if value in actor_ids:
                resolved[(id(pf), loc)] = value
                continue
            matches = actor_index.get(normalise(value), set())
            if len(matches) == 1:
                resolved[(id(pf), loc)] = next(iter(matches))
            elif matches:
                b.problem(
                    pf,
                    loc,
                    f"actor {value!r} is ambiguous: it names {sorted(matches)}; "
                    "use one of these ids",
                    fld=fld,
                )
            else:
                b.problem(
                    pf,
                    loc,
                    f"unknown actor {value!r}: no actor has this id, name or "
                    f"alias in the files or the database{_suggest(value, actor_ids)}",
                    fld=fld,
                )
        elif value not in pools[kind]:
            hint = {
                "country": " (see data/reference/countries.yaml)",
                "sector": " (see data/reference/sectors.yaml)",
            }.get(kind, "")
            b.problem(
                pf, loc, f"unknown {kind} {value!r}{hint}{_suggest(value, pools[kind])}", fld=fld
            )
    return resolved


def _suggest(value: str, pool: set[str]) -> str:
    best = process.extractOne(value, pool, scorer=fuzz.WRatio) if pool else None
    return f"; did you mean {best[0]!r}?" if best and best[1] >= 80 else ""


def _rows(b: _Builder, resolved: dict[tuple, str]) -> dict[str, list[dict[str, Any]]]:
    def actor(ref: tuple) -> str:
        pf, loc = ref
        return resolved[(id(pf), loc)]

    rows: dict[str, list[dict[str, Any]]] = {}
    rows["documents"] = [_clean(r) for r in b.entities["documents"].values()]
    rows["countries"] = [
        {**_clean(r), "alias_text": " | ".join(r["aliases"])}
        for r in b.entities["countries"].values()
    ]
    rows["sectors"] = [_clean(r) for r in b.entities["sectors"].values()]
    rows["actors"] = [
        {**_clean(r), "name_key": normalise(r["name"]), "alias_text": " | ".join(r["aliases"])}
        for r in b.entities["actors"].values()
    ]
    rows["partnerships"] = [
        {
            **_clean(r),
            "alias_text": " | ".join(r["aliases"]),
            **_dates(r, "start"),
            **_dates(r, "end"),
        }
        for r in b.entities["partnerships"].values()
    ]
    rows["agreements"] = []
    for r in b.entities["agreements"].values():
        parties = list(dict.fromkeys(actor(p) for p in r["parties"]))
        rows["agreements"].append(
            {**_clean(r), "parties": parties, **_dates(r, "date"), **_dates(r, "valid_until")}
        )
    rows["events"] = []
    for r in b.entities["events"].values():
        rows["events"].append(
            {
                **_clean(r),
                **_dates(r, "date"),
                **_dates(r, "end_date"),
                "organisers": list(dict.fromkeys(actor(p) for p in r["organisers"])),
                "participants": list(dict.fromkeys(actor(p) for p in r["participants"])),
            }
        )
    rows["memberships"] = _links_with_actor(b.links["memberships"], actor)
    rows["targets"] = _links_with_actor(b.links["targets"], actor)
    rows["target_countries"] = list(b.links["target_countries"].values())
    return rows


def _links_with_actor(links: dict[tuple, dict[str, Any]], actor) -> list[dict[str, Any]]:
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for row in links.values():
        row = {**row, "actor": actor(row["actor"])}
        key = (row["partnership"], row["actor"])
        if key in merged:
            cur = merged[key]
            cur["sources"] = _union(cur["sources"], row["sources"])
            cur["notes"] = _union(cur["notes"], row["notes"])
            if "role" in row and ROLE_PRECEDENCE.index(row["role"]) < ROLE_PRECEDENCE.index(
                cur["role"]
            ):
                cur["role"] = row["role"]
        else:
            merged[key] = row
    return list(merged.values())


def _dates(row: dict[str, Any], name: str) -> dict[str, Any]:
    text = row.get(name)
    return {name: date_value(text), f"{name}_precision": date_precision(text), f"{name}_text": text}


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if not k.startswith("_")}
    if "docs" in out:
        out["docs"] = [{"doc": doc, "locators": locs} for doc, locs in out["docs"].items()]
    return out


def find_duplicates(actors: dict[str, dict[str, Any]], known: Known) -> list[Duplicate]:
    """Likely duplicates: different ids whose names or aliases (nearly) coincide."""
    names: list[tuple[str, str, str]] = []  # (id, display name, key)
    for ident, row in actors.items():
        names += [(ident, n, normalise(n)) for n in [row["name"], *row["aliases"]]]
    for ident, all_names in known.actors.items():
        if ident not in actors:
            names += [(ident, n, normalise(n)) for n in all_names]
    keys = [k for _, _, k in names]
    if not keys:
        return []
    scores = process.cdist(
        keys, keys, scorer=fuzz.token_sort_ratio, score_cutoff=DUPLICATE_THRESHOLD, workers=1
    )
    found: dict[tuple[str, str], Duplicate] = {}
    for i, j in zip(*scores.nonzero(), strict=True):
        (ia, na, _), (ib, nb, _) = names[i], names[j]
        if ia >= ib or min(len(keys[i]), len(keys[j])) < 4:
            continue
        score = float(scores[i, j])
        if (ia, ib) not in found or found[(ia, ib)].score < score:
            found[(ia, ib)] = Duplicate(ia, ib, na, nb, score)
    return sorted(found.values(), key=lambda d: (-d.score, d.a, d.b))
