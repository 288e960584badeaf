"""Score drafts against curated files: precision and recall per kind of record.

A draft record matches a curated one when their entities agree (after mapping the draft's
proposed ids to curated ids by name) and their locators agree: some line the draft cites is
within ±2 of some line the curated record cites (same page for PDFs). Matching is one-to-one.
See docs/extract.md for the exact rules per kind.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from graph.extract.known import LOADER
from graph.schema.names import normalise

LINE_SLACK = 2
NAME_CUTOFF = 88.0
_LOC = re.compile(r"(?:page\s+(\d+),\s*)?lines?\s+((?:\d+\s*(?:[-–]\s*\d+)?(?:\s*(?:,|and)\s*)?)+)")


def lines_of(source: str) -> set[tuple[int, int]]:
    """'lines 80-81, §2; page 2, line 7' -> {(0, 80), (0, 81), (2, 7)}."""
    found: set[tuple[int, int]] = set()
    for m in _LOC.finditer(source or ""):
        page = int(m.group(1) or 0)
        for part in re.split(r"\s*(?:,|and)\s*", m.group(2).strip()):
            if not part:
                continue
            lo, _, hi = part.partition("-") if "-" in part else part.partition("–")
            a, b = int(lo), int(hi or lo)
            found |= {(page, n) for n in range(a, min(b, a + 40) + 1)}
    return found


def lines_agree(a: set[tuple[int, int]], b: set[tuple[int, int]]) -> bool:
    return any(pa == pb and abs(la - lb) <= LINE_SLACK for pa, la in a for pb, lb in b)


@dataclass
class Score:
    truth: int = 0
    draft: int = 0
    matched_truth: int = 0
    matched_draft: int = 0

    @property
    def precision(self) -> float | None:
        return self.matched_draft / self.draft if self.draft else None

    @property
    def recall(self) -> float | None:
        return self.matched_truth / self.truth if self.truth else None

    def __add__(self, other: "Score") -> "Score":
        return Score(*(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__))


def _names(row: dict[str, Any]) -> list[str]:
    return [normalise(n) for n in [row["name"], *(row.get("aliases") or [])] if normalise(n)]


def map_ids(draft_rows: list[dict], truth_rows: list[dict]) -> dict[str, str]:
    """Draft id -> curated id: same id, else the best name/alias match (≥ NAME_CUTOFF)."""
    truth_ids = {r["id"] for r in truth_rows}
    mapping: dict[str, str] = {}
    for d in draft_rows:
        if d["id"] in truth_ids:
            mapping[d["id"]] = d["id"]
            continue
        best, best_score = None, NAME_CUTOFF
        for t in truth_rows:
            for dn in _names(d):
                for tn in _names(t):
                    score = 100.0 if dn == tn else fuzz.token_sort_ratio(dn, tn)
                    if min(dn.count(" "), tn.count(" ")) >= 2:
                        score = max(score, fuzz.token_set_ratio(dn, tn))
                    if score > best_score or (score == 100.0 and best_score < 100.0):
                        best, best_score = t["id"], score
        if best:
            mapping[d["id"]] = best
    return mapping


def _match(draft: list[tuple], truth: list[tuple], agree) -> Score:
    used: set[int] = set()
    matched_draft = 0
    for d in draft:
        for i, t in enumerate(truth):
            if i not in used and agree(d, t):
                used.add(i)
                matched_draft += 1
                break
    return Score(len(truth), len(draft), len(used), matched_draft)


def _links(data: dict, field: str, key: str) -> list[tuple[str, str, set]]:
    out = []
    for p in data.get("partnerships") or []:
        for link in p.get(field) or []:
            out.append((p["id"], str(link[key]), lines_of(link["source"])))
    if field == "members":
        for m in data.get("memberships") or []:
            out.append((m["partnership"], m["actor"], lines_of(m["source"])))
    return out


def score(draft: dict, truth: dict, known_ids: set[str]) -> dict[str, Score]:
    """Placeholders (curated actors with `certainty: placeholder`: parties a report counts but
    does not name) are no names to find: they are left out of the actors, and as a party of an
    agreement any draft party matches them."""
    d_actors = draft.get("actors") or []
    placeholders = {
        r["id"] for r in truth.get("actors") or [] if r.get("certainty") == "placeholder"
    }
    t_actors = [r for r in truth.get("actors") or [] if r["id"] not in placeholders]
    amap = map_ids(d_actors, t_actors)
    pmap = map_ids(draft.get("partnerships") or [], truth.get("partnerships") or [])
    t_lines = {r["id"]: lines_of(r["source"]) for r in t_actors}
    out: dict[str, Score] = {}
    for label, is_known in (("actors known", True), ("actors new", False)):
        drafted = [
            (amap.get(r["id"]), lines_of(r["source"]))
            for r in d_actors
            if (r["id"] in known_ids) == is_known
        ]
        truths = [
            (r["id"], t_lines[r["id"]]) for r in t_actors if (r["id"] in known_ids) == is_known
        ]
        out[label] = _match(drafted, truths, lambda d, t: d[0] == t[0] and lines_agree(d[1], t[1]))

    def mapped_links(field, key, mapper):
        return [(pmap.get(p), mapper(a), ls) for p, a, ls in _links(draft, field, key)]

    def link_agree(d, t):
        return d[0] == t[0] and d[1] == t[1] and lines_agree(d[2], t[2])

    out["memberships"] = _match(
        mapped_links("members", "actor", amap.get), _links(truth, "members", "actor"), link_agree
    )
    out["targets (actors)"] = _match(
        mapped_links("targets", "actor", amap.get), _links(truth, "targets", "actor"), link_agree
    )
    out["targets (countries)"] = _match(
        mapped_links("target_countries", "country", str),
        _links(truth, "target_countries", "country"),
        link_agree,
    )

    def parties(row, mapper):
        return {mapper(p) for p in row["parties"]} - {None}

    d_agr = [(parties(a, amap.get), lines_of(a["source"])) for a in draft.get("agreements") or []]
    t_agr = [(set(a["parties"]), lines_of(a["source"])) for a in truth.get("agreements") or []]

    def parties_agree(d, t) -> bool:
        named = t[0] - placeholders
        wild = len(t[0] & placeholders)
        common = len(d[0] & named) + min(wild, len(d[0] - named))
        return common >= min(2, len(t[0])) and lines_agree(d[1], t[1])

    out["agreements"] = _match(d_agr, t_agr, parties_agree)

    def event_row(e, mapper):
        people = {mapper(a) for a in (e.get("organisers") or []) + (e.get("participants") or [])}
        return (e["kind"], people - {None}, lines_of(e["source"]))

    d_ev = [event_row(e, amap.get) for e in draft.get("events") or []]
    t_ev = [event_row(e, str) for e in truth.get("events") or []]
    out["events"] = _match(
        d_ev, t_ev, lambda d, t: (d[0] == t[0] or d[1] & t[1]) and lines_agree(d[2], t[2])
    )
    return out


def load_yaml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) or {}
