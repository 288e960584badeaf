"""Server-side positions for every map: deterministic (sorted inputs, no random start), so the
same data and filters give the same picture in the page, the SVG/PNG and the GEXF.

Per connected component: a tiny one is a circle; a small one a stress layout (Kamada–Kawai) of
its core, with the leaves (nodes with one neighbour) fanned out around their hub, grouped by type
and name, so a country's forty partnerships and events no longer make a star; a large one a
radial tree (root in the centre, each ring one hop further, each subtree in a wedge sized by its
size), O(nodes + edges), so a 10,000-node map is laid out in a fraction of a second.
Components are packed in rows, largest first, to fill a landscape screen.
"""

import math
from collections.abc import Iterable, Sequence

import igraph as ig
import networkx as nx
import numpy as np

from viz.models import NetworkMap

RING = 160.0  # distance between two rings, in vis-network units
GAP = 120.0  # space between packed components
CIRCLE_MAX = 12  # components up to this size are drawn as a circle
SPRING_MAX = 600  # components up to this size get a (dense, O(n²)) stress layout
EDGE = 190.0  # length of one core edge
LEAF_GAP = 55.0  # arc length between two leaves fanned around their hub
LEAF_RADIUS = 110.0  # smallest distance of a leaf from its hub
ASPECT = 1.6  # packed components fill a landscape screen
MIN_SEP = 120.0  # no two nodes of a component's core closer than this


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


def _core(
    graph: nx.Graph, core: list[str], focus: str | None = None, stretch: float = 1.0
) -> dict[str, tuple[float, float]]:
    """Kamada–Kawai (igraph; it starts from a circle, so it is deterministic) of the core,
    its longest axis turned horizontal, one edge about EDGE long."""
    if len(core) == 1:
        return {core[0]: (0.0, 0.0)}
    index = {n: i for i, n in enumerate(core)}
    pairs = sorted((index[a], index[b]) for a, b in graph.subgraph(core).edges())
    sub = ig.Graph(n=len(core), edges=pairs)
    # The focus's own links are longer when its leaves need a ring of room around it.
    at = index.get(focus, -1) if focus is not None else -1
    weights = [stretch if at in pair else 1.0 for pair in pairs]
    layout = sub.layout_kamada_kawai(maxiter=10 * len(core), weights=weights)
    coords = np.array(layout.coords) * EDGE
    coords -= coords.mean(axis=0)
    if len(core) > 2:  # principal axis horizontal: the picture fits a landscape screen
        _, vectors = np.linalg.eigh(np.cov(coords.T))
        coords = coords @ vectors[:, ::-1]
        coords[:, 0] *= 1 if coords[np.argmax(np.abs(coords[:, 0])), 0] > 0 else -1
        coords[:, 1] *= 1 if coords[np.argmax(np.abs(coords[:, 1])), 1] > 0 else -1
    coords = _separate(coords)
    return {n: (float(x), float(y)) for n, (x, y) in zip(core, coords, strict=True)}


def _fanned(
    graph: nx.Graph, component: set[str], start: str | None
) -> dict[str, tuple[float, float]]:
    """Kamada–Kawai layout of the component's core; its leaves on arcs around their hub, sorted by
    type then name, pointing away from the rest of the hub's neighbours."""
    leaves = {n for n in component if graph.degree(n) == 1 and n != start}
    hubs_of: dict[str, list[str]] = {}
    for leaf in sorted(leaves):
        (hub,) = graph.neighbors(leaf)
        hubs_of.setdefault(hub, []).append(leaf)
    # Two nodes joined only to each other: keep one in the core.
    for hub in [h for h in hubs_of if h in leaves]:
        leaves.discard(hub)
        hubs_of.pop(hub, None)
    hubs_of = {h: ls for h, ls in hubs_of.items() if h not in leaves}
    leaves = {leaf for ls in hubs_of.values() for leaf in ls}
    core = sorted(component - leaves)
    ring = len(hubs_of.get(start, ())) if start else 0
    stretch = 1.0 + min(2.0, ring * LEAF_GAP / (2 * math.pi * EDGE)) if ring > 6 else 1.0
    pos = {n: np.asarray(p) for n, p in _core(graph, core, start, stretch).items()}
    centre = np.mean(list(pos.values()), axis=0)
    for hub, hub_leaves in hubs_of.items():
        attrs = graph.nodes
        hub_leaves.sort(key=lambda n: (attrs[n].get("type", ""), attrs[n].get("label", n)))
        others = [pos[n] for n in graph.neighbors(hub) if n in pos]
        away = pos[hub] - (np.mean(others, axis=0) if others else centre)
        if not np.any(away):
            away = pos[hub] - centre if np.any(pos[hub] - centre) else np.array([0.0, -1.0])
        direction = math.atan2(away[1], away[0])
        count = len(hub_leaves)
        span = min(2 * math.pi, max(math.pi / 2, count * 0.35)) if others else 2 * math.pi
        radius = max(LEAF_RADIUS, count * LEAF_GAP / span)
        if hub == start:  # its core links were stretched to leave room for this ring
            radius = max(radius, 0.6 * stretch * EDGE)
        step = span / count if span >= 2 * math.pi else span / max(count - 1, 1)
        first = direction - (0 if span >= 2 * math.pi else span / 2)
        for i, leaf in enumerate(hub_leaves):
            angle = first + i * step if count > 1 else direction
            pos[leaf] = pos[hub] + radius * np.array([math.cos(angle), math.sin(angle)])
    return {n: (float(p[0]), float(p[1])) for n, p in pos.items()}


