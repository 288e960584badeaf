"""The k shortest distinct cooperation routes between two nodes, by bidirectional BFS.

A *route* is the sequence of principal nodes (the two ends and the actors between them); each hop
between two of them is backed by one or more pieces of evidence (an agreement, partnership or
event both take part in, or the direct link to a partnership end). Routes are found with the
legacy `shortestPath()` (planned as the bidirectional `ShortestPath` operator, which finishes in
milliseconds on 1.5 million relationships), never with the quantified-path `SHORTEST k`
(`StatefulShortestPath`), which expanded through hub clusters for minutes at 200,000 actors.

More routes than the first come from node-exclusion deviations (Yen's idea on nodes): for every
route found under an excluded set X, each of its intermediate actors `a` gives a new search with
X + {a} (a one-hop route excludes its evidence instead); the shortest of all candidates found
so far is the next route. A shortest path never repeats a node, and neither does one that avoids
a set of nodes, so every route is simple. Relationship types come from `rel_pattern` (the
schema's allow-list) and the hop bound is a range-checked int; ids and keys are parameters.
"""

from collections.abc import Sequence
from itertools import pairwise

from neo4j import AsyncSession
from pydantic import BaseModel

from graph.schema.model import Label, Rel
from queries.common import read
from queries.links import rel_pattern

EVIDENCE_CAP = 100  # pieces of evidence fetched per hop (the best is shown, others listed)
# Which evidence is shown first when several link the same two actors (lower is stronger).
STRENGTH = {"agreement": 0, "membership": 2, "event": 3, "targeting": 4}

# One bidirectional BFS per excluded set, in one round trip; the predicate is on nodes only, so
# the planner evaluates it during the search (it stays `ShortestPath`, not an exhaustive search).
ROUTES_QUERY = """
MATCH (t) WHERE elementId(t) = $target
UNWIND range(0, size($searches) - 1) AS i
MATCH (s) WHERE elementId(s) = $searches[i].start
CALL (s, t, i) {{
  MATCH p = shortestPath((s)-[:{types}*1..{max_rels}]-(t))
  WHERE none(n IN nodes(p) WHERE elementId(n) IN $searches[i].excluded)
    AND none(r IN relationships(p) WHERE elementId(r) IN $searches[i].rels)
  RETURN p
}}
RETURN i, [n IN nodes(p) | [elementId(n), n:Actor]] AS nodes
"""

# Every piece of evidence for each hop (a, b): a node both are linked to (other than the
# route's own principal nodes), or the direct link when one of them is a partnership. The
# expansion starts from the end with fewer relationships and checks the other with Expand(Into)
# (a hash join of both ends' neighbours took ~100 ms between hub clusters); `rels` are in a -> b
# order either way.
EVIDENCE_QUERY = """
UNWIND range(0, size($hops) - 1) AS i
WITH i, $hops[i] AS hop
MATCH (a) WHERE elementId(a) = hop.a
MATCH (b) WHERE elementId(b) = hop.b
WITH i, hop, a, b, COUNT {{ (a)--() }} <= COUNT {{ (b)--() }} AS forward
CALL (a, b, hop, forward) {{
  WITH CASE WHEN forward THEN a ELSE b END AS x, CASE WHEN forward THEN b ELSE a END AS y, hop
  MATCH (x)-[r1:{types}]-(e)
  WHERE NOT elementId(e) IN hop.route
  CALL (e, r1, y) {{
    MATCH (e)-[r2:{types}]-(y)
    WHERE r2 <> r1
    RETURN r2
  }}
  RETURN e, [r1, r2] AS rels
  LIMIT $cap
  UNION ALL
  MATCH (a)-[r:{types}]-(b)
  RETURN CASE WHEN a:Partnership THEN a ELSE b END AS e, [r] AS rels
}}
RETURN i, elementId(e) AS key, e.id AS id, labels(e)[0] AS label, e.status AS status,
       [r IN CASE WHEN forward THEN rels ELSE reverse(rels) END | elementId(r)] AS rels,
       [r IN CASE WHEN forward THEN rels ELSE reverse(rels) END | type(r)] AS types
"""


class Evidence(BaseModel):
    key: str  # element id of the evidence node
    id: str
    relation: str  # agreement | membership | event | targeting
    rels: list[str]  # element ids of the relationships from `a` to `b` through it
    strength: int  # lower is stronger


class Hop(BaseModel):
    a: str  # element ids of the two principal nodes
    b: str
    options: list[Evidence]  # strongest first: options[0] is shown, the others are alternatives


class Route(BaseModel):
    principal: list[str]  # element ids: source, actors in order, target
    hops: list[Hop]

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
    return "targeting" if Rel.TARGETS_ACTOR in types else "membership"


