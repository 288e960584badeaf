"""The k shortest distinct cooperation routes between two nodes, by bidirectional BFS.

A *route* is the sequence of principal nodes (the two ends and the actors between them); each hop
between two of them is backed by one or more pieces of evidence (an agreement, partnership or
event both take part in, or the direct link to a partnership end). Routes are found with the
legacy `shortestPath()` (planned as the bidirectional `ShortestPath` operator, which finishes in
milliseconds on 1.5 million relationships), never with the quantified-path `SHORTEST k`
(`StatefulShortestPath`), which expanded through hub clusters for minutes at 200,000 actors.

More routes come from Yen's k-shortest-paths scheme on principal nodes: for each principal node
(the *spur*) of a route taken, keep the route up to it (the *root*) and search on from the spur,
avoiding the root's other nodes and the next principal node of every route taken with the same
root (for a one-hop link to the target: the spur's links to its evidence). The shortest
candidate is taken next; a route's deviations are searched only when no candidate as short as
the last route taken is left, and only as deep as the k-th route can still be. A shortest path
never repeats a node, nor does one that avoids a set of nodes, so every route is simple.
Candidates among paths of equal length depend on which one `shortestPath` returns
(deterministic for a given store); the routes taken are then ordered by length, evidence
strength and ids. Relationship types come from `rel_pattern` (the schema's allow-list) and the
length bounds are ints; ids and element ids are parameters.
"""

from collections.abc import Sequence
from contextvars import ContextVar
from itertools import pairwise
from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel

from graph.schema.model import RELATED_RELS, Label, Rel
from queries.common import read
from queries.links import rel_pattern

EVIDENCE_CAP = 100  # pieces of evidence fetched per hop (the best is shown, others listed)
# Which evidence is shown first when several link the same two actors (lower is stronger).
STRENGTH = {"agreement": 0, "related": 1, "membership": 2, "event": 3, "targeting": 4}

# One bidirectional BFS per search, in one round trip: a search starts at a spur node, avoids
# some nodes and relationships (looked up once by element id, then compared as entities, which
# is cheaper per expanded relationship than computing element ids; predicates on nodes and
# relationships only, so the planner evaluates them during the search and keeps the
# `ShortestPath` operator instead of an exhaustive search) and is bounded by what its root leaves
# of the length limit, so that a search that finds nothing stops early. The bound must be a
# literal: `_routes_query` writes one branch per bound 1..max_rels (ints), and each search runs
# only the branch of its own bound.
ROUTES_QUERY = """
MATCH (t) WHERE elementId(t) = $target
UNWIND range(0, size($searches) - 1) AS i
WITH t, i, $searches[i] AS search
MATCH (s) WHERE elementId(s) = search.start
CALL (search) {{
  OPTIONAL MATCH (n) WHERE elementId(n) IN search.excluded
  RETURN collect(n) AS avoid
}}
CALL (search, t) {{
{cut}
}}
WITH * WHERE coalesce(search.cut, 'first') = 'first' OR size(cut) > 0
CALL (s, t, search, avoid, cut) {{
{branches}
}}
RETURN i, [n IN nodes(p) | [elementId(n), n:Actor, labels(n)[0]]] AS nodes
"""
ROUTES_BRANCH = """  WITH s, t, search, avoid, cut WHERE search.bound = {bound}
  MATCH p = shortestPath((s)-[:{types}*1..{bound}]-(t))
  WHERE none(n IN nodes(p) WHERE n IN avoid OR (NOT $planned AND n.status = 'planned')
              OR (NOT $placeholders AND n.certainty = 'placeholder'))
    AND none(r IN relationships(p) WHERE r IN cut)
  RETURN p"""


def _routes_query(types: str, max_rels: int) -> str:
    branches = (ROUTES_BRANCH.format(types=types, bound=b) for b in range(1, int(max_rels) + 1))
    cut = CUT.format(
        hop_evidence=HOP_EVIDENCE.format(types=types),
        agreement=Label.AGREEMENT.value,
        event=Label.EVENT.value,
        targets=Rel.TARGETS_ACTOR.value,
        related_types=[r.value for r in RELATED_RELS],
        **{f"s_{relation}": int(strength) for relation, strength in STRENGTH.items()},
    )
    return ROUTES_QUERY.format(cut=cut, branches="\n  UNION ALL\n".join(branches))


def _evidence_query(types: str) -> str:
    return EVIDENCE_QUERY.format(
        hop_evidence=HOP_EVIDENCE.format(types=types),
        node=NODE.format(v="a"),
        node_b=NODE.format(v="b"),
        node_e=NODE.format(v="e"),
    )


