"""A map as a static SVG for reports: the page's layout, shapes, colours and label budget, with
a title, the legend and a footnote naming the documents the map's facts come from.

Text is DejaVu Sans (measured with the same font by `viz.labels`); `viz.raster` turns the SVG
into a PNG.
"""

import math
import textwrap
from xml.sax.saxutils import escape

from viz.labels import LABEL_PX, Box, Candidate, choose_labels
from viz.models import NetworkMap
from viz.network import build_network
from viz.style import legend

WIDTH, MAP_HEIGHT, LEGEND_WIDTH, HEAD, MARGIN = 1280, 600, 250, 70, 24
FONT = "DejaVu Sans, sans-serif"
MAX_SCALE = 1.5


def _points(points) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def shape(kind: str, x: float, y: float, r: float, attrs: str) -> str:
    """One node marker (vis-network's shapes) centred on (x, y) with radius r."""
    if kind == "dot":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {attrs}/>'
    if kind == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" {attrs}/>'  # noqa: E501
    if kind == "star":
        pts = [
            (x + (r if i % 2 == 0 else r * 0.45) * math.sin(i * math.pi / 5),
             y - (r if i % 2 == 0 else r * 0.45) * math.cos(i * math.pi / 5))
            for i in range(10)
        ]  # fmt: skip
    elif kind == "diamond":
        pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    elif kind == "triangle":
        pts = [(x, y - r), (x + r * 0.87, y + r / 2), (x - r * 0.87, y + r / 2)]
    elif kind == "triangleDown":
        pts = [(x, y + r), (x + r * 0.87, y - r / 2), (x - r * 0.87, y - r / 2)]
    else:  # hexagon
        pts = [
            (x + r * math.cos(i * math.pi / 3), y + r * math.sin(i * math.pi / 3)) for i in range(6)
        ]
    return f'<polygon points="{_points(pts)}" {attrs}/>'


def documents(network_map: NetworkMap) -> list[str]:
    """The ids of the documents cited by the map's nodes and links, sorted."""
    cited = {s for n in network_map.nodes for s in n.sources}
    cited |= {s for e in network_map.edges for s in e.sources}
    return sorted({s.partition(", ")[0] for s in cited if s})


def _text(x, y, text, size=12, weight="normal", fill="#222", anchor="start", halo=False) -> str:
    """A text; `halo`: over a white outline (drawn first: cairo ignores paint-order)."""
    attrs = f'x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" '
    attrs += f'text-anchor="{anchor}"'
    out = f'<text {attrs} fill="{fill}">{escape(text)}</text>'
    if halo:
        outline = 'fill="#fff" stroke="#fff" stroke-width="4" stroke-linejoin="round"'
        out = f"<text {attrs} {outline}>{escape(text)}</text>" + out
    return out


def _color(value) -> tuple[str, str]:
    return (value, "#333") if isinstance(value, str) else (value["background"], value["border"])


