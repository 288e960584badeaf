"""Potential partners for an actor: not yet linked to it, ranked by a documented score.

A candidate is any other actor that shares no agreement, partnership (as members) or event with
the actor. Its score is the sum of the weights of its reasons; each kind of reason counts at
most `MAX_PER_KIND` times, so that one broad overlap cannot dominate (`WEIGHTS`, per item):

- `common_partner` 1.0: an actor both already cooperate with (agreement, partnership, event);
- `in_target_country` 1.0: the candidate is located in a country the actor's partnerships
  target;
- `shared_target_country` 0.5: a country that partnerships of both target;
- `shared_sector` 1.0: a sector both are active in;
- `related_sector` 0.5: a sector of the candidate is a sub-sector or the parent of one of the
  actor's (sectors not already shared);
- `complementary_sector` 0.75: a cross-fertilisation rule of `COMPLEMENTARIES` links a sector
  of each (space with the MELCA sectors as in SPACE2ID, lightweight with the mobility sectors,
  health, energy and construction as in ELCA, materials with clean technologies, energy and
  construction as in WIINTECH).

Sector matching follows the hierarchy (`SUBSECTOR_OF`): `composites` counts as `lightweight`
and `renewable-energy` as `energy` in the rules, and `space` is related to its parent
`aerospace`.
"""

from dataclasses import dataclass
from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel

from clustergraph.errors import NotFoundError
from graph.schema.model import DEFAULT_LINKS
from queries.common import RefPublic, read, read_whole
from queries.links import rel_pattern

WEIGHTS = {
    "common_partner": 1.0,
    "in_target_country": 1.0,
    "shared_target_country": 0.5,
    "shared_sector": 1.0,
    "related_sector": 0.5,
    "complementary_sector": 0.75,
}
MAX_PER_KIND = 3


@dataclass(frozen=True)
class Complementarity:
    """Sectors whose clusters gain from working with clusters of `sector`, per a seed report."""

    sector: str
    partners: tuple[str, ...]
    why: str
    source: str  # document id | locator


# Cross-fertilisation pairs, most specific first (the first rule that matches a pair explains
# it). Each sector stands for its sub-sectors too.
COMPLEMENTARIES: tuple[Complementarity, ...] = (
    Complementarity(
        "space",
        ("mobility-services", "automotive", "energy", "logistics", "creative", "agrifood"),
        "space data and technologies for the MELCA sectors (mobility, energy, logistics, creative "
        "industries, agriculture), as in SPACE2ID",
        "space2id-key-achievements|lines 21, 29; eccp-canada-2019|line 245",
    ),
    Complementarity(
        "lightweight",
        (
            "automotive",
            "aerospace",
            "rail",
            "maritime",
            "health",
            "energy",
            "construction",
            "production-technologies",
        ),
        "lightweight materials for the mobility sectors and beyond (health, energy, "
        "construction, mechanical engineering), as in ELCA",
        "elca-cross-fertilisation|lines 50, 201-203",
    ),
    Complementarity(
        "materials",
        ("cleantech", "energy", "construction"),
        "materials and production technologies applied to clean technologies (renewable energy, "
        "building, recycling, water), as in WIINTECH",
        "wiintech-strategy-2012|lines 160-163",
    ),
)


class ReasonPublic(BaseModel):
    kind: str  # a key of WEIGHTS
    detail: str
    weight: float  # this reason's share of the score
    about: list[RefPublic] = []


class RecommendationPublic(BaseModel):
    id: str
    name: str
    country: str | None = None
    kind: str | None = None
    score: float
    reasons: list[ReasonPublic]


class ActorRefPublic(RefPublic):
    country: str | None = None


class RecommendationsPublic(BaseModel):
    actor: ActorRefPublic
    items: list[RecommendationPublic]
    total: int
    limit: int
    include_placeholders: bool = False


LINKS = rel_pattern(DEFAULT_LINKS)  # PARTY_TO|MEMBER_OF|ORGANISED|PARTICIPATED_IN (enums)

