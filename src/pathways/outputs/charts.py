"""The two charts of the management summary, drawn with Graphviz as bar tables.

Findings by kind and severity (one bar per kind of gap, stacked by severity, each
segment labelled with its count and a severity letter so the chart reads in black and
white), and days without owner per patient case. Both are ordinary diagrams: they go
through :func:`pathways.outputs.render.render` like every other one, so the report, the
PDF and the Word file all show the same SVG/PNG.
"""

from __future__ import annotations

import graphviz

from pathways.gaps.core import SEVERITIES
from pathways.outputs.numbering import rule_titles
from pathways.outputs.style import BLACK, FONT, GREY, SKY, VERMILLION, YELLOW, esc, html_label, lines
from pathways.pipeline import Analysis
from pathways.texts import t

SEVERITY_COLOUR = {"error": VERMILLION, "warning": YELLOW, "info": SKY}
SEVERITY_MARK = {"error": "●", "warning": "▲", "info": "■"}
"""A shape per severity, so colour is not the only cue."""
UNIT_PT = 16
"""Width of one finding or one day in a bar, in points."""
MAX_BAR_PT = 240


def _graph(name: str, size: int) -> graphviz.Digraph:
    g = graphviz.Digraph(name=name)
    g.attr("graph", charset="UTF-8", fontname=FONT, fontsize=str(size), pad="0.1", bgcolor="white", margin="0")
    g.attr("node", shape="plaintext", fontname=FONT, fontsize=str(size), margin="0")
    return g


def _title(text: str, span: int) -> str:
    return f'<TR><TD COLSPAN="{span}" ALIGN="LEFT"><FONT POINT-SIZE="14"><B>{esc(text)}</B></FONT></TD></TR>'


def _scale(largest: int) -> float:
    return min(UNIT_PT, MAX_BAR_PT / max(largest, 1))


def _spacer(width: float) -> str:
    """An empty cell that fills a bar's row to the longest bar, so bars start on one line."""
    return f'<TD WIDTH="{width:.0f}" HEIGHT="1" FIXEDSIZE="TRUE"></TD>' if width >= 1 else ""


def kinds_chart(analysis: Analysis, lang: str = "sv") -> graphviz.Digraph:
    """One bar per kind of gap (rule), stacked by severity, most findings first."""
    titles = rule_titles()
    counts: dict[str, dict[str, int]] = {}
    for f in analysis.findings:
        counts.setdefault(f.rule, dict.fromkeys(SEVERITIES, 0))[f.severity] += 1
    order = sorted(counts, key=lambda r: (-sum(counts[r].values()), r))
    scale = _scale(max((sum(c.values()) for c in counts.values()), default=1))
    rows = [_title(t(lang, "chart_kinds"), 3)]
    full = max(sum(max(n * scale, 22) for n in c.values() if n) for c in counts.values()) if counts else 0
    for rule in order:
        widths = [(s, n, max(n * scale, 22)) for s in reversed(SEVERITIES) if (n := counts[rule][s])]
        segments = "".join(
            f'<TD BGCOLOR="{SEVERITY_COLOUR[s]}" WIDTH="{w:.0f}" HEIGHT="18" FIXEDSIZE="TRUE">'
            f'<FONT COLOR="{BLACK}">{SEVERITY_MARK[s]}{n}</FONT></TD>'
            for s, n, w in widths
        )
        rows.append(
            f'<TR><TD ALIGN="RIGHT">{esc(titles[rule][lang])}</TD>'
            f'<TD><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1"><TR>{segments}'
            f"{_spacer(full - sum(w for _, _, w in widths) + 2 * (3 - len(widths)))}</TR></TABLE></TD>"
            f"<TD>{sum(counts[rule].values())}</TD></TR>"
        )
    legend = " ".join(
        f'<FONT COLOR="{SEVERITY_COLOUR[s]}">{SEVERITY_MARK[s]}</FONT> {esc(t(lang, "sev_" + s))}'
        for s in reversed(SEVERITIES)
    )
    rows.append(f'<TR><TD COLSPAN="3" ALIGN="LEFT">{legend}</TD></TR>')
    g = _graph("summary_kinds", 10)
    g.node("chart", html_label('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3">' + "".join(rows) + "</TABLE>"))
    return g


def case_days_chart(analysis: Analysis, lang: str = "sv") -> graphviz.Digraph:
    """Days without owner per patient case: one bar each, most days first."""
    traces = sorted(analysis.traces, key=lambda tr: (-tr.uncovered_days, tr.case))
    scale = _scale(max((tr.uncovered_days for tr in traces), default=1))
    full = max((max(tr.uncovered_days * scale, 2) for tr in traces), default=0)
    rows = [_title(t(lang, "chart_cases"), 3)]
    for tr in traces:
        n = tr.uncovered_days
        width = max(n * scale, 2)
        fill = VERMILLION if n else "white"
        bar = f'<TD BGCOLOR="{fill}" WIDTH="{width:.0f}" HEIGHT="16" FIXEDSIZE="TRUE"></TD>' + _spacer(full - width)
        rows.append(
            f'<TR><TD ALIGN="RIGHT" BALIGN="RIGHT">{lines(tr.label.get(lang) or tr.case, 44)}</TD>'
            f'<TD ALIGN="LEFT"><TABLE ALIGN="LEFT" BORDER="0" CELLBORDER="0" CELLSPACING="0"><TR>{bar}</TR></TABLE></TD>'
            f'<TD ALIGN="LEFT">{n} / {len(tr.days)}</TD></TR>'
        )
    rows.append(
        f'<TR><TD COLSPAN="3" ALIGN="LEFT"><FONT COLOR="{GREY}">{esc(t(lang, "chart_cases_note"))}</FONT></TD></TR>'
    )
    g = _graph("summary_cases", 10)
    g.node("chart", html_label('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3">' + "".join(rows) + "</TABLE>"))
    return g
