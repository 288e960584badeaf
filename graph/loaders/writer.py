"""Writing a validated plan in batches of `UNWIND $rows ... MERGE`, inside one transaction.

Re-running a load changes nothing: scalar properties are SET to the same values and list
properties (aliases, sources, notes) are united, not appended.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction, Transaction

from graph.loaders.merge import EVENT_STATUS_RANK
from graph.schema.apply import RESET_QUERY
from graph.schema.derived import (
    REFRESH_ACTORS_QUERY,
    REFRESH_AGREEMENTS_QUERY,
    REFRESH_EVENTS_QUERY,
    REFRESH_MEMBERSHIPS_QUERY,
    SUMMARY_BUILD_QUERY,
    SUMMARY_INVALIDATE_QUERY,
)
from graph.schema.display import AGREEMENT_KIND_NAMES, ROLE_RANKS
from graph.schema.model import Label, Rel


def _union(old: str, new: str) -> str:
    """Cypher: a list property united with new values, without duplicates (no APOC needed)."""
    return (
        f"reduce(acc = coalesce({old}, []), x IN {new} | "
        "CASE WHEN x IN acc THEN acc ELSE acc + x END)"
    )


def _union_kept(old: str, new: str) -> str:
    """`_union`, but nothing stored for an empty list (Neo4j Browser shows `[]` as a fact): an
    empty `new` keeps `old`, which is null or a non-empty list written the same way."""
    return f"CASE WHEN size({new}) = 0 THEN {old} ELSE {_union(old, new)} END"


# The surer certainty wins (stated < inferred < placeholder); a node written by a version
# without certainty has none and takes the row's.
_CERTAINTY = (
    "{x}.certainty = CASE WHEN {x}.certainty IS NULL OR "
    "{{stated: 0, inferred: 1, placeholder: 2}}[row.certainty] < "
    "{{stated: 0, inferred: 1, placeholder: 2}}[{x}.certainty] "
    "THEN row.certainty ELSE {x}.certainty END,\n"
    "    {x}.basis = CASE WHEN row.certainty = 'stated' THEN {x}.basis "
    "ELSE coalesce({x}.basis, row.basis) END,\n"
    "    {x}.confidence = coalesce(row.confidence, {x}.confidence)"
)

# Fragments shared by the queries below, substituted with `_cypher`.
_FRAGMENTS = {
    "NODE_CERTAINTY": _CERTAINTY.format(x="n"),
    "REL_CERTAINTY": _CERTAINTY.format(x="r"),
    "SCORE": "r.score_metric = row.score_metric, r.scale_min = row.scale_min, "
    "r.scale_max = row.scale_max, r.criteria = row.criteria",
    "MEASURES": "n.measures = " + _union_kept("n.measures", "row.measures"),
    "NODE_PROVENANCE": f"n.notes = {_union_kept('n.notes', 'row.notes')},\n"
    f"    n.sources = {_union_kept('n.sources', 'row.sources')}",
    "REL_PROVENANCE": f"r.notes = {_union_kept('r.notes', 'row.notes')},\n"
    f"    r.sources = {_union_kept('r.sources', 'row.sources')}",
    "REL_SOURCES": f"r.sources = {_union_kept('r.sources', 'row.sources')}",
    "ALIASES": "n.aliases = "
    + _union_kept("n.aliases", "[a IN row.aliases + [row.name] WHERE a <> n.name]"),
    "HISTORY": _union_kept("n.history", "row.history"),
    # Internal (docs/schema.md): the aliases as one string for the full-text index; none, none.
    "ALIAS_TEXT": "n.alias_text = reduce(t = null, a IN n.aliases | coalesce(t + ' | ', '') + a)",
    "SECTORS": """CALL (n, row) {
  UNWIND row.sectors AS sid
  MATCH (s:Sector {id: sid})
  MERGE (n)-[:ACTIVE_IN]->(s)
}""",
    "COUNTRY": """CALL (n, row) {
  WITH n, row WHERE row.country IS NOT NULL
  MATCH (c:Country {code: row.country})
  MERGE (n)-[:LOCATED_IN]->(c)
}""",
    "MENTIONS": f"""WITH n, row
