"""Applying the schema (constraints, indexes, version) idempotently."""

from neo4j import ManagedTransaction, Session

from graph.schema.derived import REFRESH_ALL_QUERY, SUMMARY_INVALIDATE_QUERY
from graph.schema.model import ENTITY_KEYS, Label

SCHEMA_VERSION = 3
FULLTEXT_INDEX = "entity_names"
# Empties the graph (a reset load, a restore) but keeps the schema's own record.
RESET_QUERY = "MATCH (n) WHERE NOT n:SchemaInfo DETACH DELETE n"

# Names are fixed strings built from the allow-listed enums above, never from input.
CONSTRAINTS = [
    f"CREATE CONSTRAINT {label.value.lower()}_{key}_unique IF NOT EXISTS "
    f"FOR (n:{label.value}) REQUIRE n.{key} IS UNIQUE"
    for label, key in ENTITY_KEYS.items()
] + [
    "CREATE CONSTRAINT schemainfo_id_unique IF NOT EXISTS "
    "FOR (n:SchemaInfo) REQUIRE n.id IS UNIQUE",
]

INDEXES = [
    "CREATE INDEX actor_country IF NOT EXISTS FOR (n:Actor) ON (n.country)",
    "CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind)",
    "CREATE INDEX actor_name_key IF NOT EXISTS FOR (n:Actor) ON (n.name_key)",
    "CREATE INDEX agreement_kind IF NOT EXISTS FOR (n:Agreement) ON (n.kind)",
    "CREATE INDEX agreement_status IF NOT EXISTS FOR (n:Agreement) ON (n.status)",
    "CREATE INDEX agreement_date IF NOT EXISTS FOR (n:Agreement) ON (n.date)",
    "CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)",
    "CREATE INDEX event_kind IF NOT EXISTS FOR (n:Event) ON (n.kind)",
    "CREATE INDEX event_status IF NOT EXISTS FOR (n:Event) ON (n.status)",
    "CREATE INDEX partnership_kind IF NOT EXISTS FOR (n:Partnership) ON (n.kind)",
    # Full-text search over names and aliases; ASCII folding makes it accent-insensitive.
    f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
    "FOR (n:Actor|Partnership|Agreement|Event|Country|Sector) ON EACH [n.name, n.alias_text] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', "
    "`fulltext.eventually_consistent`: false}}",
]

_RECORD_VERSION_QUERY = """
MERGE (s:SchemaInfo {id: 'clustergraph'})
SET s.version = $version, s.labels = $labels
"""


def _record_version(tx: ManagedTransaction) -> None:
    tx.run(
        _RECORD_VERSION_QUERY, version=SCHEMA_VERSION, labels=[label.value for label in Label]
    ).consume()


# Upgrades of a database written by an earlier version, by the version that needs them; each is
# idempotent. Version 2 (issue 13): events without a status say `unknown`; documents get a
# readable `name` and countries an `id` (their code), as every other node has; empty lists are
# not stored (Neo4j Browser shows `[]` as if it were a fact), nor an empty `alias_text`.
MIGRATIONS: dict[int, list[str]] = {
    2: [
        "MATCH (n:Event) WHERE n.status IS NULL SET n.status = 'unknown'",
        "MATCH (d:Document) WHERE d.name IS NULL SET d.name = coalesce(d.title, d.id)",
        "MATCH (c:Country) WHERE c.id IS NULL SET c.id = c.code",
        # The bundled data's corrections that remove facts (a load only adds): the ELCA SME
        # business agreements are between unnamed SMEs, not the five partners; ELBE Plus is its
        # own partnership; "European Lightweight Cluster Alliance" names the separate alliance.
        "MATCH (a:Actor)-[r:PARTY_TO]->(g:Agreement) "
        "WHERE g.id STARTS WITH 'business-elca-smes-' "
        "AND (a.certainty IS NULL OR a.certainty <> 'placeholder') DELETE r",
        "MATCH (p:Partnership {id: 'elbe'}) "
        "SET p.aliases = [a IN p.aliases WHERE a <> 'ELBE Plus'], "
        "p.alias_text = reduce(t = null, a IN [a IN p.aliases WHERE a <> 'ELBE Plus'] | "
        "coalesce(t + ' | ', '') + a)",
        # Ohio Polymer (WIINTECH) is PolymerOhio (ELCA): the load links everything to polymerohio.
        "MATCH (a:Actor {id: 'ohio-polymer'}) DETACH DELETE a",
        "MATCH (p:Partnership {id: 'elca'}) "
        "SET p.aliases = [a IN p.aliases WHERE a <> 'European Lightweight Cluster Alliance'], "
        "p.alias_text = reduce(t = null, a IN [a IN p.aliases "
        "WHERE a <> 'European Lightweight Cluster Alliance'] | coalesce(t + ' | ', '') + a)",
        # Last, after the statements above may have emptied a list.
        "MATCH (n) WHERE n.alias_text = '' SET n.alias_text = null",
        "MATCH (n) UNWIND [k IN keys(n) WHERE n[k] = []] AS k SET n[k] = null",
        "MATCH ()-[r]->() UNWIND [k IN keys(r) WHERE r[k] = []] AS k SET r[k] = null",
    ],
    # Version 3 (issues 12 and 13): what a database written by version 2 before the hygiene
    # above lacks (it is repeated here, idempotent), then every evidence node's derived
    # `actor_countries` (graph/schema/derived.py), which the maps by country read; last, after
    # any fact the statements before remove.
    3: [
        "MATCH (d:Document) WHERE d.name IS NULL SET d.name = coalesce(d.title, d.id)",
        "MATCH (c:Country) WHERE c.id IS NULL SET c.id = c.code",
        "MATCH (n) WHERE n.aliases IS NOT NULL "
        "SET n.alias_text = reduce(t = null, a IN n.aliases | coalesce(t + ' | ', '') + a)",
        "MATCH (n) WHERE n.alias_text = '' SET n.alias_text = null",
        "MATCH (n) UNWIND [k IN keys(n) WHERE n[k] = []] AS k SET n[k] = null",
        "MATCH ()-[r]->() UNWIND [k IN keys(r) WHERE r[k] = []] AS k SET r[k] = null",
        REFRESH_ALL_QUERY,
        SUMMARY_INVALIDATE_QUERY,
    ],
}
_STORED_VERSION_QUERY = "OPTIONAL MATCH (s:SchemaInfo {id: 'clustergraph'}) RETURN s.version AS v"


def migrate(session: Session, stored: int | None = None) -> None:
    """Upgrade data written by schema version `stored` (default: the version the database
    records). Every statement is idempotent and safe on current data, so a restored backup
    (which carries no version) is upgraded with `stored=1`."""
    if stored is None:
        stored = session.run(_STORED_VERSION_QUERY).single(strict=True)["v"] or SCHEMA_VERSION
    for version in sorted(MIGRATIONS):
        if stored < version <= SCHEMA_VERSION:
            for statement in MIGRATIONS[version]:
                session.run(statement).consume()


def apply_schema(session: Session) -> int:
    """Create missing constraints and indexes, wait for them to come online, record the version."""
    for statement in CONSTRAINTS + INDEXES:
        session.run(statement).consume()
    session.run("CALL db.awaitIndexes(300)").consume()
    migrate(session)
    session.execute_write(_record_version)
    return SCHEMA_VERSION
