"""The report as a Word document (python-docx), for the region to edit.

Real heading styles (so Word's navigation pane and a table of contents work), the
diagrams as PNG images, every table as a Word table, page numbers and the revision
stamp in the footer. The content is the report's context (:mod:`report_context`), so
the Word file says what the HTML and the PDF say.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from pathways.files import replacing
from pathways.outputs.summary import first_sentence

TABLE_STYLE = "Table Grid"
TABLE_PT = Pt(9)


def _table(doc, headers: list[str], rows: list[list[object]], widths: list[float] | None = None) -> None:
    """A Word table, header row in bold and repeated on each page; ``widths`` in cm."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = TABLE_STYLE
    table.autofit = widths is None
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(str(text))
        run.bold = True
        run.font.size = TABLE_PT
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(str(value)).font.size = TABLE_PT
    if widths:
        for column, w in zip(table.columns, widths, strict=True):
            column.width = Cm(w)  # the grid LibreOffice reads
        for row in table.rows:
            for cell, w in zip(row.cells, widths, strict=True):
                cell.width = Cm(w)  # the cell widths Word reads
    _repeat_header(table)
    doc.add_paragraph()


def _repeat_header(table) -> None:
    """The header row repeats on every page the table runs over."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _page_field(paragraph) -> None:
    """A PAGE field: Word fills in the page number."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _footer(doc, ctx: dict) -> None:
    for section in doc.sections:
        p = section.footer.paragraphs[0]
        p.text = f"{ctx['r']['revision']}: {ctx['stamp']} · {ctx['r']['page']} "
        p.runs[0].font.size = Pt(8)
        _page_field(p)


def _image(doc, out: Path, figure, width_cm: float) -> None:
    if figure is None:
        return
    doc.add_picture(str(out / figure.png), width=Cm(width_cm))
    doc.add_paragraph(f"{figure.title}", style="Caption")


def _landscape(doc) -> None:
    section = doc.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width


def _summary(doc, ctx: dict, out: Path) -> None:
    r, m = ctx["r"], ctx["mgmt"]
    doc.add_heading(r["mgmt_title"], 1)
    doc.add_paragraph(m["lead"])
    doc.add_heading(r["top"], 2)
    rows = [
        [
            r["sev_" + c.severity],
            c.what + f"\n{c.where}",
            "\n".join(c.groups[:1] + ([r["more_groups"].format(n=len(c.groups) - 1)] if len(c.groups) > 1 else [])),
            r["days_in_cases"].format(days=c.days, cases=c.cases) if c.cases else r["no_case"],
            first_sentence(c.changes[0]),
        ]
        for c in m["top"]
    ]
    _table(
        doc, [r["severity"], r["col_what"], r["col_who"], r["col_days"], r["col_change"]], rows, [2, 4, 4.5, 2.2, 4.3]
    )
    for f in ctx["figures"].get("chart", []):
        _image(doc, out, f, 16)
    if m["scenarios"]:
        doc.add_heading(r["scenario_effects"], 2)
        for line in m["scenarios"]:
            doc.add_paragraph(line, style="List Bullet")
    if m["open"]:
        doc.add_heading(r["open_questions"], 2)
        doc.add_paragraph(r["open_questions_text"])
        for c in m["open"]:
            doc.add_paragraph(f"{c.what} ({c.where})", style="List Bullet")
    doc.add_heading(r["assumptions"], 2)
    doc.add_paragraph(m["assumptions_left"])
    for a in m["assumptions_top"]:
        doc.add_paragraph(f"{a['label']}: {a['note']}", style="List Bullet")


def _causes(doc, ctx: dict) -> None:
    r = ctx["r"]
    doc.add_heading(r["all_causes"], 1)
    doc.add_paragraph(r["all_causes_text"])
    rows = [
        [
            r["sev_" + c.severity],
            c.what + (f" ({c.detail})" if c.detail else "") + f"\n{c.where}",
            "; ".join(c.groups),
            "\n".join(first_sentence(x) for x in c.changes),
            ", ".join(str(n) for n in c.numbers),
        ]
        for c in ctx["mgmt"]["causes"]
    ]
    _table(doc, [r["severity"], r["col_what"], r["col_who"], r["col_change"], r["no"]], rows, [2, 4, 4.2, 5.3, 1.5])


def _diagrams(doc, ctx: dict, out: Path) -> None:
    r, figs = ctx["r"], ctx["figures"]
    for key, title in (("overview", "overview"), ("gaps", "gaps")):
        doc.add_heading(r[title], 1)
        for f in figs.get(key, []):
            _image(doc, out, f, 17)
    _landscape(doc)
    for key, title in (("route", "routes"), ("matrix", "matrix")):
        doc.add_heading(r[title], 1)
        if key == "matrix":
            doc.add_paragraph(r["matrix_in_workbook"])
        for f in figs.get(key, []):
            _image(doc, out, f, 25)


