"""One visual language for every map: colour and shape by type, size by cooperation links,
line style by relation, and the legend.

Actors are split by where they are: an actor in an EU member state (a cluster organisation,
agency, ...) and a third-country partner are drawn differently; the actor's kind is in its
tooltip.
"""

import math
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
    dashes: tuple[int, ...] = ()  # vis-network dash pattern; () is a solid line
    width: float = 1.5


# Okabe–Ito, the colour-blind-safe palette; shapes and dash patterns carry the same distinctions.
OI = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#222222",
}  # fmt: skip
PALE = "#c9ccd1"  # what recedes: actors whose country is unknown

NODE_STYLES: dict[str, NodeStyle] = {
    "eu_actor": NodeStyle("EU cluster or actor", "dot", OI["blue"]),
    "third_actor": NodeStyle("Third-country partner", "star", OI["orange"], 18),
    "actor": NodeStyle("Actor (country unknown)", "dot", PALE, 8),
    "partnership": NodeStyle("Partnership", "diamond", OI["green"], 20),
    "agreement": NodeStyle("Agreement", "square", OI["black"], 10),
    "event": NodeStyle("Event", "triangle", OI["purple"], 11),
    "planned_event": NodeStyle("Planned event (not held yet)", "triangle", "#e2bfd6", 11),
    "eu_country": NodeStyle("EU member state", "hexagon", OI["blue"], 18),
    "third_country": NodeStyle("Third country", "hexagon", OI["orange"], 18),
    "country": NodeStyle("Country", "hexagon", OI["sky"], 18),
    "sector": NodeStyle("Sector", "triangleDown", "#9e9e9e", 12),
}
EDGE_STYLES: dict[str, EdgeStyle] = {
    "party_to:signed": EdgeStyle("party to a signed agreement", OI["black"], (), 2),
    "party_to:renewed": EdgeStyle("party to a renewed agreement", OI["blue"], (), 4),
    "party_to:planned": EdgeStyle("party to a planned agreement", OI["black"], (9, 6), 2),
    "party_to:expired": EdgeStyle("party to an expired agreement", "#9aa0a6", (2, 4), 1.5),
    "party_to": EdgeStyle("party to an agreement", OI["black"], (), 1.5),
    "member_of": EdgeStyle("member of a partnership", OI["green"], (), 2),
    "organised": EdgeStyle("organised an event", OI["purple"], (), 2),
    "participated_in": EdgeStyle("took part in an event", OI["purple"], (3, 4), 1.5),
    "organised:planned": EdgeStyle("plans to organise an event", "#b48aa5", (9, 6), 1.5),
    "participated_in:planned": EdgeStyle("plans to take part in an event", "#b48aa5", (9, 6), 1),
    "signed_for": EdgeStyle("signed for its partnership", OI["green"], (4, 2), 1.5),
    "targets_country:priority": EdgeStyle(
        "targets country: priority", OI["vermillion"], (12, 4), 3.5
    ),
    "targets_country:selected": EdgeStyle(
        "targets country: selected", OI["vermillion"], (12, 4), 2
    ),
    "targets_country:candidate": EdgeStyle("targets country: candidate", OI["sky"], (3, 5), 1.5),
    "targets_country": EdgeStyle("partnership targets country", OI["sky"], (12, 4), 1.5),
    "targets_actor:contacted": EdgeStyle("targets actor: contacted", OI["orange"], (), 3),
    "targets_actor:selected": EdgeStyle("targets actor: selected", OI["orange"], (12, 4), 2.5),
    "targets_actor:shortlisted": EdgeStyle("targets actor: shortlisted", OI["orange"], (6, 5), 1.5),
    "targets_actor:considered": EdgeStyle("targets actor: considered", OI["yellow"], (2, 5), 1.5),
    "targets_actor": EdgeStyle("partnership targets actor", OI["orange"], (12, 4), 1.5),
    "succeeds": EdgeStyle("succeeds (partnership lineage)", OI["green"], (4, 4), 2.5),
    "cooperates_with": EdgeStyle("cooperates with (partnerships)", OI["green"], (2, 3), 2.5),
    "on_behalf_of": EdgeStyle("agreement on behalf of", OI["green"], (6, 3), 1),
    "funded_by": EdgeStyle("funded by", OI["sky"], (), 2.5),
    "supported_by": EdgeStyle("supported by", OI["sky"], (8, 4), 2),
    "part_of": EdgeStyle("event part of", OI["purple"], (6, 3), 1),
    "located_in": EdgeStyle("located in", "#b5b5b5", (1, 4), 1),
    "active_in": EdgeStyle("active in", "#bbbbbb", (1, 4), 1),
    "agreements": EdgeStyle("shared agreements (width: count)", OI["black"], (), 1),
    "memberships": EdgeStyle("shared partnerships (width: count)", OI["green"], (), 1),
    "targets": EdgeStyle("targets (members → country; width: count)", OI["vermillion"], (12, 4), 1),
    "events": EdgeStyle("shared events (width: count)", OI["purple"], (3, 4), 1),
    "members": EdgeStyle("shared members (width: count)", OI["green"], (), 1),
}
DEFAULT_EDGE = EdgeStyle("linked to", "#999999")
HIGHLIGHT = OI["vermillion"]  # the path on a path map
# A plan (a planned event or agreement) is drawn apart from the facts: lighter, dashed border.
PLANNED_LABEL = "planned (not yet a fact): dashed border, lighter"
PLANNED_OPACITY = 0.55
PLANNED_BORDER_DASHES = (4, 3)
FADED_OPACITY = 0.35  # everything off the path, when a path is highlighted


