"""Kinds of cooperation link asked for in `via`, and the relationship types they allow.

The relationship types written into Cypher come only from `COOPERATION_LINKS` (the schema's
allow-list), never from request text.
"""

from collections.abc import Sequence

from clustergraph.errors import InvalidRequestError
from graph.schema import COOPERATION_LINKS, DEFAULT_LINKS


def parse_via(via: str | Sequence[str] | None) -> tuple[str, ...]:
    """'agreement,event' (or a list) -> link kinds in allow-list order; the default if empty."""
    parts = via.split(",") if isinstance(via, str) else via or []
    names = {p.strip() for p in parts if p.strip()}
    unknown = sorted(names - COOPERATION_LINKS.keys())
    if unknown:
        raise InvalidRequestError(
            f"Unknown link kind(s) in via: {', '.join(unknown)}; use a comma-separated list "
            f"of {', '.join(COOPERATION_LINKS)}."
        )
    return tuple(name for name in COOPERATION_LINKS if name in names) or DEFAULT_LINKS


def rel_pattern(links: Sequence[str]) -> str:
    """'PARTY_TO|MEMBER_OF|...' for the given link kinds (enum values only)."""
    types = dict.fromkeys(rel.value for name in links for rel in COOPERATION_LINKS[name])
    return "|".join(types)
