"""GeoMapPublic -> one SVG: a world panel and a Europe panel, countries shaded by their actors,
weighted arcs for the cooperation between countries, labels, legend, title and sources.

Drawn entirely on the server from the vendored shapes (`viz.geo_shapes`); the same SVG is the
`format=svg` answer, the body of the interactive page (`viz.geo_page`) and, through cairosvg,
the PNG. Links with both ends inside the Europe panel are drawn there, all others on the world
map, so Europe stays readable at report size. When the world map would carry more than
`BUNDLE_ABOVE` arcs, the European ends of its links are bundled into one "Europe" end (the
tooltip keeps the breakdown by country).
"""

import math
import textwrap
from collections import defaultdict
from dataclasses import dataclass
from html import escape

from viz.geo_models import GeoCountryPublic, GeoLinkPublic, GeoMapPublic
from viz.geo_shapes import ATLAS_SOURCE, Frame, projected
from viz.geo_svg import (
    ARC_STYLE,
    COUNTRY_URL,
    DOT_PX,
    FONT,
    HEIGHT,
    WIDTH,
    actor_bins,
    arc_markers,
    country_style,
    legend,
    place_labels,
)

WORLD = Frame(-170.0, -50.0, 180.0, 80.0, (16.0, 72.0, 800.0, 350.0))
EUROPE = Frame(-11.0, 34.5, 40.0, 71.0, (832.0, 72.0, 432.0, 556.0))
EUROPE_HUB = (12.0, 50.0)  # where bundled links leave Europe on the world map
# Where links start and labels sit when the largest polygon's centroid is a poor choice.
ANCHORS = {"RU": (38.0, 56.0), "US": (-98.0, 39.5), "CA": (-100.0, 55.0), "NO": (9.5, 61.0),
           "FR": (2.5, 46.8), "GB": (-1.8, 52.8), "HR": (16.0, 45.4), "CL": (-71.0, -33.0),
           "SE": (15.5, 61.5), "FI": (26.0, 62.5)}  # fmt: skip
BUNDLE_ABOVE = 40
MAX_PAIRS = 100  # pairs of countries drawn per panel, the strongest
HUB = "EU*"  # the bundled European end


@dataclass(frozen=True)
class Drawn:
    """A link as drawn: its ends may be the bundled Europe (`european` keeps the country)."""

    kind: str
    source: str
    target: str
    via: tuple[str, ...]
    documents: tuple[str, ...]
    european: str | None = None


class Panel:
    def __init__(self, frame: Frame, name: str):
        self.frame = frame
        self.name = name
        self.shapes = {s.code: s for s in projected(frame) if s.code and s.path}

    def anchor(self, code: str) -> tuple[float, float] | None:
        if code == HUB:
            return self.frame.project(*EUROPE_HUB)
        if code in ANCHORS:
            return self.frame.project(*ANCHORS[code])
        shape = self.shapes.get(code)
        return shape.anchor if shape else None

    def inside(self, point: tuple[float, float] | None) -> bool:
        if point is None:
            return False
        x, y, w, h = self.frame.box
        return x <= point[0] <= x + w and y <= point[1] <= y + h


def _counts(links) -> dict[str, int]:
    """Distinct agreements / partnerships behind some links, by kind."""
    seen: dict[str, set[str]] = defaultdict(set)
    for link in links:
        seen[link.kind].update(link.via)
    return {kind: len(seen[kind]) for kind in ARC_STYLE}


def _count_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{ARC_STYLE[k][0]}: {n}" for k, n in counts.items())


def _pair_text(a: str, b: str, pair: list[Drawn], names: dict[str, str]) -> str:
    lines = [f"{names.get(a, a)} — {names.get(b, b)}", _count_line(_counts(pair))]
    if HUB in (a, b):
        by_country: dict[str, list[Drawn]] = defaultdict(list)
        for link in pair:
            by_country[link.european or "?"].append(link)
        for code, links in sorted(by_country.items(), key=lambda kv: -len(kv[1])):
            lines.append(f"  {names.get(code, code)}: {_count_line(_counts(links))}")
    for link in pair:
        if link.kind == "target" and HUB not in (a, b):
            lines.append(f"{link.source} → {link.target}: {_some(link.via)}")
    docs = sorted({d for link in pair for d in link.documents})
    if docs:
        lines.append(f"Sources: {', '.join(docs)}")
    return "\n".join(lines)


def _some(ids, shown: int = 4) -> str:
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more


def _keep_strongest(pairs: dict[tuple[str, str], list[Drawn]]) -> int:
    """Keep the MAX_PAIRS pairs of countries with the most links in a panel (a large graph
    links nearly every pair); return how many were left out. Tooltips of countries and the
    JSON still count them all."""
    if len(pairs) <= MAX_PAIRS:
        return 0
    weight = {key: sum(len(d.via) for d in drawn) for key, drawn in pairs.items()}
    ranked = sorted(pairs, key=lambda key: (-weight[key], key))
    for key in ranked[MAX_PAIRS:]:
        del pairs[key]
    return len(ranked) - MAX_PAIRS


