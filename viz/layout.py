"""Server-side positions for large maps, where vis-network's physics would never settle.

Per connected component: a tiny one is a circle, a small one gets networkx's spring layout, a
large one a radial tree
(networkx for the breadth-first tree): the root (the map's focus, else the best-connected node)
in the centre, each ring one hop further out, every subtree in an angular wedge proportional to
its size. The radial tree costs O(nodes + edges), so a 10,000-node map is laid out in a fraction
of a second (force layouts are O(n²) per iteration). Components are packed in rows, largest
first.
"""

import math
from collections.abc import Iterable, Sequence

import networkx as nx
import numpy as np

RING = 160.0  # distance between two rings, in vis-network units
GAP = 120.0  # space between packed components
CIRCLE_MAX = 12  # components up to this size are drawn as a circle
SPRING_MAX = 150  # components up to this size get a (dense, O(n²)) spring layout
SPRING_ITERATIONS = 30


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


def _component(
    graph: nx.Graph, component: set[str], preferred: list[str], rng: np.random.RandomState
) -> dict[str, tuple[float, float]]:
    """One connected component of `graph`: tiny ones as a circle, small ones by force (a ring
    stays a ring), large ones as a radial tree. Traversals run on `graph` itself: they stay in
    the component, and networkx's subgraph views are slow to walk."""
    start = next((r for r in preferred if r in component), None)
    if len(component) <= CIRCLE_MAX:  # spring_layout's set-up costs ms; tiny ones need no force
        order = list(nx.dfs_preorder_nodes(graph, start or next(iter(component))))
        radius = RING * len(order) / (2 * math.pi)
        step = 2 * math.pi / len(order)
        return {
            n: (radius * math.cos(i * step), radius * math.sin(i * step))
            for i, n in enumerate(order)
        }
    if len(component) <= SPRING_MAX:
        scale = RING * math.sqrt(len(component)) / 2
        pos = nx.spring_layout(
            graph.subgraph(component), seed=rng, iterations=SPRING_ITERATIONS, scale=scale
        )
        return {n: (float(x), float(y)) for n, (x, y) in pos.items()}
    if start is None:
        start = max(component, key=lambda n: (graph.degree(n), n))
    return _radial(graph, start)


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
    rng = np.random.RandomState(7)  # one generator: seeding one per component costs ms each
    for component in components:
        pos = _component(graph, component, preferred, rng)
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