def node_key(type_: str, eu: bool | None = None, status: str | None = None) -> str:
    """The style (and legend) key of a node: actors and countries by EU / third country, planned
    events apart from the others, others by type."""
    if type_ == "event" and status == "planned":
        return "planned_event"
    if type_ == "actor":
        return "actor" if eu is None else ("eu_actor" if eu else "third_actor")
    if type_ == "country" and eu is not None:
        return "eu_country" if eu else "third_country"
    return type_ if type_ in NODE_STYLES else "actor"


def node_style(type_: str, eu: bool | None = None, status: str | None = None) -> NodeStyle:
    return NODE_STYLES[node_key(type_, eu, status)]


def node_size(base: int, links: int) -> float:
    """Grows with the number of cooperation links, sub-linearly so hubs stay on the screen."""
    return round(base + 4 * math.sqrt(max(links, 0)), 1)


def edge_key(relation: str, status: str | None = None) -> str:
    keyed = f"{relation}:{status}"
    return keyed if keyed in EDGE_STYLES else relation


def edge_style(relation: str, status: str | None = None) -> EdgeStyle:
    return EDGE_STYLES.get(edge_key(relation, status), DEFAULT_EDGE)


def readable(text: str) -> str:
    return text.replace("_", " ")


@dataclass(frozen=True)
class LegendEntry:
    key: str  # the style key; the map page filters nodes by it
    label: str
    shape: str
    color: str
    dashed: bool = False
    width: float = 2
    dashes: tuple[int, ...] = ()


def legend(
    node_keys: set[str], edge_keys: set[str], *, highlight: bool = False, planned: bool = False
) -> dict:
    """Legend entries for the node styles and relations present on a map, in a stable order;
    `planned`: the map draws plans (the entry's key hides them on the page)."""
    nodes = [
        LegendEntry(k, s.label, s.shape, s.color) for k, s in NODE_STYLES.items() if k in node_keys
    ]
    if planned:
        nodes.append(
            LegendEntry("planned", PLANNED_LABEL, "dot", "#ffffff", True, 1, PLANNED_BORDER_DASHES)
        )
    edges = [
        LegendEntry(k, s.label, "line", s.color, bool(s.dashes), s.width, s.dashes)
        for k, s in EDGE_STYLES.items()
        if k in edge_keys
    ]
    edges += [
        LegendEntry(k, readable(k), "line", DEFAULT_EDGE.color)
        for k in sorted(edge_keys - EDGE_STYLES.keys())
    ]
    if highlight:
        edges.insert(0, LegendEntry("highlight", "the path", "line", HIGHLIGHT, width=5))
    return {"nodes": nodes, "edges": edges}
