"""NetworkMap -> one self-contained HTML page (pyvis / vis-network), usable offline.

pyvis's page templates link CDN assets even with `cdn_resources="in_line"`, and its
`write_html` copies a `lib/` folder into the working directory. The page is rendered from
`viz/templates/map.html` instead, with the vis-network script and stylesheet shipped inside the
pyvis package inlined, so a map opens without network access and writes nothing else. The
nodes, edges and options come from `viz.network`; tooltips are plain text (`viz.tooltips`).
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from viz.models import NetworkMap
from viz.network import build_network
from viz.style import PLANNED_OPACITY, legend

__all__ = [
    "TEMPLATE_ENV", "Controls", "Field", "build_network", "render_map", "vis_assets", "write_map",
]  # fmt: skip

TEMPLATES = Path(__file__).parent / "templates"
VIS_VERSION = "9.1.2"
MAX_ENTRIES = 1000  # rows of the page's entity table; the CSV download has them all

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


@dataclass(frozen=True)
class Field:
    """One filter of the map page's GET form."""

    name: str
    label: str
    value: str | None = None
    input: str = "text"  # text, number
    options: tuple[tuple[str, str], ...] = ()  # a select: (value, text)
    placeholder: str | None = None
    min: int | None = None
    max: int | None = None


@dataclass(frozen=True)
class Controls:
    """The page's form: its filters, the other query parameters kept as they are, toggles."""

    fields: tuple[Field, ...] = ()
    hidden: tuple[tuple[str, str], ...] = ()
    show_events: bool = True
    show_planned: bool = True


def render_map(network_map: NetworkMap, controls: Controls | None = None) -> str:
    """The map as one HTML page with no external resources."""
    controls = controls or Controls()
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
            {n["style"] for n in net.nodes},
            {e["style"] for e in net.edges},
            highlight=highlight,
            planned=any(n.get("planned") for n in net.nodes),
        ),
        entries=entries[:MAX_ENTRIES],
        more_entries=max(0, len(entries) - MAX_ENTRIES),
        n_nodes=len(net.nodes),
        n_edges=len(net.edges),
        omitted=network_map.omitted,
        cap=network_map.cap,
        fields=controls.fields,
        hidden=controls.hidden,
        show_events=controls.show_events,
        show_planned=controls.show_planned,
        grouped=any(n.group for n in network_map.nodes),
        planned_opacity=PLANNED_OPACITY,
    )


def write_map(network_map: NetworkMap, path: str | Path) -> Path:
    """Write the map to an HTML file (parent folders are created); returns the path."""
    path = Path(path)
    if path.suffix.lower() not in {".html", ".htm"}:
        path = path.with_suffix(".html")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_map(network_map), encoding="utf-8")
    return path