PROFILE_QUERY = f"""
MATCH (a:Actor {{id: $id}})
RETURN a {{.id, .name, .country, .kind}} AS actor,
       [(a)-[:ACTIVE_IN]->(s:Sector) | s.id] AS sectors,
       [(a)-[:MEMBER_OF]->(p:Partnership)-[:TARGETS_COUNTRY]->(c:Country) |
         {{code: c.code, partnership: p.id, partnership_name: p.name}}] AS targets,
       COLLECT {{ MATCH (a)-[:{LINKS}]->()<-[:{LINKS}]-(b:Actor) WHERE b <> a
                 RETURN DISTINCT b {{.id, .name}} }} AS partners
"""

SECTORS_QUERY = "MATCH (s:Sector) RETURN s.id AS id, s.name AS name, s.parent AS parent"

# Actors not linked to $id that overlap it somehow, scored and cut here (at 100 times ECCP's
# size a hundred thousand actors overlap in some way; only the best `$limit` cross the wire and
# get their reasons spelled out by `score`, which gives the same figure). Each branch brings the
# overlap it found (common partners, relevant sectors, targeted countries), so that scoring needs
# no further expansion per candidate; only the kept ones get their full sectors and targets.
# Candidates: actors in a target country, in a relevant sector, in a partnership targeting one
# of those countries, or partners of a partner (with those common partners), never the actor or
# its own partners. Each branch starts from an index or from the actor's partners; filtering
# every actor with the four conditions at once scanned the whole label (seconds at 2,000 actors).
# Score per kind: weight x min(count, $cap), the kinds as in the module docstring; $related and
# $complements are precomputed from the sector tree (`score_params`).
CANDIDATES_QUERY = f"""
MATCH (a:Actor {{id: $id}})
CALL (a) {{
  MATCH (b:Actor)-[:{LINKS}]->()<-[:{LINKS}]-(c:Actor) WHERE b.id IN $partners AND c <> a
    AND ($placeholders OR b.certainty IS NULL OR b.certainty <> 'placeholder')
  RETURN c, collect(DISTINCT b.id) AS common, [] AS sectors, [] AS targets
  UNION ALL
  MATCH (c:Actor) WHERE c.country IN $countries AND c <> a
  RETURN c, [] AS common, [] AS sectors, [] AS targets
  UNION ALL
  MATCH (c:Actor)-[:ACTIVE_IN]->(s:Sector) WHERE s.id IN $sectors AND c <> a
  RETURN c, [] AS common, collect(s.id) AS sectors, [] AS targets
  UNION ALL
  MATCH (c:Actor)-[:MEMBER_OF]->(:Partnership)-[:TARGETS_COUNTRY]->(x:Country)
  WHERE x.code IN $countries AND c <> a
  RETURN c, [] AS common, [] AS sectors, collect(DISTINCT x.code) AS targets
}}
WITH c, collect(common) AS common, collect(sectors) AS sectors, collect(targets) AS targets
WHERE NOT c.id IN $partners
  AND ($placeholders OR c.certainty IS NULL OR c.certainty <> 'placeholder')
WITH c, reduce(acc = [], l IN common | acc + l) AS common,
     reduce(acc = [], l IN sectors | acc + l) AS sectors,
     reduce(acc = [], l IN targets | acc + l) AS targets
WITH c, common, [
    size(common),
    CASE WHEN c.country IN $countries THEN 1 ELSE 0 END,
    size(targets),
    size([x IN sectors WHERE x IN $mine]),
    size([y IN sectors WHERE NOT y IN $mine
          AND any(x IN coalesce($related[y], []) WHERE NOT x IN sectors)]),
    size(reduce(acc = [], y IN sectors |
      acc + [r IN coalesce($complements[y], []) WHERE NOT r IN acc]))
  ] AS counts
WITH c, common,
     reduce(total = 0.0, i IN range(0, size(counts) - 1) |
       total + $weights[i] * CASE WHEN counts[i] > $cap THEN $cap ELSE counts[i] END) AS score
WHERE score > 0
ORDER BY score DESC, toLower(c.name), c.id
WITH collect({{c: c, common: common}}) AS rows
CALL (rows) {{
  UNWIND rows[..$limit] AS row
  WITH row.c AS c, row.common AS common
  RETURN collect({{actor: c {{.id, .name, .country, .kind}},
                  sectors: [(c)-[:ACTIVE_IN]->(s:Sector) | s.id],
                  targets: [(c)-[:MEMBER_OF]->(:Partnership)-[:TARGETS_COUNTRY]->(x:Country) |
                            x.code],
                  common: common}}) AS top
}}
RETURN size(rows) AS total, top
"""
# The order of the counts in CANDIDATES_QUERY.
SCORED_KINDS = (
    "common_partner",
    "in_target_country",
    "shared_target_country",
    "shared_sector",
    "related_sector",
    "complementary_sector",
)


