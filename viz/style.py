"""Colours and shapes per node type (actors by kind) and per relation, and the legend."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeStyle:
    label: str  # legend text
    shape: str  # vis-network shape
    color: str
    size: int = 16


@dataclass(frozen=True)
class EdgeStyle:
    label: str  # readable relation, legend and tooltip
    color: str
    dashes: bool = False


ACTOR_STYLES: dict[str, NodeStyle] = {
    "cluster": NodeStyle("Cluster organisation", "dot", "#2b7bba"),
    "business_network": NodeStyle("Business network", "dot", "#5aa9e6"),
    "network": NodeStyle("Network of clusters", "dot", "#7b61c9"),
    "agency": NodeStyle("Agency", "dot", "#2e9e5b"),
    "government": NodeStyle("Government body", "dot", "#6b8e23"),
    "consortium": NodeStyle("Consortium", "dot", "#20b2aa"),
    "association": NodeStyle("Association", "dot", "#c45ab3"),
    "chamber": NodeStyle("Chamber of commerce", "dot", "#8d6e63"),
    "research_centre": NodeStyle("Research centre", "dot", "#e67e22"),
    "company": NodeStyle("Company", "dot", "#c0392b"),
    "other": NodeStyle("Other actor", "dot", "#95a5a6"),
}
TYPE_STYLES: dict[str, NodeStyle] = {
    "actor": ACTOR_STYLES["other"],
    "partnership": NodeStyle("Partnership", "diamond", "#f1c40f", 22),
    "agreement": NodeStyle("Agreement", "square", "#34495e", 13),
    "event": NodeStyle("Event", "triangle", "#ff6f91", 13),
    "country": NodeStyle("Country", "hexagon", "#9bc1bc", 18),
    "sector": NodeStyle("Sector", "star", "#b8b8b8", 14),
}
EDGE_STYLES: dict[str, EdgeStyle] = {
    "member_of": EdgeStyle("member of", "#4a6fa5"),
    "party_to": EdgeStyle("party to", "#34495e"),
    "organised": EdgeStyle("organised", "#d6336c"),
    "participated_in": EdgeStyle("participated in", "#ff8fab"),
    "targets_country": EdgeStyle("targets country", "#5f9e99", dashes=True),
    "targets_actor": EdgeStyle("targets actor", "#b7950b", dashes=True),
    "on_behalf_of": EdgeStyle("on behalf of", "#b0a000"),
    "part_of": EdgeStyle("part of", "#e07a9a"),
    "located_in": EdgeStyle("located in", "#aaaaaa", dashes=True),
    "active_in": EdgeStyle("active in", "#bbbbbb", dashes=True),
}
DEFAULT_EDGE = EdgeStyle("linked to", "#999999")


def node_style(type_: str, kind: str | None = None) -> NodeStyle:
    if type_ == "actor":
        return ACTOR_STYLES.get(kind or "other", ACTOR_STYLES["other"])
    return TYPE_STYLES.get(type_, TYPE_STYLES["actor"])


def edge_style(relation: str) -> EdgeStyle:
    return EDGE_STYLES.get(relation, DEFAULT_EDGE)


def readable(text: str) -> str:
    return text.replace("_", " ")


@dataclass(frozen=True)
class LegendEntry:
    label: str
    shape: str
    color: str
    dashes: bool = False


def legend(node_keys: list[tuple[str, str | None]], relations: list[str]) -> dict[str, list]:
    """Legend entries for the node styles and relations present on a map, in a stable order."""
    present = set()
    for type_, kind in node_keys:
        present.add(
            ("actor", kind if kind in ACTOR_STYLES else "other")
            if type_ == "actor"
            else (type_, None)
        )
    nodes = [
        LegendEntry(s.label, s.shape, s.color)
        for k, s in ACTOR_STYLES.items()
        if ("actor", k) in present
    ]
    nodes += [
        LegendEntry(s.label, s.shape, s.color)
        for t, s in TYPE_STYLES.items()
        if t != "actor" and (t, None) in present
    ]
    rels = list(dict.fromkeys(relations))
    edges = [
        LegendEntry(
            edge_style(r).label if r in EDGE_STYLES else readable(r),
            "line",
            edge_style(r).color,
            edge_style(r).dashes,
        )
        for r in [
            *[r for r in EDGE_STYLES if r in rels],
            *[r for r in rels if r not in EDGE_STYLES],
        ]
    ]
    return {"nodes": nodes, "edges": edges}
