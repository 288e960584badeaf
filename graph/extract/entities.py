"""Resolve every name in the report: known entities by id, new ones with proposed ids.

Pass 1 turns the organisation candidates (patterns, table rows) into known entities (exact or
fuzzy) or new ones; pass 2 finds every mention of known and new names on every line.
"""

import re
from dataclasses import dataclass

from graph.extract.known import KnownEntities
from graph.extract.lists import item_candidate
from graph.extract.mentions import NameIndex
from graph.extract.names import Candidate, head_kind, plausible
from graph.extract.organisations import find_candidates
from graph.extract.places import country_in, country_names
from graph.extract.readers import Document, Line
from graph.extract.records import Draft, Entity, Ref
from graph.extract.tables import document_tables
from graph.extract.text import basis, sentence_at, slug, unique_id
from graph.schema.names import normalise

GENERIC_HEADS = {
    "consortium",
    "cluster",
    "partnership",
    "project",
    "network",
    "cosme",
    "initiative",
    "delegation",
    "members",
    "partners",
    "and",
    "smes",
}


@dataclass
class Hit:
    start: int
    end: int
    type: str  # actor | partnership | country
    id: str


def _table_candidates(doc: Document) -> list[Candidate]:
    found = []
    countries = country_names()
    for table in document_tables(doc):
        for line, cells in table.rows:
            for i, cell in enumerate(cells[1:], start=1):
                if table.column_header(i) and re.search(r"partner|name", table.column_header(i)):
                    for item in re.split(r",\s*", cell):
                        c = item_candidate(line, line.text, line.text.find(cell), item, "list-item")
                        if c:
                            found.append(c)
        if not table.lists_names:
            continue
        for line, cells in table.rows:
            name = cells[0].split(" (")[0].strip() if cells[0].count("(") else cells[0]
            if not name or len(name.split()) > 8 or not name[0].isalpha():
                continue
            if normalise(name) in countries or re.search(
                r"overview|total|number|table|scoring", name, re.I
            ):
                continue
            kind = head_kind(name)
            type_, k = kind if kind else ("actor", "cluster")
            if not plausible(name):
                continue
            start = line.text.find(name)
            country = country_in(" ".join(cells[:3]))
            found.append(
                Candidate(
                    line,
                    start,
                    start + len(name),
                    name,
                    type_,
                    k,
                    country=country,
                    how="table-row",
                    confidence=0.65,
                )
            )
    return found


