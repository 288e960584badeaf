"""The input of a network map: plain nodes and edges, independent of where they come from."""

from typing import Literal

from pydantic import BaseModel, Field, model_validator

NodeType = Literal["actor", "partnership", "agreement", "event", "country", "sector"]


class MapNode(BaseModel):
    """One entity on the map. `id` is unique within the map (e.g. "actor:skywin")."""

    id: str = Field(min_length=1)
    label: str = Field(min_length=1)
    type: NodeType
    kind: str | None = None  # actor kind (cluster, agency, ...), agreement or event kind
    country: str | None = None
    title: str | None = None  # extra tooltip text (role, date, status, description)
    sources: list[str] = Field(default_factory=list)  # readable citations
    focus: bool = False  # drawn larger: the entity the map is about


class MapEdge(BaseModel):
    """A directed link between two nodes of the map; `relation` picks its style."""

    source: str
    target: str
    relation: str  # member_of, party_to, organised, participated_in, targets_country, ...
    label: str | None = None  # short text drawn on the edge (role, status)
    title: str | None = None  # extra tooltip text
    sources: list[str] = Field(default_factory=list)


class NetworkMap(BaseModel):
    title: str
    nodes: list[MapNode]
    edges: list[MapEdge] = Field(default_factory=list)
    description: str | None = None  # one paragraph shown under the title

    @model_validator(mode="after")
    def _consistent(self) -> "NetworkMap":
        """Node ids are unique (first one wins) and every edge joins two nodes of the map."""
        seen: dict[str, MapNode] = {}
        for node in self.nodes:
            seen.setdefault(node.id, node)
        self.nodes = list(seen.values())
        missing = sorted({end for e in self.edges for end in (e.source, e.target)} - seen.keys())
        if missing:
            raise ValueError(f"edges refer to nodes missing from the map: {', '.join(missing)}")
        unique: dict[tuple[str, str, str], MapEdge] = {}
        for edge in self.edges:
            unique.setdefault((edge.source, edge.target, edge.relation), edge)
        self.edges = list(unique.values())
        return self