def _cases(doc, ctx: dict, out: Path) -> None:
    r = ctx["r"]
    if ctx["cases"]:
        doc.add_heading(r["cases"], 1)
    for c in ctx["cases"]:
        doc.add_heading(c["label"], 2)
        doc.add_paragraph(f"{c['profile']}. {c['summary']}")
        _image(doc, out, c["figure"], 25)
        if c["gaps"]:
            rows = [[g["need"], g["period"], g["days"], g["cause"]] for g in c["gaps"]]
            _table(doc, [r["need"], r["period"], r["days"], r["cause"]], rows)
        if c["met"]:
            doc.add_paragraph(f"{r['met']}: {_numbers(c['met'], r['none'])}.")
    if ctx["whatifs"]:
        doc.add_heading(r["whatif"], 1)
    for w in ctx["whatifs"]:
        doc.add_heading(w["label"], 2)
        doc.add_paragraph(w["sentence"])
        doc.add_paragraph(f"{r['rationale']}: {w['rationale']}")
        _image(doc, out, w["figure"], 22)
        _whatif_facts(doc, r, w)


def _numbers(items: list[dict], none: str) -> str:
    return "; ".join(f"{f['no']} {f['title']}" for f in items) or none


def _whatif_facts(doc, r: dict, w: dict) -> None:
    doc.add_paragraph(f"{r['resolved']}: {_numbers(w['resolved'], r['none'])}.")
    doc.add_paragraph(f"{r['new']}: {_numbers(w['new'], r['none'])}.")
    for e in w["elements"]:
        doc.add_paragraph(f"{e['element']}: {e['change']}", style="List Bullet")
    if w["ownership"]:
        rows = [[o["need"], o["setting"], o["groups"], o["before"], o["after"]] for o in w["ownership"]]
        _table(doc, [r["need"], r["setting"], r["who"], r["before"], r["after"]], rows)


def _sections(doc, ctx: dict, out: Path) -> None:
    if not ctx["sections"]:
        return
    doc.add_heading(ctx["r"]["extra"], 1)
    for sec in ctx["sections"]:
        doc.add_heading(sec["title"], 2)
        for p in sec["paragraphs"]:
            doc.add_paragraph(p)
        for figure in sec["figures"]:
            _image(doc, out, figure, 16)
        for tb in sec["tables"]:
            _table(doc, tb["headers"], tb["rows"])


def _appendix(doc, ctx: dict) -> None:
    r = ctx["r"]
    portrait = doc.add_section()
    portrait.orientation = WD_ORIENT.PORTRAIT
    portrait.page_width, portrait.page_height = portrait.page_height, portrait.page_width
    doc.add_heading(r["assumptions"], 1)
    doc.add_paragraph(r["assumptions_text"])
    rows = [["☐", a["kind"], a["label"], a["note"], a["source"]] for a in ctx["assumptions"]]
    _table(doc, [r["confirmed"], r["kind"], r["label"], r["note"], r["source"]], rows)
    doc.add_heading(r["appendix"], 1)
    rows = [
        [g["no"], g["severity_text"], f"{g['title']}\n{g['rule']} · {g['id']}", g["message"], "\n".join(g["profiles"])]
        for g in ctx["gap_rows"]
    ]
    _table(doc, [r["no"], r["severity"], r["gap"], r["what"], r["who"]], rows)
    doc.add_heading(r["sources"], 1)
    for s in ctx["sources"]:
        doc.add_paragraph(f"{s['title']} ({s['ref']})", style="List Bullet")


def write_docx(ctx: dict, out: Path, path: Path) -> Path:
    """Write the report context as ``path``; images are read from ``out`` (the PNGs)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for s in (section,):
        s.left_margin = s.right_margin = Cm(2)
    doc.core_properties.title = f"{ctx['r']['title']} – {ctx['model']['label']}"
    doc.add_heading(ctx["r"]["title"], 0)
    doc.add_paragraph(f"{ctx['r']['model']}: {ctx['model']['label']} · {ctx['r']['version']} {ctx['model']['version']}")
    doc.add_paragraph(f"{ctx['r']['revision']}: {ctx['stamp']}")
    _summary(doc, ctx, out)
    _causes(doc, ctx)
    _diagrams(doc, ctx, out)
    _cases(doc, ctx, out)
    _sections(doc, ctx, out)
    _appendix(doc, ctx)
    _footer(doc, ctx)
    with replacing(path) as tmp:
        doc.save(str(tmp))
    return path
