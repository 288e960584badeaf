"""NetworkMap -> one self-contained HTML page (pyvis / vis-network), usable offline.

pyvis builds the vis-network nodes, edges and options. Its own page template is not used: even
with `cdn_resources="in_line"` it links Bootstrap from a CDN. The page here is rendered from
`viz/templates/map.html` instead, with the vis-network script and stylesheet shipped inside the
pyvis package copied into it, so a map opens without network access.
"""

import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from viz.models import MapEdge, MapNode, NetworkMap
from viz.style import edge_style, legend, node_style, readable

TEMPLATES = Path(__file__).parent / "templates"
VIS_VERSION = "9.1.2"
MAX_LABEL = 42
MAX_SOURCES = 8

OPTIONS = {
    "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
    "edges": {
        "smooth": {"type": "dynamic"},
        "color": {"inherit": False},
        "font": {"size": 10, "align": "middle", "color": "#555"},
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
    },
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -80,
            "springLength": 110,
            "avoidOverlap": 0.4,
        },
        "stabilization": {"iterations": 400},
    },
    "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": True},
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


def node_tooltip(node: MapNode) -> str:
    """Plain text (vis-network shows string titles as text, never as HTML)."""
    style = node_style(node.type, node.kind)
    kind = style.label if node.type == "actor" else (readable(node.kind) if node.kind else None)
    lines = [node.label, f"Type: {node.type}" + (f" · {kind}" if kind else "")]
    if node.country:
        lines.append(f"Country: {node.country}")
    if node.title:
        lines.append(node.title)
    _sources(lines, node.sources)
    return "\n".join(lines)


def edge_tooltip(edge: MapEdge) -> str:
    lines = [edge_style(edge.relation).label if edge.relation else "linked to"]
    if edge.label:
        lines[0] += f" ({edge.label})"
    if edge.title:
        lines.append(edge.title)
    _sources(lines, edge.sources)
    return "\n".join(lines)


def build_network(network_map: NetworkMap) -> Network:
    """The pyvis Network of a map: styled nodes and edges, tooltips, physics options."""
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    for node in network_map.nodes:
        style = node_style(node.type, node.kind)
        net.add_node(
            node.id,
            label=_short(node.label),
            shape=style.shape,
            color=style.color,
            size=round(style.size * (1.6 if node.focus else 1)),
            borderWidth=3 if node.focus else 1,
            title=node_tooltip(node),
        )
    for edge in network_map.edges:
        style = edge_style(edge.relation)
        net.add_edge(
            edge.source,
            edge.target,
            label=edge.label or "",
            title=edge_tooltip(edge),
            color=style.color,
            dashes=style.dashes,
        )
    net.options = OPTIONS
    return net


def render_map(network_map: NetworkMap) -> str:
    """The map as one HTML page with no external resources."""
    net = build_network(network_map)
    script, css = vis_assets()
    keys = [(n.type, n.kind) for n in network_map.nodes]
    entries = sorted(network_map.nodes, key=lambda n: (n.type, n.label.casefold()))
    return TEMPLATE_ENV.get_template("map.html").render(
        title=network_map.title,
        description=network_map.description,
        nodes=net.nodes,
        edges=net.edges,
        options=OPTIONS,
        vis_script=script,
        vis_css=css,
        legend=legend(keys, [e.relation for e in network_map.edges]),
        entries=entries,
        n_nodes=len(network_map.nodes),
        n_edges=len(network_map.edges),
    )


def write_map(network_map: NetworkMap, path: str | Path) -> Path:
    """Write the map to an HTML file (parent folders are created); returns the path."""
    path = Path(path)
    if path.suffix.lower() not in {".html", ".htm"}:
        path = path.with_suffix(".html")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_map(network_map), encoding="utf-8")
    return path
