"""Server-side positions for large maps, where vis-network's physics would never settle.

A radial tree layout per connected component (networkx for the graph, its components and the
breadth-first tree): the root (the map's focus, else the best-connected node) in the centre, each
ring one hop further out, every subtree in an angular wedge proportional to its size. It costs
O(nodes + edges), so a 10,000-node map is laid out in a fraction of a second; components are then
packed in rows, largest first.
"""

import math
from collections.abc import Iterable, Sequence

import networkx as nx

RING = 160.0  # distance between two rings, in vis-network units
GAP = 120.0  # space between packed components


def _radial(graph: nx.Graph, root: str) -> dict[str, tuple[float, float]]:
    """Positions of one connected component around `root`."""
    children: dict[str, list[str]] = {}
    order = [root]
    for parent, child in nx.bfs_edges(graph, root):
        children.setdefault(parent, []).append(child)
        order.append(child)
    weight: dict[str, int] = {}
    for node in reversed(order):  # leaves first
        weight[node] = 1 + sum(weight[c] for c in children.get(node, ()))
    pos = {root: (0.0, 0.0)}
    wedge = {root: (0.0, 2 * math.pi)}
    depth = {root: 0}
    for node in order:
        start, span = wedge[node]
        kids = children.get(node, ())
        total = sum(weight[c] for c in kids) or 1
        for child in kids:
            share = span * weight[child] / total
            wedge[child] = (start, share)
            depth[child] = depth[node] + 1
            angle = start + share / 2
            # Rings hold more nodes as they grow; the radius keeps neighbours apart.
            radius = RING * depth[child] * (1 + math.log1p(weight[root]) / 12)
            pos[child] = (radius * math.cos(angle), radius * math.sin(angle))
            start += share
    return pos


def radial_layout(
    node_ids: Sequence[str], edges: Iterable[tuple[str, str]], roots: Iterable[str] = ()
) -> dict[str, tuple[float, float]]:
    """{node id: (x, y)} for every node; `roots` are preferred as the centres of components."""
    graph = nx.Graph()
    graph.add_nodes_from(node_ids)
    graph.add_edges_from(edges)
    preferred = [r for r in roots if r in graph]
    components = sorted(nx.connected_components(graph), key=len, reverse=True)
    laid_out = []
    for component in components:
        root = next((r for r in preferred if r in component), None)
        if root is None:
            root = max(component, key=lambda n: (graph.degree(n), n))
        pos = _radial(graph.subgraph(component), root)
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        laid_out.append((pos, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    # Shelf packing: rows about as wide as the largest component (or the square root of the
    # total area), so the overview is roughly square.
    area = sum((w + GAP) * (h + GAP) for *_, w, h in laid_out)
    row_width = max([math.sqrt(area)] + [w for *_, w, _ in laid_out[:1]])
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pos, min_x, min_y, width, height in laid_out:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + GAP, 0.0
        for node, (px, py) in pos.items():
            out[node] = (round(px - min_x + x, 1), round(py - min_y + y, 1))
        x += width + GAP
        row_height = max(row_height, height)
    return out