class Sectors:
    """The sector tree: names, ancestors, and 'is x within y' (x is y or one of its sub-sectors)."""

    def __init__(self, rows: list[Any]):
        self.names = {r["id"]: r["name"] for r in rows}
        parents = {r["id"]: r["parent"] for r in rows}
        self.up: dict[str, list[str]] = {}
        for sid in parents:
            chain, p = [], parents[sid]
            while p and p not in chain:
                chain.append(p)
                p = parents.get(p)
            self.up[sid] = chain

    def within(self, x: str, y: str) -> bool:
        return x == y or y in self.up.get(x, [])

    def related(self, x: str, y: str) -> bool:
        return x != y and (self.within(x, y) or self.within(y, x))

    def complement(self, x: str, y: str) -> Complementarity | None:
        if x == y or self.related(x, y):
            return None
        for rule in COMPLEMENTARIES:
            for a, b in ((x, y), (y, x)):
                if self.within(a, rule.sector) and any(self.within(b, p) for p in rule.partners):
                    return rule
        return None

    def ref(self, sid: str) -> RefPublic:
        return RefPublic(id=sid, name=self.names.get(sid, sid), type="sector")

    def relevant(self, sectors: list[str]) -> list[str]:
        """Every sector a candidate may have to share, relate to or complement these."""
        return [
            s
            for s in self.names
            if any(self.within(s, x) or self.within(x, s) or self.complement(x, s) for x in sectors)
        ]


def score_params(my_sectors: list[str], sectors: Sectors) -> dict[str, Any]:
    """The actor's sectors seen from every other sector, for the scoring in CANDIDATES_QUERY:
    which of the actor's sectors each is related to, and which rules it complements them by."""
    related, complements = {}, {}
    for y in sectors.names:
        if near := sorted(x for x in my_sectors if sectors.related(x, y)):
            related[y] = near
        rules = {COMPLEMENTARIES.index(r) for x in my_sectors if (r := sectors.complement(x, y))}
        if rules:
            complements[y] = sorted(rules)
    return {
        "mine": my_sectors,
        "related": related,
        "complements": complements,
        "weights": [WEIGHTS[k] for k in SCORED_KINDS],
        "cap": MAX_PER_KIND,
    }


def _reason(kind: str, items: list, detail: str, about: list[RefPublic]) -> ReasonPublic | None:
    if not items:
        return None
    weight = WEIGHTS[kind] * min(len(items), MAX_PER_KIND)
    return ReasonPublic(kind=kind, detail=detail, weight=round(weight, 2), about=about)


def _names(refs: list[RefPublic]) -> str:
    return ", ".join(r.name for r in refs)


