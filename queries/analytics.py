"""Network analytics on the actor–actor cooperation projection: brokers and communities.

The projection links two actors when they share an evidence node through the chosen link kinds
(default: an agreement both are party to, a partnership both are members of, an event both
organised or attended); its edge weight is the number of such shared nodes. It is fetched with
Cypher (one row per evidence node with the ids of its actors, then the actors once) and analysed
with igraph, whose algorithms run in C (the GDS plugin is not needed; networkx, in pure Python,
took more than 5 minutes at 200,000 actors): betweenness centrality (unweighted, normalised)
ranks brokers, and Louvain modularity communities (weighted, fixed seed, so answers are stable)
group actors.
"""

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import igraph
from neo4j import AsyncSession
from pydantic import BaseModel

from graph.schema.model import LABEL_TYPES
from queries.common import Page, RefPublic, read_whole
from queries.links import parse_via, rel_pattern
from queries.paths import short_name

SEED = 42  # Louvain is randomised; a fixed seed gives the same communities on the same graph
# Exact betweenness is O(actors x links): seconds at ~1,000 actors, hours at 200,000. Above
# EXACT_BETWEENNESS_MAX actors it is estimated from BETWEENNESS_PIVOTS source actors drawn with
# the fixed seed (Brandes-Pich sampling; the same graph gives the same ranking).
EXACT_BETWEENNESS_MAX = 1000
BETWEENNESS_PIVOTS = 300
TOP = 5  # countries, sectors and ties shown per community

# One row per evidence node shared by at least two actors, with their ids only (an actor is in
# many rows: its details come once, from ACTORS_QUERY). Placeholders (unnamed parties) are left
# out unless asked for. Relationship types come from the
# COOPERATION_LINKS allow-list (see queries.paths.rel_pattern), never from user text.
EVIDENCE_QUERY = """
MATCH (a:Actor)-[:{types}]-(e)
WHERE (e:Agreement OR e:Partnership OR e:Event)
  AND ($placeholders OR ((a.certainty IS NULL OR a.certainty <> 'placeholder')
                         AND (e.certainty IS NULL OR e.certainty <> 'placeholder')))
WITH e, collect(DISTINCT a.id) AS actors
WHERE size(actors) > 1
RETURN e.id AS id, e.name AS name, labels(e)[0] AS label, actors
ORDER BY label, id
"""
ACTORS_QUERY = """
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a {.id, .name, .country,
          country_name: [(a)-[:LOCATED_IN]->(c:Country) | c.name][0],
          sectors: [(a)-[:ACTIVE_IN]->(s:Sector) | s {.id, .name}]} AS actor
"""


class CommunityMemberPublic(BaseModel):
    id: str
    name: str
    country: str | None = None
    degree: int  # distinct cooperation partners, in the whole projection


class CountPublic(BaseModel):
    id: str  # country code or sector id
    name: str
    count: int


class TiePublic(RefPublic):
    """An agreement, partnership or event that links members of the community."""

    members: int  # how many members of the community it links


class CommunityPublic(BaseModel):
    id: int  # 1 = largest community
    label: str  # short name of its strongest partnership (else of its strongest tie)
    size: int
    members: list[CommunityMemberPublic]  # most connected first
    countries: list[CountPublic]
    sectors: list[CountPublic]
    ties: list[TiePublic]  # what holds it together, strongest first


class CommunitiesPublic(Page[CommunityPublic]):
    via: list[str]
    include_placeholders: bool = False
    actors: int  # actors with at least one cooperation link (all are in some community)
    modularity: float


class CommunityRefPublic(BaseModel):
    id: int
    label: str
    links: int = 0  # the broker's partners in that community


class BrokerPublic(BaseModel):
    id: str
    name: str
    country: str | None = None
    betweenness: float  # normalised betweenness centrality on the projection
    degree: int
    community: CommunityRefPublic
    bridges: list[CommunityRefPublic]  # other communities its partners belong to


