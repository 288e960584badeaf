"""The geographic map's styles, legend and label placement (SVG fragments)."""

import textwrap
from html import escape

from viz.geo_models import GeoCountryPublic, GeoLinkPublic, GeoMapPublic

WIDTH, HEIGHT = 1280, 720
FONT = "DejaVu Sans, Verdana, sans-serif"
LABEL_PX = 12.5  # >= 12 px on screen when the page scales the map to a 1280 x 720 window
STATUS_PX = 10.5
COUNTRY_URL = "../explore/countries/{code}"  # relative: works under any root path

# Okabe-Ito colours (colour-blind safe): label, colour, dash pattern
ARC_STYLE = {
    "agreement": ("Agreements", "#D55E00", None),
    "membership": ("Memberships", "#0072B2", None),
    "target": ("Targets", "#009E73", "6 3"),
}
ARC_MEANING = {
    "agreement": "agreements with parties in both countries",
    "membership": "partnerships with members in both countries",
    "target": "partnerships with members in one country targeting the other",
}
# Grey steps: the arcs carry the colour. Upper bounds of the number of actors per step.
GREYS = ["#dcdcdc", "#c2c2c2", "#a5a5a5", "#8a8a8a", "#6e6e6e"]


def actor_bins(most: int) -> list[tuple[int | None, str]]:
    """Five grey steps (upper bounds) growing geometrically up to the busiest country: the
    same map reads at 20 actors a country (the bundled data) and at 2,000."""
    uppers: list[int] = []
    for k in range(1, len(GREYS)):
        upper = max(round(max(most, 2) ** (k / len(GREYS))), (uppers[-1] + 1) if uppers else 1)
        uppers.append(upper)
    return [*zip(uppers, GREYS, strict=False), (None, GREYS[-1])]


NO_ACTORS = "#ebe9e4"
MEMBER_FILL = "#9a9a9a"
TARGET_STYLE = {  # status: fill, stroke, dash
    "priority": ("#8fd0b8", "#00704f", None),
    "selected": ("#bfe5d6", "#00704f", "4 2"),
    "candidate": ("#e4f4ee", "#00704f", "1.5 1.5"),
}


def arc_markers() -> list[str]:
    """Arrowheads for the target links, sized in user units (not by the stroke width)."""
    _, colour, _ = ARC_STYLE["target"]
    return [
        '<marker id="head-target" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="9" '
        'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,1L10,5L0,9z" fill="{colour}"/></marker>'
    ]


def country_style(c: GeoCountryPublic, partnership: bool, bins) -> str:
    """Fill and outline attributes: actors in grey steps; a partnership's members in one grey,
    its target countries in green by status."""
    if c.target_status:
        fill, stroke, dash = TARGET_STYLE.get(c.target_status, ("#e4f4ee", "#00704f", "1 2"))
        return f'fill="{fill}" stroke="{stroke}" stroke-width="0.9"' + (
            f' stroke-dasharray="{dash}"' if dash else ""
        )
    fill = (MEMBER_FILL if c.actors else NO_ACTORS) if partnership else actor_fill(c.actors, bins)
    return f'fill="{fill}" stroke="#ffffff" stroke-width="0.6"'


def actor_fill(actors: int, bins) -> str:
    if not actors:
        return NO_ACTORS
    for upper, colour in bins:
        if upper is None or actors <= upper:
            return colour
    return bins[-1][1]


# Label positions tried in turn: the name above, below, right, left; then the ISO code.
CANDIDATES = [
    (t, side, dy) for t in ("name", "code") for side, dy in ((0, -5), (0, 15), (1, 5), (-1, 5))
]
# Countries too small to hold their name keep it beside them, not over them.
SMALL_PX = 40
SMALL_CANDIDATES = [
    (t, side, dy)
    for t in ("name", "code")
    for side, dy in ((1, 5), (-1, 5), (0, -9), (0, 19), (1, -9), (-1, -9), (1, 19), (-1, 19))
]
DOT_PX = 9.0  # countries smaller than this get a dot (viz.geo), which labels must not hide


