"""Shortest cooperation paths between two actors (or partnerships), explained in words.

A *hop* goes from one actor to another through one evidence node: an agreement both are party
to, a partnership both are members of (or that targeted one of them), an event both organised or
attended. Shared countries and sectors are never links: they would connect everything. The
relationship types in the Cypher come from `graph.schema.COOPERATION_LINKS` only (an allow-list
picked by the `via` names), never from user text.
"""

from itertools import pairwise
from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel, ConfigDict, Field

from clustergraph.errors import InvalidRequestError, NotFoundError
from graph.schema.model import LABEL_TYPES, Label, Rel
from queries.common import RefPublic, SourcePublic, parse_sources, read
from queries.links import parse_via, rel_pattern

MAX_HOPS = 6  # cap: a path never has more than 2 * MAX_HOPS relationships
MAX_K = 10
ROW_CAP = 500  # candidate paths fetched before grouping them into distinct routes
# Candidate paths per route asked for: `SHORTEST k GROUPS` enumerated every path of the k
# shortest lengths, which through hub clusters is thousands (p95 of seconds at 2,000 actors);
# the `SHORTEST n` paths are found by the same bidirectional search and it stops after n.
PATHS_PER_ROUTE = 10

# Words for agreement kinds in explanations ("signed a MoU with ...").
KIND_WORDS = {
    "mou": "MoU",
    "cooperation": "cooperation agreement",
    "partnership": "partnership agreement",
    "collaboration": "collaboration agreement",
    "business": "business agreement",
    "letter_of_intent": "letter of intent",
}
# Which evidence is shown first when several link the same two actors (lower is stronger).
STRENGTH = {"agreement": 0, "membership": 2, "event": 3, "targeting": 4}


class PathStepPublic(BaseModel):
    """One hop: `from` and `to` (ids; their names and types are in the path's `nodes`) are linked
    by `evidence` (an agreement, partnership or event); `alternatives` are other evidence nodes
    that link the same two, of the allowed kinds."""

    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    from_name: str
    to_name: str
    relation: str  # agreement | membership | event | targeting
    evidence: RefPublic
    alternatives: list[RefPublic] = []
    sources: list[SourcePublic]


class PathPublic(BaseModel):
    length: int  # hops
    nodes: list[RefPublic]  # every node of the path in order, evidence nodes included
    steps: list[PathStepPublic]
    explanation: str


class PathsPublic(BaseModel):
    source: RefPublic
    target: RefPublic
    via: list[str]
    max_hops: int
    paths: list[PathPublic]


ENDPOINTS_QUERY = """
UNWIND $ids AS id
OPTIONAL MATCH (a:Actor {id: id})
OPTIONAL MATCH (p:Partnership {id: id})
WITH id, coalesce(a, p) AS n
RETURN id, n.name AS name, CASE WHEN n:Actor THEN 'Actor' WHEN n:Partnership THEN 'Partnership'
       END AS label
"""

# Filled in by `_paths_query` with labels and relationship types from the schema enums and two
# validated integers. The WHERE inside the parenthesised pattern keeps paths simple (no node
# twice) and applies before the SHORTEST selector. `SHORTEST k * PATHS_PER_ROUTE` returns that
# many shortest paths, shortest first: candidates for k distinct routes and their alternatives.
PATHS_QUERY = """
MATCH (s:{source_label} {{id: $source}}), (t:{target_label} {{id: $target}})
MATCH p = SHORTEST {k} ((s)(()-[:{types}]-(x)){{1,{max_rels}}}(t)
  WHERE all(i IN range(0, size(x) - 2) WHERE NOT x[i] IN x[i + 1..]) AND NOT s IN x)
WITH p ORDER BY length(p) LIMIT $cap
RETURN [n IN nodes(p) | n {{.id, .name, .kind, .status, .sources, label: labels(n)[0]}}] AS nodes,
       [r IN relationships(p) | {{type: type(r), start: startNode(r).id, sources: r.sources}}]
         AS rels
"""


