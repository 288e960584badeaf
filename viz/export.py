"""The same subgraph as data or picture: JSON (with positions), GraphML and GEXF (Gephi, yEd,
Cytoscape; `viz.gephi`), CSV (`nodes.csv` and `edges.csv`, alone or zipped; UTF-8 without a
byte-order mark, or with one for Excel when asked), SVG and PNG (`viz.svg`)."""

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from viz.gephi import edge_ids, to_gexf, to_graphml
from viz.layout import with_positions
from viz.models import NetworkMap
from viz.network import build_network
from viz.raster import svg_to_png
from viz.render import Controls, render_map
from viz.svg import to_svg

NODE_COLUMNS = (
    "id", "label", "type", "kind", "country", "eu", "links", "focus", "highlight", "group",
    "title", "sources", "x", "y",
)  # fmt: skip
EDGE_COLUMNS = (
    "id", "source", "target", "relation", "status", "label", "weight", "highlight", "title",
    "sources",
)  # fmt: skip
SEPARATOR = " | "  # between the sources of one node or edge in GraphML and CSV


def _flat(values: dict[str, Any]) -> dict[str, Any]:
    """GraphML/CSV cells: lists joined, None left out (GraphML has no null)."""
    out = {}
    for key, value in values.items():
        if isinstance(value, list):
            value = SEPARATOR.join(value)
        if value is not None:
            out[key] = value
    return out


def to_json(network_map: NetworkMap) -> bytes:
    return json.dumps(network_map.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")


def to_graph(network_map: NetworkMap) -> nx.MultiDiGraph:
    """A networkx multigraph: parallel edges (two facts between two nodes) are kept."""
    graph = nx.MultiDiGraph(title=network_map.title, description=network_map.description or "")
    for node in network_map.nodes:
        graph.add_node(node.id, **_flat(node.model_dump(exclude={"id"})))
    for eid, edge in zip(edge_ids(network_map.edges), network_map.edges, strict=True):
        attrs = _flat(edge.model_dump(exclude={"source", "target", "id"}))
        graph.add_edge(edge.source, edge.target, key=eid, **attrs)
    return graph


def to_csv(
    network_map: NetworkMap, part: Literal["nodes", "edges"], *, excel: bool = False
) -> bytes:
    """One table, UTF-8; `excel`: with a byte-order mark, so Excel reads accents right."""
    columns, rows = (
        (NODE_COLUMNS, network_map.nodes) if part == "nodes" else (EDGE_COLUMNS, network_map.edges)
    )
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(_flat(row.model_dump(include=set(columns))))
    return (("\ufeff" if excel else "") + text.getvalue()).encode("utf-8")


def to_csv_zip(network_map: NetworkMap, *, excel: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", to_csv(network_map, "nodes", excel=excel))
        archive.writestr("edges.csv", to_csv(network_map, "edges", excel=excel))
    return buffer.getvalue()


@dataclass(frozen=True)
class Exported:
    body: bytes
    media_type: str
    disposition: str  # inline (shown by the browser) or attachment (saved)
    filename: str


FORMATS = ("html", "json", "graphml", "gexf", "csv", "svg", "png")


def export(
    network_map: NetworkMap,
    format_: str,
    part: str | None,
    name: str,
    *,
    controls: Controls | None = None,
    excel: bool = False,
) -> Exported:
    """The map as `html`, `json`, `graphml`, `gexf`, `svg`, `png` or `csv` (a zip of both
    tables, or one `part`), every form with the same server-side positions."""
    network_map = with_positions(network_map)
    if format_ == "json":
        return Exported(to_json(network_map), "application/json", "inline", f"{name}.json")
    if format_ == "graphml":
        body = to_graphml(network_map)
        return Exported(body, "application/graphml+xml", "attachment", f"{name}.graphml")
    if format_ == "gexf":
        drawn = {n["id"]: n for n in build_network(network_map).nodes}
        body = to_gexf(network_map, drawn)
        return Exported(body, "application/gexf+xml", "attachment", f"{name}.gexf")
    if format_ == "svg":
        return Exported(to_svg(network_map).encode(), "image/svg+xml", "inline", f"{name}.svg")
    if format_ == "png":
        return Exported(svg_to_png(to_svg(network_map)), "image/png", "inline", f"{name}.png")
    if format_ == "csv" and part:
        body = to_csv(network_map, "nodes" if part == "nodes" else "edges", excel=excel)
        return Exported(body, "text/csv; charset=utf-8", "attachment", f"{name}-{part}.csv")
    if format_ == "csv":
        body = to_csv_zip(network_map, excel=excel)
        return Exported(body, "application/zip", "attachment", f"{name}.zip")
    body = render_map(network_map, controls).encode("utf-8")
    return Exported(body, "text/html; charset=utf-8", "inline", f"{name}.html")
