"""Read a report into numbered lines, each with the locator the loader's `source` expects.

Text and HTML: the line of the file (`line N`). PDF: the page and the line of the page's text
layer (`page P, line N`). DOCX: paragraphs and table rows in order, one `line` each.
Unreadable input raises `ExtractInputError` with one sentence naming the file.
"""

import io
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from clustergraph.errors import ClusterGraphError

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MAX_BYTES = 200 * 1024 * 1024
WRAPPED_MIN = 60  # a shorter line ends by itself (a heading), it was not wrapped at a margin


class ExtractInputError(ClusterGraphError):
    """A report that cannot be read; the message is one sentence naming the file."""


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    page: int | None = None
    last: int | None = None  # a PDF paragraph wrapped over lines number..last

    @property
    def locator(self) -> str:
        lines = f"lines {self.number}-{self.last}" if self.last else f"line {self.number}"
        return f"page {self.page}, {lines}" if self.page else lines


@dataclass
class Document:
    path: Path
    kind: str  # text | pdf | docx | html
    lines: list[Line]


def read_document(path: Path) -> Document:
    if not path.is_file():
        raise ExtractInputError(f"{path}: no such file.")
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ExtractInputError(f"{path}: larger than {MAX_BYTES // 2**20} MB, not a report.")
    if not data.strip():
        raise ExtractInputError(f"{path} is empty: there is nothing to extract.")
    kind = _kind(path, data)
    lines = {"pdf": _pdf_lines, "docx": _docx_lines, "html": _html_lines, "text": _text_lines}[
        kind
    ](path, data)
    if not any(line.text.strip() for line in lines):
        raise ExtractInputError(f"{path} contains no text to extract.")
    return Document(path=path, kind=kind, lines=lines)


def _kind(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF-") or suffix == ".pdf":
        return "pdf"
    if data.startswith(b"PK\x03\x04") or suffix == ".docx":
        return "docx"
    head = data[:512].lstrip().lower()
    if suffix in HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if b"\x00" in data[:65536]:
        raise ExtractInputError(
            f"{path} is a binary file, not a report: give a text, PDF, DOCX or HTML file."
        )
    if suffix in TEXT_SUFFIXES or not suffix:
        return "text"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if suffix in {".yaml", ".yml", ".csv", ".json", ".xml"}:
            raise ExtractInputError(
                f"{path}: unknown report format {suffix!r}; give a text, PDF, DOCX or HTML file."
            )
        return "text"
    raise ExtractInputError(
        f"{path}: unknown report format {suffix!r}; give a text, PDF, DOCX or HTML file."
    )


def _decode(path: Path, data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractInputError(f"{path} is neither UTF-8 nor Windows-1252 text.")


def _text_lines(path: Path, data: bytes) -> list[Line]:
    text = _decode(path, data)
    return [Line(i, t) for i, t in enumerate(text.splitlines(), start=1)]


def _pdf_lines(path: Path, data: bytes) -> list[Line]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # missing crypto backend or unknown algorithm
                opened = False
            if not opened:
                raise ExtractInputError(
                    f"{path} is an encrypted PDF: save an unencrypted copy and extract that."
                )
        lines: list[Line] = []
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            lines += _join_wrapped(text.splitlines(), number)
    except ExtractInputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise ExtractInputError(f"{path} is a damaged PDF that cannot be read ({e}).") from e
    if not any(line.text.strip() for line in lines):
        raise ExtractInputError(
            f"{path} has no text layer (a scanned PDF?): run OCR on it first, then extract."
        )
    return lines


def _join_wrapped(texts: list[str], page: int) -> list[Line]:
    """A PDF's text layer breaks paragraphs at the page margin; join a line to the one before
    when that one ends mid-sentence, so that a sentence is read whole (its locator then names
    the range of lines, "page 1, lines 3-5")."""
    out: list[Line] = []
    start, parts = 0, list[str]()
    for i, raw in enumerate([*texts, ""], start=1):
        text = " ".join(raw.split())
        continues = (
            parts
            and text
            and not text.startswith(("-", "•", "▪", "*"))
            and not parts[-1].endswith((".", ":", ";", "!", "?"))
            and len(texts[i - 2]) >= WRAPPED_MIN
            and "\t" not in raw
        )
        if continues:
            parts.append(text)
            continue
        if parts:
            last = i - 1 if i - 1 > start else None
            out.append(Line(start, " ".join(parts), page=page, last=last))
        if i <= len(texts):
            start, parts = i, [text] if text else []
            if not text:
                out.append(Line(i, "", page=page))
    return out


def _docx_lines(path: Path, data: bytes) -> list[Line]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ExtractInputError(
            f"{path} is not a readable DOCX file (damaged, or another format)."
        ) from e
    texts: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            texts.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                        for cell in row
                        if cell.tag.endswith("}tc")
                    ]
                    texts.append("\t".join(cells))
    return [Line(i, t) for i, t in enumerate(texts, start=1)]


class _HtmlText(HTMLParser):
    """Text of an HTML page, each piece kept on the source line it starts on."""

    SKIP = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.by_line: dict[int, list[str]] = {}
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in {"td", "th"}:
            self.add("\t")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.skip:
            return
        line = self.getpos()[0]
        for offset, part in enumerate(data.split("\n")):
            if part.strip():
                self.by_line.setdefault(line + offset, []).append(part.strip())

    def add(self, text: str) -> None:
        self.by_line.setdefault(self.getpos()[0], []).append(text)


def _html_lines(path: Path, data: bytes) -> list[Line]:
    parser = _HtmlText()
    parser.feed(_decode(path, data))
    parser.close()
    total = max(parser.by_line, default=0)
    return [
        Line(i, " ".join(parser.by_line.get(i, [])).replace(" \t ", "\t").strip("\t "))
        for i in range(1, total + 1)
    ]