def _paths_query(source_label: str, target_label: str, types: str, k: int, max_rels: int) -> str:
    return PATHS_QUERY.format(
        source_label=Label(source_label),
        target_label=Label(target_label),
        types=types,
        k=int(k) * PATHS_PER_ROUTE,
        max_rels=int(max_rels),
    )


def _ref(node: dict[str, Any]) -> RefPublic:
    return RefPublic(
        id=node["id"],
        name=node["name"] or node["id"],
        type=LABEL_TYPES.get(node["label"], node["label"].lower()),
    )


def short_name(node: dict[str, Any]) -> str:
    """'SPACE2ID - Space Clusters International ...' -> 'SPACE2ID'."""
    name = node["name"] or node["id"]
    return name.split(" - ")[0] if node["label"] == Label.PARTNERSHIP else name


def _step(nodes: list[dict], rels: list[dict], i: int, j: int) -> dict[str, Any]:
    """The hop between principal nodes i and j (j = i + 2 through an evidence node, or j = i + 1
    when one end is a partnership, which is then its own evidence)."""
    a, b = nodes[i], nodes[j]
    used = rels[i:j]
    if j == i + 2:
        evidence = nodes[i + 1]
        label = evidence["label"]
        types = [r["type"] for r in used]
        if label == Label.AGREEMENT:
            relation = "agreement"
        elif label == Label.EVENT:
            relation = "event"
        else:
            relation = "targeting" if Rel.TARGETS_ACTOR in types else "membership"
    else:
        evidence = a if a["label"] == Label.PARTNERSHIP else b
        relation = "targeting" if used[0]["type"] == Rel.TARGETS_ACTOR else "membership"
    sources = list(dict.fromkeys(s for r in used for s in r["sources"] or []))
    return {
        "from": a,
        "to": b,
        "relation": relation,
        "evidence": evidence,
        "rels": used,
        "sources": sources or evidence.get("sources") or [],
    }


def predicate(step: dict[str, Any]) -> tuple[str, bool]:
    """What `from` did with `to`, as a verb phrase whose subject is `from`, and whether the
    phrase ends with `to` (so that a following ", which ..." clearly refers to it)."""
    a, b, ev, rel = step["from"], step["to"], step["evidence"], step["relation"]
    to = short_name(b)
    if rel == "agreement":
        kind = KIND_WORDS.get(ev.get("kind"), "agreement")
        verb = "plans" if ev.get("status") == "planned" else "signed"
        article = "an" if kind[0].lower() in "aeiou" else "a"
        return f"{verb} {article} {kind} with {to}", True
    if rel == "event":
        return f"met {to} at {ev['name']}", False
    partnership = short_name(ev)
    if ev["id"] == a["id"]:  # the source is the partnership itself
        if rel == "membership":
            return f"counts {to} among its members", False
        return f"targeted {to}", True
    if ev["id"] == b["id"]:  # the target is the partnership
        return (f"is a member of {to}" if rel == "membership" else f"was targeted by {to}"), True
    if rel == "membership":
        return f"is a fellow member of {partnership} with {to}", True
    first, second = (r["type"] for r in step["rels"])
    if first == Rel.MEMBER_OF:
        return f"used {partnership} to target {to}", True
    if second == Rel.MEMBER_OF:
        return f"was targeted by {partnership} through its member {to}", True
    return f"was a target of {partnership}, like {to}", True


def explain(steps: list[dict[str, Any]]) -> str:
    """'Aviation Valley signed a MoU with Aéro Montréal, which signed a MoU with ...'."""
    first = steps[0]
    if len(steps) > 1 and first["evidence"]["id"] == first["from"]["id"]:
        # "Skywin, a member of SPACE2ID, signed ..." reads better than "SPACE2ID counts ...".
        role = "a member" if first["relation"] == "membership" else "a target"
        text = f"{short_name(first['to'])}, {role} of {short_name(first['from'])},"
        steps = steps[1:]
    else:
        text = short_name(first["from"])
    for n, step in enumerate(steps):
        phrase, ends_with_to = predicate(step)
        text += f" {phrase}"
        if n + 1 < len(steps):
            text += ", which" if ends_with_to else f", and {short_name(step['to'])}"
    return text + "."


