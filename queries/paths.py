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
from graph.schema.display import AGREEMENT_KIND_WORDS as KIND_WORDS
from graph.schema.model import LABEL_TYPES, RELATED_RELS, Label, Rel
from queries.common import RefPublic, SourcePublic, parse_sources, read
from queries.kpaths import Route, shortest_routes
from queries.links import parse_via

MAX_HOPS = 6  # cap: a path never has more than 2 * MAX_HOPS relationships
MAX_K = 10


class PathStepPublic(BaseModel):
    """One hop: `from` and `to` (ids; their names and types are in the path's `nodes`) are linked
    by `evidence` (an agreement, partnership or event); `alternatives` are other evidence nodes
    that link the same two, of the allowed kinds."""

    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    from_name: str
    to_name: str
    relation: str  # agreement | membership | event | targeting | related
    evidence: RefPublic
    # The evidence's status (an event: planned | held | cancelled | unknown; an agreement:
    # planned | signed | renewed | expired); `planned` says the step is a plan, not a fact.
    status: str | None = None
    planned: bool = False
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
    include_planned: bool = True
    include_placeholders: bool = False
    paths: list[PathPublic]


ENDPOINTS_QUERY = """
UNWIND $ids AS id
OPTIONAL MATCH (a:Actor {id: id})
OPTIONAL MATCH (p:Partnership {id: id})
WITH id, coalesce(a, p) AS n
RETURN id, elementId(n) AS key, n.name AS name,
       CASE WHEN n:Actor THEN 'Actor' WHEN n:Partnership THEN 'Partnership' END AS label
"""


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
    elif used[0]["type"] in RELATED_RELS:  # two related partnerships: the link is the evidence
        evidence = b
        relation = "related"
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
    if rel == "related":
        link = step["rels"][0]
        if link["type"] == Rel.COOPERATES_WITH:
            return f"cooperates with {to}", True
        # (later)-[:SUCCEEDS]->(earlier)
        return (f"succeeds {to}" if link["start"] == a["id"] else f"is succeeded by {to}"), True
    if rel == "event":
        if ev.get("status") == "planned":
            return f"plans to meet {to} at {ev['name']}", False
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


def _public(routes: list[Route]) -> list[PathPublic]:
    """Each route shown through its strongest evidence, with the others as alternatives."""
    out = []
    for route in routes:
        node, rel = route.nodes, route.rels
        nodes, rels, principal = [node[route.principal[0]]], [], [0]
        for hop in route.hops:
            chosen = hop.options[0]
            if len(chosen.rels) == 2:
                nodes.append(node[chosen.key])
            nodes.append(node[hop.b])
            rels += [rel[k] for k in chosen.rels]
            principal.append(len(nodes) - 1)
        steps = [_step(nodes, rels, i, j) for i, j in pairwise(principal)]
        public_steps = [
            PathStepPublic(
                from_=step["from"]["id"],
                to=step["to"]["id"],
                from_name=_ref(step["from"]).name,
                to_name=_ref(step["to"]).name,
                relation=step["relation"],
                evidence=_ref(step["evidence"]),
                status=step["evidence"].get("status")
                if step["evidence"]["label"] in (Label.EVENT, Label.AGREEMENT)
                else None,
                planned=step["evidence"].get("status") == "planned",
                alternatives=sorted(
                    (_ref(node[e.key]) for e in hop.options[1:]), key=lambda r: r.id
                ),
                sources=parse_sources(step["sources"]),
            )
            for step, hop in zip(steps, route.hops, strict=True)
        ]
        out.append(
            PathPublic(
                length=len(route.hops),
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
    include_planned: bool = True,
    include_placeholders: bool = False,
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
        ends.append({"id": id_, **{f: rows[id_][f] for f in ("key", "name", "label")}})
    partnerships = sum(e["label"] == Label.PARTNERSHIP for e in ends)
    actor_links = {"membership", "targeting", "agreement", "event"} & set(links)
    if partnerships and not actor_links and not (partnerships == 2 and "related" in links):
        raise InvalidRequestError(
            "A partnership is linked to actors only through `membership`, `targeting`, "
            "`agreement` or `event`; add one of them to `via`."
        )
    # A step to or from a partnership endpoint takes one relationship instead of two.
    max_rels = 2 * max_hops - partnerships
    paths: list[PathPublic] = []
    if max_rels >= 1:
        routes = await shortest_routes(
            session,
            ends[0]["key"],
            ends[1]["key"],
            links,
            max_rels,
            k,
            include_planned=include_planned,
            include_placeholders=include_placeholders,
        )
        paths = _public(routes)
    return PathsPublic(
        source=_ref(ends[0]),
        target=_ref(ends[1]),
        via=list(links),
        max_hops=max_hops,
        include_planned=include_planned,
        include_placeholders=include_placeholders,
        paths=paths,
    )