def _text_width(text: str, size: float = LABEL_PX) -> float:
    return 0.6 * size * len(text)  # DejaVu Sans averages ~0.6 em per character


def place_labels(
    panel, codes: set[str], countries: dict[str, GeoCountryPublic], links: list[GeoLinkPublic]
) -> list[str]:
    """Names at the countries' anchors, the busiest first; a name that would overlap another
    label becomes the ISO code, then is moved, then left out (the tooltip still has it)."""
    weight = {code: countries[code].actors for code in codes if code in countries}
    for link in links:
        for code in (link.source, link.target):
            if code in weight:
                weight[code] += link.count
    x0, y0, w, _ = panel.frame.box
    boxes: list[tuple[float, float, float, float]] = []
    for code in codes:
        shape, anchor = panel.shapes.get(code), panel.anchor(code)
        if shape is not None and anchor is not None and shape.size < DOT_PX:
            boxes.append((anchor[0] - 5, anchor[1] - 5, 10, 10))
    out = [f'<g class="labels" pointer-events="none" font-size="{LABEL_PX}">']

    def small(code: str) -> bool:
        shape = panel.shapes.get(code)
        return shape is not None and shape.size < SMALL_PX

    # countries large enough to hold their name first (it rarely blocks another), then the rest
    for code in sorted(weight, key=lambda c: (small(c), -weight[c], c)):
        anchor = panel.anchor(code)
        if anchor is None or not panel.inside(anchor):
            continue
        name, status = countries[code].name, countries[code].target_status
        shape = panel.shapes.get(code)
        beside = small(code)
        extra = STATUS_PX + 1 if status else 0  # the target status on a second, smaller line
        for text, side, dy in SMALL_CANDIDATES if beside else CANDIDATES:
            text = name if text == "name" else code
            tw = max(_text_width(text), _text_width(status or "", STATUS_PX))
            dx = side * (tw / 2 + (max(7, shape.size / 2 + 3) if beside else 7))
            up = dy - (extra if dy < 0 else 0)
            box = (anchor[0] + dx - tw / 2, anchor[1] + up - LABEL_PX, tw, LABEL_PX + 2 + extra)
            inside = box[0] >= x0 + 2 and box[0] + tw <= x0 + w - 2 and box[1] >= y0 + 2
            if inside and not any(_overlap(box, b) for b in boxes):
                boxes.append(box)
                out.append(_label(code, text, status, anchor[0] + dx, anchor[1] + up))
                break
    out.append("</g>")
    return out


def _label(code: str, text: str, status: str | None, x: float, y: float) -> str:
    # the halo is a text of its own: cairo ignores paint-order
    at = f'x="{x:.1f}" y="{y:.1f}" text-anchor="middle"'
    halo = 'fill="none" stroke="#ffffff" stroke-width="3.2" stroke-linejoin="round"'
    out = (
        f"<text {at} {halo}>{escape(text)}</text>"
        f'<text {at} fill="#1a1a1a" class="label" data-label="{code}">{escape(text)}</text>'
    )
    if status:
        at = f'x="{x:.1f}" y="{y + STATUS_PX + 1:.1f}" text-anchor="middle" font-size="{STATUS_PX}"'
        out += (
            f"<text {at} {halo}>{escape(status)}</text>"
            f'<text {at} fill="#00573d" font-style="italic" class="status">{escape(status)}</text>'
        )
    return out


def _overlap(a, b, pad: float = 1.5) -> bool:
    return not (
        a[0] + a[2] + pad <= b[0]
        or b[0] + b[2] + pad <= a[0]
        or a[1] + a[3] + pad <= b[1]
        or b[1] + b[3] + pad <= a[1]
    )


