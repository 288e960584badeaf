"""Applying the schema (constraints, indexes, version) idempotently."""

from neo4j import ManagedTransaction, Session

from graph.schema.model import ENTITY_KEYS, Label

SCHEMA_VERSION = 1
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


def apply_schema(session: Session) -> int:
    """Create missing constraints and indexes, wait for them to come online, record the version."""
    for statement in CONSTRAINTS + INDEXES:
        session.run(statement).consume()
    session.run("CALL db.awaitIndexes(300)").consume()
    session.execute_write(_record_version)
    return SCHEMA_VERSION
