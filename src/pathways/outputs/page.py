"""Page layout of a diagram: the font and sizes, A4 pages, the shared graph look, the title
row, the legend and the source line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import graphviz

from pathways.model.model import Model
from pathways.outputs.colours import BLACK, GREY, HEAT_SHADES
from pathways.outputs.escape import esc, html_label, wrap
from pathways.stamp import diagram_text
from pathways.texts import diagram_text as t

FONT = "DejaVu Sans"
"""Has å, ä, ö and the symbols used (⚠ ✓ ⬡ ⏱-free); Debian package fonts-dejavu-core."""
SVG_FONT_FALLBACK = "DejaVu Sans,Verdana,Arial,Helvetica,sans-serif"
"""Written into SVG files, so a reader without DejaVu gets a font of similar width."""

FONT_SIZE = 10
SMALL = 10
"""The smallest font size used; at scale 1 it is 10 pt on paper."""
TITLE_SIZE = 15

A4_LANDSCAPE = (10.9, 7.48)
A4_PORTRAIT = (7.48, 10.9)
"""A4 minus 10 mm margins, in inches."""

PNG_DPI = 150


@dataclass(frozen=True)
class Page:
    """Where a diagram is meant to go: A4 landscape or portrait (inches, margins off)."""

    width: float
    height: float

    @property
    def size(self) -> str:
        return f"{self.width},{self.height}"


LANDSCAPE = Page(*A4_LANDSCAPE)
PORTRAIT = Page(*A4_PORTRAIT)


def new_graph(name: str, page: Page, rankdir: str = "LR", **attrs: str) -> tuple[graphviz.Digraph, graphviz.Digraph]:
    """A digraph with the shared look, and the framed canvas the diagram is drawn on.

    Draw on the canvas (a cluster without a frame), then call :func:`finish`, which
    puts the title above the drawing and the legend and source line below it.
    """
    g = graphviz.Digraph(name=name, strict=False)
    graph_attrs = {
        "charset": "UTF-8",
        "fontname": FONT,
        "fontsize": str(FONT_SIZE),
        "rankdir": rankdir,
        "size": page.size,
        "newrank": "true",
        "nodesep": "0.3",
        "ranksep": "0.5",
        "pad": "0.0",
        "bgcolor": "white",
    }
    graph_attrs.update(attrs)
    g.attr("graph", **graph_attrs)
    g.attr(
        "node",
        fontname=FONT,
        fontsize=str(FONT_SIZE),
        shape="box",
        style="rounded,filled",
        fillcolor="white",
        color=GREY,
        penwidth="1.2",
        margin="0.08,0.04",
    )
    g.attr("edge", fontname=FONT, fontsize=str(SMALL), color=GREY, fontcolor=GREY, penwidth="1.3", arrowsize="0.8")
    canvas = graphviz.Digraph(name="cluster_frame")
    g.page = page  # read by finish() to wrap the title
    return g, canvas


def finish(
    g: graphviz.Digraph, canvas: graphviz.Digraph, title: str, model: Model, lang: str, legend: str, subtitle: str = ""
) -> graphviz.Digraph:
    """Title above the canvas, legend and source line below; the attributes come last so
    that no cluster inherits the labels."""
    page = getattr(g, "page", LANDSCAPE)
    canvas.attr(
        "graph",
        label=title_label(title, model, lang, subtitle, page),
        labelloc="t",
        labeljust="l",
        peripheries="0",
        margin="2",
        style="solid",
        bgcolor="white",
    )
    g.subgraph(canvas)
    g.attr("graph", label=legend, labelloc="b", labeljust="l")
    return g


def title_label(title: str, model: Model, lang: str, subtitle: str = "", page: Page | None = None) -> str:
    """The title row of a diagram: title, the model's name, version and content hash (the
    pinned revision stamp, :func:`pathways.stamp.diagram_text`), and an optional line about
    this diagram (escaped here); wrapped to the page's width."""
    meta = model.meta
    width_in = (page or LANDSCAPE).width
    title_chars = int(width_in * 72 / (TITLE_SIZE * 0.64))
    text_chars = int(width_in * 72 / (SMALL * 0.68))
    nb = "\u00a0"
    sub = f"{t(lang, 'model')}: {getattr(meta.label, lang)}{nb}· {t(lang, 'version')}{nb}{meta.version}"
    revision = diagram_text(model.root, lang)
    if revision:
        sub += f"{nb}· {revision.replace(' ', nb)}"
    extra = (
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{SMALL}">'
        + "<BR/>".join(esc(x) for x in wrap(subtitle, text_chars))
        + "</FONT></TD></TR>"
        if subtitle
        else ""
    )
    return html_label(
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{TITLE_SIZE}"><B>'
        + "<BR/>".join(esc(x) for x in wrap(title, title_chars))
        + "</B></FONT></TD></TR>"
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{SMALL}" COLOR="{GREY}">'
        + "<BR/>".join(esc(x) for x in wrap(sub, int(width_in * 72 / (SMALL * 0.56))))
        + "</FONT></TD></TR>"
        + extra
        + "</TABLE>"
    )