def _routes(records: list, k: int) -> list[PathPublic]:
    """Group paths by their sequence of principal nodes (endpoints and actors), keep the k best
    routes, each shown through its strongest evidence with the others as alternatives."""
    routes: dict[tuple[str, ...], list[tuple[tuple, list[dict], list[dict]]]] = {}
    for record in records:
        nodes, rels = record["nodes"], record["rels"]
        last = len(nodes) - 1
        principal = [0, *(i for i in range(1, last) if nodes[i]["label"] == Label.ACTOR), last]
        steps = [_step(nodes, rels, i, j) for i, j in pairwise(principal)]
        rank = (
            len(steps),
            sum(
                STRENGTH[s["relation"]] + (s["evidence"].get("status") == "planned") for s in steps
            ),
            tuple(s["evidence"]["id"] for s in steps),
        )
        key = tuple(nodes[i]["id"] for i in principal)
        routes.setdefault(key, []).append((rank, nodes, steps))
    best = sorted(
        ((min(variants, key=lambda v: v[0]), key, variants) for key, variants in routes.items()),
        key=lambda b: (b[0][0], b[1]),
    )
    out = []
    for (rank, nodes, steps), _, variants in best[:k]:
        public_steps = []
        for n, step in enumerate(steps):
            seen = {v[2][n]["evidence"]["id"]: v[2][n]["evidence"] for v in variants}
            seen.pop(step["evidence"]["id"])
            public_steps.append(
                PathStepPublic(
                    from_=step["from"]["id"],
                    to=step["to"]["id"],
                    from_name=_ref(step["from"]).name,
                    to_name=_ref(step["to"]).name,
                    relation=step["relation"],
                    evidence=_ref(step["evidence"]),
                    alternatives=[_ref(e) for _, e in sorted(seen.items())],
                    sources=parse_sources(step["sources"]),
                )
            )
        out.append(
            PathPublic(
                length=rank[0],
                nodes=[_ref(n) for n in nodes],
                steps=public_steps,
                explanation=explain(steps),
            )
        )
    return out


async def find_paths(
    session: AsyncSession,
    source: str,
    target: str,
    *,
    max_hops: int = 4,
    via: str | None = None,
    k: int = 3,
) -> PathsPublic:
    if source == target:
        raise InvalidRequestError("`source` and `target` are the same; name two different ids.")
    if not 1 <= max_hops <= MAX_HOPS or not 1 <= k <= MAX_K:
        raise InvalidRequestError(f"`max_hops` must be 1..{MAX_HOPS} and `k` 1..{MAX_K}.")
    links = parse_via(via)
    rows = {r["id"]: r for r in await read(session, ENDPOINTS_QUERY, ids=[source, target])}
    ends = []
    for name, id_ in (("source", source), ("target", target)):
        if rows[id_]["label"] is None:
            raise NotFoundError(f"actor or partnership ({name})", id_)
        ends.append({"id": id_, "name": rows[id_]["name"], "label": rows[id_]["label"]})
    partnerships = sum(e["label"] == Label.PARTNERSHIP for e in ends)
    if partnerships and not {"membership", "targeting"} & set(links):
        raise InvalidRequestError(
            "A partnership is linked to actors only through `membership` or `targeting`; "
            "add one of them to `via`."
        )
    # A step to or from a partnership endpoint takes one relationship instead of two.
    max_rels = 2 * max_hops - partnerships
    paths: list[PathPublic] = []
    if max_rels >= 1:
        query = _paths_query(ends[0]["label"], ends[1]["label"], rel_pattern(links), k, max_rels)
        records = await read(session, query, source=source, target=target, cap=ROW_CAP)
        paths = _routes(records, k)
    return PathsPublic(
        source=_ref(ends[0]), target=_ref(ends[1]), via=list(links), max_hops=max_hops, paths=paths
    )
