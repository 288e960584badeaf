"""Entity resolution and cross-record validation: from parsed files to rows ready to write.

Pure functions: the database is consulted only through the `Known` snapshot passed in.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from clustergraph.errors import LoadValidationError
from graph.loaders.matching import Duplicate, find_duplicates, suggest
from graph.loaders.merge import Builder, Known, collect, union
from graph.loaders.sources import ParsedFile
from graph.schema.dates import date_precision, date_value
from graph.schema.display import ROLE_RANKS
from graph.schema.names import normalise


@dataclass
class Plan:
    rows: dict[str, list[dict[str, Any]]]
    duplicates: list[Duplicate]

    def count(self, section: str) -> int:
        return len(self.rows.get(section, []))


def build_plan(files: list[ParsedFile], known: Known | None = None) -> Plan:
    """Merge, resolve and check every file; raise `LoadValidationError` listing all problems."""
    b = Builder(files, known or Known())
    for pf in files:
        collect(b, pf)
    actor_index = _actor_index(b)
    resolved = _resolve_refs(b, actor_index)
    _check_distinct_parties(b, resolved)
    if b.problems:
        raise LoadValidationError(b.problems)
    rows = _rows(b, resolved)
    return Plan(rows=rows, duplicates=find_duplicates(b.entities["actors"], b.known.actors))


def _actor_index(b: Builder) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for ident, names in b.known.actors.items():
        for name in names:
            index[normalise(name)].add(ident)
    for ident, row in b.entities["actors"].items():
        for name in [row["name"], *row["aliases"]]:
            index[normalise(name)].add(ident)
    return index


def _resolve_refs(b: Builder, actor_index: dict[str, set[str]]) -> dict[tuple, str]:
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
                    f"alias in the files or the database{suggest(value, actor_ids)}",
                    fld=fld,
                )
        elif value not in pools[kind]:
            hint = {
                "country": " (see data/reference/countries.yaml)",
                "sector": " (see data/reference/sectors.yaml)",
            }.get(kind, "")
            b.problem(
                pf, loc, f"unknown {kind} {value!r}{hint}{suggest(value, pools[kind])}", fld=fld
            )
    return resolved


def _check_distinct_parties(b: Builder, resolved: dict[tuple, str]) -> None:
    """An agreement needs distinct parties: naming one actor twice is a self-agreement."""
    seen: dict[tuple, dict[str, tuple]] = defaultdict(dict)
    for pf, loc, kind, _ in b.pending_refs:
        if kind != "actor" or len(loc) < 3 or loc[2] != "parties":
            continue
        actor = resolved.get((id(pf), loc))
        if actor is None:
            continue
        first = seen[(id(pf), loc[:2])].setdefault(actor, loc)
        if first != loc:
            b.problem(
                pf,
                loc,
                f"names actor {actor!r} again (as parties.{first[3]} does): an agreement's "
                "parties must be distinct actors, an actor cannot sign with itself",
                fld=".".join(str(p) for p in loc[2:]),
            )


def _rows(b: Builder, resolved: dict[tuple, str]) -> dict[str, list[dict[str, Any]]]:
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
            cur["sources"] = union(cur["sources"], row["sources"])
            cur["notes"] = union(cur["notes"], row["notes"])
            if "role" in row and ROLE_RANKS[row["role"]] < ROLE_RANKS[cur["role"]]:
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