def to_svg(network_map: NetworkMap) -> str:
    """The map as one SVG document, WIDTH px wide."""
    net = build_network(network_map)
    nodes = {n["id"]: n for n in net.nodes}
    map_w = WIDTH - LEGEND_WIDTH
    xs = [n["x"] for n in net.nodes] or [0.0]
    ys = [n["y"] for n in net.nodes] or [0.0]
    span_x, span_y = max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0
    scale = min((map_w - 2 * MARGIN) / span_x, (MAP_HEIGHT - 2 * MARGIN) / span_y, MAX_SCALE)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2

    def screen(n) -> tuple[float, float]:
        return map_w / 2 + (n["x"] - cx) * scale, HEAD + MAP_HEIGHT / 2 + (n["y"] - cy) * scale

    body: list[str] = []
    for e in net.edges:
        (x1, y1), (x2, y2) = screen(nodes[e["from"]]), screen(nodes[e["to"]])
        color = e["color"]
        width = max(0.6, e["width"] * max(scale, 0.45))
        dash = ""
        if e["dashes"]:
            dash = (
                f' stroke-dasharray="{" ".join(f"{d * max(scale, 0.5):.1f}" for d in e["dashes"])}"'
            )
        opacity = color.get("opacity", 0.85)
        body.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{color["color"]}" stroke-width="{width:.2f}" stroke-opacity="{opacity}"{dash}/>'  # noqa: E501
        )
    candidates = []
    for n in net.nodes:
        x, y = screen(n)
        r = max(2.5, n["size"] * scale)
        fill, border = _color(n["color"])
        attrs = (
            f'fill="{fill}" stroke="{border}" stroke-width="{n["borderWidth"] * 0.8:.1f}" '
            f'opacity="{n.get("opacity", 1)}"'
        )
        if n.get("planned"):  # a plan: dashed border (and lighter, by its opacity)
            dashes = n["shapeProperties"]["borderDashes"]
            attrs += f' stroke-dasharray="{" ".join(str(d) for d in dashes)}" class="planned"'

        body.append(shape(n["shape"], x, y, r, attrs))
        candidates.append(Candidate(n["id"], n["label"], x, y, r, n["rank"], n["size"]))
    view = Box(0, HEAD, map_w, HEAD + MAP_HEIGHT)
    for node_id, box in choose_labels(candidates, view).items():
        x = (box.left + box.right) / 2
        body.append(_text(x, box.top + 3 + LABEL_PX, nodes[node_id]["label"], LABEL_PX,
                          anchor="middle", halo=True))  # fmt: skip

    head = [_text(16, 28, network_map.title, 20, "bold")]
    lines = textwrap.wrap(network_map.description or "", 150)
    if len(lines) > 2:  # the description is in the page and the JSON; here, its start
        lines = [lines[0], lines[1].rstrip(" →") + " …"]
    for i, line in enumerate(lines):
        head.append(_text(16, 48 + 15 * i, line, 11, fill="#555"))
    side = _legend(net, map_w, any(n.highlight for n in network_map.nodes))
    docs = documents(network_map)
    note = "Sources: " + (", ".join(docs) if docs else "no document cited") + "."
    counts = f"{len(net.nodes)} nodes, {len(net.edges)} links"
    if network_map.omitted:
        counts += f"; {network_map.omitted} nodes left out (cap {network_map.cap})"
    lines = [counts + ". " + note] if len(counts + note) < 150 else [counts + "."]
    if len(lines) == 1 and not lines[0].endswith(note):
        lines += textwrap.wrap(note, 175)
    lines = lines[:4]
    foot = [
        _text(16, HEAD + MAP_HEIGHT + 18 + 15 * i, line, 11, fill="#555")
        for i, line in enumerate(lines)
    ]
    height = HEAD + MAP_HEIGHT + 18 + 15 * len(lines)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}">'
        f"<title>{escape(network_map.title)}</title>"
        f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>'
        f'<line x1="0" y1="{HEAD}" x2="{WIDTH}" y2="{HEAD}" stroke="#ddd"/>'
        + "".join(head + body + side + foot)
        + "</svg>"
    )


def _legend(net, map_w: float, highlight: bool) -> list[str]:
    entries = legend(
        {n["style"] for n in net.nodes},
        {e["style"] for e in net.edges},
        highlight=highlight,
        planned=any(n.get("planned") for n in net.nodes),
    )
    x, y = map_w + 12, HEAD + 22
    out = [
        f'<rect x="{map_w}" y="{HEAD}" width="{LEGEND_WIDTH}" height="{MAP_HEIGHT}" fill="#fafafa"/>',  # noqa: E501
        _text(x, y, "LEGEND", 11, "bold", "#666"),
    ]
    for entry in entries["nodes"]:
        y += 19
        attrs = f'fill="{entry.color}" stroke="#333" stroke-width="0.6"'
        if entry.dashes:
            attrs += f' stroke-dasharray="{" ".join(map(str, entry.dashes))}"'
        out.append(shape(entry.shape, x + 7, y - 4, 6, attrs))
        out.append(_text(x + 20, y, entry.label, 11))
    if entries["edges"]:
        y += 26
        out.append(_text(x, y, "LINKS", 11, "bold", "#666"))
    for entry in entries["edges"]:
        y += 18
        dash = f' stroke-dasharray="{" ".join(map(str, entry.dashes))}"' if entry.dashes else ""
        out.append(
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 24}" y2="{y - 4}" stroke="{entry.color}" '
            f'stroke-width="{min(entry.width, 5)}"{dash}/>'
        )
        for i, line in enumerate(textwrap.wrap(entry.label, 32)):  # whole, on two lines if long
            y += 14 if i else 0
            out.append(_text(x + 32, y, line, 11))
    return out
