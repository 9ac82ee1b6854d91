"""What a scenario changes, drawn: the current model and the changed one side by side.

Both panels show the same part of the map: the units and handovers the scenario
changes, and those where a finding goes away or appears. On the left (Nuläge) the
gaps that the scenario removes are red ⚠ with their numbers; on the right (Med
scenariot) the same places carry a green ✓ with the same numbers, new gaps are red
⚠ "ny 1, ny 2" (numbered as in the report's what-if table), and what the scenario
changes is blue ◆: a changed handover with the field that changes, a unit that gains
or loses ownership of needs.
"""

from __future__ import annotations

from collections import defaultdict

import graphviz

from pathways.model.model import Model
from pathways.outputs.numbering import Anchors, Numbered, anchors
from pathways.outputs.overview import MARKS, draw_map
from pathways.outputs.style import (
    BLUE,
    GREEN,
    LANDSCAPE,
    PORTRAIT,
    VERMILLION,
    esc,
    finish,
    first_fit,
    glyph,
    html_label,
    label,
    legend_table,
    ranges,
    t,
    wrap,
)

FIELD_TEXT = {
    "sv": {
        "sender_until": "avsändaren kvar (dagar)",
        "receiver_from": "mottagaren tar över (dag)",
        "passes": "förs över",
        "receiver_needs": "mottagaren behöver",
        "gate": "mottagarens bedömning",
        "on_reject": "vid nej",
        "needs": "behov",
        "profile": "patientgrupper",
        "participants": "deltar",
        "within_days": "inom dagar",
        "after": "räknat från",
        "owners": "ägare",
        "settings": "miljöer",
        "window": "tidsfönster",
        "note": "anteckning",
        "to": "mottagare",
        "from": "avsändare",
        "mode": "sätt",
    },
    "en": {
        "sender_until": "sender keeps (days)",
        "receiver_from": "receiver takes over (day)",
        "passes": "passed on",
        "receiver_needs": "receiver needs",
        "gate": "receiver's check",
        "on_reject": "if no",
        "needs": "needs",
        "profile": "patient groups",
        "participants": "taking part",
        "within_days": "within days",
        "after": "counted from",
        "owners": "owners",
        "settings": "settings",
        "window": "time window",
        "note": "note",
        "to": "receiver",
        "from": "sender",
        "mode": "mode",
    },
}


def _row(text: str, colour: str, width: int = 22) -> str:
    lines_ = wrap(text, width)
    body = "<BR/>".join(esc(x) for x in lines_)
    return f'<TR><TD BGCOLOR="{colour}" ALIGN="LEFT" BALIGN="LEFT"><FONT COLOR="white"><B>{body}</B></FONT></TD></TR>'


def _value_text(model: Model, value, lang: str) -> str:
    if isinstance(value, list):
        return ", ".join(_value_text(model, v, lang) for v in value) or "–"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_value_text(model, v, lang)}" for k, v in value.items())
    if value is None:
        return "–"
    text = str(value)
    key = f"item_{text}"
    from pathways.outputs.style import TEXT

    if key in TEXT[lang]:
        return TEXT[lang][key]
    return label(model, text, lang) if model.get(text) is not None else text


def _dim_value(model: Model, dim: str, value: str, lang: str) -> str:
    for d in model.dimensions:
        if d.id == dim:
            for v in d.values:
                if v.id == value:
                    return getattr(v.label, lang)
    return value


