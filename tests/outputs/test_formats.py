"""The report's formats as a manager opens them: the PDF (A4, page numbers, no heading
left at a page foot), the Word file (python-docx and LibreOffice), the workbook
(openpyxl), the CSV (Swedish Excel), and the revision stamp on each."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from pathways.outputs.findings import HEADERS, to_csv
from pathways.outputs.matrix import matrix_data
from pathways.stamp import content_hash, stamp_of

from .conftest import MODEL, ROOT, copy_model

A4 = (595, 842)


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings, self._in = [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "h4"):
            self._in, self.headings = tag, [*self.headings, ""]

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.headings[-1] += data


def _pdf_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def pdf_text(full_report) -> list[str]:
    """The text of each page of the report's PDF, read once (pypdf takes about a second a page)."""
    return [page.extract_text() or "" for page in PdfReader(full_report.files["pdf"]).pages]


def test_pdf_is_a4_with_page_numbers_and_the_summary_first(full_report, pdf_text, bundled):
    pdf = PdfReader(full_report.files["pdf"])
    n = len(pdf.pages)
    analysis = bundled["analysis"]
    # The summary, charts, cause table, diagrams and appendix within 30 pages; a case or a
    # what-if about a page and a half each (its diagram, then what goes wrong).
    limit = 30 + 1.5 * (len(analysis.traces) + len(analysis.comparisons))
    assert 20 <= n <= limit, f"{n} pages, {limit:.0f} at most for this model"
    for i, (page, text) in enumerate(zip(pdf.pages, pdf_text, strict=True), 1):
        size = sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height))))
        assert size == sorted(A4), (i, size)
        assert f"Sida {i} av {n}" in text, i
    first = " ".join(_pdf_lines(pdf_text[0]))
    assert "Sammanfattning för ledningen" in first and "Det viktigaste att ändra" in first
    assert "PW1" not in first, "no rule codes on page one"


def test_no_pdf_page_ends_with_a_heading(full_report, pdf_text):
    p = _Headings()
    p.feed(full_report.files["html"].read_text(encoding="utf-8"))
    headings = {h.strip() for h in p.headings if h.strip()}
    for i, text in enumerate(pdf_text, 1):
        body = [x for x in _pdf_lines(text) if not re.search(r"Sida \d+ av \d+|modell [0-9a-f]{12}", x)]
        assert body, i
        last = body[-1]
        wrapped = [h for h in headings if len(last) >= 8 and (h.startswith(last) or h.endswith(last))]
        assert last not in headings and not wrapped, f"page {i} ends with the heading {last!r}"


