"""Tables as reports lose them to text: tab-separated rows under a header and a caption."""

from dataclasses import dataclass

from graph.extract.readers import Line

NAME_HEADERS = (
    "cluster",
    "partner",
    "organisation",
    "organization",
    "network",
    "member",
    "target",
    "agreement",
    "meeting",
    "event",
)
NOT_NAME_HEADERS = ("countries", "country", "parameter", "deadline", "what", "#", "revision")
SKIP_CELLS = {"total", "--", "", "name", "nb.", "type"}


@dataclass
class Table:
    caption: str  # the few lines above the header and the line below the table
    header: list[str]
    rows: list[tuple[Line, list[str]]]
    head_rows: list[list[str]] | None = None
    above: str = ""  # the lines just above the header (where a caption like "Table 1: ..." is)

    def column_header(self, i: int) -> str:
        """Column i's header text over the first rows (headers often span two lines)."""
        rows = self.head_rows or [self.header]
        return " ".join(r[i] for r in rows if i < len(r)).lower()

    @property
    def header_text(self) -> str:
        return " ".join(self.header).lower()

    def column(self, *words: str) -> int | None:
        for i, cell in enumerate(self.header):
            if any(w in cell.lower() for w in words):
                return i
        return None

    @property
    def lists_names(self) -> bool:
        first = self.header[0].lower() if self.header else ""
        return any(w in first for w in NAME_HEADERS) and not any(
            first.startswith(w) for w in NOT_NAME_HEADERS
        )


def find_tables(lines: list[Line]) -> list[Table]:
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i].text:
            i += 1
            continue
        j = i
        block: list[Line] = []
        while j < len(lines) and ("\t" in lines[j].text or not lines[j].text.strip()):
            if lines[j].text.strip():
                block.append(lines[j])
            j += 1
        header = [c.strip() for c in block[0].text.split("\t")]
        around = [ln.text for ln in lines[max(0, i - 4) : i]]
        around += [ln.text for ln in lines[j : j + 2]]
        rows = []
        for line in block[1:]:
            cells = [c.strip() for c in line.text.split("\t")]
            if cells and cells[0].lower().strip(" -.") not in SKIP_CELLS:
                rows.append((line, cells))
        heads = [[c.strip() for c in b.text.split("\t")] for b in block[:2]]
        if len(heads) == 2 and heads[1][0]:
            heads = heads[:1]  # the second line is a row, not the header's continuation
        above = " ".join(ln.text for ln in lines[max(0, i - 2) : i])
        tables.append(Table(" ".join(around), header, rows, heads, above))
        i = j
    return tables


def document_tables(doc) -> list[Table]:
    """The tables of a document, found once."""
    cached = getattr(doc, "_tables", None)
    if cached is None:
        cached = doc._tables = find_tables(doc.lines)
    return cached
