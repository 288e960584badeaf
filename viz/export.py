"""The same subgraph as data: JSON, GraphML (Gephi, yEd, Cytoscape) and CSV (Excel, Gephi's
spreadsheet import): `nodes.csv` and `edges.csv`, alone or zipped together."""

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from viz.layout import with_positions
from viz.models import NetworkMap
from viz.render import render_map

NODE_COLUMNS = (
    "id", "label", "type", "kind", "country", "eu", "links", "focus", "highlight", "title",
    "sources",
)  # fmt: skip
EDGE_COLUMNS = (
    "id", "source", "target", "relation", "status", "label", "highlight", "title", "sources",
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
    for i, edge in enumerate(network_map.edges):
        attrs = _flat(edge.model_dump(exclude={"source", "target", "id"}))
        graph.add_edge(edge.source, edge.target, key=edge.id or f"e{i}", **attrs)
    return graph


def to_graphml(network_map: NetworkMap) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(to_graph(network_map), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_csv(network_map: NetworkMap, part: Literal["nodes", "edges"]) -> bytes:
    """One table; UTF-8 with a byte-order mark, so Excel reads accents right."""
    columns, rows = (
        (NODE_COLUMNS, network_map.nodes) if part == "nodes" else (EDGE_COLUMNS, network_map.edges)
    )
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(_flat(row.model_dump(include=set(columns))))
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def to_csv_zip(network_map: NetworkMap) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", to_csv(network_map, "nodes"))
        archive.writestr("edges.csv", to_csv(network_map, "edges"))
    return buffer.getvalue()


@dataclass(frozen=True)
class Exported:
    body: bytes
    media_type: str
    disposition: str  # inline (shown by the browser) or attachment (saved)
    filename: str


def export(network_map: NetworkMap, format_: str, part: str | None, name: str) -> Exported:
    """The map as `html`, `json`, `graphml` or `csv` (a zip of both tables, or one `part`)."""
    network_map = with_positions(network_map)
    if format_ == "json":
        return Exported(to_json(network_map), "application/json", "inline", f"{name}.json")
    if format_ == "graphml":
        return Exported(
            to_graphml(network_map), "application/graphml+xml", "attachment", f"{name}.graphml"
        )
    if format_ == "csv" and part:
        body = to_csv(network_map, "nodes" if part == "nodes" else "edges")
        return Exported(body, "text/csv; charset=utf-8", "attachment", f"{name}-{part}.csv")
    if format_ == "csv":
        return Exported(to_csv_zip(network_map), "application/zip", "attachment", f"{name}.zip")
    body = render_map(network_map).encode("utf-8")
    return Exported(body, "text/html; charset=utf-8", "inline", f"{name}.html")
