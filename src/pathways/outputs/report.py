"""The report: HTML, PDF, Word, Excel and Markdown from one context.

``rapport.html`` holds every diagram inline (SVG as data URIs) and prints on A4 from a
browser; ``rapport.pdf`` is the same HTML laid out by WeasyPrint (A4, page numbers,
contents with page numbers, landscape pages for the wide diagrams); ``rapport.docx`` and
``rapport.xlsx`` are made from the same context (:mod:`pathways.outputs.word`,
:mod:`pathways.outputs.workbook`); ``rapport.md`` has the diagrams as image files in
``bilder/``. Page one is the management summary. The HTML template escapes everything
(autoescape), so a label with ``<`` or ``&`` in the model is shown as text.

The report renders an :class:`pathways.pipeline.Analysis`; it runs no analysis itself.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from pathways.outputs.charts import case_days_chart, kinds_chart
from pathways.outputs.render import Diagram, build, render
from pathways.outputs.report_context import Figure, context, title_of
from pathways.outputs.summary import first_sentence
from pathways.pipeline import Analysis
from pathways.texts import t

IMAGES = "bilder"
FORMATS = ("html", "pdf", "docx", "xlsx", "md")
DEFAULT_FORMATS = ("html", "md")


@dataclass
class Report:
    files: dict[str, Path] = field(default_factory=dict)
    """Format → path of the file written."""
    images: list[Path] = field(default_factory=list)


def _env(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pathways.outputs", "templates"),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["mdcell"] = md_cell
    env.filters["sentence"] = first_sentence
    return env


def md_escape(text: object) -> str:
    """Text for Markdown prose: characters Markdown would read as markup are escaped, and
    ``<`` / ``&`` become entities so no HTML gets through."""
    s = str(text)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", s)


def md_cell(text: object) -> str:
    """Text for a Markdown table cell: escaped, on one line."""
    return md_escape(str(text).replace("\n", " "))


def _figure(d: Diagram, images: Path, out: Path, lang: str) -> Figure:
    svg = (images / f"{d.name}.svg").read_bytes()
    title = d.title.get(lang) or title_of(d.source, d.name)
    return Figure(
        d.name,
        d.kind,
        title,
        "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"),
        f"{images.relative_to(out).as_posix()}/{d.name}.png",
    )


def diagrams(analysis: Analysis, lang: str) -> list[Diagram]:
    """Every diagram of the report: the two summary charts, then those of ``render``, then
    (with a journey log) the conformance section's."""
    charts = [Diagram("summary_kinds", "chart", kinds_chart(analysis, lang), {lang: t(lang, "chart_kinds")})]
    if analysis.traces:
        charts.append(
            Diagram("summary_cases", "chart", case_days_chart(analysis, lang), {lang: t(lang, "chart_cases")})
        )
    made = charts + build(analysis, lang)
    if analysis.conformance is not None:
        from pathways.outputs.conformance_charts import conformance_diagrams

        made += conformance_diagrams(analysis.conformance, analysis.model, lang)
    return made


def write_report(
    analysis: Analysis, out_dir: str | Path, lang: str = "sv", formats: tuple[str, ...] = DEFAULT_FORMATS
) -> Report:
    """Render the diagrams into ``out_dir/bilder`` and write ``rapport.<format>`` for each format."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; formats: {', '.join(FORMATS)}")
    out = Path(out_dir)
    images = out / IMAGES
    images.mkdir(parents=True, exist_ok=True)
    made = diagrams(analysis, lang)
    paths = render(made, images, ("svg", "png"), stamp=analysis.stamp.text(lang) if analysis.stamp else "")
    figures = [_figure(d, images, out, lang) for d in made]
    ctx = context(analysis, lang, figures)
    files: dict[str, Path] = {}
    html = _env(True).get_template("report.html.j2").render(**ctx)
    if "html" in formats:
        files["html"] = out / "rapport.html"
        files["html"].write_text(html, encoding="utf-8")
    if "md" in formats:
        files["md"] = out / "rapport.md"
        files["md"].write_text(_env(False).get_template("report.md.j2").render(**ctx), encoding="utf-8")
    if "pdf" in formats:
        from pathways.outputs.pdf import write_pdf

        files["pdf"] = write_pdf(html, out / "rapport.pdf")
    if "docx" in formats:
        from pathways.outputs.word import write_docx

        files["docx"] = write_docx(ctx, out, out / "rapport.docx")
    if "xlsx" in formats:
        from pathways.outputs.workbook import write_workbook

        files["xlsx"] = write_workbook(ctx, out / "rapport.xlsx")
    return Report(files, paths)