# Every piece of evidence for a hop (a, b): a node both are linked to (other than the route's
# own principal nodes), or the direct link when one of them is a partnership. The expansion
# starts from the end with fewer relationships and checks the other with Expand(Into) (a hash
# join of both ends' neighbours took ~100 ms between hub clusters); `rels` are in a -> b order.
HOP_EVIDENCE = """WITH *, COUNT {{ (a)--() }} <= COUNT {{ (b)--() }} AS forward
  CALL (a, b, route, forward) {{
    WITH CASE WHEN forward THEN a ELSE b END AS x, CASE WHEN forward THEN b ELSE a END AS y, route
    MATCH (x)-[r1:{types}]-(e)
    WHERE NOT elementId(e) IN route
      AND ($planned OR e.status IS NULL OR e.status <> 'planned')
      AND ($placeholders OR e.certainty IS NULL OR e.certainty <> 'placeholder')
    CALL (e, r1, y) {{
      MATCH (e)-[r2:{types}]-(y)
      WHERE r2 <> r1
      RETURN r2
    }}
    RETURN e, [r1, r2] AS ab
    LIMIT $cap
    UNION ALL
    MATCH (a)-[r:{types}]-(b)
    RETURN CASE WHEN a:Partnership THEN a ELSE b END AS e, [r] AS ab
  }}
  WITH *, CASE WHEN forward THEN ab ELSE reverse(ab) END AS rels"""

# Per hop of the routes taken, every piece of evidence with what the answer shows of it (so
# that no second round trip fetches the nodes and relationships).
EVIDENCE_QUERY = """
UNWIND range(0, size($hops) - 1) AS i
WITH i, $hops[i] AS hop
MATCH (a) WHERE elementId(a) = hop.a
MATCH (b) WHERE elementId(b) = hop.b
WITH i, a, b, hop.route AS route
{hop_evidence}
RETURN i, elementId(e) AS key, e.id AS id, labels(e)[0] AS label, e.status AS status,
       [r IN rels | elementId(r)] AS rels, [r IN rels | type(r)] AS types,
       [[elementId(a), {node}], [elementId(b), {node_b}], [elementId(e), {node_e}]] AS nodes,
       [r IN rels | [elementId(r), {{type: type(r), start: startNode(r).id, sources: r.sources}}]]
         AS rel_props
"""
NODE = "{v} {{.id, .name, .kind, .status, .sources, label: labels({v})[0]}}"

# The relationships a deviation search must not use, when it must avoid the one-hop links of
# the route taken from its spur `search.hop_a` to the target: `first`, the spur's links to every
# piece of evidence of that hop; `second`, the link of the evidence it starts from (the route's)
# to the target. Each evidence node counts through its strongest option, as in `_evidence`.
CUT = """  OPTIONAL MATCH (a) WHERE elementId(a) = search.hop_a
  WITH a, t AS b, search, [search.hop_a] AS route WHERE a IS NOT NULL
  {hop_evidence}
  WITH search, e, rels,
       CASE labels(e)[0] WHEN '{agreement}' THEN {s_agreement} WHEN '{event}' THEN {s_event}
         ELSE CASE WHEN any(r IN rels WHERE type(r) IN {related_types}) THEN {s_related}
                   WHEN any(r IN rels WHERE type(r) = '{targets}') THEN {s_targeting}
                   ELSE {s_membership} END END
       + CASE WHEN e.status = 'planned' THEN 1 ELSE 0 END AS strength
  ORDER BY strength, [r IN rels | elementId(r)]
  WITH search, e, head(collect(rels)) AS rels
  RETURN collect(CASE WHEN search.cut = 'first' THEN rels[0]
    WHEN elementId(e) = search.start AND size(rels) = 2 THEN rels[1] END) AS cut"""


class Evidence(BaseModel):
    key: str  # element id of the evidence node
    id: str
    relation: str  # agreement | membership | event | targeting | related
    rels: list[str]  # element ids of the relationships from `a` to `b` through it
    strength: int  # lower is stronger


class Hop(BaseModel):
    a: str  # element ids of the two principal nodes
    b: str
    options: list[Evidence]  # strongest first: options[0] is shown, the others are alternatives


class Route(BaseModel):
    principal: list[str]  # element ids: source, actors in order, target
    hops: list[Hop]
    # What the answer shows of the route's nodes and relationships (every option's), by element
    # id: {id, name, kind, status, sources, label} and {type, start (id), sources}.
    nodes: dict[str, dict[str, Any]] = {}
    rels: dict[str, dict[str, Any]] = {}

    @property
    def rank(self) -> tuple:
        return (
            len(self.hops),
            sum(h.options[0].strength for h in self.hops),
            tuple(h.options[0].id for h in self.hops),
        )


