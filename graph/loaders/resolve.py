"""Entity resolution and cross-record validation: from parsed files to rows ready to write.

Pure functions: the database is consulted only through the `Known` snapshot passed in.
"""

import json
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


def _partnership_index(b: Builder) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for ident, names in b.known.partnership_names.items():
        for name in names:
            index[normalise(name)].add(ident)
    for ident, row in b.entities["partnerships"].items():
        for name in [row["name"], *row["aliases"]]:
            index[normalise(name)].add(ident)
    return index


def _resolve_party(
    b: Builder, pf, loc, fld, value, kind, actor_ids, partnership_ids, actor_index, p_index
) -> tuple[str, str] | None:
    """An actor or (for `party`) a partnership named by id or name: (type, id)."""
    if value in actor_ids and kind != "partnership_name":
        return ("actor", value)
    if value in partnership_ids and kind != "actor":
        return ("partnership", value)
    key = normalise(value)
    matches: set[tuple[str, str]] = set()
    if kind != "partnership_name":
        matches |= {("actor", i) for i in actor_index.get(key, set())}
    if kind != "actor":
        matches |= {("partnership", i) for i in p_index.get(key, set())}
    if len(matches) == 1:
        return next(iter(matches))
    what = {"actor": "actor", "party": "actor or partnership"}.get(kind, "partnership")
    if matches:
        b.problem(
            pf,
            loc,
            f"{what} {value!r} is ambiguous: it names "
            f"{sorted(f'{t} {i}' for t, i in matches)}; use one of these ids",
            fld=fld,
        )
    else:
        pool = (actor_ids if kind != "partnership_name" else set()) | (
            partnership_ids if kind != "actor" else set()
        )
        b.problem(
            pf,
            loc,
            f"unknown {what} {value!r}: nothing has this id, name or "
            f"alias in the files or the database{suggest(value, pool)}",
            fld=fld,
        )
    return None


def _resolve_refs(b: Builder, actor_index: dict[str, set[str]]) -> dict[tuple, str]:
    """Resolve every reference; actors and partnerships may be named by id or by any name or
    alias. A `party` (of an agreement, an organiser or participant of an event) may be either:
    its resolved value is then `partnership:<id>` for a partnership."""
    resolved: dict[tuple, str] = {}
    actor_ids = set(b.entities["actors"]) | set(b.known.actors)
    partnership_ids = set(b.entities["partnerships"]) | b.known.partnerships
    p_index = _partnership_index(b)
    pools = {
        "partnership": partnership_ids,
        "country": set(b.entities["countries"]) | b.known.countries,
        "sector": set(b.entities["sectors"]) | b.known.sectors,
        "region": set(b.entities["regions"]) | b.known.regions,
        "agreement": set(b.entities["agreements"]) | b.known.agreements,
        "event": set(b.entities["events"]) | b.known.events,
    }
    for pf, loc, kind, value in b.pending_refs:
        fld = ".".join(str(p) for p in loc[2:]) or None
        if kind in {"party", "partnership_name"}:
            found = _resolve_party(
                b, pf, loc, fld, value, kind, actor_ids, partnership_ids, actor_index, p_index
            )
            if found:
                resolved[(id(pf), loc)] = (
                    found[1] if found[0] == "actor" else f"partnership:{found[1]}"
                )
                if kind == "partnership_name":
                    resolved[(id(pf), loc)] = found[1]
            continue
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
                "region": " (see data/reference/regions.yaml)",
            }.get(kind, "")
            b.problem(
                pf, loc, f"unknown {kind} {value!r}{hint}{suggest(value, pools[kind])}", fld=fld
            )
    return resolved


def _check_distinct_parties(b: Builder, resolved: dict[tuple, str]) -> None:
    """An agreement needs distinct parties: naming one actor twice is a self-agreement."""
    seen: dict[tuple, dict[str, tuple]] = defaultdict(dict)
    for pf, loc, kind, _ in b.pending_refs:
        if kind != "party" or len(loc) < 3 or loc[2] != "parties":
            continue
        actor = resolved.get((id(pf), loc))
        if actor is None:
            continue
        first = seen[(id(pf), loc[:2])].setdefault(actor, loc)
        if first != loc:
            b.problem(
                pf,
                loc,
                f"names {actor!r} again (as parties.{first[3]} does): an agreement's "
                "parties must be distinct, a party cannot sign with itself",
                fld=".".join(str(p) for p in loc[2:]),
            )