UNWIND row.docs AS d
MATCH (doc:Document {{id: d.doc}})
MERGE (n)-[m:MENTIONED_IN]->(doc)
SET m.locators = {_union_kept("m.locators", "d.locators")}""",
}


def _cypher(template: str) -> str:
    for name, fragment in _FRAGMENTS.items():
        template = template.replace(f"<{name}>", fragment)
    return template


DOCUMENTS_QUERY = """
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.title = row.title, d.name = coalesce(row.title, row.id), d.file = row.file,
    d.publisher = row.publisher, d.date_text = row.date, d.url = row.url, d.note = row.note
"""

COUNTRIES_QUERY = f"""
UNWIND $rows AS row
MERGE (c:Country {{code: row.code}})
SET c.id = row.code, c.name = row.name, c.continent = row.continent,
    c.eu_member = row.eu_member,
    c.aliases = {_union_kept("c.aliases", "row.aliases")}
SET c.alias_text = reduce(t = null, a IN c.aliases | coalesce(t + ' | ', '') + a)
"""

SECTORS_QUERY = """
UNWIND $rows AS row
MERGE (s:Sector {id: row.id})
SET s.name = row.name, s.parent = row.parent
WITH s, row WHERE row.parent IS NOT NULL
MATCH (p:Sector {id: row.parent})
MERGE (s)-[:SUBSECTOR_OF]->(p)
"""

ACTORS_QUERY = _cypher("""
UNWIND $rows AS row
MERGE (n:Actor {id: row.id})
ON CREATE SET n.name = row.name
SET n.kind = row.kind,
    n.country = coalesce(row.country, n.country),
    n.region = coalesce(n.region, row.region),
    n.city = coalesce(n.city, row.city),
    n.website = coalesce(n.website, row.website),
    n.description = coalesce(n.description, row.description),
    <MEASURES>,
    <NODE_CERTAINTY>,
    <ALIASES>,
    <NODE_PROVENANCE>
SET <ALIAS_TEXT>, n.name_key = row.name_key
WITH n, row
<COUNTRY>
<SECTORS>
<MENTIONS>
""")

PARTNERSHIPS_QUERY = _cypher("""
UNWIND $rows AS row
MERGE (n:Partnership {id: row.id})
ON CREATE SET n.name = row.name
SET n.kind = row.kind,
    n.programme = coalesce(n.programme, row.programme),
    n.strand = coalesce(n.strand, row.strand),
    n.start = coalesce(n.start, row.start),
    n.start_precision = coalesce(n.start_precision, row.start_precision),
    n.end = coalesce(n.end, row.end),
    n.end_precision = coalesce(n.end_precision, row.end_precision),
    n.website = coalesce(n.website, row.website),
    n.description = coalesce(n.description, row.description),
    <MEASURES>,
    <NODE_CERTAINTY>,
    <ALIASES>,
    <NODE_PROVENANCE>
SET <ALIAS_TEXT>
WITH n, row
<SECTORS>
<MENTIONS>
""")

MEMBERSHIPS_QUERY = _cypher("""
UNWIND $rows AS row
MATCH (a:Actor {id: row.actor}), (p:Partnership {id: row.partnership})
MERGE (a)-[r:MEMBER_OF]->(p)
SET r.role = CASE WHEN r.role IS NULL OR $precedence[row.role] < $precedence[r.role]
                  THEN row.role ELSE r.role END,
    <REL_CERTAINTY>,
    <REL_PROVENANCE>
""")

TARGET_COUNTRIES_QUERY = _cypher("""
UNWIND $rows AS row
MATCH (p:Partnership {id: row.partnership}), (c:Country {code: row.country})
MERGE (p)-[r:TARGETS_COUNTRY]->(c)
SET r.status = row.status, r.score = row.score, r.rank = row.rank, r.region = row.region,
    <SCORE>,
    <REL_CERTAINTY>,
    <REL_PROVENANCE>
""")

TARGETS_QUERY = _cypher("""
UNWIND $rows AS row
MATCH (p:Partnership {id: row.partnership}), (a:Actor {id: row.actor})
MERGE (p)-[r:TARGETS_ACTOR]->(a)
SET r.status = row.status, r.score = row.score, r.rank = row.rank,
    <SCORE>,
    <REL_CERTAINTY>,
    <REL_PROVENANCE>
