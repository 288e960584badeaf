"""Graph rows -> map nodes and edges: the projection every map query uses, and a builder.

Map node ids are "<type>:<id>" (e.g. "actor:skywin", "country:CA"), so entities of different
types never clash. Edge ids are made of the relation and its ends ("member_of:actor:skywin->
partnership:space2id"), with the evidence (first source document) added when two facts share
those: stable across reloads, unlike Neo4j element ids.
"""

from collections.abc import Iterable
from typing import Any

from graph.schema.model import DEFAULT_LINKS
from queries.agreements import history_steps
from queries.common import iso
from queries.facts import measures, score
from queries.links import rel_pattern
from viz.models import MapEdge, MapNode, NetworkMap

# Relationship types counted as an entity's cooperation links (sizes its node); enum values only.
LINK_TYPES = rel_pattern(DEFAULT_LINKS)


def proj(v: str) -> str:
    """Map projection of node `v` with everything a map node needs, and its public type."""
    return (
        f"{v} {{.id, .code, .name, .kind, .country, .city, .status, .programme, .strand,"
        f" .date, .date_precision, .sources, .certainty, .basis, .history, .measures,"
        f" region: CASE WHEN {v}:Event THEN head([({v})-[:IN_REGION]->({v}_r:Region) |"
        f" {v}_r.name]) ELSE {v}.region END,"
        f" type: CASE WHEN {v}:Actor THEN 'actor'"
        f" WHEN {v}:Partnership THEN 'partnership' WHEN {v}:Agreement THEN 'agreement'"
        f" WHEN {v}:Event THEN 'event' WHEN {v}:Country THEN 'country' ELSE 'sector' END,"
        f" eu: CASE WHEN {v}:Actor THEN"
        f" [({v})-[:LOCATED_IN]->({v}_c:Country) | {v}_c.eu_member][0]"
        f" WHEN {v}:Country THEN {v}.eu_member ELSE null END,"
        f" links: COUNT {{ ({v})-[:{LINK_TYPES}]-() }}}}"
    )


def rel(r: str, **extra: str) -> str:
    """Map projection of relationship `r`: its properties, type, element id and `extra`
    (name: Cypher expression)."""
    more = "".join(f", {k}: {v}" for k, v in extra.items())
    return f"{r} {{.*, relation: type({r}), rid: elementId({r}){more}}}"


def cite(sources: Iterable[str] | None) -> list[str]:
    """'document-id|locator' -> 'document-id, locator' (readable in a tooltip)."""
    return [", ".join(p for p in s.partition("|")[::2] if p) for s in sources or []]


def _history(values: list[str] | None) -> str | None:
    """An agreement's history in a tooltip: "signed 2007, renewed 2013"."""
    steps = history_steps(values)
    return ", ".join(f"{h.event} {h.date or 'undated'}" for h in steps) if steps else None


def _measures(values: list[str] | None) -> str | None:
    """Figures the sources give in a tooltip: "members 147; SME members 94"."""
    found = measures(values)
    parts = [
        " ".join(x for x in (m.metric, f"{m.value:g}", m.unit, m.period and f"({m.period})") if x)
        for m in found
    ]
    return "; ".join(parts) or None


def map_node(p: dict[str, Any], *, focus: bool = False, highlight: bool = False) -> MapNode:
    type_ = p["type"]
    key = p.get("code") if type_ == "country" else p["id"]
    certainty = p.get("certainty")
    details = [
        p.get("programme"),
        f"strand {p['strand']}" if p.get("strand") else None,
        p.get("status"),
        # Inferred records and placeholders say so (issue 13), with the basis.
        f"{certainty}: {p['basis']}" if certainty == "inferred" and p.get("basis") else None,
        "placeholder (not named by the source)" if certainty == "placeholder" else None,
        iso(p.get("date"), p.get("date_precision")),
        p.get("city"),
        p.get("region"),
        _history(p.get("history")),
        _measures(p.get("measures")),
    ]
    return MapNode(
        id=f"{type_}:{key}",
        label=p.get("name") or key,
        type=type_,
        kind=p.get("kind"),
        status=p.get("status") if type_ in ("agreement", "event") else None,
        country=p.get("country") or (key if type_ == "country" else None),
        eu=p.get("eu"),
        links=p.get("links"),
        title=" · ".join(str(d) for d in details if d) or None,
        sources=cite(p.get("sources")),
        focus=focus,
        highlight=highlight,
    )