def _relation(label: str, types: Sequence[str]) -> str:
    if label == Label.AGREEMENT:
        return "agreement"
    if label == Label.EVENT:
        return "event"
    if any(t in RELATED_RELS for t in types):
        return "related"
    return "targeting" if Rel.TARGETS_ACTOR in types else "membership"


# Which nodes a search may pass through: plans (planned events and agreements) and placeholders
# (unnamed SMEs), each unless left out; set per request by `shortest_routes` (a context variable:
# concurrent requests each see their own).
_FILTERS: ContextVar[tuple[bool, bool]] = ContextVar("route_filters", default=(True, False))


def _filters() -> dict[str, bool]:
    planned, placeholders = _FILTERS.get()
    return {"planned": planned, "placeholders": placeholders}


async def _evidence(
    session: AsyncSession, types: str, hops: list[tuple[str, str, list[str]]]
) -> tuple[list[list[Evidence]], dict[str, dict], dict[str, dict]]:
    """Per hop (a, b, principal nodes of its route): its evidence, strongest first; and what the
    answer shows of the nodes and relationships met, by element id."""
    params = [{"a": a, "b": b, "route": route} for a, b, route in hops]
    out: list[dict[str, Evidence]] = [{} for _ in hops]
    nodes: dict[str, dict] = {}
    rels: dict[str, dict] = {}
    rows = await read(session, _evidence_query(types), hops=params, cap=EVIDENCE_CAP, **_filters())
    for row in rows:
        nodes.update(row["nodes"])
        rels.update(row["rel_props"])
        relation = _relation(row["label"], row["types"])
        strength = STRENGTH[relation] + (row["status"] == "planned")
        option = Evidence(
            key=row["key"], id=row["id"], relation=relation, rels=row["rels"], strength=strength
        )
        known = out[row["i"]].get(option.key)
        if known is None or (option.strength, option.rels) < (known.strength, known.rels):
            out[row["i"]][option.key] = option
    return [sorted(h.values(), key=lambda e: (e.strength, e.id)) for h in out], nodes, rels


async def _with_evidence(session: AsyncSession, types: str, found: list[list[str]]) -> list[Route]:
    hops = [(a, b, principal) for principal in found for a, b in pairwise(principal)]
    options_per_hop, nodes, rels = await _evidence(session, types, hops)
    evidence = iter(options_per_hop)
    routes = []
    for principal in found:
        route_hops, used = [], set()
        for a, b in pairwise(principal):
            # one evidence node cannot back two hops of one route (it would repeat a node)
            options = [e for e in next(evidence) if e.key not in used or len(e.rels) == 1]
            if options:
                used.add(options[0].key)
            route_hops.append(Hop(a=a, b=b, options=options))
        if all(h.options for h in route_hops):
            routes.append(Route(principal=principal, hops=route_hops, nodes=nodes, rels=rels))
    return routes


class _Found(BaseModel):
    principal: list[str]
    rels: list[int]  # relationships per hop (1 to or from a partnership end, else 2)
    evidence: list[str | None]  # per hop, the evidence node of the path found (None: direct)


def _found(nodes: list[list], via: bool = False) -> _Found:
    """A path as a route; `via`: it starts at an evidence node (the spur's), not a principal."""
    last = len(nodes) - 1

    def principal(i: int) -> bool:
        # A partnership party to an agreement on the path acts like an actor there, and so
        # does one next to a related partnership (succeeds, cooperates with: `related`).
        if nodes[i][1] or i == last or (i == 0 and not via):
            return True
        near = [nodes[j][2] for j in (i - 1, i + 1) if 0 <= j <= last]
        acts = {Label.AGREEMENT, Label.PARTNERSHIP}
        return nodes[i][2] == Label.PARTNERSHIP and bool(acts & set(near))

    at = [i for i in range(len(nodes)) if principal(i)]
    hops = list(pairwise(([0] if via else []) + at))
    return _Found(
        principal=[nodes[i][0] for i in at],
        rels=[j - i + (via and n == 0) for n, (i, j) in enumerate(hops)],
        evidence=[nodes[i + 1][0] if j - i == 2 else None for i, j in hops],
    )


