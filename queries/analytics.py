"""Network analytics on the actor–actor cooperation projection: brokers and communities.

The projection links two actors when they share an evidence node through the chosen link kinds
(default: an agreement both are party to, a partnership both are members of, an event both
organised or attended); its edge weight is the number of such shared nodes. It is fetched with
one Cypher query (one row per evidence node with its actors) and analysed with networkx (the
GDS plugin is not needed): betweenness centrality (unweighted, normalised) ranks brokers, and
Louvain modularity communities (weighted, fixed seed, so answers are stable) group actors.
"""

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx
from neo4j import AsyncSession
from pydantic import BaseModel

from graph.schema.model import LABEL_TYPES
from queries.common import Page, RefPublic, read
from queries.links import parse_via, rel_pattern
from queries.paths import short_name

SEED = 42  # Louvain is randomised; a fixed seed gives the same communities on the same graph
# Exact betweenness is O(actors x links): seconds at ~1,000 actors, hours at 200,000. Above
# EXACT_BETWEENNESS_MAX actors it is estimated from BETWEENNESS_PIVOTS source actors drawn with
# the fixed seed (Brandes-Pich sampling; the same graph gives the same ranking).
EXACT_BETWEENNESS_MAX = 1000
BETWEENNESS_PIVOTS = 300
TOP = 5  # countries, sectors and ties shown per community

# One row per evidence node shared by at least two actors. Relationship types come from the
# COOPERATION_LINKS allow-list (see queries.paths.rel_pattern), never from user text.
PROJECTION_QUERY = """
MATCH (a:Actor)-[:{types}]-(e)
WHERE e:Agreement OR e:Partnership OR e:Event
WITH e, collect(DISTINCT a) AS actors
WHERE size(actors) > 1
RETURN e.id AS id, e.name AS name, labels(e)[0] AS label,
       [a IN actors | a {{.id, .name, .country,
                          country_name: [(a)-[:LOCATED_IN]->(c:Country) | c.name][0],
                          sectors: [(a)-[:ACTIVE_IN]->(s:Sector) | s {{.id, .name}}]}}] AS actors
ORDER BY label, id
"""


class MemberPublic(BaseModel):
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
    members: list[MemberPublic]  # most connected first
    countries: list[CountPublic]
    sectors: list[CountPublic]
    ties: list[TiePublic]  # what holds it together, strongest first


class CommunitiesPublic(Page[CommunityPublic]):
    via: list[str]
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
    pivots: int | None = None  # None: exact betweenness; else the source actors it sampled


@dataclass
class Projection:
    graph: nx.Graph
    actors: dict[str, dict[str, Any]]
    ties: list[dict[str, Any]]  # evidence nodes with the ids of the actors they link
    communities: list[list[str]] = field(default_factory=list)
    community_of: dict[str, int] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)


async def projection(session: AsyncSession, links: tuple[str, ...]) -> Projection:
    """The cooperation projection for the link kinds, with its Louvain communities."""
    records = await read(session, PROJECTION_QUERY.format(types=rel_pattern(links)), whole=True)
    actors: dict[str, dict[str, Any]] = {}
    ties = []
    for r in records:
        ids = sorted(a["id"] for a in r["actors"])
        actors.update({a["id"]: a for a in r["actors"]})
        ties.append({"id": r["id"], "name": r["name"], "label": r["label"], "actors": ids})
    graph = nx.Graph()
    graph.add_nodes_from(sorted(actors))
    for tie in ties:
        for a, b in combinations(tie["actors"], 2):
            if graph.has_edge(a, b):
                graph[a][b]["weight"] += 1
            else:
                graph.add_edge(a, b, weight=1)
    proj = Projection(graph, actors, ties)
    found = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    proj.communities = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    for number, members in enumerate(proj.communities, start=1):
        proj.community_of.update(dict.fromkeys(members, number))
    for number in range(1, len(proj.communities) + 1):
        # Named after its strongest partnership, else its strongest tie of any kind.
        ties = _ties(proj, number)
        named = [t for t in ties if t.type == "partnership"] or ties
        proj.labels[number] = named[0].name if named else f"Community {number}"
    return proj


def _ties(proj: Projection, number: int) -> list[TiePublic]:
    out = []
    for tie in proj.ties:
        inside = sum(proj.community_of.get(a) == number for a in tie["actors"])
        if inside >= 2:
            out.append((inside, tie))
    out.sort(key=lambda x: (-x[0], x[1]["label"] != "Partnership", x[1]["id"]))
    return [
        TiePublic(id=t["id"], name=short_name(t), type=LABEL_TYPES[t["label"]], members=n)
        for n, t in out
    ]


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
            MemberPublic(
                id=a["id"], name=a["name"], country=a["country"], degree=proj.graph.degree(a["id"])
            )
            for a in sorted(actors, key=lambda a: (-proj.graph.degree(a["id"]), a["id"]))
        ],
        countries=_counts(
            [(a["country"], a["country_name"] or a["country"]) for a in actors if a["country"]]
        ),
        sectors=_counts([(s["id"], s["name"]) for a in actors for s in a["sectors"]]),
        ties=_ties(proj, number)[:TOP],
    )


async def communities(
    session: AsyncSession, *, via: str | None = None, limit: int = 20, offset: int = 0
) -> CommunitiesPublic:
    links = parse_via(via)
    proj = await projection(session, links)
    numbers = range(offset + 1, min(offset + limit, len(proj.communities)) + 1)
    modularity = (
        nx.community.modularity(proj.graph, proj.communities, weight="weight")
        if proj.graph.number_of_edges()
        else 0.0
    )
    return CommunitiesPublic(
        items=[community(proj, n) for n in numbers],
        total=len(proj.communities),
        limit=limit,
        offset=offset,
        via=list(links),
        actors=proj.graph.number_of_nodes(),
        modularity=round(modularity, 4),
    )


async def brokers(
    session: AsyncSession, *, via: str | None = None, limit: int = 20, offset: int = 0
) -> BrokersPublic:
    links = parse_via(via)
    proj = await projection(session, links)
    graph = proj.graph
    pivots = BETWEENNESS_PIVOTS if graph.number_of_nodes() > EXACT_BETWEENNESS_MAX else None
    centrality = nx.betweenness_centrality(graph, k=pivots, normalized=True, seed=SEED)
    ranked = sorted(graph.nodes, key=lambda n: (-centrality[n], -graph.degree(n), n))
    items = []
    for node in ranked[offset : offset + limit]:
        own = proj.community_of[node]
        around = Counter(proj.community_of[n] for n in graph.neighbors(node))
        refs = {
            c: CommunityRefPublic(id=c, label=proj.labels[c], links=n) for c, n in around.items()
        }
        actor = proj.actors[node]
        items.append(
            BrokerPublic(
                id=node,
                name=actor["name"],
                country=actor["country"],
                betweenness=round(centrality[node], 4),
                degree=graph.degree(node),
                community=refs.get(own, CommunityRefPublic(id=own, label=proj.labels[own])),
                bridges=sorted(
                    (r for c, r in refs.items() if c != own), key=lambda r: (-r.links, r.id)
                ),
            )
        )
    return BrokersPublic(
        items=items,
        total=graph.number_of_nodes(),
        limit=limit,
        offset=offset,
        via=list(links),
        pivots=pivots,
    )