""")

AGREEMENTS_QUERY = _cypher("""
UNWIND $rows AS row
MERGE (n:Agreement {id: row.id})
SET n.kind = row.kind, n.status = row.status,
    n.title = coalesce(row.title, n.title),
    n.name = coalesce(row.title, n.title, n.name),
    n.date = row.date, n.date_precision = row.date_precision,
    n.valid_until = row.valid_until, n.valid_until_precision = row.valid_until_precision,
    n.history = <HISTORY>,
    n.in_force_from = row.in_force_from, n.in_force_until = row.in_force_until,
    n.description = coalesce(n.description, row.description),
    <NODE_CERTAINTY>,
    <NODE_PROVENANCE>
WITH n, row
CALL (n, row) {
  UNWIND row.parties AS pid
  MATCH (a:Actor {id: pid})
  MERGE (a)-[r:PARTY_TO]->(n)
  SET <REL_SOURCES>
}
CALL (n, row) {
  UNWIND row.parties_partnerships AS pid
  MATCH (a:Partnership {id: pid})
  MERGE (a)-[r:PARTY_TO]->(n)
  SET <REL_SOURCES>
}
CALL (n, row) {
  UNWIND row.signatories AS aid
  MATCH (a:Actor {id: aid})
  MERGE (a)-[r:SIGNED_FOR]->(n)
  SET <REL_SOURCES>
}
CALL (n, row) {
  WITH n, row WHERE row.partnership IS NOT NULL
  MATCH (p:Partnership {id: row.partnership})
  MERGE (n)-[r:ON_BEHALF_OF]->(p)
  SET <REL_SOURCES>
}
<SECTORS>
<MENTIONS>
""")

# Agreements without a title get a readable name from their parties once all are linked, in
# the order the record lists them (then by name): the order relationships are stored in is not
# stable, and the same load must always give the same name.
AGREEMENT_NAMES_QUERY = """
UNWIND $rows AS row
MATCH (n:Agreement {id: row.id}) WHERE n.title IS NULL
WITH n, row.parties_order AS order, COLLECT {
  MATCH (a:Actor|Partnership)-[:PARTY_TO]->(n)
  WITH a, CASE WHEN a:Partnership THEN 'partnership:' + a.id ELSE a.id END AS ref
  WITH a, [i IN range(0, size(row.parties_order) - 1) WHERE row.parties_order[i] = ref] AS at
  RETURN CASE WHEN a:Partnership THEN split(a.name, ' - ')[0] ELSE a.name END AS name
  ORDER BY coalesce(at[0], size(row.parties_order)), name
} AS parties
SET n.name = $kind_names[n.kind] + ' ' + reduce(s = '', x IN parties |
    s + CASE WHEN s = '' THEN '' ELSE ' – ' END + x)
"""

EVENTS_QUERY = _cypher("""
UNWIND $rows AS row
MERGE (n:Event {id: row.id})
SET n.name = row.name, n.kind = row.kind,
    n.status = CASE WHEN n.status IS NULL OR $status_rank[row.status] > $status_rank[n.status]
                    THEN row.status ELSE n.status END,
    n.date = row.date, n.date_precision = row.date_precision,
    n.end_date = row.end_date, n.end_date_precision = row.end_date_precision,
    n.city = coalesce(row.city, n.city), n.country = coalesce(row.country, n.country),
    n.region = coalesce(row.region, n.region),
    n.description = coalesce(n.description, row.description),
    <MEASURES>,
    <NODE_CERTAINTY>,
    <NODE_PROVENANCE>