def _rows(b: Builder, resolved: dict[tuple, str]) -> dict[str, list[dict[str, Any]]]:
    def actor(ref: tuple) -> str:
        pf, loc = ref
        return resolved[(id(pf), loc)]

    rows: dict[str, list[dict[str, Any]]] = {}
    rows["documents"] = [_clean(r) for r in b.entities["documents"].values()]
    rows["countries"] = [_clean(r) for r in b.entities["countries"].values()]
    rows["sectors"] = [_clean(r) for r in b.entities["sectors"].values()]
    rows["actors"] = [
        {**_clean(r), "name_key": normalise(r["name"])} for r in b.entities["actors"].values()
    ]
    rows["partnerships"] = [
        {
            **_clean(r),
            **_dates(r, "start"),
            **_dates(r, "end"),
        }
        for r in b.entities["partnerships"].values()
    ]
    rows["regions"] = [_clean(r) for r in b.entities["regions"].values()]
    rows["agreements"] = []
    for r in b.entities["agreements"].values():
        parties = list(dict.fromkeys(actor(p) for p in r["parties"]))
        rows["agreements"].append(
            {
                **_clean(r),
                **_split_parties(parties, "parties"),
                "signatories": list(dict.fromkeys(actor(p) for p in r["signatories"])),
                **_dates(r, "date"),
                **_dates(r, "valid_until"),
                **_in_force(r),
            }
        )
    rows["events"] = []
    for r in b.entities["events"].values():
        rows["events"].append(
            {
                **_clean(r),
                **_dates(r, "date"),
                **_dates(r, "end_date"),
                **_split_parties(
                    list(dict.fromkeys(actor(p) for p in r["organisers"])), "organisers"
                ),
                **_split_parties(
                    list(dict.fromkeys(actor(p) for p in r["participants"])), "participants"
                ),
            }
        )
    rows["memberships"] = _links_with_actor(b.links["memberships"], actor)
    rows["targets"] = _links_with_actor(b.links["targets"], actor)
    rows["target_countries"] = list(b.links["target_countries"].values())
    rows["related"] = _related_rows(b.links["related"], actor)
    rows["support"] = [
        {
            **row,
            "actor": actor(row["actor"]),
            "owner": actor(row["owner"]) if isinstance(row["owner"], tuple) else row["owner"],
        }
        for row in b.links["support"].values()
    ]
    return rows


def _in_force(r: dict[str, Any]) -> dict[str, Any]:
    """When the agreement came into force and ended, from its history (or its date and status):
    what `as_of` asks. None: not known to have been in force (a plan, or no date)."""
    steps = sorted(
        (json.loads(h) for h in r.get("history") or []),
        key=lambda h: (h.get("date") is None, h.get("date") or ""),
    )
    in_force = {"signed", "renewed", "amended"}
    start = next((h["date"] for h in steps if h["event"] in in_force and h.get("date")), None)
    end = next((h["date"] for h in steps if h["event"] == "expired" and h.get("date")), None)
    if not steps and r.get("status") in {"signed", "renewed", "expired"}:
        start = r.get("date")
    end = end or r.get("valid_until") or (start if r.get("status") == "expired" else None)
    until = date_value(end) if start else None
    return {"in_force_from": date_value(start), "in_force_until": until}


def _split_parties(refs: list[str], name: str) -> dict[str, list[str]]:
    """Resolved parties ('id' or 'partnership:id') as actor ids and partnership ids."""
    return {
        name: [r for r in refs if not r.startswith("partnership:")],
        f"{name}_partnerships": [r.split(":", 1)[1] for r in refs if r.startswith("partnership:")],
        f"{name}_order": refs,
    }


def _related_rows(links: dict[tuple, dict[str, Any]], resolve) -> list[dict[str, Any]]:
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in links.values():
        a = row["from"] if isinstance(row["from"], str) else resolve(row["from"])
        other = resolve(row["to"])
        key = (a, other, row["relation"])
        if key in merged:
            merged[key]["sources"] = union(merged[key]["sources"], row["sources"])
            merged[key]["notes"] = union(merged[key]["notes"], row["notes"])
        else:
            merged[key] = {**row, "from": a, "to": other}
    return list(merged.values())


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
