"""Derived data kept beside the facts: each evidence node's `actor_countries`, and the pairs of
countries counted from them (the country-pair summary).

An agreement, a partnership or an event stores the sorted, distinct countries of the actors
linked to it by a cooperation relationship (`PARTY_TO`, `MEMBER_OF`, `ORGANISED`,
`PARTICIPATED_IN`); nothing when none of them has a country. The maps that count cooperation
between countries (the overview by country, the geographic map) read this list instead of
expanding every actor of a 200,000-actor graph (docs/schema.md, "Derived data").

Whatever writes those relationships or an actor's country refreshes the lists it touched, in
the same transaction: the loaders' writer (files and the API's POST routes), the API's DELETE
of an actor, and the schema migration to version 3 (every list, e.g. after a restore).

The summary, `(:SchemaInfo {id: 'country-pairs'}).pairs` ("x|y|kind|n", sorted; kind `actors`
with x = y: a country's actors), is what the unfiltered overview by country reads. It is built at
the end of every load, in the load's transaction, from the lists; any other write removes it (not
patched) in its own transaction (API POST and DELETE, a restore, the migration): the maps then
count from the lists until the next load. The summary node is locked (`MERGE`) by a load before
it writes anything and by the other writes, so a summary is never built from a state another
write is changing.
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

# Pairs x < y of countries sharing a fact, by kind, counted from the lists ...
KIND = (
    "CASE WHEN e:Agreement THEN 'agreements' WHEN e:Partnership THEN 'memberships' "
    "ELSE 'events' END"
)
LIST_PAIRS = f"""
MATCH (e:Agreement|Partnership|Event) WHERE size(e.{ACTOR_COUNTRIES}) > 1
WITH {KIND} AS kind, e.{ACTOR_COUNTRIES} AS cs
UNWIND range(0, size(cs) - 2) AS i
UNWIND range(i + 1, size(cs) - 1) AS j
RETURN cs[i] AS x, cs[j] AS y, kind, count(*) AS n
"""
# ... and partnership members' countries -> the countries the partnership targets.
LIST_TARGETS = f"""
MATCH (p:Partnership)-[:TARGETS_COUNTRY]->(c:Country)
UNWIND coalesce(p.{ACTOR_COUNTRIES}, []) AS x
WITH DISTINCT p, x, c.code AS y WHERE x <> y
RETURN x, y, 'targets' AS kind, count(*) AS n
"""
# ... and each country's actors ("FR|FR|actors|n"), as the overview's country nodes count them.
COUNTRY_ACTORS = """
MATCH (c:Country)
RETURN c.code AS x, c.code AS y, 'actors' AS kind, COUNT { (a:Actor)-[:LOCATED_IN]->(c) } AS n
"""
PAIRS_ID = "country-pairs"
# Taken first by a load, by every other write last (MERGE: also when the node is being created).
SUMMARY_INVALIDATE_QUERY = f"MERGE (s:SchemaInfo {{id: '{PAIRS_ID}'}}) REMOVE s.pairs"
SUMMARY_BUILD_QUERY = f"""
MERGE (s:SchemaInfo {{id: '{PAIRS_ID}'}})
SET s.pairs = COLLECT {{
  CALL () {{ {LIST_PAIRS} UNION ALL {LIST_TARGETS} UNION ALL {COUNTRY_ACTORS} }}
  RETURN x + '|' + y + '|' + kind + '|' + toString(n) AS row ORDER BY row
}}
"""
SUMMARY_QUERY = f"MATCH (s:SchemaInfo {{id: '{PAIRS_ID}'}}) RETURN s.pairs AS pairs"
