"""The draft being built: proposed records, the mentions they come from, and their provenance."""

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from graph.extract.readers import Line


def provenance(model: type[BaseModel], basis: str, confidence: float) -> dict[str, Any]:
    """The fields that mark a proposed record as inferred: the one place that knows the format.

    Issue 13 gives the loader's records `certainty`/`basis`/`confidence`; for a model without
    them, the same facts go into `note`, so that `clustergraph validate` accepts the draft.
    """
    confidence = round(max(0.0, min(1.0, confidence)), 2)
    if "certainty" in model.model_fields:
        return {"certainty": "inferred", "basis": basis, "confidence": confidence}
    return {"note": f"certainty: inferred; confidence: {confidence}; basis: {basis}"}


@dataclass
class Ref:
    """A place in the report where a record's entity is named (for the review page)."""

    line: Line
    start: int
    end: int
    text: str
    record: str  # "actors/<id>", "partnerships/<id>", "countries/<code>" or "unresolved"
    status: str = "resolved"  # resolved | new | ambiguous | unresolved
    candidates: list[str] = field(default_factory=list)


@dataclass
class Entity:
    id: str
    type: str  # actor | partnership
    name: str
    known: bool
    kind: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    basis: str = ""
    confidence: float = 0.6

    def locator(self, limit: int = 6) -> str:
        seen = list(dict.fromkeys(line.locator for line in self.lines))
        return "; ".join(seen[:limit])


@dataclass
class Draft:
    entities: dict[tuple[str, str], Entity] = field(default_factory=dict)
    memberships: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)  # partnership, actor
    target_countries: list[dict[str, Any]] = field(default_factory=list)
    agreements: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)

    def entity(self, type_: str, ident: str) -> Entity | None:
        return self.entities.get((type_, ident))

    def of_type(self, type_: str) -> list[Entity]:
        return [e for (t, _), e in self.entities.items() if t == type_]
