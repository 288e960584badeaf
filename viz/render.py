"""NetworkMap -> one self-contained HTML page (pyvis / vis-network), usable offline.

pyvis holds the vis-network nodes, edges and options, but what it gets wrong is done here:
- its page templates link CDN assets even with `cdn_resources="in_line"`, and `write_html`
  copies a `lib/` folder into the working directory. The page is rendered from
  `viz/templates/map.html` instead, with the vis-network script and stylesheet shipped inside
  the pyvis package inlined, so a map opens without network access and writes nothing else;
- `add_node`/`add_edge` check every earlier node or edge (quadratic) and an undirected network
  drops parallel edges: nodes and edges are built here in one pass, every edge with its own id,
  parallel edges bent apart;
- tooltips are plain text in the data (the page turns them into DOM text nodes, never HTML);
- physics never settles on large maps: above `LAYOUT_THRESHOLD` nodes positions come from
  `viz.layout` and physics starts switched off.
"""

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from viz.layout import radial_layout
from viz.models import MapEdge, MapNode, NetworkMap
from viz.style import (
    FADED_OPACITY,
    HIGHLIGHT,
    edge_key,
    edge_style,
    legend,
    node_key,
    node_size,
    node_style,
    readable,
)

TEMPLATES = Path(__file__).parent / "templates"
VIS_VERSION = "9.1.2"
MAX_LABEL = 42
MAX_SOURCES = 8
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

TEMPLATE_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


@lru_cache
def vis_assets() -> tuple[Markup, Markup]:
    """The vis-network script and stylesheet bundled with pyvis, safe to inline."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}"
    try:
        script = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise RuntimeError(
            f"pyvis no longer ships vis-network {VIS_VERSION} ({e.filename}); "
            "update VIS_VERSION in viz/render.py"
        ) from e
    # No source-map request, and nothing inside may close the element it is inlined into.
    script = re.sub(r"^//# sourceMappingURL=.*$", "", script, flags=re.MULTILINE)
    script = re.sub(r"</(script)", r"<\\/\1", script, flags=re.IGNORECASE)
    css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    return Markup(script), Markup(css)


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def _sources(lines: list[str], sources: list[str]) -> None:
    if sources:
        lines.append("Sources:")
        lines += [f"• {s}" for s in sources[:MAX_SOURCES]]
        if len(sources) > MAX_SOURCES:
            lines.append(f"… and {len(sources) - MAX_SOURCES} more")


def node_tooltip(node: MapNode, links: int | None = None) -> str:
    """Plain text: the page shows it as text (DOM text nodes), never as HTML."""
    kind = f" · {readable(node.kind)}" if node.kind else ""
    lines = [node.label, f"Type: {node.type}{kind}"]
    if node.country:
        where = ""
        if node.type in ("actor", "country") and node.eu is not None:
            where = " (EU)" if node.eu else " (third country)"
        lines.append(f"Country: {node.country}{where}")
    if links:
        lines.append(f"Cooperation links: {links}")
    if node.title:
        lines.append(node.title)
    _sources(lines, node.sources)
    return "\n".join(lines)


def edge_tooltip(edge: MapEdge) -> str:
    lines = [edge_style(edge.relation, edge.status).label]
    if edge.label:
        lines[0] += f" ({edge.label})"
    if edge.title:
        lines.append(edge.title)
    _sources(lines, edge.sources)
    return "\n".join(lines)


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


def render_map(network_map: NetworkMap) -> str:
    """The map as one HTML page with no external resources."""
    net = build_network(network_map)
    script, css = vis_assets()
    entries = sorted(network_map.nodes, key=lambda n: (n.type, n.label.casefold()))
    highlight = any(n.highlight for n in network_map.nodes)
    return TEMPLATE_ENV.get_template("map.html").render(
        title=network_map.title,
        description=network_map.description,
        data={"nodes": net.nodes, "edges": net.edges, "options": net.options},
        vis_script=script,
        vis_css=css,
        legend=legend(
            {n["style"] for n in net.nodes}, {e["style"] for e in net.edges}, highlight=highlight
        ),
        entries=entries,
        n_nodes=len(net.nodes),
        n_edges=len(net.edges),
        omitted=network_map.omitted,
        cap=network_map.cap,
        server_layout=len(net.nodes) > LAYOUT_THRESHOLD,
    )


def write_map(network_map: NetworkMap, path: str | Path) -> Path:
    """Write the map to an HTML file (parent folders are created); returns the path."""
    path = Path(path)
    if path.suffix.lower() not in {".html", ".htm"}:
        path = path.with_suffix(".html")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_map(network_map), encoding="utf-8")
    return path
