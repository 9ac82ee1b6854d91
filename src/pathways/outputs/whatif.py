"""What a scenario changes, drawn: today's model and the changed one side by side.

Both panels show the same part of the map (the units, SIPs and handovers the scenario
changes, and those where a gap goes away or appears) with **every element at the same
place**: the union of both is laid out once and each panel pinned to that layout
(:mod:`pathways.outputs.pinned`). Marks are short: on the left (Nuläge) the gaps the
scenario removes, as in the gap map (● ▲ ■ and their numbers); on the right (Med
scenariot) the same places carry a green ✓ with the same numbers, new gaps a red
"⚠ ny 1"; a blue "◆ 1" in both panels marks what change 1 is about. The changes are
said in plain sentences, numbered, under the map; the result ("Dagar utan ägare i
patientfallen: 6 → 0 · Glapp: 1 löst, inga nya") stands in the title area.
"""

from __future__ import annotations

import graphviz

from pathways.model.model import Model
from pathways.outputs.numbering import Anchors, Numbered, rule_titles
from pathways.outputs.overview import MARKS, draw_map, route_of_handover
from pathways.outputs.pinned import Layout, layout, pin
from pathways.outputs.style import (
    BLACK,
    BLUE,
    GAP_BG,
    GREEN,
    GREY,
    LANDSCAPE,
    PORTRAIT,
    SMALL,
    TITLE_SIZE,
    VERMILLION,
    Cell,
    Page,
    esc,
    first_fit,
    glyph,
    html_label,
    label,
    legend_table,
    new_graph,
    t,
    wrap,
)
from pathways.outputs.whatif_text import field_change_text, headline
from pathways.outputs.whatif_view import Marks, View, union_model, whatif_view
from pathways.scenarios.report import case_days
from pathways.scenarios.whatif import WhatIf
from pathways.stamp import diagram_text

__all__ = ["field_change_text", "whatif_diagram"]

PANEL_GAP = 8.0
"""Points between the two panels."""
HEAD = 16.0
"""Points above a panel's map for its heading."""
MARGIN = 4.0

WORDS = {
    "sv": {
        "changes": "Vad scenariot ändrar",
        "gaps": "Glapp",
        "cases": "Patientfall, dagar utan ägare (nu → med scenariot)",
    },
    "en": {
        "changes": "What the scenario changes",
        "gaps": "Gaps",
        "cases": "Patient cases, days without an owner (today → with the scenario)",
    },
}


def _edge_label(top: str, rows: str) -> str:
    """An arrow's label: the route's name and the marks, a few points clear of the arrow
    (which runs along the label's left side)."""
    head = f'<TR><TD ALIGN="LEFT">{top}</TD></TR>' if top else ""
    inner = f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{head}{rows}</TABLE>'
    return html_label(
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f'<TR><TD WIDTH="5"></TD><TD>{inner}</TD><TD WIDTH="6"></TD></TR></TABLE>'
    )


def _map(canvas: graphviz.Digraph, model: Model, view: View, side: str, prefix: str, one_row: bool) -> None:
    """One panel's map: side "b" (today), "a" (the scenario) or "u" (the union, for the layout)."""
    hs = {h for h in view.handovers if model.kind_of.get(h) == "handovers"}
    us = {u for u in view.units if model.kind_of.get(u) == "units"}

    def rows(marks: Marks) -> str:
        chosen = {"b": marks.b, "a": marks.a}.get(side) or (marks.union() if side == "u" else [])
        return "".join(chosen)

    unit_extra = {
        u: {"color": VERMILLION, "penwidth": "2.5", "fillcolor": GAP_BG} for u in view.resolved_at if side == "b"
    }
    routes = route_of_handover(model)
    edge_extra: dict[str, dict[str, str]] = {}
    for h in hs:
        top = f"<B>{esc(t(view.lang, 'route_short', n=routes[h]))}</B>" if h in routes else ""
        marks = rows(view.edge_marks[h]) if h in view.edge_marks else ""
        edge_extra[h] = {"comment": h} | ({"label": _edge_label(top, marks)} if top or marks else {})
    draw_map(
        canvas,
        model,
        view.lang,
        Anchors(),
        unit_extra=unit_extra,
        edge_extra=edge_extra,
        prefix=prefix,
        units=us,
        handovers=hs,
        unit_marks={u: rows(m) for u, m in view.unit_marks.items() if rows(m)},
        levels=False,
        one_row=one_row,
    )


def _layout(view: View, one_row: bool) -> Layout:
    g, _ = _new(LANDSCAPE)
    _map(g, union_model(view.base, view.changed), view, "u", "", one_row)
    return layout(g)


def _new(page: Page) -> tuple[graphviz.Digraph, graphviz.Digraph]:
    return new_graph("whatif", page, rankdir="TB", nodesep="0.03", ranksep="0.18", mclimit="0.01", splines="true")