WITH n, row
CALL (n, row) {
  UNWIND row.organisers_partnerships AS pid
  MATCH (a:Partnership {id: pid})
  MERGE (a)-[r:ORGANISED]->(n)
  SET <REL_SOURCES>
}
CALL (n, row) {
  UNWIND row.participants_partnerships AS pid
  MATCH (a:Partnership {id: pid})
  MERGE (a)-[r:PARTICIPATED_IN]->(n)
  SET <REL_SOURCES>
}
CALL (n, row) {
  WITH n, row WHERE row.region IS NOT NULL
  MATCH (g:Region {id: row.region})
  MERGE (n)-[:IN_REGION]->(g)
}
CALL (n, row) {
  UNWIND row.organisers AS aid
  MATCH (a:Actor {id: aid})
  MERGE (a)-[r:ORGANISED]->(n)
  SET <REL_SOURCES>
}
CALL (n, row) {
  UNWIND row.participants AS aid
  MATCH (a:Actor {id: aid})
  MERGE (a)-[r:PARTICIPATED_IN]->(n)
  SET <REL_SOURCES>
}
CALL (n, row) {
  WITH n, row WHERE row.partnership IS NOT NULL
  MATCH (p:Partnership {id: row.partnership})
  MERGE (n)-[r:PART_OF]->(p)
  SET <REL_SOURCES>
}
<COUNTRY>
<SECTORS>
<MENTIONS>
""")

REGIONS_QUERY = _cypher("""
UNWIND $rows AS row
MERGE (n:Region {id: row.id})
ON CREATE SET n.name = row.name
SET n.kind = row.kind,
    <ALIASES>,
    <NODE_PROVENANCE>
SET <ALIAS_TEXT>
WITH n, row
CALL (n, row) {
  UNWIND row.countries AS code
  MATCH (c:Country {code: code})
  FOREACH (_ IN CASE WHEN row.kind = 'subnational' THEN [1] ELSE [] END |
    MERGE (n)-[:REGION_OF]->(c))
  FOREACH (_ IN CASE WHEN row.kind = 'supranational' THEN [1] ELSE [] END |
    MERGE (c)-[:IN_REGION]->(n))
}
<MENTIONS>
""")

# Relationship types from the allow-list, one statement each.
RELATED_QUERIES = {
    rel: _cypher(f"""
UNWIND $rows AS row
WITH row WHERE row.relation = '{rel.lower()}'
MATCH (a:Partnership {{id: row.from}}), (b:Partnership {{id: row.to}})
WHERE a <> b
MERGE (a)-[r:{rel}]->(b)
SET <REL_CERTAINTY>,
    <REL_PROVENANCE>
""")
    for rel in (Rel.SUCCEEDS, Rel.COOPERATES_WITH)
}

SUPPORT_QUERIES = {
    (label, rel): _cypher(f"""
UNWIND $rows AS row
WITH row WHERE row.section = '{section}' AND row.relation = '{rel.lower()}'
MATCH (n:{label} {{id: row.owner}}), (a:Actor {{id: row.actor}})
MERGE (n)-[r:{rel}]->(a)
SET <REL_CERTAINTY>,
    <REL_PROVENANCE>,
    r.period_from = coalesce(row.period_from, r.period_from),
    r.period_to = coalesce(row.period_to, r.period_to)