def country_counts(links: list[GeoLinkPublic]) -> dict[str, dict[str, int]]:
    """Per country, the distinct agreements and partnerships of its links, by kind."""
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for link in links:
        for code in (link.source, link.target):
            seen[code][link.kind].update(link.via)
    return {code: {k: len(kinds[k]) for k in ARC_STYLE} for code, kinds in seen.items()}


def _country_text(c: GeoCountryPublic, counts: dict[str, int] | None, partnership: bool) -> str:
    lines = [f"{c.name} ({c.code})", f"{'Members' if partnership else 'Actors'}: {c.actors}"]
    lines.append(_count_line(counts or {k: 0 for k in ARC_STYLE}))
    if c.domestic_agreements:
        lines.append(f"Agreements within the country: {c.domestic_agreements}")
    if c.target_status:
        lines.append(f"Targeted by the partnership ({c.target_status})")
    return "\n".join(lines)


def _arc(p: tuple[float, float], q: tuple[float, float], bend: float) -> str:
    """A quadratic curve bowing `bend` × its length to one side (upwards for east-west links)."""
    (x1, y1), (x2, y2) = p, q
    dx, dy = x2 - x1, y2 - y1
    sign = -1 if (dx > 0) else 1
    mx, my = (x1 + x2) / 2 + sign * bend * dy, (y1 + y2) / 2 - sign * bend * dx
    return f"M{x1:.1f},{y1:.1f}Q{mx:.1f},{my:.1f} {x2:.1f},{y2:.1f}"


def _split(geo: GeoMapPublic, europe: Panel):
    """Links per panel, grouped by unordered pair; bundles Europe's ends on a crowded world map."""
    panels: dict[str, dict[tuple[str, str], list[Drawn]]] = {
        "world": defaultdict(list),
        "europe": defaultdict(list),
    }
    in_europe = {c.code for c in geo.countries if europe.inside(europe.anchor(c.code))}
    outward = [link for link in geo.links if not {link.source, link.target} <= in_europe]
    bundle = len(outward) > BUNDLE_ABOVE
    for link in geo.links:
        a, b, european = link.source, link.target, None
        panel = "europe" if {a, b} <= in_europe else "world"
        if panel == "world" and bundle and (a in in_europe or b in in_europe):
            european = a if a in in_europe else b
            a, b = (HUB, b) if a == european else (a, HUB)
        drawn = Drawn(link.kind, a, b, tuple(link.via), tuple(link.documents), european)
        key = (a, b) if a < b else (b, a)
        panels[panel][key].append(drawn)
    return panels, in_europe, bundle


def render_geo_svg(geo: GeoMapPublic) -> str:
    """The geographic map as one standalone SVG document (1280 × 720 user units)."""
    names = {c.code: c.name for c in geo.countries} | {HUB: "Europe"}
    countries = {c.code: c for c in geo.countries}
    world, europe = Panel(WORLD, "world"), Panel(EUROPE, "europe")
    linked = {c for link in geo.links for c in (link.source, link.target)}
    involved = {c.code for c in geo.countries if c.actors or c.target_status} | linked
    partnership = geo.filters.partnership is not None
    panels, in_europe, bundled = _split(geo, europe)
    hidden = sum(_keep_strongest(pairs) for pairs in panels.values())
    counts = country_counts(geo.links)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" font-family="{FONT}" class="geo-map">',
        "<defs>",
        *arc_markers(),
    ]
    for panel in (world, europe):
        x, y, w, h = panel.frame.box
        out.append(f'<clipPath id="clip-{panel.name}"><rect x="{x}" y="{y}" width="{w}" '
                   f'height="{h}"/></clipPath>')  # fmt: skip
    out += [
        "</defs>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="16" y="32" font-size="22" font-weight="bold" fill="#1a1a1a">'
        f"{escape(geo.title)}</text>",
        f'<text x="16" y="55" font-size="13" fill="#444">{escape(geo.description)}</text>',
    ]
    for panel in (world, europe):
        out.append(f'<g class="panel panel-{panel.name}" clip-path="url(#clip-{panel.name})">')
        out += _countries(panel, geo, countries, involved, partnership, counts)
        if panel is world:
            out += _europe_frame(world, bundled)
        out += _arcs(panel, panels[panel.name], names)
        labelled = involved if panel is europe else involved - in_europe
        out += place_labels(panel, labelled, countries, geo.links)
        out.append("</g>")
        x, y, w, h = panel.frame.box
        out.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="none" '
                   f'stroke="#9aa5ae" stroke-width="1"/>')  # fmt: skip
    out += legend(geo, world.frame.box, europe.frame.box, bundled, hidden)
    out += _footnote(geo)
    out.append("</svg>")
    return "\n".join(out)