def _model_line(view: View) -> str:
    """The model's name, version and revision stamp, as every diagram's title row has them."""
    meta, nb = view.base.meta, "\u00a0"
    line = f"{t(view.lang, 'model')}: {getattr(meta.label, view.lang)}{nb}· {t(view.lang, 'version')}{nb}{meta.version}"
    revision = diagram_text(view.base.root, view.lang)
    return line + (f"{nb}· {revision.replace(' ', nb)}" if revision else "")


def _title(view: View, title: str, page: Page) -> str:
    """Title, the headline result (bold, green when better, red when worse) and the model line."""
    text, direction = headline(view.whatif, view.lang)
    colour = GREEN if direction < 0 else (VERMILLION if direction > 0 else BLACK)
    chars = int(page.width * 72 / (TITLE_SIZE * 0.62))
    rows = [
        (TITLE_SIZE, BLACK, True, t(view.lang, "whatif_title") + ": " + title),
        (TITLE_SIZE - 2, colour, True, text),
        (
            SMALL,
            GREY,
            False,
            _model_line(view),
        ),
    ]
    body = ""
    for size, ink, bold, line in rows:
        html = "<BR/>".join(esc(x) for x in wrap(line, int(chars * TITLE_SIZE / size)))
        html = f"<B>{html}</B>" if bold else html
        body += (
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT COLOR="{ink}"><FONT POINT-SIZE="{size}">{html}</FONT></FONT>'
            "</TD></TR>"
        )
    return html_label(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">{body}</TABLE>')


def _flow(lines: list[str], width: int) -> str:
    out = []
    for line in lines:
        wrapped = wrap(line, width)
        out += [esc(wrapped[0])] + [esc("    " + x) for x in wrapped[1:]]
    html = "".join(f'{x}<BR ALIGN="LEFT"/>' for x in out)
    for sign, colour in (("◆", BLUE), ("✓", GREEN), ("⚠", VERMILLION)):
        html = html.replace(sign, f'<FONT COLOR="{colour}"><B>{sign}</B></FONT>')
    return html


def _gap_where(model: Model, finding, lang: str) -> str:
    """Where a gap is: the handover (which says for whom itself), or the first two places it
    names (not the responsibilities) and the patient group."""
    named = [
        e
        for e in finding.elements
        if model.get(e) is not None and model.kind_of.get(e) not in ("responsibilities", "coordination_rules")
    ]
    # a handover says where by itself; two units (an overlap) are both the place
    at_handover = bool(named) and model.kind_of.get(named[0]) == "handovers"
    places = [label(model, e, lang) for e in named[: 1 if at_handover else 2]]
    groups = [] if at_handover else list(finding.profiles_text.get(lang, ()))[:1]
    text = ", ".join(places)
    if groups:
        text += f" ({groups[0]})" if text else groups[0]
    return f": {text}" if text else ""


def _notes(view: View, width: int) -> str:
    """Under the map: the changes in sentences, the gaps that go and come, the cases' days."""
    lang, whatif = view.lang, view.whatif
    words = WORDS[lang]
    blocks = []
    if view.notes:
        blocks.append((words["changes"], [f"◆ {i} {n.text}." for i, n in enumerate(view.notes, 1)]))
    titles = rule_titles()
    gap_lines = []
    for sign, items, prefix, model in (
        ("✓", view.resolved, "", view.base),
        ("⚠", view.new, t(lang, "new_short") + " ", view.changed),
    ):
        for item in sorted(items, key=lambda i: i.number):
            rule = titles.get(item.finding.rule, {}).get(lang, item.finding.rule)
            gap_lines.append(f"{sign} {prefix}{item.number} {rule}{_gap_where(model, item.finding, lang)}.")
    if gap_lines:
        blocks.append((words["gaps"], gap_lines))
    if whatif.cases:
        blocks.append(
            (
                words["cases"],
                [
                    "; ".join(f"{c.label.get(lang) or c.case}: {' → '.join(case_days(c, lang))}" for c in whatif.cases)
                    + "."
                ],
            )
        )
    rows = "".join(
        f'<TR><TD ALIGN="LEFT"><B>{esc(head)}</B></TD></TR><TR><TD ALIGN="LEFT" BALIGN="LEFT">{_flow(lines, width)}</TD></TR>'
        for head, lines in blocks
    )
    return (
        html_label(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{rows}</TABLE>') if rows else ""
    )


def _legend(view: View, width: int) -> str:
    lang = view.lang
    cells: list[Cell] = [
        (
            "".join(f'<FONT COLOR="{bg}"><B>{m}</B></FONT>' for m, bg, _ in MARKS.values()) + "<B> n</B>",
            esc(t(lang, "gap_now")),
        ),
        (f'<FONT COLOR="{GREEN}"><B>✓ n</B></FONT>', esc(t(lang, "gap_resolved"))),
        (f'<FONT COLOR="{VERMILLION}"><B>⚠ {esc(t(lang, "new_short"))} n</B></FONT>', esc(t(lang, "gap_new"))),
        (f'<FONT COLOR="{BLUE}"><B>◆ n</B></FONT>', esc(t(lang, "changed_legend"))),
        (glyph("⬡", BLACK, bold=True), esc(t(lang, "sip_short"))),
        (glyph("╌╌╌", GREY, bold=True), esc(t(lang, "assumption_unit"))),
    ]
    return legend_table([(None, cells, 3)], view.base, lang, width=width)


def _figure(view: View, laid: tuple[Layout, bool], page: Page, side_by_side: bool, title: str) -> graphviz.Digraph:
    """The figure: both panels pinned to the layout (made with ``one_row`` or not), the title
    above, the changes and the legend below."""
    at, one_row = laid
    g, _ = _new(page)
    g.attr("graph", layout="nop2")
    w, h = at.width + 2 * MARGIN, at.height + 2 * MARGIN + HEAD
    offsets = {"b": (0.0, 0.0), "a": (w + PANEL_GAP, 0.0) if side_by_side else (0.0, -(h + PANEL_GAP))}
    for side, model in (("b", view.base), ("a", view.changed)):
        dx, dy = offsets[side]
        panel = graphviz.Digraph(name=f"cluster_panel_{side}")
        _map(panel, model, view, side, f"{side}_", one_row=one_row)
        lines = pin(panel.body, at, f"{side}_", dx - at.bb[0] + MARGIN, dy - at.bb[1] + MARGIN)
        head = t(view.lang, "current" if side == "b" else "with_scenario")
        x1, y1 = dx, dy
        bb = f"{x1:.2f},{y1:.2f},{x1 + w:.2f},{y1 + h:.2f}"
        lp = f"{x1 + MARGIN + len(head) * 4.6:.2f},{y1 + h - HEAD / 2:.2f}"
        frame = (
            f'\tsubgraph cluster_panel_{side} {{\n\t\tgraph [bb="{bb}" lp="{lp}" lwidth="{len(head) * 9.2 / 72:.2f}" '
            f'lheight="0.25" label=<<B>{esc(head)}</B>> labeljust=l labelloc=t style=rounded color="#777777" '
            f"penwidth=1.5 fontsize=13]\n"
        )
        g.body.append(frame + "".join(lines) + "\t}\n")
    top = h
    bottom = offsets["a"][1] if not side_by_side else 0.0
    right = (2 * w + PANEL_GAP) if side_by_side else w
    width = 130 if page is LANDSCAPE else 90
    title_html, notes_html, legend_html = _title(view, title, page), _notes(view, width), _legend(view, width)
    (tw, th), (nw, nh), (lw, lh) = _sizes(title_html, notes_html or "x", legend_html)
    g.node("title", title_html, shape="plaintext", margin="0", pos=f"{tw / 2:.2f},{top + 6 + th / 2:.2f}")
    y = bottom - 6
    if notes_html:
        g.node("notes", notes_html, shape="plaintext", margin="0", pos=f"{nw / 2:.2f},{y - nh / 2:.2f}")
        y -= nh + 4
    g.node("legend", legend_html, shape="plaintext", margin="0", pos=f"{lw / 2:.2f},{y - lh / 2:.2f}")
    g.attr("graph", bb=f"0,{y - lh:.2f},{max(right, tw, nw, lw):.2f},{top + 6 + th:.2f}")
    return g


def _sizes(*labels: str) -> list[tuple[float, float]]:
    """Width and height in points of plaintext nodes with these labels (one ``dot`` run)."""
    g = graphviz.Digraph()
    g.attr("node", shape="plaintext", margin="0", fontname="DejaVu Sans", fontsize=str(SMALL))
    for i, lab in enumerate(labels):
        g.node(f"n{i}", lab)
    at = layout(g)
    return [
        (float(at.nodes[f"n{i}"]["width"]) * 72, float(at.nodes[f"n{i}"]["height"]) * 72) for i in range(len(labels))
    ]


def whatif_diagram(
    base: Model,
    changed: Model,
    whatif: WhatIf,
    lang: str = "sv",
    base_findings: list[Numbered] | None = None,
    name: str = "whatif",
    title_text: str = "",
) -> graphviz.Digraph:
    """The what-if figure for one comparison (a :class:`pathways.scenarios.whatif.WhatIf`)."""
    numbers = {item.finding.id: item.number for item in base_findings or []}
    view = whatif_view(base, changed, whatif, numbers, lang)
    title = title_text or name
    rows = (_layout(view, one_row=False), False)
    strip = (_layout(view, one_row=True), True)
    return first_fit(
        [
            (lambda: _figure(view, rows, LANDSCAPE, True, title), LANDSCAPE),
            (lambda: _figure(view, strip, LANDSCAPE, True, title), LANDSCAPE),
            (lambda: _figure(view, rows, PORTRAIT, False, title), PORTRAIT),
            (lambda: _figure(view, strip, PORTRAIT, False, title), PORTRAIT),
        ]
    )
