"""Sentences, dates and slugs: the small text helpers every builder uses."""

import re

from graph.schema.names import normalise

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec", "des"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = (
    r"(January|February|March|April|May|June|July|August|September|Sept|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?"
)
DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?[\s–-]+(?:\d{{1,2}}\s+)?{_MONTH},?\s+((?:19|20)\d\d)\b", re.I
)
MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s+((?:19|20)\d\d)\b", re.I)
MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+((?:19|20)\d\d)\b", re.I)
YEAR = re.compile(r"(?<![\d.,/])((?:19|20)\d\d)(?![\d.,/])")
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z“\"•▪○-])|\s+[▪○•]\s+|\t")
BASIS_MAX = 600


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the sentence (or table cell, or list item) around `offset`."""
    start = 0
    for m in SENTENCE_END.finditer(text):
        if m.end() <= offset:
            start = m.end()
        elif m.start() >= offset:
            return start, m.start()
    return start, len(text)


def basis(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= BASIS_MAX else text[: BASIS_MAX - 1] + "…"


def find_date(text: str) -> tuple[str | None, int]:
    """The first date in `text` as YYYY[-MM[-DD]] (its precision kept), and where it is."""
    hits = []
    for m in DAY_MONTH_YEAR.finditer(text):
        day, month, year = int(m.group(1)), MONTHS[m.group(2).lower().rstrip(".")], m.group(3)
        if 1 <= day <= 31:
            hits.append((m.start(), f"{year}-{month:02d}-{day:02d}"))
    for m in MONTH_DAY_YEAR.finditer(text):
        month, day, year = MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2)), m.group(3)
        if 1 <= day <= 31:
            hits.append((m.start(), f"{year}-{month:02d}-{day:02d}"))
    for m in MONTH_YEAR.finditer(text):
        hits.append((m.start(), f"{m.group(2)}-{MONTHS[m.group(1).lower().rstrip('.')]:02d}"))
    for m in YEAR.finditer(text):
        hits.append((m.start(), m.group(1)))
    if not hits:
        return None, -1
    # the most precise date at the earliest place
    hits.sort(key=lambda h: (h[0] - 40 * h[1].count("-"), -len(h[1])))
    return hits[0][1], hits[0][0]


def slug(text: str, max_words: int = 6) -> str:
    words = normalise(text).split()[:max_words]
    return "-".join(words)[:80].strip("-") or "unnamed"


def unique_id(base: str, taken: set[str]) -> str:
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident
