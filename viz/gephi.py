"""GraphML and GEXF written by hand, for the tools analysts open them with.

GraphML keys are named after the attribute (`label`, `type`, `country`, ...), typed, with a
default, so Gephi takes `label` as the node label (networkx's default ids `d0…dN` made Gephi
label every node by its type) and igraph does not read a missing value as false: `eu` is a
string, `true`, `false` or `unknown` (the default). GEXF 1.3 carries the drawn picture
(`viz:position`, `viz:color`, `viz:size`) so Gephi opens the same map as the page; its y axis
points up, the page's down, so y is negated.
"""

from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree as ET

from viz.models import MapEdge, MapNode, NetworkMap

Attr = tuple[str, str, Any, Callable[[Any], Any]]  # name, type, default, getter


def _eu(node: MapNode) -> str:
    return "unknown" if node.eu is None else str(node.eu).lower()


NODE_ATTRS: list[Attr] = [
    ("label", "string", "", lambda n: n.label),
    ("type", "string", "", lambda n: n.type),
    ("kind", "string", "", lambda n: n.kind),
    ("country", "string", "", lambda n: n.country),
    ("eu", "string", "unknown", _eu),
    ("links", "int", 0, lambda n: n.links),
    ("focus", "boolean", False, lambda n: n.focus),
    ("highlight", "boolean", False, lambda n: n.highlight),
    ("group", "string", "", lambda n: n.group),
    ("title", "string", "", lambda n: n.title),
    ("sources", "string", "", lambda n: " | ".join(n.sources) or None),
    ("x", "double", 0.0, lambda n: n.x),
    ("y", "double", 0.0, lambda n: n.y),
]
EDGE_ATTRS: list[Attr] = [
    ("relation", "string", "", lambda e: e.relation),
    ("status", "string", "", lambda e: e.status),
    ("label", "string", "", lambda e: e.label),
    ("weight", "int", 1, lambda e: e.weight),
    ("highlight", "boolean", False, lambda e: e.highlight),
    ("title", "string", "", lambda e: e.title),
    ("sources", "string", "", lambda e: " | ".join(e.sources) or None),
]
GRAPHML_TYPES = {"string": "string", "int": "int", "boolean": "boolean", "double": "double"}
GEXF_TYPES = {"string": "string", "int": "integer", "boolean": "boolean", "double": "double"}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def edge_ids(edges: list[MapEdge]) -> list[str]:
    """Each edge's id: its own (relation and ends), else made of relation and ends, unique."""
    seen: set[str] = set()
    out = []
    for e in edges:
        base = e.id or f"{e.relation}:{e.source}->{e.target}"
        name, n = base, 2
        while name in seen:
            name, n = f"{base}#{n}", n + 1
        seen.add(name)
        out.append(name)
    return out


def to_graphml(network_map: NetworkMap) -> bytes:
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", xmlns=ns)
    for domain, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        for name, type_, default, _ in attrs:
            key = ET.SubElement(
                root,
                "key",
                {"id": f"{domain[0]}_{name}", "for": domain, "attr.name": name},
            )
            key.set("attr.type", GRAPHML_TYPES[type_])
            ET.SubElement(key, "default").text = _text(default)
    title = ET.SubElement(root, "key", {"id": "g_title", "for": "graph", "attr.name": "title"})
    title.set("attr.type", "string")
    graph = ET.SubElement(root, "graph", id="map", edgedefault="directed")
    ET.SubElement(graph, "data", key="g_title").text = network_map.title
    for node in network_map.nodes:
        el = ET.SubElement(graph, "node", id=node.id)
        for name, _, _, get in NODE_ATTRS:
            value = get(node)
            if value is not None:
                ET.SubElement(el, "data", key=f"n_{name}").text = _text(value)
    for eid, edge in zip(edge_ids(network_map.edges), network_map.edges, strict=True):
        el = ET.SubElement(graph, "edge", id=eid, source=edge.source, target=edge.target)
        for name, _, _, get in EDGE_ATTRS:
            value = get(edge)
            if value is not None:
                ET.SubElement(el, "data", key=f"e_{name}").text = _text(value)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _rgb(color: str) -> dict[str, str]:
    color = color.lstrip("#")
    return {c: str(int(color[i : i + 2], 16)) for c, i in zip("rgb", (0, 2, 4), strict=True)}


def to_gexf(network_map: NetworkMap, drawn: dict[str, dict]) -> bytes:
    """GEXF 1.3; `drawn` holds each node's colour and size as the page draws it."""
    ns, viz = "http://gexf.net/1.3", "http://gexf.net/1.3/viz"
    root = ET.Element("gexf", {"xmlns": ns, "xmlns:viz": viz, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "clustergraph"
    ET.SubElement(meta, "description").text = network_map.title
    graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    for domain, attrs in (("node", NODE_ATTRS[1:11]), ("edge", EDGE_ATTRS)):
        block = ET.SubElement(graph, "attributes", {"class": domain})
        for name, type_, default, _ in attrs:
            a = ET.SubElement(block, "attribute", id=name, title=name, type=GEXF_TYPES[type_])
            ET.SubElement(a, "default").text = _text(default)
    nodes = ET.SubElement(graph, "nodes")
    for node in network_map.nodes:
        el = ET.SubElement(nodes, "node", id=node.id, label=node.label)
        values = ET.SubElement(el, "attvalues")
        for name, _, _, get in NODE_ATTRS[1:11]:
            value = get(node)
            if value is not None:
                ET.SubElement(values, "attvalue", {"for": name, "value": _text(value)})
        style = drawn[node.id]
        color = style["color"] if isinstance(style["color"], str) else style["color"]["background"]
        ET.SubElement(el, "viz:color", _rgb(color))
        ET.SubElement(el, "viz:size", value=_text(style["size"]))
        ET.SubElement(el, "viz:position", x=_text(node.x or 0.0), y=_text(-(node.y or 0.0)), z="0")
    edges = ET.SubElement(graph, "edges")
    for eid, edge in zip(edge_ids(network_map.edges), network_map.edges, strict=True):
        el = ET.SubElement(
            edges,
            "edge",
            id=eid,
            source=edge.source,
            target=edge.target,
            label=edge.label or edge.relation,
            weight=_text(float(edge.weight or 1)),
        )
        values = ET.SubElement(el, "attvalues")
        for name, _, _, get in EDGE_ATTRS:
            value = get(edge)
            if value is not None:
                ET.SubElement(values, "attvalue", {"for": name, "value": _text(value)})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