def test_docx_has_headings_images_and_tables(full_report):
    doc = Document(str(full_report.files["docx"]))
    styles = [p.style.name for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert "Title" in styles and styles.count("Heading 1") >= 6 and "Heading 2" in styles
    first = next(p.text for p in doc.paragraphs if p.style.name == "Heading 1")
    assert first == "Sammanfattning för ledningen"
    assert len(doc.inline_shapes) >= 10
    assert len(doc.tables) >= 5
    assert doc.tables[0].rows[0].cells[0].text == "Allvar"
    footer = doc.sections[0].footer.paragraphs[0].text
    assert re.search(r"modell [0-9a-f]{12}", footer)


def test_docx_converts_with_libreoffice(full_report, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (Debian's libreoffice-writer-nogui) is needed"
    proc = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(full_report.files["docx"]),
        ],
        capture_output=True,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    pdf = PdfReader(tmp_path / "rapport.pdf")
    assert len(pdf.pages) >= 10
    assert "Sammanfattning för ledningen" in (pdf.pages[0].extract_text() or "")


def test_workbook_reads_back_with_filters_and_frozen_headers(full_report, bundled):
    wb = load_workbook(full_report.files["xlsx"])
    assert wb.sheetnames == [
        "Om",
        "Glapp",
        "Orsaker",
        "Ansvarsmatris",
        "Antaganden",
        "Vad händer om",
        "Ägarbyten",
        "Falldagar",
    ]
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref == ws.dimensions, ws.title
        assert all(c.font.bold for c in ws[1]), ws.title
    gaps = wb["Glapp"]
    ids = [row[7] for row in gaps.iter_rows(min_row=2, values_only=True)]
    assert ids == [f.id for f in bundled["findings"]]
    severities = {row[1] for row in gaps.iter_rows(min_row=2, values_only=True)}
    assert severities <= {"allvarligt", "varning", "upplysning"}
    whatif = wb["Vad händer om"]
    assert whatif.max_row == 1 + len(bundled["whatifs"])
    assert wb["Ägarbyten"].max_row == 1 + sum(len(c.whatif.ownership) for c in bundled["whatifs"])
    days = {row[0]: row[1] for row in wb["Falldagar"].iter_rows(min_row=2, values_only=True) if row[1] is not None}
    assert days == {tr.label["sv"]: tr.uncovered_days for tr in bundled["traces"]}
    matrix = wb["Ansvarsmatris"]
    assert matrix.max_row - 1 == len(matrix_data(bundled["model"], []).rows)
    assert re.search(r"modell [0-9a-f]{12}", " ".join(str(c.value) for c in wb["Om"]["B"] if c.value))


def test_csv_reads_back_in_swedish_excel_form(bundled):
    text = to_csv(bundled["findings"], "sv")
    assert text.startswith("\ufeff")
    raw = text.encode("utf-8")
    assert raw.count(b"\r\n") == raw.count(b"\n"), "every line ends in CRLF"
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert tuple(rows[0]) == HEADERS["sv"]
    assert [r[1] for r in rows[1:]] == [f.id for f in bundled["findings"]]
    body = text.split("\r\n", 1)[1]
    assert all(line.startswith('"') and line.endswith('"') for line in body.split("\r\n") if line)
    assert {r[4] for r in rows[1:]} <= {"allvarligt", "varning", "upplysning"}


def test_stamp_changes_with_the_model_and_knows_git(tmp_path):
    model = copy_model(tmp_path)
    before = content_hash(model)
    (model / "units.yaml").write_text((model / "units.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert content_hash(model) != before
    outside = stamp_of(model)
    assert outside.commit is None and "inte i git" in outside.text("sv")
    inside = stamp_of(MODEL)
    assert inside.commit and re.fullmatch(r"[0-9a-f]{7,}", inside.commit)
    assert f"git {inside.commit}" in inside.text("sv")


def test_stamp_says_when_the_model_differs_from_its_commit(tmp_path):
    model = copy_model(tmp_path)
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "model"]):
        subprocess.run([*git, *args], check=True, capture_output=True)
    clean = stamp_of(model)
    assert clean.commit and not clean.dirty and "ändrad" not in clean.text("sv")
    (model / "units.yaml").write_text((model / "units.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edited = stamp_of(model)
    assert edited.dirty and edited.commit == clean.commit and edited.content_hash != clean.content_hash
    assert "(ändrad sedan incheckning)" in edited.text("sv") and "(changed since commit)" in edited.text("en")
    assert edited.pinned().text("sv") == f"modell {edited.content_hash}"


def test_report_header_shows_the_stamp_of_an_edited_model(tmp_path):
    from pathways.model.load import load_model
    from pathways.outputs.report import write_report
    from pathways.pipeline import analyse

    model_dir = copy_model(tmp_path / "a")
    units = model_dir / "units.yaml"
    headers = []
    for edit in ("", "\n"):
        units.write_text(units.read_text(encoding="utf-8") + edit, encoding="utf-8")
        analysis = analyse(load_model(model_dir), model_dir=model_dir)
        html = write_report(analysis, tmp_path / f"r{len(headers)}", "sv", ("html",)).files["html"]
        cover = html.read_text(encoding="utf-8").split("</header>", 1)[0]
        assert f"modell {content_hash(model_dir)}" in cover and "inte i git" in cover
        svg = (html.parent / "bilder" / "overview.svg").read_text(encoding="utf-8")
        assert f"<metadata>{analysis.stamp.text('sv')}</metadata>" in svg
        headers.append(cover)
    assert headers[0] != headers[1], "an edited model gets another stamp, though its version is the same"


def test_committed_diagrams_carry_the_content_hash_and_no_date():
    svg = (ROOT / "diagrams" / "overview.svg").read_text(encoding="utf-8")
    assert f"modell\u00a0{content_hash(MODEL)}" in svg.replace("&#160;", "\u00a0")
    assert "<metadata>" not in svg, "diagrams/ is made with --stamp model (make diagrams)"
