"""NetworkMap -> vis-network nodes, edges and options, held by a pyvis Network.

What pyvis gets wrong is done here: `add_node`/`add_edge` check every earlier node or edge
(quadratic) and an undirected network drops parallel edges, so nodes and edges are built in one
pass, every edge with its own id and parallel edges bent apart. Positions always come from
`viz.layout` (the same picture on every load, and in the SVG and GEXF); physics is off until
the page's button starts it. Which labels show is decided in the page (`viz.labels` does the
same for the SVG): names are never cut.
"""

from collections import Counter
from typing import Any

from pyvis.network import Network

from viz.layout import with_positions
from viz.models import MapEdge, MapNode, NetworkMap
from viz.style import (
    FADED_OPACITY,
    HIGHLIGHT,
    PLANNED_BORDER_DASHES,
    PLANNED_OPACITY,
    edge_key,
    edge_style,
    node_key,
    node_size,
    node_style,
)
from viz.tooltips import edge_tooltip, node_tooltip

LARGE = 500  # above this many nodes: straight edges, hidden while dragging or zooming

FONT = {"size": 14, "face": "DejaVu Sans, sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"}
PHYSICS = {
    "enabled": False,
    "solver": "forceAtlas2Based",
    "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 110, "avoidOverlap": 0.4},
    "stabilization": {"enabled": False},
}
OPTIONS: dict[str, Any] = {
    "nodes": {"font": FONT, "borderWidth": 1},
    "edges": {
        "smooth": False,
        "font": {"size": 10, "align": "middle", "color": "#555", "strokeWidth": 3},
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
    },
    "physics": PHYSICS,
    "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": True},
}
LARGE_OPTIONS: dict[str, Any] = {
    "nodes": {"font": {**FONT, "size": 12}, "borderWidth": 1},
    "edges": {
        "smooth": False,
        "font": {"size": 9, "align": "middle", "color": "#555", "strokeWidth": 3},
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
    },
    "physics": {**PHYSICS, "solver": "barnesHut"},
    "interaction": {
        "hover": True,
        "tooltipDelay": 120,
        "keyboard": True,
        "hideEdgesOnDrag": True,
        "hideEdgesOnZoom": True,
    },
}


def _node(node: MapNode, links: int, faded: bool) -> dict[str, Any]:
    style = node_style(node.type, node.eu, node.status)
    if node.size is not None:
        size = node.size
    else:
        size = node_size(style.size, links) * (1.4 if node.focus else 1)
        if node_key(node.type, node.eu) == "actor":  # country unknown: recedes
            size = min(size, 12)
    out: dict[str, Any] = {
        "id": node.id,
        "label": node.label,  # the page shows it when the label budget allows
        "x": node.x,
        "y": node.y,
        "rank": 0 if node.focus or node.highlight else 1,
        "entity": node.type,
        # not `group`: vis-network would recolour it
        "style": node_key(node.type, node.eu, node.status),
        "shape": style.shape,
        "color": style.color,
        "size": round(size, 1),
        "borderWidth": 3 if node.focus else 1,
        "title": node_tooltip(node, links),
    }
    if node.group:
        out["group_id"] = node.group
    if node.status == "planned" and node.type in ("agreement", "event"):
        out["planned"] = True
        out["opacity"] = PLANNED_OPACITY
        out["shapeProperties"] = {"borderDashes": list(PLANNED_BORDER_DASHES)}
        out["borderWidth"] = max(out["borderWidth"], 2)
    if node_key(node.type, node.eu) == "actor":
        out["opacity"] = 0.7
    if node.highlight:
        out["color"] = {"background": style.color, "border": HIGHLIGHT}
        out["borderWidth"] = 4
    elif faded:
        out["opacity"] = FADED_OPACITY
    return out


def _edges(edges: list[MapEdge], faded: bool) -> list[dict[str, Any]]:
    """vis-network edges, each with its own id; parallel edges are bent apart."""
    seen: Counter[frozenset[str]] = Counter()
    out = []
    for i, edge in enumerate(edges):
        style = edge_style(edge.relation, edge.status)
        item: dict[str, Any] = {
            "id": f"e{i}",
            "from": edge.source,
            "to": edge.target,
            "label": edge.label or "",
            "title": edge_tooltip(edge),
            "style": edge_key(edge.relation, edge.status),
            "color": {"color": style.color, "inherit": False},
            "dashes": list(style.dashes) or False,
            "width": style.width if edge.weight is None else _weight_width(edge.weight),
        }
        if edge.weight is not None and edge.relation != "targets":  # shared: no direction
            item["arrows"] = {"to": {"enabled": False}}
        if edge.highlight:
            item["color"] = {"color": HIGHLIGHT, "inherit": False}
            item["width"] = 5
        elif faded:
            item["color"]["opacity"] = FADED_OPACITY
        pair = frozenset((edge.source, edge.target))
        if seen[pair]:
            n = seen[pair]
            item["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if n % 2 else "curvedCCW",
                "roundness": 0.2 * ((n + 1) // 2),
            }
        seen[pair] += 1
        out.append(item)
    return out


def _weight_width(weight: int) -> float:
    return round(min(1 + 1.5 * weight**0.5, 12), 1)


def build_network(network_map: NetworkMap) -> Network:
    """The pyvis Network of a map: styled nodes and edges, tooltips, options, positions."""
    network_map = with_positions(network_map)
    degree: Counter[str] = Counter()
    for e in network_map.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    faded = any(n.highlight for n in network_map.nodes)
    nodes = [
        _node(n, n.links if n.links is not None else degree[n.id], faded) for n in network_map.nodes
    ]
    large = len(nodes) > LARGE
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    net.nodes = nodes
    net.edges = _edges(network_map.edges, faded)
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.options = LARGE_OPTIONS if large else OPTIONS
    return net
