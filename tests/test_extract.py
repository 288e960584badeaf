"""`clustergraph extract`: readers, bad input (exit 2, no draft), drafts that validate."""

import io
import zipfile
from pathlib import Path

import pytest

from clustergraph.cli import main
from graph.extract.build import extract
from graph.extract.known import from_files
from graph.extract.readers import ExtractInputError, read_document
from graph.loaders.pipeline import validate

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
DATA = Path(__file__).parent.parent / "data"
SEEDS = Path(__file__).parent.parent.parent / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _pdf(path: Path, pages: list[list[str]]) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _image_pdf(path: Path) -> Path:
    from fpdf import FPDF
    from PIL import Image

    image = tmp_png = path.with_suffix(".png")
    Image.new("RGB", (200, 100), "white").save(tmp_png)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=100)
    pdf.output(str(path))
    return path


def _encrypted_pdf(path: Path, tmp: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = _pdf(tmp / "plain.pdf", [["Skywin signed a MoU with Aero Montreal."]])
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    with path.open("wb") as f:
        writer.write(f)
    return path


def _run(tmp_path: Path, report: Path, *extra: str) -> tuple[int, Path]:
    draft = tmp_path / "draft.yaml"
    code = main(["extract", str(report), "--known", str(DATA), "-o", str(draft), *extra])
    return code, draft


def test_text_lines_keep_their_numbers():
    doc = read_document(FIXTURES / "network-table.txt")
    assert doc.kind == "text"
    assert doc.lines[4].locator == "line 5"
    assert doc.lines[4].text.startswith("Hydrogen Cluster Netherlands\t")


def test_pdf_keeps_pages_and_lines(tmp_path):
    pdf = _pdf(tmp_path / "r.pdf", [["First page."], ["Title", "Skywin and CRIAQ signed a MoU."]])
    doc = read_document(pdf)
    assert doc.kind == "pdf"
    last = [ln for ln in doc.lines if ln.text.strip()][-1]
    assert last.locator == "page 2, line 2"
    assert "CRIAQ" in last.text


def test_docx_paragraphs_and_table_rows(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Partners of the Blue Network")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Partner", "Country"
    table.cell(1, 0).text, table.cell(1, 1).text = "Skywin", "Belgium"
    document.save(str(tmp_path / "r.docx"))
    doc = read_document(tmp_path / "r.docx")
    assert [ln.text for ln in doc.lines] == [
        "Partners of the Blue Network",
        "Partner\tCountry",
        "Skywin\tBelgium",
    ]


def test_html_text_keeps_source_lines(tmp_path):
    page = tmp_path / "r.html"
    page.write_text(
        "<html><head><title>x</title><style>p{}</style></head><body>\n"
        "<h1>News</h1>\n<p>Skywin and Aéro Montréal renewed their MoU in 2013.</p>\n"
        "<script>var a = 1;</script></body></html>\n",
        encoding="utf-8",
    )
    doc = read_document(page)
    assert doc.kind == "html"
    line = next(ln for ln in doc.lines if "renewed" in ln.text)
    assert line.locator == "line 3"
    assert not any("var a" in ln.text for ln in doc.lines)


BAD_INPUTS = {
    "empty": (lambda tmp: _write(tmp / "empty.txt", b"  \n\n"), "is empty"),
    "binary": (lambda tmp: _write(tmp / "blob.txt", b"\x00\x01\x02" * 100), "binary file"),
    "unknown format": (lambda tmp: _write(tmp / "table.xlsx", b"\x89\xff\xfe" * 50), "format"),
    "corrupt pdf": (
        lambda tmp: _write(tmp / "broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog"),
        "damaged PDF",
    ),
    "scanned pdf": (lambda tmp: _image_pdf(tmp / "scan.pdf"), "no text layer"),
    "encrypted pdf": (lambda tmp: _encrypted_pdf(tmp / "locked.pdf", tmp), "encrypted"),
    "corrupt docx": (
        lambda tmp: _write(tmp / "broken.docx", _zip({"hello.txt": b"not a document"})),
        "not a readable DOCX",
    ),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_sentence_exit_2_and_no_draft(case, tmp_path, capsys):
    make, words = BAD_INPUTS[case]
    report = make(tmp_path)
    with pytest.raises(ExtractInputError) as e:
        read_document(report)
    assert report.name in str(e.value) and words in str(e.value)
    code, draft = _run(tmp_path, report)
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert not draft.exists()
    assert err.count("\n") == 0 and report.name in err and "No draft was written" in err


def test_missing_known_folder_is_exit_2(tmp_path, capsys):
    draft = tmp_path / "d.yaml"
    code = main(["extract", str(FIXTURES / "renewal.txt"), "--known", "nowhere/", "-o", str(draft)])
    assert code == 2 and not draft.exists()
    assert "nowhere" in capsys.readouterr().err


@pytest.mark.skipif(not SEED_FILES, reason="the seed reports are not in ../shared/seeds")
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_seed_drafts_validate_as_written(seed, tmp_path, capsys):
    code, draft = _run(tmp_path, seed, "--document-id", "draft-under-test")
    assert code == 0, capsys.readouterr().err
    assert main(["validate", str(draft)]) == 0
    plan = validate([draft])
    assert plan.count("actors") > 5
    text = draft.read_text(encoding="utf-8")
    assert "certainty: inferred" in text and "confidence" in text


def test_every_record_has_a_locator_and_its_basis(tmp_path):
    known = from_files([DATA])
    data = extract(FIXTURES / "mou-news-pdf.pdf", known).data
    records = data["actors"] + data["agreements"] + data["events"]
    assert records
    for rec in records:
        assert rec["source"].startswith("page 1, line")
        assert "certainty" in rec or "certainty: inferred" in rec.get("note", "")
    mou = data["agreements"][0]
    assert set(mou["parties"]) == {"aerospace-valley", "hamburg-aviation"}
    assert mou["kind"] == "mou" and mou["date"] == "2023-03-14" and mou["status"] == "signed"


def test_provenance_goes_where_the_loader_model_takes_it():
    from pydantic import BaseModel

    from graph.extract.records import provenance

    class WithCertainty(BaseModel):
        certainty: str = "stated"
        basis: str | None = None
        confidence: float | None = None

    class WithoutCertainty(BaseModel):
        note: str | None = None

    assert provenance(WithCertainty, "MoU signed.", 0.734) == {
        "certainty": "inferred",
        "basis": "MoU signed.",
        "confidence": 0.73,
    }
    note = provenance(WithoutCertainty, "MoU signed.", 1.7)["note"]
    assert note == "certainty: inferred; confidence: 1.0; basis: MoU signed."


def test_joined_and_reordered_names_resolve_to_the_known_actor():
    from graph.extract.mentions import joined_variants

    # WIINTECH writes "Ohio Polymer", ELCA "PolymerOhio": one organisation (issue 13's audit)
    assert set(joined_variants("PolymerOhio")) == {
        "Polymer Ohio",
        "Ohio Polymer",
        "PolymerOhio",
        "OhioPolymer",
    }
    assert "PolymerOhio" in joined_variants("Ohio Polymer")
    assert joined_variants("Aerospace Valley Cluster") == []  # three words: left as written
    assert joined_variants("CLEAN") == []
