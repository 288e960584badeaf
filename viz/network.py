"""NetworkMap -> vis-network nodes, edges and options, held by a pyvis Network.

What pyvis gets wrong is done here: `add_node`/`add_edge` check every earlier node or edge
(quadratic) and an undirected network drops parallel edges, so nodes and edges are built in one
pass, every edge with its own id and parallel edges bent apart; physics never settles on large
maps, so above `LAYOUT_THRESHOLD` nodes positions come from `viz.layout` and physics starts off.
"""

from collections import Counter
from typing import Any

from pyvis.network import Network

from viz.layout import radial_layout
from viz.models import MapEdge, MapNode, NetworkMap
from viz.style import (
    FADED_OPACITY,
    HIGHLIGHT,
    edge_key,
    edge_style,
    node_key,
    node_size,
    node_style,
)
from viz.tooltips import edge_tooltip, node_tooltip

MAX_LABEL = 42
LAYOUT_THRESHOLD = 500  # above this many nodes, positions are computed on the server

FONT = {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"}
OPTIONS: dict[str, Any] = {
    "nodes": {"font": FONT, "borderWidth": 1},
    "edges": {
        "smooth": {"type": "dynamic"},
        "font": {"size": 10, "align": "middle", "color": "#555", "strokeWidth": 3},
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
    },
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -80,
            "springLength": 110,
            "avoidOverlap": 0.4,
        },
        "stabilization": {"iterations": 300},
    },
    "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": True},
}
LARGE_OPTIONS: dict[str, Any] = {
    "nodes": {"font": {**FONT, "size": 12}, "borderWidth": 1},
    "edges": {
        "smooth": False,
        "font": {"size": 9, "align": "middle", "color": "#555", "strokeWidth": 3},
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
    },
    "physics": {"enabled": False, "solver": "barnesHut", "stabilization": {"enabled": False}},
    "interaction": {
        "hover": True,
        "tooltipDelay": 120,
        "keyboard": True,
        "hideEdgesOnDrag": True,
        "hideEdgesOnZoom": True,
    },
}


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def _node(node: MapNode, links: int, faded: bool) -> dict[str, Any]:
    style = node_style(node.type, node.eu)
    size = node_size(style.size, links) * (1.4 if node.focus else 1)
    out = {
        "id": node.id,
        "label": _short(node.label),
        "style": node_key(node.type, node.eu),  # not `group`: vis-network would recolour it
        "shape": style.shape,
        "color": style.color,
        "size": round(size, 1),
        "borderWidth": 3 if node.focus else 1,
        "title": node_tooltip(node, links),
    }
    if node.focus or node.highlight:
        out["font"] = {"size": 22}  # still legible when a large map is zoomed out
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
            "width": style.width,
        }
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


def build_network(network_map: NetworkMap) -> Network:
    """The pyvis Network of a map: styled nodes and edges, tooltips, options, positions."""
    degree: Counter[str] = Counter()
    for e in network_map.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    faded = any(n.highlight for n in network_map.nodes)
    nodes = [
        _node(n, n.links if n.links is not None else degree[n.id], faded) for n in network_map.nodes
    ]
    large = len(nodes) > LAYOUT_THRESHOLD
    if large:
        pos = radial_layout(
            [n["id"] for n in nodes],
            ((e.source, e.target) for e in network_map.edges),
            [n.id for n in network_map.nodes if n.focus],
        )
        for n in nodes:
            n["x"], n["y"] = pos[n["id"]]
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    net.nodes = nodes
    net.edges = _edges(network_map.edges, faded)
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.options = LARGE_OPTIONS if large else OPTIONS
    return net
