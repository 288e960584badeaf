"""Support links (issue 13 item 9): who funds or supports an actor, a partnership, an agreement or
an event, for which period and on whose word; and, from the supporter's side, what it supports.

(Actor|Partnership|Agreement|Event)-[:FUNDED_BY|SUPPORTED_BY {period_from, period_to, sources,
notes, certainty}]->(Actor)
"""

from typing import Any

from pydantic import BaseModel

from graph.schema.model import LABEL_TYPES
from queries.common import SourcePublic, parse_sources


class SupporterPublic(BaseModel):
    """An actor funding or supporting the record; `period_from`/`period_to` as precise as the
    source gives them (`2013`, `2015`), absent when it gives none."""

    id: str
    name: str
    relation: str  # funded_by | supported_by
    period_from: str | None = None
    period_to: str | None = None
    certainty: str = "stated"
    notes: list[str] = []
    sources: list[SourcePublic]


class SupportedPublic(BaseModel):
    """A record an actor funds or supports: its `type` (actor, partnership, agreement, event)."""

    type: str
    id: str
    name: str
    relation: str  # funded_by | supported_by
    period_from: str | None = None
    period_to: str | None = None
    notes: list[str] = []
    sources: list[SourcePublic]


# The supporters of node `{n}` (a constant chosen in code), as maps for `supporters`.
SUPPORTERS = """[({n})-[sl:FUNDED_BY|SUPPORTED_BY]->(sup:Actor) | sup {{.id, .name,
    relation: toLower(type(sl)), period_from: sl.period_from, period_to: sl.period_to,
    certainty: sl.certainty, notes: sl.notes, sources: sl.sources}}]"""

# What actor `{n}` funds or supports.
SUPPORTED = """[(sy)-[sl:FUNDED_BY|SUPPORTED_BY]->({n}) | sy {{.id,
    name: coalesce(sy.name, sy.id), label: head(labels(sy)), relation: toLower(type(sl)),
    period_from: sl.period_from, period_to: sl.period_to, notes: sl.notes,
    sources: sl.sources}}]"""


def supporters(rows: list[dict[str, Any]] | None, relation: str) -> list[SupporterPublic]:
    """The supporters of one relation (funded_by or supported_by), by name."""
    out = [
        SupporterPublic(
            id=r["id"],
            name=r["name"],
            relation=r["relation"],
            period_from=r.get("period_from"),
            period_to=r.get("period_to"),
            certainty=r.get("certainty") or "stated",
            notes=r.get("notes") or [],
            sources=parse_sources(r.get("sources")),
        )
        for r in rows or []
        if r["relation"] == relation
    ]
    return sorted(out, key=lambda s: (s.name.casefold(), s.id))


def supported(rows: list[dict[str, Any]] | None) -> list[SupportedPublic]:
    """What an actor funds or supports, by type then name."""
    out = [
        SupportedPublic(
            type=LABEL_TYPES.get(r["label"], r["label"].lower()),
            id=r["id"],
            name=r["name"],
            relation=r["relation"],
            period_from=r.get("period_from"),
            period_to=r.get("period_to"),
            notes=r.get("notes") or [],
            sources=parse_sources(r.get("sources")),
        )
        for r in rows or []
    ]
    return sorted(out, key=lambda s: (s.type, s.name.casefold(), s.id))
