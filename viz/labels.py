"""The label budget, for the static images: the page's rule (viz/templates/map.html) in Python.

Candidates in order: the subject and the path, then the largest nodes; each label is whole, at
LABEL_PX on screen, drawn under its node or above it (the subject and path may also go further
down or up), and kept only when its box lies in the view, overlaps no label kept before and
covers no other node (a label over a node hides it in a printed map). The subject, the path and
the MAIN_HUBS largest nodes keep a label even where only places over other nodes are left (the
place covering the fewest). At most one label per
BUDGET_AREA px² of the view, so the number of labels adapts to the space.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

LABEL_PX = 13.0
PAD = 3.0
BUDGET_AREA = 9000
MAIN_HUBS = 10
TRIES_PER_LABEL = 4  # candidates tried per label of the budget: a dense map stops early
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
    """Where the label may go, in order: under the node, above it; the subject and the path
    also lower down or higher up."""
    w = width(c.label, px)
    below = c.y + c.radius + 3
    above = c.y - c.radius - 3 - px * 1.2
    tops = [below, above]
    if c.rank == 0:
        tops += [below + px * 1.3, above - px * 1.3, below + px * 2.6, above - px * 2.6]
    return [Box(c.x - w / 2 - PAD, t - PAD, c.x + w / 2 + PAD, t + px * 1.2 + PAD) for t in tops]


class _Grid:
    """The nodes' boxes by cell of CELL px, so that a label is tested against its neighbours
    only (a 10,000-node map)."""

    CELL = 64.0

    def __init__(self, candidates: list[Candidate]) -> None:
        self.cells: dict[tuple[int, int], list[tuple[str, Box]]] = {}
        for c in candidates:
            box = Box(c.x - c.radius, c.y - c.radius, c.x + c.radius, c.y + c.radius)
            for key in self._keys(box):
                self.cells.setdefault(key, []).append((c.id, box))

    def _keys(self, box: Box):
        for i in range(int(box.left // self.CELL), int(box.right // self.CELL) + 1):
            for j in range(int(box.top // self.CELL), int(box.bottom // self.CELL) + 1):
                yield i, j

    def covered(self, box: Box, own: str) -> int:
        """How many nodes other than `own` the box covers."""
        return len(
            {
                node
                for key in self._keys(box)
                for node, other in self.cells.get(key, ())
                if node != own and box.overlaps(other)
            }
        )


def choose_labels(candidates: list[Candidate], view: Box, px: float = LABEL_PX) -> dict[str, Box]:
    """The labelled nodes and their label boxes."""
    area = (view.right - view.left) * (view.bottom - view.top)
    budget = max(6, round(area / BUDGET_AREA))
    order = sorted(candidates, key=lambda c: (c.rank, -c.size, c.label))
    nodes = _Grid(candidates)
    kept: dict[str, Box] = {}
    for i, c in enumerate(order[: budget * TRIES_PER_LABEL]):
        if len(kept) >= budget:
            break
        free = [
            box
            for box in label_boxes(c, px)
            if box.left >= view.left
            and box.right <= view.right
            and box.top >= view.top
            and box.bottom <= view.bottom
            and not any(box.overlaps(o) for o in kept.values())
        ]
        if not free:
            continue
        covered = [nodes.covered(box, c.id) for box in free]
        best = min(range(len(free)), key=lambda k: covered[k])
        if covered[best] == 0 or c.rank == 0 or i < MAIN_HUBS:
            kept[c.id] = free[best]
    return kept