def source_line(model: Model, lang: str) -> str:
    meta = model.meta
    return t(lang, "source_line", id=meta.id, version=meta.version, date=meta.date)


Cell = str | tuple[str, str]
"""A legend cell: escaped HTML, or (symbol, text) both escaped HTML."""


def legend_table(
    blocks: Sequence[tuple[str | None, Sequence[Cell], int]], model: Model, lang: str, width: int = 95
) -> str:
    """The legend and the source line, as the graph's bottom label.

    ``blocks`` are (heading, cells, columns): each block is its own table, so columns
    of one block do not stretch another's. Headings and cells are escaped HTML.
    """
    parts = [f'<TR><TD ALIGN="LEFT"><B>{esc(t(lang, "legend"))}</B></TD></TR>']
    for heading, cells, columns in blocks:
        if heading:
            parts.append(f'<TR><TD ALIGN="LEFT">{heading}</TD></TR>')
        if not cells:
            continue
        per_row = max(1, columns)
        rows = []
        for k in range(0, len(cells), per_row):
            chunk = cells[k : k + per_row]
            tds = []
            for c in chunk:
                if isinstance(c, tuple):
                    tds.append(f'<TD ALIGN="CENTER">{c[0]}</TD><TD ALIGN="LEFT">{c[1]}</TD>')
                else:
                    tds.append(f'<TD ALIGN="LEFT" COLSPAN="2">{c}</TD>')
            while len(tds) < per_row:
                tds.append('<TD COLSPAN="2"></TD>')
            rows.append("<TR>" + '<TD WIDTH="12"></TD>'.join(tds) + "</TR>")
        parts.append(
            '<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
            + "".join(rows)
            + "</TABLE></TD></TR>"
        )
    parts.append(
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{SMALL}" COLOR="{GREY}">'
        + "".join(f'{esc(x)}<BR ALIGN="LEFT"/>' for x in wrap(source_line(model, lang), width))
        + "</FONT></TD></TR>"
    )
    return html_label('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(parts) + "</TABLE>")


def glyph(text: str, color: str = BLACK, bold: bool = False) -> str:
    inner = esc(text)
    if bold:
        inner = f"<B>{inner}</B>"
    return f'<FONT COLOR="{color}">{inner}</FONT>'


def shade_legend() -> str:
    """The heat maps' key to their shades: none, 1, 2, 3+."""
    return " ".join(
        f'<FONT COLOR="{HEAT_SHADES[k] if k else GREY}">{"■" if k else "□"}</FONT> {esc(text)}'
        for k, text in ((0, "–"), (1, "1"), (2, "2"), (3, "3+"))
    )


def table_sheet(name: str, label: str) -> graphviz.Digraph:
    """A portrait A4 page holding one HTML table (``label``, without its outer ``<>``): the heat maps."""
    g = graphviz.Digraph(name=name)
    g.attr(
        "graph",
        charset="UTF-8",
        fontname=FONT,
        fontsize=str(SMALL),
        pad="0.1",
        bgcolor="white",
        margin="0",
        size=PORTRAIT.size,
    )
    g.attr("node", shape="plaintext", fontname=FONT, fontsize=str(SMALL), margin="0")
    g.node("map", html_label(label))
    return g