def legend(geo: GeoMapPublic, world_box, europe_box, bundled: bool, hidden: int = 0) -> list[str]:
    """Arc kinds, the actor shading (or the partnership's members and targets), how to read."""
    x, y = world_box[0], world_box[1] + world_box[3] + 26
    partnership = geo.filters.partnership is not None
    out = [
        '<g class="legend" font-size="12" fill="#1a1a1a">',
        f'<text x="{x}" y="{y}" font-weight="bold">Links between countries '
        f"(width: how many; hover for the counts)</text>",
    ]
    kinds = [k for k in ARC_STYLE if not (partnership and k == "membership")]
    for i, kind in enumerate(kinds):
        label, colour, dash = ARC_STYLE[kind]
        ly = y + 22 + 20 * i
        meaning = "from the members' countries to a country the partnership targets" if (
            partnership and kind == "target") else ARC_MEANING[kind]  # fmt: skip
        out.append(
            f'<g class="legend-kind" data-kind="{kind}"><line x1="{x}" y1="{ly - 4}" '
            f'x2="{x + 34}" y2="{ly - 4}" stroke="{colour}" stroke-width="3"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + (' marker-end="url(#head-target)"' if kind == "target" else "")
            + f'/><text x="{x + 42}" y="{ly}"><tspan font-weight="bold">{label}</tspan>: '
            f"{meaning}</text></g>"
        )
    sx = x + 540
    if partnership:
        out.append(f'<text x="{sx}" y="{y}" font-weight="bold">Countries</text>')
        swatches = [(MEMBER_FILL, None, None, "members' countries")] + [
            (fill, stroke, dash, f"target: {status}")
            for status, (fill, stroke, dash) in TARGET_STYLE.items()
        ]
        for i, (fill, stroke, dash, label) in enumerate(swatches):
            ry = y + 10 + 20 * i
            out.append(
                f'<rect x="{sx}" y="{ry}" width="26" height="13" fill="{fill}"'
                + (f' stroke="{stroke}" stroke-width="1.2"' if stroke else "")
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + f'/><text x="{sx + 34}" y="{ry + 11}">{label}</text>'
            )
    else:
        out.append(
            f'<text x="{sx}" y="{y}" font-weight="bold">Actors located in the country</text>'
        )
        low = 1
        for i, (upper, colour) in enumerate(actor_bins(max(c.actors for c in geo.countries))):
            label = (
                f"{low}–{upper}" if upper and upper > low else (f"{low}" if upper else f"{low}+")
            )
            out.append(
                f'<rect x="{sx + 50 * i}" y="{y + 10}" width="46" height="12" fill="{colour}"/>'
                f'<text x="{sx + 50 * i + 23}" y="{y + 36}" text-anchor="middle">{label}</text>'
            )
            low = (upper or 0) + 1
    note_y = y + 100
    notes = [
        "Links within Europe are drawn on the Europe panel (dashed box), all others on the "
        "world map"
        + (
            ", from one point for all of Europe (the tooltip breaks it down by country)."
            if bundled
            else "."
        ),
        "Click a country to open its page; a dot marks a country too small to see.",
    ]
    if hidden:
        notes.insert(
            0,
            f"The {hidden} pairs of countries with the fewest links are not drawn (the "
            "countries' tooltips and the JSON count them); narrow the filters to see them.",
        )
    if partnership:
        notes.insert(0, "Labels of target countries give the status the partnership gave them.")
    notes = [line for note in notes for line in textwrap.wrap(note, 100)]
    for i, note in enumerate(notes):
        out.append(f'<text x="{x}" y="{note_y + 17 * i}" fill="#444">{escape(note)}</text>')
    ex, ey = europe_box[0], europe_box[1]
    out.append(
        f'<text x="{ex + 8}" y="{ey + 18}" font-size="13" font-weight="bold" fill="#333">'
        "Europe</text>"
    )
    out.append("</g>")
    return out