class BrokersPublic(Page[BrokerPublic]):
    via: list[str]
    include_placeholders: bool = False
    pivots: int | None = None  # None: exact betweenness; else the source actors it sampled


@dataclass
class Projection:
    graph: igraph.Graph  # vertex i is actor ids[i]; edge attribute "weight"
    ids: list[str]
    index: dict[str, int]  # actor id -> vertex
    actors: dict[str, dict[str, Any]]
    ties: list[dict[str, Any]]  # evidence nodes with the ids of the actors they link
    communities: list[list[str]] = field(default_factory=list)
    community_of: dict[str, int] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)
    community_ties: dict[int, list[TiePublic]] = field(default_factory=dict)

    def degree(self, actor_id: str) -> int:
        return self.graph.degree(self.index[actor_id])


def _graph(index: dict[str, int], ties: list[dict[str, Any]]) -> igraph.Graph:
    weights: Counter[tuple[int, int]] = Counter()
    for tie in ties:
        weights.update(combinations([index[a] for a in tie["actors"]], 2))
    graph = igraph.Graph(n=len(index), edges=list(weights))
    graph.es["weight"] = list(weights.values())
    return graph


async def projection(
    session: AsyncSession, links: tuple[str, ...], *, placeholders: bool = False
) -> Projection:
    """The cooperation projection for the link kinds, with its Louvain communities;
    `placeholders`: with the placeholder actors and evidence."""
    records = await read_whole(
        session, EVIDENCE_QUERY.format(types=rel_pattern(links)), placeholders=placeholders
    )
    ties = [
        {"id": r["id"], "name": r["name"], "label": r["label"], "actors": sorted(r["actors"])}
        for r in records
    ]
    ids = sorted({a for t in ties for a in t["actors"]})
    rows = await read_whole(session, ACTORS_QUERY, ids=ids)
    actors = {r["actor"]["id"]: dict(r["actor"]) for r in rows}
    index = {a: i for i, a in enumerate(ids)}
    proj = Projection(_graph(index, ties), ids, index, actors, ties)
    random.seed(SEED)  # igraph draws from Python's generator: the same graph, the same answer
    found = proj.graph.community_multilevel(weights="weight") if ids else []
    groups = [sorted(ids[i] for i in members) for members in found]
    proj.communities = sorted(groups, key=lambda c: (-len(c), c[0]))
    for number, members in enumerate(proj.communities, start=1):
        proj.community_of.update(dict.fromkeys(members, number))
    proj.community_ties = _community_ties(proj)
    for number in range(1, len(proj.communities) + 1):
        # Named after its strongest partnership, else its strongest tie of any kind.
        ties_in = proj.community_ties.get(number, [])
        named = [t for t in ties_in if t.type == "partnership"] or ties_in
        proj.labels[number] = named[0].name if named else f"Community {number}"
    return proj