def _separate(points: np.ndarray, gap: float = MIN_SEP, rounds: int = 40) -> np.ndarray:
    """Push apart core nodes closer than `gap` (nodes with the same neighbours land on one spot
    in a stress layout: an agreement, its partnership and its event with the same members)."""
    n = len(points)
    if n < 2:
        return points
    # A fixed, tiny nudge per node splits exact ties the same way every time.
    points = points + np.stack([np.cos(np.arange(n)), np.sin(np.arange(n))], axis=1) * 1e-3
    for _ in range(rounds):
        diff = points[:, None, :] - points[None, :, :]
        dist = np.sqrt((diff**2).sum(axis=2)) + np.eye(n) * 1e9
        close = dist < gap
        if not close.any():
            break
        push = np.where(close, (gap - dist) / 2 / np.maximum(dist, 1e-9), 0.0)
        points = points + (diff * push[:, :, None]).sum(axis=1)
    return points


def _component(
    graph: nx.Graph, component: set[str], preferred: list[str]
) -> dict[str, tuple[float, float]]:
    """One connected component of `graph`: tiny ones as a circle, small ones by force (a ring
    stays a ring), large ones as a radial tree. Traversals run on `graph` itself: they stay in
    the component, and networkx's subgraph views are slow to walk."""
    start = next((r for r in preferred if r in component), None)
    if len(component) <= CIRCLE_MAX:  # tiny ones need no force
        order = list(nx.dfs_preorder_nodes(graph, start or next(iter(component))))
        radius = RING * len(order) / (2 * math.pi)
        step = 2 * math.pi / len(order)
        return {
            n: (radius * math.cos(i * step), radius * math.sin(i * step))
            for i, n in enumerate(order)
        }
    if len(component) <= SPRING_MAX:
        return _fanned(graph, component, start)
    if start is None:
        start = max(component, key=lambda n: (graph.degree(n), n))
    return _radial(graph, start)


def radial_layout(
    node_ids: Sequence[str],
    edges: Iterable[tuple[str, str]],
    roots: Iterable[str] = (),
    attrs: dict[str, dict] | None = None,
) -> dict[str, tuple[float, float]]:
    """{node id: (x, y)} for every node; `roots` are preferred as the centres of components.
    `attrs` (`type`, `label` by node id) orders the leaves around their hub."""
    graph = nx.Graph()
    attrs = attrs or {}
    graph.add_nodes_from((n, attrs.get(n, {})) for n in sorted(node_ids))
    graph.add_edges_from(sorted((a, b) if a < b else (b, a) for a, b in edges if a != b))
    preferred = [r for r in roots if r in graph]
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    laid_out = []
    for component in components:
        pos = _component(graph, component, preferred)
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        laid_out.append((pos, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    # Shelf packing: rows about as wide as the largest component (or the square root of the
    # total area), so the overview is roughly square.
    area = sum((w + GAP) * (h + GAP) for *_, w, h in laid_out)
    row_width = max([math.sqrt(area * ASPECT)] + [w for *_, w, _ in laid_out[:1]])
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


def with_positions(network_map: NetworkMap) -> NetworkMap:
    """The map with every node's `x`, `y` set (kept when all are set already). The nodes are
    updated in place: a copy of each costs more than the layout of a 10,000-node map."""
    if network_map.nodes and all(n.x is not None for n in network_map.nodes):
        return network_map
    pos = radial_layout(
        [n.id for n in network_map.nodes],
        ((e.source, e.target) for e in network_map.edges),
        sorted(n.id for n in network_map.nodes if n.focus),
        {n.id: {"type": n.type, "label": n.label.casefold()} for n in network_map.nodes},
    )
    for n in network_map.nodes:
        n.x, n.y = pos[n.id]
    return network_map
