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
    # agreements: signed, renewed, planned, expired; events: planned, held, cancelled, unknown
    status: str | None = None
    country: str | None = None
    eu: bool | None = None  # actors: located in an EU member state (None: unknown country)
    links: int | None = None  # cooperation links in the whole graph; sizes the node
    title: str | None = None  # extra tooltip text (role, date, status, description)
    sources: list[str] = Field(default_factory=list)  # readable citations
    focus: bool = False  # drawn larger: the entity the map is about
    highlight: bool = False  # on the highlighted path
    group: str | None = None  # grouped overviews: the group it stands for (country code, id)
    size: float | None = None  # grouped overviews: drawn size (members of the group)
    x: float | None = None  # server-side layout (viz.layout), vis-network units
    y: float | None = None


class MapEdge(BaseModel):
    """A directed link between two nodes of the map; `relation` (and `status`) pick its style.

    `id` names the fact behind the edge: two edges between the same nodes with different ids
    are both drawn (two clusters may share several agreements).
    """

    source: str
    target: str
    relation: str  # member_of, party_to, organised, participated_in, targets_country, ...
    id: str | None = None
    status: str | None = None  # party_to: the agreement's status (signed, planned, ...)
    label: str | None = None  # short text drawn on the edge (role, status)
    title: str | None = None  # extra tooltip text
    sources: list[str] = Field(default_factory=list)
    highlight: bool = False
    weight: int | None = None  # grouped overviews: how many facts the link stands for


class NetworkMap(BaseModel):
    title: str
    nodes: list[MapNode]
    edges: list[MapEdge] = Field(default_factory=list)
    description: str | None = None  # one paragraph shown under the title
    omitted: int = Field(default=0, ge=0)  # nodes left out because a cap applied
    cap: int | None = None  # the cap that applied

    @model_validator(mode="after")
    def _consistent(self) -> "NetworkMap":
        """Node ids are unique (first one wins), every edge joins two nodes of the map, and
        an edge is dropped only when it repeats the same fact (same id, or same everything)."""
        seen: dict[str, MapNode] = {}
        for node in self.nodes:
            seen.setdefault(node.id, node)
        if len(seen) != len(self.nodes):
            self.nodes = list(seen.values())
        missing = sorted({end for e in self.edges for end in (e.source, e.target)} - seen.keys())
        if missing:
            raise ValueError(f"edges refer to nodes missing from the map: {', '.join(missing)}")
        unique: dict[tuple, MapEdge] = {}
        for edge in self.edges:
            key: tuple = (edge.source, edge.target, edge.relation, edge.id)
            if edge.id is None:
                key += (edge.status, edge.label, edge.title, tuple(edge.sources))
            unique.setdefault(key, edge)
        if len(unique) != len(self.edges):
            self.edges = list(unique.values())
        return self


def without(network_map: NetworkMap, *, events: bool = True, planned: bool = True) -> NetworkMap:
    """The map without its events and/or its plans (planned agreements and planned events), and
    the nodes left alone by them."""
    if events and planned:
        return network_map

    def dropped(n: MapNode) -> bool:
        return (not events and n.type == "event") or (
            not planned and n.type in ("agreement", "event") and n.status == "planned"
        )

    gone = {n.id for n in network_map.nodes if dropped(n) and not n.focus}
    edges = [e for e in network_map.edges if e.source not in gone and e.target not in gone]
    linked = {end for e in edges for end in (e.source, e.target)}
    nodes = [
        n
        for n in network_map.nodes
        if n.id not in gone and (n.id in linked or n.focus or n.highlight or not network_map.edges)
    ]
    return network_map.model_copy(update={"nodes": nodes, "edges": edges})
