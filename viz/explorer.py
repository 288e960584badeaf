"""The explorer: one self-contained HTML page (no external assets) over the query API.

Search with suggestions (`search`), an entity's profile (`actors/{id}`, ...) with its map in a
frame, a path finder (`maps/path`, `paths`); a click on a map node opens that entity (the map
page posts a message to its parent). Every URL it uses is relative, so the page also works when
the API is served under a path prefix.
"""

from collections.abc import Sequence

from viz.render import TEMPLATE_ENV

TYPES = ("actor", "partnership", "agreement", "event", "country", "sector")
API_LINKS = (
    ("openapi.json", "OpenAPI (JSON)"),
    ("docs", "API docs (Swagger UI, needs network)"),
    ("health", "health"),
    ("stats", "stats"),
    ("analytics/brokers", "brokers"),
    ("analytics/communities", "communities"),
    ("partnerships", "partnerships"),
    ("agreements", "agreements"),
    ("timeline", "timeline"),
)


def render_explorer(
    *,
    link_kinds: Sequence[str],
    default_links: Sequence[str],
    max_depth: int = 3,
    max_hops: int = 6,
    max_paths: int = 10,
    title: str = "clustergraph explorer",
) -> str:
    return TEMPLATE_ENV.get_template("explorer.html").render(
        title=title,
        types=TYPES,
        link_kinds=list(link_kinds),
        default_links=list(default_links),
        max_depth=max_depth,
        max_hops=max_hops,
        max_paths=max_paths,
        api_links=API_LINKS,
    )
