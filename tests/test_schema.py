from graph.schema import FULLTEXT_INDEX, SCHEMA_VERSION, apply_schema
from graph.schema.apply import CONSTRAINTS


def test_schema_applies_constraints_indexes_and_version_idempotently(clean_db, settings):
    with clean_db.session(database=settings.neo4j_database) as session:
        apply_schema(session)
        apply_schema(session)  # a second run changes nothing and does not fail
        names = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name")}
        indexes = {
            r["name"]: r for r in session.run("SHOW INDEXES YIELD name, type, state, options")
        }
        version = session.run(
            "MATCH (s:SchemaInfo {id: 'clustergraph'}) RETURN s.version AS v"
        ).single()["v"]
    assert len(CONSTRAINTS) == 9  # one per entity label (Region since version 2) + SchemaInfo
    for expected in (
        "actor_id_unique",
        "partnership_id_unique",
        "agreement_id_unique",
        "event_id_unique",
        "country_code_unique",
        "sector_id_unique",
        "document_id_unique",
    ):
        assert expected in names
    fulltext = indexes[FULLTEXT_INDEX]
    assert fulltext["type"] == "FULLTEXT"
    assert fulltext["state"] == "ONLINE"
    assert fulltext["options"]["indexConfig"]["fulltext.analyzer"] == "standard-folding"
    assert indexes["agreement_date"]["state"] == "ONLINE"
    assert version == SCHEMA_VERSION


def test_duplicate_ids_are_refused_by_the_database(clean_db, settings):
    import pytest
    from neo4j.exceptions import ConstraintError

    with clean_db.session(database=settings.neo4j_database) as session:
        apply_schema(session)
        session.run("CREATE (:Actor {id: 'x'})").consume()
        with pytest.raises(ConstraintError):
            session.run("CREATE (:Actor {id: 'x'})").consume()
