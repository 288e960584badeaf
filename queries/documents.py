"""Source documents and what each contributes to the graph."""

from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel

from clustergraph.errors import NotFoundError
from graph.schema.model import LABEL_TYPES, Label, Rel
from queries.common import Page, read

# Labels whose nodes are mentioned in documents, with the plural public name used as a key.
MENTION_LABELS: dict[str, str] = {
    label.value: LABEL_TYPES[label.value] + "s"
    for label in (Label.ACTOR, Label.PARTNERSHIP, Label.AGREEMENT, Label.EVENT)
}
# Relationship types that carry `sources` (provenance), from the allow-list.
SOURCED_RELS: list[str] = [
    r.value
    for r in Rel
    if r not in (Rel.LOCATED_IN, Rel.ACTIVE_IN, Rel.SUBSECTOR_OF, Rel.MENTIONED_IN)
]


class DocumentPublic(BaseModel):
    """A source document: `mentions` counts the actors, partnerships, agreements and events it
    mentions (MENTIONED_IN); `links` counts the relationships (memberships, targets, parties,
    ...) whose `sources` cite it."""

    id: str
    title: str | None = None
    file: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    mentions: dict[str, int]
    links: dict[str, int]


class MentionPublic(BaseModel):
    id: str
    name: str
    locators: list[str]


class DocumentDetailPublic(DocumentPublic):
    """A document with every entity it mentions, by type, and where in it."""

    entities: dict[str, list[MentionPublic]]


DOCUMENTS_QUERY = """
MATCH (d:Document)
WHERE $id IS NULL OR d.id = $id
OPTIONAL MATCH (n)-[m:MENTIONED_IN]->(d)
WITH d, [l IN labels(n) WHERE l IN $labels][0] AS label, n, m
ORDER BY toLower(coalesce(n.name, n.id))
WITH d, label, count(n) AS mentioned,
     collect(CASE WHEN $entities THEN {id: n.id, name: coalesce(n.name, n.id),
                                       locators: m.locators} END)[..$cap] AS entities
WITH d, collect({label: label, count: mentioned, entities: entities}) AS mentions
ORDER BY d.id
RETURN d {.id, .title, .file, .publisher, .url, date: d.date_text} AS document, mentions
"""

LINKS_QUERY = """
MATCH ()-[r]->()
WHERE type(r) IN $rels AND r.sources IS NOT NULL
UNWIND r.sources AS source
WITH DISTINCT r, split(source, '|')[0] AS doc
WHERE $id IS NULL OR doc = $id
RETURN doc, type(r) AS type, count(r) AS n
"""


async def _documents(
    session: AsyncSession, document_id: str | None, entities: bool
) -> list[dict[str, Any]]:
    rows = await read(
        session,
        DOCUMENTS_QUERY,
        id=document_id,
        labels=list(MENTION_LABELS),
        entities=entities,
        cap=1000,
    )
    links = await read(session, LINKS_QUERY, id=document_id, rels=SOURCED_RELS)
    by_doc: dict[str, dict[str, int]] = {}
    for row in links:
        by_doc.setdefault(row["doc"], {})[row["type"]] = row["n"]
    out = []
    for row in rows:
        doc = dict(row["document"])
        doc["mentions"] = {key: 0 for key in MENTION_LABELS.values()}
        doc["entities"] = {key: [] for key in MENTION_LABELS.values()}
        for m in row["mentions"]:
            if m["label"] is None:  # no mention at all, or a label outside the allow-list
                continue
            key = MENTION_LABELS[m["label"]]
            doc["mentions"][key] = m["count"]
            doc["entities"][key] = [MentionPublic(**e) for e in m["entities"] if e]
        doc["links"] = dict(sorted(by_doc.get(doc["id"], {}).items()))
        out.append(doc)
    return out


async def list_documents(
    session: AsyncSession, *, limit: int = 20, offset: int = 0
) -> Page[DocumentPublic]:
    docs = await _documents(session, None, entities=False)
    items = [
        DocumentPublic(**{k: v for k, v in d.items() if k != "entities"})
        for d in docs[offset : offset + limit]
    ]
    return Page[DocumentPublic](items=items, total=len(docs), limit=limit, offset=offset)


async def get_document(session: AsyncSession, document_id: str) -> DocumentDetailPublic:
    docs = await _documents(session, document_id, entities=True)
    if not docs:
        raise NotFoundError("document", document_id)
    return DocumentDetailPublic(**docs[0])


async def document_counts(session: AsyncSession) -> list[DocumentPublic]:
    """Per document counts, for GET /stats."""
    return [
        DocumentPublic(**{k: v for k, v in d.items() if k != "entities"})
        for d in await _documents(session, None, entities=False)
    ]