def field_change_text(model: Model, field: str, change: dict, lang: str) -> str:
    """'förs över: + hjälpmedel', 'avsändaren kvar: 0 → 7 d', 'patientgrupper: + Psykiatrisk'."""
    name = FIELD_TEXT[lang].get(field, field)
    before, after = change.get("before"), change.get("after")
    if isinstance(before, dict) or isinstance(after, dict):
        b, a = dict(before or {}), dict(after or {})
        parts = []
        for key in sorted(set(b) | set(a)):
            if b.get(key) == a.get(key):
                continue
            vb = b.get(key) if isinstance(b.get(key), list) else ([] if b.get(key) is None else [b.get(key)])
            va = a.get(key) if isinstance(a.get(key), list) else ([] if a.get(key) is None else [a.get(key)])
            for x in va:
                if x not in vb:
                    parts.append("+ " + _dim_value(model, key, str(x), lang))
            for x in vb:
                if x not in va:
                    parts.append("− " + _dim_value(model, key, str(x), lang))
        return f"{name}: " + ", ".join(parts) if parts else name
    if isinstance(before, list) or isinstance(after, list):
        b, a = list(before or []), list(after or [])
        plus = [x for x in a if x not in b]
        minus = [x for x in b if x not in a]
        parts = [f"+ {_value_text(model, x, lang)}" for x in plus] + [f"− {_value_text(model, x, lang)}" for x in minus]
        return f"{name}: " + ", ".join(parts) if parts else name
    return f"{name}: {_value_text(model, before, lang)} → {_value_text(model, after, lang)}"