""")
    for section, label in (
        ("actors", Label.ACTOR),
        ("partnerships", Label.PARTNERSHIP),
        ("agreements", Label.AGREEMENT),
        ("events", Label.EVENT),
    )
    for rel in (Rel.FUNDED_BY, Rel.SUPPORTED_BY)
}


# (section, query, extra parameters) in dependency order. The REFRESH_ steps keep the evidence's
# derived `actor_countries` (graph/schema/derived.py) true to what the section just wrote.
STEPS: list[tuple[str, str, dict[str, Any]]] = [
    ("documents", DOCUMENTS_QUERY, {}),
    ("countries", COUNTRIES_QUERY, {}),
    ("sectors", SECTORS_QUERY, {}),
    ("regions", REGIONS_QUERY, {}),
    ("actors", ACTORS_QUERY, {}),
    ("actors", REFRESH_ACTORS_QUERY, {}),
    ("partnerships", PARTNERSHIPS_QUERY, {}),
    ("memberships", MEMBERSHIPS_QUERY, {"precedence": ROLE_RANKS}),
    ("memberships", REFRESH_MEMBERSHIPS_QUERY, {}),
    ("target_countries", TARGET_COUNTRIES_QUERY, {}),
    ("targets", TARGETS_QUERY, {}),
    ("agreements", AGREEMENTS_QUERY, {}),
    ("agreements", AGREEMENT_NAMES_QUERY, {"kind_names": AGREEMENT_KIND_NAMES}),
    ("agreements", REFRESH_AGREEMENTS_QUERY, {}),
    ("events", EVENTS_QUERY, {"status_rank": EVENT_STATUS_RANK}),
    ("events", REFRESH_EVENTS_QUERY, {}),
    *[("related", q, {}) for q in RELATED_QUERIES.values()],
    *[("support", q, {}) for q in SUPPORT_QUERIES.values()],
]


@dataclass
class WriteStats:
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    nodes_deleted: int = 0
    relationships_deleted: int = 0
    by_section: dict[str, int] = field(default_factory=dict)

    def add(self, section: str, counters: Any) -> None:
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.properties_set += counters.properties_set
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_deleted += counters.relationships_deleted
        self.by_section[section] = self.by_section.get(section, 0) + counters.nodes_created


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def batch_count(rows: dict[str, list[dict[str, Any]]], size: int) -> int:
    return sum(-(-len(rows.get(section, [])) // size) for section, _, _ in STEPS)


def write_plan(
    tx: Transaction,
    rows: dict[str, list[dict[str, Any]]],
    *,
    batch_size: int,
    reset: bool = False,
    progress: Callable[[int], None] | None = None,
) -> WriteStats:
    """Write every section in order; the caller commits or rolls back the transaction. The
    country-pair summary (graph/schema/derived.py) is locked first and built last."""
    stats = WriteStats()
    if reset:
        stats.add("reset", tx.run(RESET_QUERY).consume().counters)
    tx.run(SUMMARY_INVALIDATE_QUERY).consume()
    for section, query, params in STEPS:
        for batch in _batches(rows.get(section, []), batch_size):
            summary = tx.run(query, rows=batch, **params).consume()
            stats.add(section, summary.counters)
            if progress:
                progress(1)
    tx.run(SUMMARY_BUILD_QUERY).consume()
    return stats


async def write_plan_async(
    tx: AsyncManagedTransaction, rows: dict[str, list[dict[str, Any]]], *, batch_size: int
) -> WriteStats:
    """`write_plan` for the API's async driver: the same steps and Cypher, in the caller's tx;
    the country-pair summary is removed, not rebuilt (a whole-graph count for one record)."""
    stats = WriteStats()
    for section, query, params in STEPS:
        for batch in _batches(rows.get(section, []), batch_size):
            result = await tx.run(query, rows=batch, **params)
            stats.add(section, (await result.consume()).counters)
    await (await tx.run(SUMMARY_INVALIDATE_QUERY)).consume()
    return stats


# One query (one plan to compile, one round trip); the labels come from the allow-list only.
LABEL_COUNTS_QUERY = "RETURN " + ", ".join(
    [f"COUNT {{ (:{label.value}) }} AS {label.value}" for label in Label]
    + ["COUNT { ()-[]->() } AS relationships"]
)


# The label of the nodes each section's statements create (the others create none).
SECTION_LABELS = {
    "documents": Label.DOCUMENT,
    "countries": Label.COUNTRY,
    "sectors": Label.SECTOR,
    "actors": Label.ACTOR,
    "partnerships": Label.PARTNERSHIP,
    "agreements": Label.AGREEMENT,
    "events": Label.EVENT,
    "regions": Label.REGION,
}


def counts_after(before: dict[str, int], stats: WriteStats, *, reset: bool) -> dict[str, int]:
    """The counts once `stats` were written over `before`, without asking the database: counting
    inside a large transaction reads its whole uncommitted state (4 s at 20 times ECCP's size)."""
    start = dict.fromkeys(before, 0) if reset else dict(before)
    for section, created in stats.by_section.items():
        if section in SECTION_LABELS:
            start[SECTION_LABELS[section].value] += created
    rels = stats.relationships_created - (0 if reset else stats.relationships_deleted)
    start["relationships"] += rels
    return start


def label_counts(tx: Transaction) -> dict[str, int]:
    counts = dict(tx.run(LABEL_COUNTS_QUERY).single(strict=True))
    counts.pop(Label.SCHEMA_INFO.value)
    return counts
