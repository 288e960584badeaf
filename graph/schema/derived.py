"""Derived data kept beside the facts: each evidence node's `actor_countries`.

An agreement, a partnership or an event stores the sorted, distinct countries of the actors
linked to it by a cooperation relationship (`PARTY_TO`, `MEMBER_OF`, `ORGANISED`,
`PARTICIPATED_IN`); nothing when none of them has a country. The maps that count cooperation
between countries (the overview by country, the geographic map) read this list instead of
expanding every actor of a 200,000-actor graph (docs/schema.md, "Derived data").

Whatever writes those relationships or an actor's country refreshes the lists it touched, in
the same transaction: the loaders' writer (files and the API's POST routes), the API's DELETE
of an actor, and the schema migration to version 3 (every list, e.g. after a restore).
"""

from graph.schema.model import COOPERATION_LINKS, DEFAULT_LINKS, Label

ACTOR_COUNTRIES = "actor_countries"
# The evidence labels whose lists are kept, by kind of cooperation link; the relationship types
# of DEFAULT_LINKS reach each label from actors only through its own kind (schema: PARTY_TO ->
# Agreement, MEMBER_OF -> Partnership, ORGANISED / PARTICIPATED_IN -> Event).
EVIDENCE_LABELS: dict[str, Label] = {
    "agreement": Label.AGREEMENT,
    "membership": Label.PARTNERSHIP,
    "event": Label.EVENT,
}
ACTOR_LINKS = "|".join(rel.value for kind in DEFAULT_LINKS for rel in COOPERATION_LINKS[kind])
_EVIDENCE = " OR ".join(f"e:{label.value}" for label in EVIDENCE_LABELS.values())

# `e` (an evidence node, one row each) gets its list; an empty list is not stored.
_SET = f"""
WITH e, COLLECT {{
  MATCH (a:Actor)-[:{ACTOR_LINKS}]->(e) WHERE a.country IS NOT NULL
  RETURN DISTINCT a.country AS code ORDER BY code
}} AS codes
SET e.{ACTOR_COUNTRIES} = CASE WHEN size(codes) = 0 THEN null ELSE codes END
"""

# Loader steps (`UNWIND $rows`): the evidence written by a section's rows ...
REFRESH_AGREEMENTS_QUERY = (
    "UNWIND $rows AS row MATCH (e:Agreement {id: row.id}) WITH DISTINCT e" + _SET
)
REFRESH_EVENTS_QUERY = "UNWIND $rows AS row MATCH (e:Event {id: row.id}) WITH DISTINCT e" + _SET
REFRESH_MEMBERSHIPS_QUERY = (
    "UNWIND $rows AS row MATCH (e:Partnership {id: row.partnership}) WITH DISTINCT e" + _SET
)
# ... and the evidence already linked to the actors a section writes (their country may change;
# a new actor has none yet, so a first load pays nothing here).
REFRESH_ACTORS_QUERY = (
    f"UNWIND $rows AS row MATCH (:Actor {{id: row.id}})-[:{ACTOR_LINKS}]->(e) WHERE {_EVIDENCE} "
    "WITH DISTINCT e" + _SET
)
# Evidence by element id, in the transaction that changed its actors (DELETE /actors/{id}).
EVIDENCE_OF_ACTOR_QUERY = (
    f"MATCH (:Actor {{id: $id}})-[:{ACTOR_LINKS}]->(e) WHERE {_EVIDENCE} "
    "RETURN collect(DISTINCT elementId(e)) AS ids"
)
REFRESH_ELEMENTS_QUERY = "UNWIND $ids AS id MATCH (e) WHERE elementId(e) = id" + _SET
# Every list, in transactions of 10,000 nodes (an auto-commit statement: schema migrations).
REFRESH_ALL_QUERY = (
    f"MATCH (e) WHERE {_EVIDENCE} CALL (e) {{" + _SET + "} IN TRANSACTIONS OF 10000 ROWS"
)
