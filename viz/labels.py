"""The label budget, for the static images: the page's rule (viz/templates/map.html) in Python.

Candidates in order: the subject and the path, then the largest nodes; each label is whole, at
LABEL_PX on screen, drawn under its node (the subject and path may go above it), and kept only
when its box lies in the view and overlaps no box kept before. At most one label per
BUDGET_AREA px² of the view, so the number of labels adapts to the space.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

LABEL_PX = 13.0
PAD = 3.0
BUDGET_AREA = 9000
FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@lru_cache(maxsize=4)
def _font(px: float):
    try:
        from PIL import ImageFont

        return ImageFont.truetype(FONT_FILE, round(px))
    except (ImportError, OSError):
        return None


def text_width(text: str, px: float = LABEL_PX) -> float:
    """Width of `text` in DejaVu Sans (the SVG's font), or an estimate without the font."""
    font = _font(px)
    return font.getlength(text) if font is not None else 0.62 * px * len(text)


@dataclass(frozen=True)
class Candidate:
    id: str
    label: str
    x: float  # on screen, px
    y: float
    radius: float  # the node's drawn size on screen, px
    rank: int  # 0: subject or path; 1: the others
    size: float  # canvas size: larger nodes are labelled first


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: "Box") -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


def label_boxes(c: Candidate, px: float = LABEL_PX, width: Callable = text_width) -> list[Box]:
    """Where the label may go: under the node; the subject and the path also above it, or
    lower down."""
    w = width(c.label, px)
    below = c.y + c.radius + 3
    tops = [below]
    if c.rank == 0:
        above = c.y - c.radius - 3 - px * 1.2
        tops += [above, below + px * 1.3, above - px * 1.3, below + px * 2.6, above - px * 2.6]
    return [Box(c.x - w / 2 - PAD, t - PAD, c.x + w / 2 + PAD, t + px * 1.2 + PAD) for t in tops]


def choose_labels(candidates: list[Candidate], view: Box, px: float = LABEL_PX) -> dict[str, Box]:
    """The labelled nodes and their label boxes."""
    area = (view.right - view.left) * (view.bottom - view.top)
    budget = max(6, round(area / BUDGET_AREA))
    order = sorted(candidates, key=lambda c: (c.rank, -c.size, c.label))
    kept: dict[str, Box] = {}
    for c in order:
        if len(kept) >= budget:
            break
        for box in label_boxes(c, px):
            inside = (
                box.left >= view.left
                and box.right <= view.right
                and box.top >= view.top
                and box.bottom <= view.bottom
            )
            if inside and not any(box.overlaps(o) for o in kept.values()):
                kept[c.id] = box
                break
    return kept
