"""`clustergraph extract` speed: a 100-page report (PDF with a text layer, and the same text as
a .txt) drafted against the bundled data as known entities. Target: under 10 s.

    .venv/bin/python -m bench.extract      # this row only
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from clustergraph.settings import PROJECT_ROOT

SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PAGES = 100


def _source_lines() -> list[str]:
    files = sorted(SEEDS.glob("*.txt")) or sorted(
        (PROJECT_ROOT / "tests/fixtures/extract").glob("*.txt")
    )
    return [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]


def write_report(folder: Path, pages: int = PAGES) -> tuple[Path, Path]:
    """A PDF of `pages` pages filled with report text, and its text layer as a .txt file."""
    from fpdf import FPDF

    from graph.extract.readers import read_document

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    if FONT.exists():
        pdf.add_font("DejaVu", fname=str(FONT))
        pdf.set_font("DejaVu", size=9)
    else:
        pdf.set_font("Helvetica", size=9)
    source = _source_lines()
    i = 0
    pdf.add_page()
    while pdf.page_no() <= pages:
        text = source[i % len(source)][:1500] or " "
        if not FONT.exists():
            text = text.encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        i += 1
        if pdf.page_no() == pages and pdf.get_y() > 270:
            break
    pdf_path = folder / "report-100-pages.pdf"
    pdf.output(str(pdf_path))
    txt_path = folder / "report-100-pages.txt"
    txt_path.write_text("\n".join(ln.text for ln in read_document(pdf_path).lines), "utf-8")
    return pdf_path, txt_path


def bench_extract() -> dict:
    from graph.extract.build import extract
    from graph.extract.known import from_files

    with tempfile.TemporaryDirectory() as tmp:
        pdf_path, txt_path = write_report(Path(tmp))
        clock = time.perf_counter()
        known = from_files([PROJECT_ROOT / "data"])
        known_s = time.perf_counter() - clock
        out = {"pages": PAGES, "known_files_s": round(known_s, 2)}
        out["load_avg"] = round(os.getloadavg()[0], 1)
        for name, path in (("pdf", pdf_path), ("txt", txt_path)):
            clock, cpu = time.perf_counter(), time.process_time()
            result = extract(path, known)
            seconds = time.perf_counter() - clock
            out[f"{name}_s"] = round(seconds, 2)
            # CPU time: what the run costs without the other processes sharing the machine
            out[f"{name}_cpu_s"] = round(time.process_time() - cpu, 2)
            out[f"{name}_lines"] = len(result.document.lines)
            out[f"{name}_records"] = sum(
                len(result.data[k]) for k in ("actors", "partnerships", "agreements", "events")
            )
    return out


if __name__ == "__main__":
    print(json.dumps(bench_extract(), indent=2))
    sys.exit(0)