def _countries(panel, geo, countries, involved, partnership, counts) -> list[str]:
    x, y, w, h = panel.frame.box
    bins = actor_bins(max(c.actors for c in geo.countries))
    ex0, ey0 = panel.frame.project(EUROPE.west, EUROPE.north)
    ex1, ey1 = panel.frame.project(EUROPE.east, EUROPE.south)

    def inset(point: tuple[float, float]) -> bool:  # inside Europe's box on the world map
        return ex0 <= point[0] <= ex1 and ey0 <= point[1] <= ey1

    out = [f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#eef4f8"/>']
    plain, dots = [], []
    for shape in projected(panel.frame):
        country = countries.get(shape.code or "")
        if not shape.path:
            continue
        if country is None or country.code not in involved:
            plain.append(shape.path)
            continue
        tip = escape(_country_text(country, counts.get(country.code), partnership))
        common = f'class="country" data-code="{country.code}" data-tip="{tip}"'
        style = country_style(country, partnership, bins)
        out.append(_link(country.code, f'<path d="{shape.path}" {common} {style}/>'))
        if shape.size < DOT_PX and (panel.name == "europe" or not inset(shape.anchor)):
            ax, ay = panel.anchor(country.code) or shape.anchor
            fill = style.split('"')[1]
            circle = (
                f'<circle cx="{ax:.1f}" cy="{ay:.1f}" r="4.5" {common} fill="{fill}" '
                'stroke="#333"/>'
            )
            dots.append(_link(country.code, circle))
    # the land without cooperation first, in one path: a third of the size of one per country
    out.insert(1, f'<path d="{"".join(plain)}" fill="#f4f3f0" stroke="#d0cec8" '
                  f'stroke-width="0.4"/>')  # fmt: skip
    return out + dots


def _link(code: str, body: str) -> str:
    return f'<a href="{COUNTRY_URL.format(code=code)}" class="country-link">{body}</a>'


def _europe_frame(world: Panel, bundled: bool) -> list[str]:
    """The Europe panel's extent outlined on the world map."""
    corners = [world.frame.project(lon, lat) for lon, lat in
               ((EUROPE.west, EUROPE.north), (EUROPE.east, EUROPE.north),
                (EUROPE.east, EUROPE.south), (EUROPE.west, EUROPE.south))]  # fmt: skip
    d = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in corners) + "Z"
    out = [f'<path d="{d}" fill="none" stroke="#555" stroke-width="1" stroke-dasharray="4 3"/>']
    if bundled:
        hx, hy = world.anchor(HUB) or (0, 0)
        out.append(f'<circle cx="{hx:.1f}" cy="{hy:.1f}" r="4" fill="#333"/>')
    return out


def _arcs(panel: Panel, pairs, names) -> list[str]:
    drawn = []
    # widths relative to the panel's strongest link: the hierarchy shows at any scale
    most = max((n for pair in pairs.values() for d in _by_kind(pair).values() for n in d.values()),
               default=1)  # fmt: skip
    for key, pair in pairs.items():
        p, q = panel.anchor(key[0]), panel.anchor(key[1])
        if p is None or q is None:
            continue
        tip = escape(_pair_text(key[0], key[1], pair, names))
        ends = " ".join(sorted({*key, *(link.european for link in pair if link.european)}))
        for kind, links in _by_kind(pair).items():
            _, colour, dash = ARC_STYLE[kind]
            for (source, _), count in links.items():
                start, end = (p, q) if source == key[0] else (q, p)
                bend = {"agreement": 0.2, "membership": 0.1, "target": 0.28}[kind]
                width = 0.6 + 5.0 * math.sqrt(count / max(most, 16))
                opacity = 0.3 if kind == "membership" and count == 1 else 0.8
                marker = ' marker-end="url(#head-target)"' if kind == "target" else ""
                drawn.append(((kind != "membership", -width), (
                    f'<path class="arc arc-{kind}" data-ends="{ends}" '
                    f'data-tip="{tip}" d="{_arc(start, end, bend)}" fill="none" '
                    f'stroke="{colour}" stroke-width="{width:.1f}" stroke-opacity="{opacity}" '
                    f'stroke-linecap="round"' + (f' stroke-dasharray="{dash}"' if dash else "")
                    + f"{marker}/>"
                )))  # fmt: skip
    drawn.sort(key=lambda d: d[0])  # memberships below; thin arcs on top of thick ones
    return ['<g class="arcs">', *(d for _, d in drawn), "</g>"]


def _by_kind(pair: list[Drawn]) -> dict[str, dict[tuple[str, str], int]]:
    """Per kind and direction, the number of distinct agreements or partnerships."""
    via: dict[str, dict[tuple[str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    for link in pair:
        via[link.kind][(link.source, link.target)].update(link.via)
    return {k: {d: len(v) for d, v in dirs.items()} for k, dirs in via.items()}


def _footnote(geo: GeoMapPublic) -> list[str]:
    sources = "; ".join(
        (d.title or d.id) + (f" ({d.publisher})" if d.publisher else "") for d in geo.documents
    )
    lines = textwrap.wrap(f"Sources: {sources or 'no document for these filters'}.", 205)[:3]
    lines.append(f"Country shapes: {ATLAS_SOURCE}. Drawn by clustergraph from the documents above.")
    y0 = HEIGHT - 8 - 14 * (len(lines) - 1)
    return [
        f'<text x="16" y="{y0 + 14 * i}" font-size="10.5" fill="#555">{escape(line)}</text>'
        for i, line in enumerate(lines)
    ]


__all__ = ["EUROPE", "WORLD", "render_geo_svg"]