def whatif_diagram(
    base: Model,
    changed: Model,
    whatif,
    lang: str = "sv",
    base_findings: list[Numbered] | None = None,
    name: str = "whatif",
    title_text: str = "",
) -> graphviz.Digraph:
    """The what-if figure for one comparison (a :class:`pathways.scenarios.whatif.WhatIf`)."""
    numbers = {item.finding.id: item.number for item in base_findings or []}
    resolved = [Numbered(numbers.get(f.id, 0), f) for f in whatif.resolved]
    new = [Numbered(i, f) for i, f in enumerate(whatif.new, 1)]
    anc_resolved_base = anchors(base, resolved)
    # a resolved gap is marked where it was (today's model); the panel shows it where that place still is
    anc_resolved_after = anc_resolved_base
    anc_new = anchors(changed, new)

    changed_handovers, changed_units, changed_sips = {}, defaultdict(list), {}
    for ec in whatif.elements:
        coll = ec.collection
        if coll == "handovers":
            changed_handovers[ec.id] = ec
        elif coll == "sip_points":
            changed_sips[ec.id] = ec
        elif coll == "units":
            changed_units[ec.id].append(ec)
        elif coll == "responsibilities":
            r = changed.get(ec.id) or base.get(ec.id)
            if r is not None:
                changed_units[r.owner].append(ec)

    gains: dict[str, set[str]] = defaultdict(set)
    losses: dict[str, set[str]] = defaultdict(set)
    for oc in whatif.ownership:
        b = {o.unit for o in oc.before}
        a = {o.unit for o in oc.after}
        for u in a - b:
            gains[u].add(oc.need)
        for u in b - a:
            losses[u].add(oc.need)

    # the part of the map both panels show
    handovers: set[str] = set(changed_handovers)
    for s in changed_sips:
        sp = changed.get(s) or base.get(s)
        if sp is not None and (changed.kind_of.get(sp.at) == "handovers" or base.kind_of.get(sp.at) == "handovers"):
            handovers.add(sp.at)
    for anc in (anc_resolved_base, anc_resolved_after, anc_new):
        handovers.update(anc.handovers)
    units: set[str] = set(changed_units) | set(gains) | set(losses)
    for anc in (anc_resolved_base, anc_resolved_after, anc_new):
        units.update(anc.units)
        for s in anc.sips:
            sp = changed.get(s) or base.get(s)
            if sp is not None:
                if (changed.kind_of.get(sp.at) or base.kind_of.get(sp.at)) == "handovers":
                    handovers.add(sp.at)
                else:
                    units.add(sp.at)

    def draw(page, stacked: bool, mark_width: int, one_row: bool = False) -> graphviz.Digraph:
        g, _canvas = _new(page)
        panels = []
        for side, model in (("b", base), ("a", changed)):
            hs = {h for h in handovers if model.kind_of.get(h) == "handovers"}
            us = {u for u in units if model.kind_of.get(u) == "units"}
            panel = graphviz.Digraph(name=f"cluster_panel_{side}")
            unit_marks: dict[str, str] = defaultdict(str)
            edge_marks: dict[str, str] = defaultdict(str)
            if side == "b":
                draw_anc = _only(anc_resolved_base, hs, us)
                for h, ec in changed_handovers.items():
                    if ec.change == "removed" and h in hs:
                        edge_marks[h] += _row("◆ " + t(lang, "removed"), BLUE)
            else:
                draw_anc = Anchors()
                for h, nums in anc_resolved_after.handovers.items():
                    if h in hs:
                        edge_marks[h] += _row("✓ " + ranges(nums), GREEN, 14)
                for u, nums in anc_resolved_after.units.items():
                    if u in us:
                        unit_marks[u] += _row("✓ " + ranges(nums), GREEN, 14)
                for h, nums in anc_new.handovers.items():
                    if h in hs:
                        edge_marks[h] += _row("⚠ " + t(lang, "new_short") + " " + ranges(nums), VERMILLION, 14)
                for u, nums in anc_new.units.items():
                    if u in us:
                        unit_marks[u] += _row("⚠ " + t(lang, "new_short") + " " + ranges(nums), VERMILLION, 14)
                for h, ec in changed_handovers.items():
                    if h not in hs:
                        continue
                    if ec.change == "added":
                        edge_marks[h] += _row("◆ " + t(lang, "added"), BLUE)
                    else:
                        for f, ch in ec.fields.items():
                            if f == "note":
                                continue
                            edge_marks[h] += _row("◆ " + field_change_text(changed, f, ch, lang), BLUE, mark_width)
                for u in sorted(us):
                    if gains.get(u):
                        unit_marks[u] += _row("◆ " + t(lang, "owns_more", n=len(gains[u])), BLUE, mark_width)
                    if losses.get(u):
                        unit_marks[u] += _row("◆ " + t(lang, "owns_fewer", n=len(losses[u])), BLUE, mark_width)
            draw_map(
                panel,
                model,
                lang,
                draw_anc,
                prefix=f"{side}_",
                units=us,
                handovers=hs,
                unit_marks=dict(unit_marks),
                edge_marks=dict(edge_marks),
                levels=False,
                one_row=one_row,
            )
            head = t(lang, "current" if side == "b" else "with_scenario")
            panel.attr(
                "graph",
                label=html_label(f"<B>{esc(head)}</B>"),
                labeljust="l",
                labelloc="t",
                style="rounded",
                color="#777777",
                penwidth="1.5",
                margin="8",
                fontsize="13",
            )
            panels.append(panel)
        canvas = graphviz.Digraph(name="cluster_frame")
        for p in reversed(panels):
            canvas.subgraph(p)
        # today on the left, the scenario on the right: their first rows side by side, in order
        if stacked:
            # today above, the scenario below
            last = max(int(x.split("_")[-1]) for x in canvas_spines(panels[0]))
            canvas.edge(f"b_spine_{last}", "a_spine_0", style="invis", minlen="2")
        else:
            # today on the left, the scenario on the right: their first rows side by side, in order
            canvas.body.append("\t{rank=same; b_spine_0; a_spine_0}\n")
            canvas.edge("b_spine_0", "a_spine_0", style="invis")

        summary = t(
            lang,
            "whatif_summary",
            before=len(whatif.resolved) + len(whatif.unchanged),
            after=len(whatif.new) + len(whatif.unchanged),
            resolved=len(whatif.resolved),
            new=len(whatif.new),
            own=len(whatif.ownership),
        )
        counted = [
            cc for cc in whatif.cases if cc.uncovered_days_after is not None and cc.uncovered_days_before is not None
        ]
        if counted:
            days_before = sum(cc.uncovered_days_before for cc in counted)
            days_after = sum(cc.uncovered_days_after or 0 for cc in counted)
            summary = t(lang, "whatif_days", before=days_before, after=days_after) + " " + summary
        case_lines = []
        for cc in whatif.cases:
            after = "–" if cc.uncovered_days_after is None else str(cc.uncovered_days_after)
            before = "–" if cc.uncovered_days_before is None else str(cc.uncovered_days_before)
            case_lines.append(f"{cc.label.get(lang) or cc.case}: {before} → {after}")
        cells = [
            (
                "".join(f'<FONT COLOR="{bg}"><B>{m}</B></FONT>' for m, bg, _ in MARKS.values()) + "<B> n</B>",
                esc(t(lang, "gap_now")),
            ),
            (f'<FONT COLOR="{GREEN}"><B>✓ n</B></FONT>', esc(t(lang, "gap_resolved"))),
            (f'<FONT COLOR="{VERMILLION}"><B>⚠ {esc(t(lang, "new_short"))} n</B></FONT>', esc(t(lang, "gap_new"))),
            (f'<FONT COLOR="{BLUE}"><B>◆</B></FONT>', esc(t(lang, "changed_legend"))),
            (glyph("⬡", "#000000", bold=True), esc(t(lang, "sip_short"))),
            (glyph("╌╌╌", "#555555", bold=True), esc(t(lang, "assumption_unit"))),
        ]
        blocks = [(None, cells, 3 if page is LANDSCAPE else 2)]
        from pathways.outputs.numbering import rule_titles
        from pathways.outputs.overview import place_where

        titles = rule_titles()
        off_map = []
        for sign, anc, prefix in (("✓", anc_resolved_base, ""), ("⚠", anc_new, t(lang, "new_short") + " ")):
            for key, nums in sorted(anc.places.items(), key=lambda kv: min(kv[1])):
                off_map.append(
                    f"{sign} {prefix}{ranges(nums)} {titles.get(key[0], {}).get(lang, key[0])}: "
                    f"{place_where(changed if sign == '⚠' else base, key, lang)}"
                )
        if off_map:
            text = t(lang, "not_on_map").capitalize() + ": " + "; ".join(off_map) + "."
            html_text = '<BR ALIGN="LEFT"/>'.join(esc(x) for x in wrap(text, 130 if page is LANDSCAPE else 90))
            html_text = html_text.replace("✓", f'<FONT COLOR="{GREEN}"><B>✓</B></FONT>').replace(
                "⚠", f'<FONT COLOR="{VERMILLION}"><B>⚠</B></FONT>'
            )
            blocks.append((html_text + '<BR ALIGN="LEFT"/>', [], 1))
        if case_lines:
            text = t(lang, "cases_days") + " " + "; ".join(case_lines) + "."
            blocks.append(
                (
                    '<BR ALIGN="LEFT"/>'.join(esc(x) for x in wrap(text, 130 if page is LANDSCAPE else 90))
                    + '<BR ALIGN="LEFT"/>',
                    [],
                    1,
                )
            )
        legend = legend_table(blocks, base, lang, width=130 if page is LANDSCAPE else 90)
        title = t(lang, "whatif_title") + ": " + (title_text or name)
        return finish(g, canvas, title, base, lang, legend, subtitle=summary)

    return first_fit(
        [
            (lambda: draw(LANDSCAPE, False, 18), LANDSCAPE),
            (lambda: draw(LANDSCAPE, False, 18, True), LANDSCAPE),
            (lambda: draw(LANDSCAPE, False, 26), LANDSCAPE),
            (lambda: draw(LANDSCAPE, False, 14), LANDSCAPE),
            (lambda: draw(PORTRAIT, True, 18), PORTRAIT),
            (lambda: draw(PORTRAIT, True, 14), PORTRAIT),
            (lambda: draw(PORTRAIT, False, 14), PORTRAIT),
            (lambda: draw(LANDSCAPE, False, 14, True), LANDSCAPE),
        ]
    )


def canvas_spines(panel: graphviz.Digraph) -> list[str]:
    """The spine nodes a panel's rows hang on (see :func:`pathways.outputs.lanes.rank_rows`)."""
    import re as _re

    return sorted(set(_re.findall(r"\b([ab]_spine_\d+)\b", panel.source)))


def _only(anc: Anchors, handovers: set[str], units: set[str]) -> Anchors:
    out = Anchors()
    for h, n in anc.handovers.items():
        if h in handovers:
            out.handovers[h] = n
    for u, n in anc.units.items():
        if u in units:
            out.units[u] = n
    out.sips.update(anc.sips)
    return out


def _new(page):
    from pathways.outputs.style import new_graph

    return new_graph("whatif", page, rankdir="TB", nodesep="0.08", ranksep="0.25", mclimit="0.01", splines="polyline")
