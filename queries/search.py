"""Fuzzy search over names and aliases: the full-text index, then an exact-name boost.

The user's text never reaches Cypher: it becomes a Lucene query string (every special character
escaped) that is passed as a parameter to `db.index.fulltext.queryNodes`.
"""

import re
from typing import Any

from neo4j import AsyncSession
from pydantic import BaseModel

from clustergraph.errors import InvalidRequestError
from graph.schema.apply import FULLTEXT_INDEX
from graph.schema.model import LABEL_TYPES, TYPE_LABELS
from graph.schema.names import normalise
from queries.common import Page, read

# Characters with a meaning in the Lucene classic query syntax (`&&`/`||` are made of `&`, `|`).
LUCENE_SPECIAL = frozenset('+-&|!(){}[]^"~*?:\\/')
# The `standard-folding` analyzer drops these (Lucene's English stop words): a query term that is
# one of them can match nothing, so it must not be required.
STOP_WORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
        "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
        "these", "they", "this", "to", "was", "will", "with",
    }
)  # fmt: skip
EXACT_BOOST = 10.0  # added to the Lucene score of an exact (normalised) name or alias match
CANDIDATES = 500  # index hits re-ranked per search; `total` counts at most this many


class SearchHitPublic(BaseModel):
    """One search result: what it is, where it is, how well it matches (higher is better)."""

    id: str
    name: str
    type: str
    country: str | None
    score: float
    exact: bool  # the query equals the name, an alias or the id, ignoring case and accents


def escape_lucene(text: str) -> str:
    """Escape every Lucene special character, so user text is only ever literal terms."""
    return "".join("\\" + c if c in LUCENE_SPECIAL else c for c in text)


def _term_clauses(chunk: str) -> tuple[list[str], bool]:
    """Exact, prefix and fuzzy clauses for one whitespace-separated chunk of the query."""
    parts = normalise(chunk).split()
    clauses = [f"{escape_lucene(chunk)}^3"]
    for part in parts:
        if len(parts) == 1 or (len(part) > 1 and part not in STOP_WORDS):
            clauses.append(f"{escape_lucene(part)}*^2")
        if len(part) >= 4:
            # One edit only: two (Lucene's default for long words) costs the index twice as much
            # per search, for typos that are rare in names.
            clauses.append(f"{escape_lucene(part)}~1")
    required = any(p not in STOP_WORDS for p in parts)
    return clauses, required


def lucene_query(text: str, *, require_all: bool = True) -> str:
    """The Lucene query for a user's text.

    Per term: the exact term (boost 3), the term as a prefix (boost 2) and, from 4 letters, the
    term with one edit allowed (a typo). With `require_all` every term that is not a stop
    word must match; the whole text as a phrase is an optional boost.
    """
    chunks = []
    # Prefix and fuzzy terms are not analysed by the query parser, so they are folded here.
    for raw in normalise(text, keep_punctuation=True).split():
        chunk = re.sub(r"^\W+|\W+$", "", raw)  # surrounding punctuation carries no meaning
        if normalise(chunk):
            chunks.append(chunk)
    if not chunks:
        raise InvalidRequestError(
            f"The search text {text!r} has no letters or digits; give part of a name."
        )
    groups = []
    for chunk in chunks:
        clauses, required = _term_clauses(chunk)
        prefix = "+" if require_all and required else ""
        groups.append(f"{prefix}({' OR '.join(clauses)})")
    words = normalise(" ".join(chunks))
    if " " in words:
        groups.append(f'"{escape_lucene(words)}"^4')
    return " ".join(groups)


# Labels and the type filter are parameters checked against the allow-list, never spliced in.
# Without a type or country filter the index itself stops at the `cap` best hits (it yields them
# best first); with a filter every hit is read, so that the filter keeps the best `cap` of its own.
# Ranking and paging happen here, so only one page of hits crosses the wire (streaming all the
# candidates to Python cost more than the index search itself). An exact match is the actor's
# normalised name key (accents and punctuation ignored), or a name, id or alias equal to one of
# the query's case-folded forms.
SEARCH_QUERY = """
CALL db.index.fulltext.queryNodes($index, $lucene, $options) YIELD node, score
WITH node, score, [l IN labels(node) WHERE l IN $labels][0] AS label
WHERE label IS NOT NULL AND ($label IS NULL OR label = $label)
WITH node, score, label,
     CASE label WHEN 'Country' THEN node.code ELSE node.country END AS country
WHERE $country IS NULL OR country = $country
LIMIT $cap
WITH node, score, label, country, coalesce(node.id, node.code) AS id,
     coalesce(node.name, node.title, node.id, node.code) AS name
WITH node, score, label, country, id, name,
     coalesce(node.name_key = $key, false) OR toLower(name) IN $exact OR toLower(id) IN $exact
     OR any(a IN coalesce(node.aliases, []) WHERE toLower(a) IN $exact) AS exact
WITH id, name, label, country, exact,
     score + CASE WHEN exact THEN $boost ELSE 0.0 END AS score
ORDER BY score DESC, toLower(name), id
WITH collect({id: id, name: name, label: label, country: country, exact: exact,
              score: score}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS page
"""


def _exact_forms(q: str) -> list[str]:
    """The query as case-folded text, with and without accents and punctuation."""
    text = " ".join(q.split()).casefold()
    return sorted({text, normalise(q, keep_punctuation=True), normalise(q)})


async def search(
    session: AsyncSession,
    q: str,
    *,
    type_: str | None = None,
    country: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Page[SearchHitPublic]:
    """Best matches first: exact name/alias/id matches, then by Lucene relevance."""
    if not normalise(q):
        # Nothing in it can match a name: no hits (the OpenAPI document admits any text, so
        # the server does too).
        return Page[SearchHitPublic](items=[], total=0, limit=limit, offset=offset)
    label = TYPE_LABELS[type_].value if type_ else None
    params: dict[str, Any] = {
        "index": FULLTEXT_INDEX,
        "labels": list(LABEL_TYPES),
        "label": label,
        "country": country.upper() if country else None,
        "cap": CANDIDATES,
        "options": {"limit": CANDIDATES} if label is None and country is None else {},
        "key": normalise(q),
        "exact": _exact_forms(q),
        "boost": EXACT_BOOST,
        "offset": offset,
        "limit": limit,
    }
    strict = lucene_query(q)
    records = await read(session, SEARCH_QUERY, lucene=strict, **params)
    if not records[0]["total"]:  # not every term matched: accept nodes that match any of them
        loose = lucene_query(q, require_all=False)
        if loose != strict:
            records = await read(session, SEARCH_QUERY, lucene=loose, **params)
    total, page = records[0]["total"], records[0]["page"]
    hits = [
        SearchHitPublic(
            id=h["id"],
            name=h["name"],
            type=LABEL_TYPES[h["label"]],
            country=h["country"],
            score=round(h["score"], 4),
            exact=h["exact"],
        )
        for h in page
    ]
    return Page[SearchHitPublic](items=hits, total=total, limit=limit, offset=offset)