def map_edge(
    source: MapNode, target: MapNode, link: dict[str, Any], *, status: str | None = None
) -> MapEdge:
    scored = score(link)  # on its scale: "700 / 1000"
    label = link.get("role") or link.get("status")
    if label and scored is not None:
        label += f", score {scored.text}"
    details = [f"rank {link['rank']}"] if link.get("rank") is not None else []
    details += link.get("notes") or []
    return MapEdge(
        source=source.id,
        target=target.id,
        relation=link["relation"].lower(),
        id=f"{link['relation'].lower()}:{source.id}->{target.id}",
        status=status,
        label=label,
        title="\n".join(details) or None,
        sources=cite(link.get("sources")),
    )


class MapBuilder:
    """Collects nodes (first projection wins; focus and highlight only ever added) and edges."""

    def __init__(self) -> None:
        self.nodes: dict[str, MapNode] = {}
        self.edges: dict[str, MapEdge] = {}  # by the relationship's element id
        self.ids: set[str] = set()

    def node(self, props: dict[str, Any], *, focus: bool = False, highlight: bool = False):
        node = map_node(props, focus=focus, highlight=highlight)
        old = self.nodes.get(node.id)
        if old is None:
            self.nodes[node.id] = node
            return node
        if (focus and not old.focus) or (highlight and not old.highlight):
            old = old.model_copy(
                update={"focus": old.focus or focus, "highlight": old.highlight or highlight}
            )
            self.nodes[node.id] = old
        return old

    def link(
        self,
        start: dict[str, Any],
        end: dict[str, Any],
        link: dict[str, Any],
        *,
        highlight: bool = False,
    ) -> None:
        a, b = self.node(start, highlight=highlight), self.node(end, highlight=highlight)
        # An agreement's or event's status styles the link of each party or participant (signed
        # vs planned, held vs planned); a target link has its own (priority, selected, ...).
        planned_or_not = end.get("type") in ("agreement", "event")
        status = end.get("status") if planned_or_not else link.get("status")
        edge = map_edge(a, b, link, status=status)
        assert edge.id is not None  # map_edge always names its edge
        key = link.get("rid") or edge.id
        old = self.edges.get(key)
        if old is not None:
            if highlight and not old.highlight:
                self.edges[key] = old.model_copy(update={"highlight": True})
            return
        if edge.id in self.ids:  # a second fact between the same ends: name its evidence
            evidence = (link.get("sources") or [""])[0].partition("|")[0] or "fact"
            edge.id = f"{edge.id}@{evidence}"
            n = 2
            while edge.id in self.ids:
                edge.id = f"{edge.id.rsplit('#', 1)[0]}#{n}"
                n += 1
        self.ids.add(edge.id)
        self.edges[key] = edge.model_copy(update={"highlight": highlight})

    def counts(self) -> str:
        types = [n.type for n in self.nodes.values()]
        names = ("actor", "partnership", "agreement", "event", "country")
        counts = {t: types.count(t) for t in names if t in types}
        plural = {"country": "countries"}
        return ", ".join(
            f"{n} {t if n == 1 else plural.get(t, t + 's')}" for t, n in counts.items()
        )

    def build(
        self, title: str, description: str, *, omitted: int = 0, cap: int | None = None
    ) -> NetworkMap:
        return NetworkMap(
            title=title,
            nodes=list(self.nodes.values()),
            edges=list(self.edges.values()),
            description=description,
            omitted=omitted,
            cap=cap if omitted else None,
        )