async def _evidence(
    session: AsyncSession, types: str, hops: list[tuple[str, str, list[str]]]
) -> list[list[Evidence]]:
    """Per hop (a, b, principal nodes of its route): its evidence, strongest first."""
    query = EVIDENCE_QUERY.format(types=types)
    params = [{"a": a, "b": b, "route": route} for a, b, route in hops]
    out: list[dict[str, Evidence]] = [{} for _ in hops]
    for row in await read(session, query, hops=params, cap=EVIDENCE_CAP):
        relation = _relation(row["label"], row["types"])
        strength = STRENGTH[relation] + (row["status"] == "planned")
        option = Evidence(
            key=row["key"], id=row["id"], relation=relation, rels=row["rels"], strength=strength
        )
        known = out[row["i"]].get(option.key)
        if known is None or (option.strength, option.rels) < (known.strength, known.rels):
            out[row["i"]][option.key] = option
    return [sorted(h.values(), key=lambda e: (e.strength, e.id)) for h in out]


async def _with_evidence(session: AsyncSession, types: str, found: list[list[str]]) -> list[Route]:
    hops = [(a, b, principal) for principal in found for a, b in pairwise(principal)]
    evidence = iter(await _evidence(session, types, hops))
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
            routes.append(Route(principal=principal, hops=route_hops))
    return routes


class _Found(BaseModel):
    principal: list[str]
    rels: list[int]  # relationships per hop (1 to or from a partnership end, else 2)


def _found(nodes: list[list]) -> _Found:
    at = [i for i, (_, actor) in enumerate(nodes) if actor or i in (0, len(nodes) - 1)]
    return _Found(principal=[nodes[i][0] for i in at], rels=[j - i for i, j in pairwise(at)])


async def _spur_searches(
    session: AsyncSession, types: str, found: list[_Found], max_rels: int
) -> list[tuple[list[str], list[int], dict]]:
    """Yen's deviations of the last route found: for each of its principal nodes (the spur),
    keep the route up to it (the root) and search on from it, avoiding the root and the next
    principal node of every route found with the same root. Returns (root, its relationships,
    search) triples."""
    last, target = found[-1], found[-1].principal[-1]
    out = []
    for i, spur in enumerate(last.principal[:-1]):
        root = last.principal[: i + 1]
        excluded = set(root[:-1])
        direct = False
        for route in found:
            if route.principal[: i + 1] == root:
                after = route.principal[i + 1]
                direct |= after == target
                excluded |= {after} - {target}
        if sum(last.rels[:i]) >= max_rels:
            continue
        search = {"start": spur, "excluded": sorted(excluded), "rels": []}
        if not direct:
            out.append((root, last.rels[:i], search))
            continue
        # Avoid the one-hop links from the spur to the target: their evidence may still link
        # other actors to either of them, so one search drops the evidence's links to the spur,
        # the other its links to the target.
        (options,) = await _evidence(session, types, [(spur, target, [spur, target])])
        for side in (0, -1):
            rels = sorted({e.rels[side] for e in options})
            out.append((root, last.rels[:i], {**search, "rels": rels}))
    return out


async def shortest_routes(
    session: AsyncSession,
    source: str,
    target: str,
    links: Sequence[str],
    max_rels: int,
    k: int,
) -> list[Route]:
    """Up to k distinct routes between the nodes with element ids `source` and `target`, of at
    most `max_rels` relationships, shortest (then strongest evidence) first."""
    types = rel_pattern(links)
    query = ROUTES_QUERY.format(types=types, max_rels=int(max_rels))
    found: list[_Found] = []
    pool: dict[tuple[str, ...], _Found] = {}  # candidates not yet taken
    searches: list[tuple[list[str], list[int], dict]] = [
        ([source], [], {"start": source, "excluded": [], "rels": []})
    ]
    while True:
        if searches:
            rows = await read(session, query, target=target, searches=[s[2] for s in searches])
            for row in rows:
                root, root_rels, _ = searches[row["i"]]
                spur = _found(row["nodes"])
                route = _Found(principal=root[:-1] + spur.principal, rels=root_rels + spur.rels)
                key = tuple(route.principal)
                known = {tuple(f.principal) for f in found}
                # a route that repeats a root node (not avoided when it was the spur's next node)
                simple = len(set(key)) == len(key)
                if simple and sum(route.rels) <= max_rels and key not in known and key not in pool:
                    pool[key] = route
        if not pool:
            break
        best = min(pool, key=lambda key: (len(key), sum(pool[key].rels), key))
        found.append(pool.pop(best))
        if len(found) == k:
            break
        searches = await _spur_searches(session, types, found, max_rels)
    routes = await _with_evidence(session, types, [f.principal for f in found])
    return sorted(routes, key=lambda r: (r.rank, r.principal))[:k]