def score(
    me: dict[str, Any], cand: dict[str, Any], sectors: Sectors, country_names: dict[str, str]
) -> RecommendationPublic:
    reasons: list[ReasonPublic | None] = []
    partners = {p["id"]: p["name"] for p in me["partners"]}
    common = [RefPublic(id=c, name=partners[c], type="actor") for c in sorted(cand["common"])]
    reasons.append(
        _reason("common_partner", common, f"Both already cooperate with {_names(common)}", common)
    )

    mine: dict[str, set[str]] = {}  # country code -> partnerships of the actor targeting it
    for t in me["targets"]:
        mine.setdefault(t["code"], set()).add(t["partnership_name"].split(" - ")[0])
    country = cand["actor"]["country"]
    if country in mine:
        ref = RefPublic(id=country, name=country_names[country], type="country")
        by = ", ".join(sorted(mine[country]))
        detail = f"Located in {ref.name}, a target country of {by}"
        reasons.append(_reason("in_target_country", [country], detail, [ref]))
    shared = sorted(set(cand["targets"]) & mine.keys())
    refs = [RefPublic(id=c, name=country_names[c], type="country") for c in shared]
    detail = f"Partnerships of both target {_names(refs)}"
    reasons.append(_reason("shared_target_country", shared, detail, refs))

    same = sorted(set(me["sectors"]) & set(cand["sectors"]))
    refs = [sectors.ref(x) for x in same]
    reasons.append(_reason("shared_sector", same, f"Both are active in {_names(refs)}", refs))

    firsts: dict[str, str] = {}  # candidate sector -> the actor's sector it relates to
    for x in sorted(me["sectors"]):
        for y in sorted(cand["sectors"]):
            if sectors.related(x, y) and x not in same and y not in same:
                firsts.setdefault(y, x)
    pairs = sorted((x, y) for y, x in firsts.items())
    detail = "; ".join(
        f"{sectors.names[y]} is {'a sub-sector' if sectors.within(y, x) else 'the parent'}"
        f" of {sectors.names[x]}"
        for x, y in pairs
    )
    reasons.append(_reason("related_sector", pairs, detail, [sectors.ref(y) for _, y in pairs]))

    rules: dict[Complementarity, list[tuple[str, str]]] = {}
    for x in me["sectors"]:
        for y in cand["sectors"]:
            if rule := sectors.complement(x, y):
                rules.setdefault(rule, []).append((x, y))
    matched = [r for r in COMPLEMENTARIES if r in rules]
    detail = "; ".join(
        ", ".join(f"{sectors.names[x]} × {sectors.names[y]}" for x, y in sorted(rules[r]))
        + f": {r.why}"
        for r in matched
    )
    about = dict.fromkeys(y for r in matched for _, y in sorted(rules[r]))
    reasons.append(
        _reason("complementary_sector", matched, detail, [sectors.ref(y) for y in about])
    )

    kept = [r for r in reasons if r is not None]
    kept.sort(key=lambda r: -r.weight)
    actor = cand["actor"]
    return RecommendationPublic(
        id=actor["id"],
        name=actor["name"],
        country=actor["country"],
        kind=actor["kind"],
        score=round(sum(r.weight for r in kept), 2),
        reasons=kept,
    )


COUNTRY_NAMES_QUERY = (
    "MATCH (c:Country) WHERE c.code IN $codes RETURN c.code AS code, c.name AS name"
)


async def recommend(
    session: AsyncSession, actor_id: str, *, limit: int = 20, include_placeholders: bool = False
) -> RecommendationsPublic:
    """Potential partners of the actor, best first; placeholders (unnamed parties) are neither
    recommended nor count as common partners unless `include_placeholders`."""
    rows = await read(session, PROFILE_QUERY, id=actor_id)
    if not rows:
        raise NotFoundError("actor", actor_id)
    me = dict(rows[0])
    sectors = Sectors(await read_whole(session, SECTORS_QUERY))
    countries = sorted({t["code"] for t in me["targets"]})
    row = (
        await read(
            session,
            CANDIDATES_QUERY,
            id=actor_id,
            countries=countries,
            sectors=sectors.relevant(me["sectors"]),
            partners=[p["id"] for p in me["partners"]],
            limit=limit,
            placeholders=include_placeholders,
            **score_params(me["sectors"], sectors),
        )
    )[0]
    top = [dict(r) for r in row["top"]]
    codes = sorted({*countries, *(r["actor"]["country"] for r in top if r["actor"]["country"])})
    rows = await read_whole(session, COUNTRY_NAMES_QUERY, codes=codes)
    names = {r["code"]: r["name"] for r in rows}
    names.update({c: c for c in codes if c not in names})
    items = [score(me, r, sectors, names) for r in top]
    items.sort(key=lambda i: (-i.score, i.name.casefold(), i.id))
    actor = me["actor"]
    ref = ActorRefPublic(id=actor["id"], name=actor["name"], type="actor", country=actor["country"])
    return RecommendationsPublic(
        actor=ref,
        items=items,
        total=row["total"],
        limit=limit,
        include_placeholders=include_placeholders,
    )
