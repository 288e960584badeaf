"""The geographic map as one offline HTML page: the server-rendered SVG inline, a few lines of
JavaScript for tooltips, hover highlighting and showing or hiding each kind of link, and
download links for the SVG, PNG and JSON forms. No external asset of any kind."""

from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from viz.geo import render_geo_svg
from viz.geo_models import GeoMapPublic
from viz.geo_svg import ARC_STYLE


@cache
def _template():
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(["html"]),
    )
    return env.get_template("geo.html")


def _query(geo: GeoMapPublic, format_: str) -> str:
    filters = geo.filters.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)
    return urlencode({**filters, "format": format_})


def render_geo_html(geo: GeoMapPublic, *, downloads: bool = True) -> str:
    """The page; `downloads=False` for a file written by the CLI (no server to ask)."""
    kinds = [
        (kind, label)
        for kind, (label, _, _) in ARC_STYLE.items()
        if not (geo.filters.partnership and kind == "membership")
    ]
    return _template().render(
        title=geo.title,
        svg=Markup(render_geo_svg(geo)),
        kinds=kinds,
        downloads=downloads,
        include_planned=geo.filters.include_planned,
        query_svg=_query(geo, "svg"),
        query_png=_query(geo, "png"),
        query_json=_query(geo, "json"),
    )