def _community_ties(proj: Projection) -> dict[int, list[TiePublic]]:
    """Per community, the ties linking two or more of its members, strongest first (one pass
    over the ties: per community it was quadratic at 100 times ECCP's size)."""
    found: dict[int, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for tie in proj.ties:
        inside = Counter(proj.community_of.get(a) for a in tie["actors"])
        for number, n in inside.items():
            if number is not None and n >= 2:
                found[number].append((n, tie))
    out = {}
    for number, ties in found.items():
        ties.sort(key=lambda x: (-x[0], x[1]["label"] != "Partnership", x[1]["id"]))
        out[number] = [
            TiePublic(id=t["id"], name=short_name(t), type=LABEL_TYPES[t["label"]], members=n)
            for n, t in ties
        ]
    return out


def _counts(values: list[tuple[str, str]]) -> list[CountPublic]:
    counts = Counter(values)
    ranked = sorted(counts.items(), key=lambda x: (-x[1], x[0][0]))
    return [CountPublic(id=k, name=name, count=n) for (k, name), n in ranked[:TOP]]


def community(proj: Projection, number: int) -> CommunityPublic:
    members = proj.communities[number - 1]
    actors = [proj.actors[m] for m in members]
    return CommunityPublic(
        id=number,
        label=proj.labels[number],
        size=len(members),
        members=[
            CommunityMemberPublic(
                id=a["id"], name=a["name"], country=a["country"], degree=proj.degree(a["id"])
            )
            for a in sorted(actors, key=lambda a: (-proj.degree(a["id"]), a["id"]))
        ],
        countries=_counts(
            [(a["country"], a["country_name"] or a["country"]) for a in actors if a["country"]]
        ),
        sectors=_counts([(s["id"], s["name"]) for a in actors for s in a["sectors"]]),
        ties=proj.community_ties.get(number, [])[:TOP],
    )


async def communities(
    session: AsyncSession,
    *,
    via: str | None = None,
    limit: int = 20,
    offset: int = 0,
    include_placeholders: bool = False,
) -> CommunitiesPublic:
    links = parse_via(via)
    proj = await projection(session, links, placeholders=include_placeholders)
    numbers = range(offset + 1, min(offset + limit, len(proj.communities)) + 1)
    membership = [proj.community_of[a] - 1 for a in proj.ids]
    modularity = proj.graph.modularity(membership, weights="weight") if proj.graph.ecount() else 0.0
    return CommunitiesPublic(
        items=[community(proj, n) for n in numbers],
        total=len(proj.communities),
        limit=limit,
        offset=offset,
        via=list(links),
        actors=proj.graph.vcount(),
        modularity=round(modularity, 4),
        include_placeholders=include_placeholders,
    )


def betweenness(graph: igraph.Graph) -> list[float]:
    """Normalised betweenness (as networkx's): exact up to EXACT_BETWEENNESS_MAX actors, else
    estimated from BETWEENNESS_PIVOTS sources drawn with the fixed seed, scaled by n / k."""
    n = graph.vcount()
    if n <= 2:
        return [0.0] * n
    scale = 2 / ((n - 1) * (n - 2))
    if n <= EXACT_BETWEENNESS_MAX:
        return [b * scale for b in graph.betweenness(directed=False)]
    sources = random.Random(SEED).sample(range(n), BETWEENNESS_PIVOTS)
    sampled = graph.betweenness(directed=False, sources=sources, targets=range(n))
    return [b * scale * n / BETWEENNESS_PIVOTS for b in sampled]


async def brokers(
    session: AsyncSession,
    *,
    via: str | None = None,
    limit: int = 20,
    offset: int = 0,
    include_placeholders: bool = False,
) -> BrokersPublic:
    links = parse_via(via)
    proj = await projection(session, links, placeholders=include_placeholders)
    graph, ids = proj.graph, proj.ids
    centrality = betweenness(graph)
    pivots = BETWEENNESS_PIVOTS if graph.vcount() > EXACT_BETWEENNESS_MAX else None
    ranked = sorted(range(len(ids)), key=lambda i: (-centrality[i], -graph.degree(i), ids[i]))
    items = []
    for i in ranked[offset : offset + limit]:
        node = ids[i]
        own = proj.community_of[node]
        around = Counter(proj.community_of[ids[j]] for j in graph.neighbors(i))
        refs = {
            c: CommunityRefPublic(id=c, label=proj.labels[c], links=n) for c, n in around.items()
        }
        actor = proj.actors[node]
        items.append(
            BrokerPublic(
                id=node,
                name=actor["name"],
                country=actor["country"],
                betweenness=round(centrality[i], 4),
                degree=graph.degree(i),
                community=refs.get(own, CommunityRefPublic(id=own, label=proj.labels[own])),
                bridges=sorted(
                    (r for c, r in refs.items() if c != own), key=lambda r: (-r.links, r.id)
                ),
            )
        )
    return BrokersPublic(
        items=items,
        total=graph.vcount(),
        limit=limit,
        offset=offset,
        via=list(links),
        pivots=pivots,
        include_placeholders=include_placeholders,
    )