def _description_cells(doc: Document) -> dict[int, list[tuple[int, int]]]:
    """Where each table row's "Description" cell is: the phrases there describe the row's
    organisation ("Automotive Association in Detroit"), they are no organisations."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for table in document_tables(doc):
        col = table.column("description")
        if col is None:
            continue
        for line, cells in table.rows:
            if col < len(cells) and cells[col]:
                start = line.text.find(cells[col])
                spans.setdefault(id(line), []).append((start, start + len(cells[col])))
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)


def resolve(doc: Document, known: KnownEntities) -> tuple[Draft, dict[int, list[Hit]]]:
    draft = Draft()
    # a proposed id never reuses a known one: loading the draft must not merge a new
    # organisation into another that happens to have the same slug
    draft.taken |= {ident for (_, ident) in known.entities}
    index = NameIndex(known)
    new_by_key: dict[tuple[str, str], Entity] = {}
    described = _description_cells(doc)
    candidates = [
        c
        for line in doc.lines
        for c in find_candidates(line)
        if not (c.how == "name" and _inside(described.get(id(line), []), c.start))
    ]
    candidates += _table_candidates(doc)
    with_candidates = {id(c.line): c.line for c in candidates}
    exact = {key: index.find(line) for key, line in with_candidates.items()}
    titles: list[Candidate] = []
    for c in candidates:
        if c.how == "title" and c.name.isupper() and " " not in c.name:
            near = [t for t in titles if 0 < c.line.number - t.line.number <= 3]
            if near and not near[-1].alias:
                near[-1].alias = c.name  # "Project title: X" then "Acronym: Y"
                entity = draft.entity("partnership", slug(near[-1].name))
                if entity is not None:
                    entity.aliases.append(c.name)
                    index.add(c.name, "partnership", entity.id)
                continue
        if c.how == "title":
            titles.append(c)
        bare = " ".join(w for w in normalise(c.name).split() if w not in GENERIC_HEADS)
        if bare != normalise(c.name) and bare in index.keys:
            continue  # "WIINTECH Consortium", "ELCA COSME consortium": a known name + a head
        if any(
            m.start < c.end and c.start < m.end and m.type != "country" for m in exact[id(c.line)]
        ):
            continue
        matches, score = index.fuzzy(c.name)
        if not matches and c.alias:
            matches, score = index.fuzzy(c.alias)
            if score < 100:  # an alias alone resolves only when it is exact
                matches, score = [], 0.0
        matches = [h for h in matches if h[0] != "country"]
        ids = sorted({i for t, i in matches if t == c.type} or {i for _, i in matches})
        if len(ids) > 1:
            draft.refs.append(Ref(c.line, c.start, c.end, c.name, "ambiguous", "ambiguous", ids))
            continue
        if ids:
            if score < 100:  # fuzzy: teach the index this spelling
                type_ = next(t for t, i in matches if i == ids[0])
                index.add(c.name, type_, ids[0])
            continue
        _new_entity(draft, index, new_by_key, c)
    index.max_words = max(index.max_words, 14)
    hits_by_line: dict[int, list[Hit]] = {}
    for n, line in enumerate(doc.lines):
        hits: list[Hit] = []
        for m in index.find(line):
            if not m.ids:
                continue
            if len(m.ids) > 1:
                draft.refs.append(
                    Ref(line, m.start, m.end, m.text, "ambiguous", "ambiguous", m.ids)
                )
                continue
            ident = m.ids[0]
            if m.type != "country":
                entity = draft.entity(m.type, ident) or _known_entity(draft, known, m.type, ident)
                if entity is None:
                    continue
                _seen(entity, line, m.start)
                record = f"{m.type}s/{ident}"
                status = "resolved" if entity.known else "new"
            else:
                record, status = f"countries/{ident}", "resolved"
            draft.refs.append(Ref(line, m.start, m.end, m.text, record, status))
            hits.append(Hit(m.start, m.end, m.type, ident))
        hits_by_line[n] = hits
    return draft, hits_by_line


def _seen(entity: Entity, line: Line, offset: int) -> None:
    if not entity.lines:
        s, e = sentence_at(line.text, offset)
        entity.basis = basis(line.text[s:e])
    if line not in entity.lines:
        entity.lines.append(line)


def _known_entity(draft: Draft, known: KnownEntities, type_: str, ident: str) -> Entity | None:
    k = known.get(type_, ident)
    if k is None:
        return None
    entity = Entity(ident, type_, k.name, True, k.kind or "other", k.country, confidence=0.95)
    draft.entities[(type_, ident)] = entity
    return entity


def _new_entity(
    draft: Draft, index: NameIndex, by_key: dict[tuple[str, str], Entity], c: Candidate
) -> None:
    keys = [(c.type, normalise(c.name))] + ([(c.type, normalise(c.alias))] if c.alias else [])
    for key in keys:
        if key in by_key:
            entity = by_key[key]
            if c.alias and c.alias not in entity.aliases and c.alias != entity.name:
                entity.aliases.append(c.alias)
                index.add(c.alias, entity.type, entity.id)
            entity.country = entity.country or c.country
            return
    short = c.alias if c.alias and len(c.alias) <= 10 and " " not in c.alias else c.name
    ident = unique_id(slug(short), draft.taken)
    entity = Entity(
        ident,
        c.type,
        c.name,
        False,
        c.kind,
        c.country if c.type == "actor" else None,
        [c.alias] if c.alias else [],
        confidence=c.confidence,
    )
    draft.entities[(c.type, ident)] = entity
    _seen(entity, c.line, c.start)
    for name in [c.name, *entity.aliases]:
        index.add(name, c.type, ident)
        by_key[(c.type, normalise(name))] = entity