def _spur_searches(
    found: list[_Found], pending: list[_Found], max_rels: int
) -> list[tuple[list[str], list[int], dict]]:
    """Yen's deviations of the `pending` routes: for each of their principal nodes (the spur),
    keep the route up to it (the root) and search on from it, avoiding the root and the next
    principal node of every route found with the same root. Returns (root, its relationships,
    search) triples."""
    out: list[tuple[list[str], list[int], dict]] = []
    direct: list[tuple[list[str], list[int], dict]] = []  # searched after the others
    for last in pending:
        target = last.principal[-1]
        for i, spur in enumerate(last.principal[:-1]):
            root = last.principal[: i + 1]
            excluded, to_target = set(root[:-1]), False
            for route in found:
                if route.principal[: i + 1] == root:
                    after = route.principal[i + 1]
                    to_target |= after == target
                    excluded |= {after} - {target}
            if sum(last.rels[:i]) >= max_rels:
                continue
            bound = max_rels - sum(last.rels[:i])
            search: dict[str, Any] = {"start": spur, "excluded": sorted(excluded), "bound": bound}
            if not to_target:
                out.append((root, last.rels[:i], search))
                continue
            # Avoid the one-hop links from the spur to the target by cutting the spur's links
            # to their evidence (not the evidence itself, which may still link another actor to
            # the target: Optonique - Opticsvalley - LASER-GO Global - MEDTEQ after Optonique -
            # LASER-GO Global - MEDTEQ); the cut is found by the search query itself (`CUT`).
            direct.append((root, last.rels[:i], {**search, "hop_a": spur, "cut": "first"}))
            # ... and from the evidence of the route taken on, away from the spur and without
            # its own link to the target (Dense 0 - meeting 0 - Dense 5 - meeting 1 - Dense 1,
            # where every meeting links both ends); no search when that link is not found.
            evidence = last.evidence[i]
            if evidence and bound > 2:
                via = {
                    "start": evidence,
                    "excluded": sorted({*excluded, spur}),
                    "bound": bound - 1,
                    "via": True,
                    "hop_a": spur,
                    "cut": "second",
                }
                direct.append((root, last.rels[:i], via))
    return out + direct


async def _search(
    session: AsyncSession,
    types: str,
    target: str,
    searches: list[tuple[list[str], list[int], dict]],
    max_rels: int,
) -> list[tuple[list, tuple[list[str], list[int], dict]]]:
    """The path found by each search that found one, with the search."""
    if not searches:
        return []
    params = [search for _, _, search in searches]
    rows = await read(
        session,
        _routes_query(types, max_rels),
        target=target,
        searches=params,
        cap=EVIDENCE_CAP,
        **_filters(),
    )
    return [(row["nodes"], searches[row["i"]]) for row in rows]


async def shortest_routes(
    session: AsyncSession,
    source: str,
    target: str,
    links: Sequence[str],
    max_rels: int,
    k: int,
    *,
    include_planned: bool = True,
    include_placeholders: bool = False,
) -> list[Route]:
    """Up to k distinct routes between the nodes with element ids `source` and `target`, of at
    most `max_rels` relationships, shortest (then strongest evidence) first."""
    _FILTERS.set((include_planned, include_placeholders))
    types = rel_pattern(links)
    found: list[_Found] = []
    pending: list[_Found] = []  # routes taken whose deviations were not searched yet
    pool: dict[tuple[str, ...], _Found] = {}  # candidates not yet taken
    searches: list[tuple[list[str], list[int], dict]] = [
        ([source], [], {"start": source, "excluded": [], "bound": max_rels})
    ]
    while True:
        taken = {tuple(f.principal) for f in found}
        for row, (root, root_rels, search) in await _search(
            session, types, target, searches, max_rels
        ):
            via = bool(search.get("via"))
            spur = _found(row, via)
            route = _Found(
                principal=(root if via else root[:-1]) + spur.principal,
                rels=root_rels + spur.rels,
                evidence=[None] * len(root_rels)
                + ([search["start"]] if via else [])
                + spur.evidence[1 if via else 0 :],
            )
            key = tuple(route.principal)
            # a route that repeats a root node (not avoided when it was the spur's next node)
            if len(set(key)) == len(key) and key not in pool and key not in taken:
                pool[key] = route
        searches = []
        size = {key: (len(key), sum(route.rels)) for key, route in pool.items()}
        best = min(pool, key=lambda key: (size[key], key)) if pool else None
        if pending and (
            best is None or size[best] > (len(found[-1].principal), sum(found[-1].rels))
        ):
            # Nothing as short as the last route is left: the deviations of the routes taken
            # since the last search may hold shorter ones than the pool's best.
            # Only candidates as short as the pool's (k - taken)-th can still make the k routes.
            needed = sorted(sum(route.rels) for route in pool.values())[k - len(found) - 1 :]
            limit = min([max_rels, *needed[:1]])
            searches = _spur_searches(found, pending, limit)
            pending = []
            continue
        if best is None:
            break
        found.append(pool.pop(best))
        pending.append(found[-1])
        if len(found) == k:
            break
    routes = await _with_evidence(session, types, [f.principal for f in found])
    return sorted(routes, key=lambda r: (r.rank, r.principal))[:k]
