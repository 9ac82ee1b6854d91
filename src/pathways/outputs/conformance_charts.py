"""The conformance diagrams of the report, drawn with Graphviz like every other diagram.

Share of journeys without deviations per municipality, journeys per lead time, and the
overview with the deviation counts on the handovers. Every figure arrives already
suppressed (``"<5"``) from :mod:`pathways.conformance.aggregate`: a suppressed share or
count is written, not drawn. They go through :func:`pathways.outputs.render.render`, so
the HTML, PDF, Word and Markdown reports show the same SVG/PNG.
"""

from __future__ import annotations

import graphviz

from pathways.conformance.run import Result
from pathways.model.model import Model
from pathways.outputs.conformance import NAMES, TEXT, name_of, swedish_order
from pathways.outputs.overview import overview_marked
from pathways.outputs.render import Diagram
from pathways.outputs.style import BLUE, FONT, GREY, VERMILLION, esc, html_label

BAR_PT = 240
"""Length of a full bar (100 %, or the largest count), in points."""


def _chart(name: str, rows: list[str]) -> graphviz.Digraph:
    g = graphviz.Digraph(name=name)
    g.attr("graph", charset="UTF-8", fontname=FONT, fontsize="10", pad="0.1", bgcolor="white", margin="0")
    g.attr("node", shape="plaintext", fontname=FONT, fontsize="10", margin="0")
    g.node("chart", html_label('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3">' + "".join(rows) + "</TABLE>"))
    return g


def _title(text: str) -> str:
    return f'<TR><TD COLSPAN="3" ALIGN="LEFT"><FONT POINT-SIZE="14"><B>{esc(text)}</B></FONT></TD></TR>'


def _note(text: str) -> str:
    return f'<TR><TD COLSPAN="3" ALIGN="LEFT"><FONT COLOR="{GREY}">{esc(text)}</FONT></TD></TR>'


def _bar(fraction: float | None, colour: str) -> str:
    """A bar of ``fraction`` of BAR_PT, left-aligned in a cell BAR_PT wide; None: no bar."""
    width = round(BAR_PT * fraction) if fraction is not None else 0
    cells = f'<TD BGCOLOR="{colour}" WIDTH="{width}" HEIGHT="14" FIXEDSIZE="TRUE"></TD>' if width >= 1 else ""
    cells += f'<TD WIDTH="{BAR_PT + 1 - width}" HEIGHT="14" FIXEDSIZE="TRUE"></TD>'
    return f'<TD><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{cells}</TR></TABLE></TD>'


def _figure(value: object, lang: str, percent: bool) -> str:
    if not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    text = f"{value * 100:.0f} %" if percent else str(value)
    return text.replace(".", ",") if lang == "sv" else text


def within_chart(result: Result, model: Model, lang: str = "sv") -> graphviz.Digraph:
    """One bar per municipality: the share of its journeys without any deviation."""
    text = TEXT[lang]
    towns = sorted(
        (
            (name_of(model, "municipality", g["key"], lang), g)
            for g in result.summary["groups"]
            if g["dimension"] == "municipality"
        ),
        key=lambda item: swedish_order(item[0]),
    )
    rows = [_title(text["chart_within"])]
    for name, g in towns:
        share = g["within"] if isinstance(g["within"], (int, float)) else None
        count = _figure(g["count"], lang, False)
        rows.append(
            f'<TR><TD ALIGN="RIGHT">{esc(name)}</TD>{_bar(share, BLUE)}'
            f'<TD ALIGN="LEFT">{esc(_figure(g["within"], lang, True))} ({esc(text["of_n"].format(n=count))})</TD></TR>'
        )
    rows.append(_note(text["suppressed"].format(n=result.summary["threshold"])))
    return _chart("conformance_within", rows)


def lead_chart(result: Result, lang: str = "sv") -> graphviz.Digraph:
    """Journeys per lead time (first to last event), one bar per day or per week."""
    text = TEXT[lang]
    bins = result.summary["lead_distribution"]
    top = max((b["count"] for b in bins if isinstance(b["count"], int)), default=1) or 1
    rows = [_title(text["chart_lead"])]
    for b in bins:
        days = str(b["days"]) if b["days"] == b["to"] else f"{b['days']}–{b['to']}"
        count = b["count"]
        rows.append(
            f'<TR><TD ALIGN="RIGHT">{esc(days)}</TD>'
            f"{_bar(count / top if isinstance(count, int) else None, VERMILLION)}"
            f'<TD ALIGN="LEFT">{esc(_figure(count, lang, False))}</TD></TR>'
        )
    rows.append(_note(f"{text['axis']}. {text['suppressed'].format(n=result.summary['threshold'])}"))
    return _chart("conformance_lead", rows)


def deviation_marks(result: Result, lang: str = "sv") -> dict[str, str]:
    """handover -> the row on its arrow: the number of deviations the log shows there (``<5`` when few journeys)."""
    marks = {}
    for handover, n in result.summary["handover_deviations"].items():
        text = TEXT[lang]["on_handover"].format(n=_figure(n, lang, False))
        marks[handover] = f'<TR><TD><FONT COLOR="{VERMILLION}"><B>⚠ {esc(text)}</B></FONT></TD></TR>'
    return marks


def conformance_diagrams(result: Result, model: Model, lang: str = "sv") -> list[Diagram]:
    """The three diagrams of the report's conformance section (names: NAMES)."""
    text = TEXT[lang]
    note = text["overview_note"].format(
        journeys=_figure(result.summary["journeys"], lang, False), n=result.summary["threshold"]
    )
    marked = overview_marked(model, lang, deviation_marks(result, lang), text["overview_title"], note)
    made = (within_chart(result, model, lang), lead_chart(result, lang), marked)
    titles = (text["chart_within"], text["chart_lead"], text["overview_title"])
    return [
        Diagram(name, "conformance", graph, {lang: title})
        for name, graph, title in zip(NAMES, made, titles, strict=True)
    ]
