"""Tooltip texts of map nodes and edges: plain text, one fact per line, sources last.

The page turns them into DOM text nodes (never HTML), so values from data cannot become markup.
"""

from viz.models import MapEdge, MapNode
from viz.style import edge_style, readable

MAX_SOURCES = 8


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
    if node.status == "planned" and node.type in ("agreement", "event"):
        lines[0] = f"planned: {node.label}"  # a plan, not a fact
        lines[1] += " · a plan, not (yet) a fact"
    if node.country:
        where = ""
        if node.type in ("actor", "country") and node.eu is not None:
            where = " (EU)" if node.eu else " (third country)"
        lines.append(f"Country: {node.country}{where}")
    if node.type == "event" and node.status and node.status != "held":
        said = " (not held yet)" if node.status == "planned" else ""
        lines.append(f"Status: {node.status}{said}")
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
