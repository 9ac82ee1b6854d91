"""One diagram per route into municipal home healthcare: its handovers and its steps.

Time runs left to right. The top row is the route's events (admission, ready for
discharge, discharge...); under each event stand the steps that count from it, each
with its time limit ("inom 24 h") and who does it. The bottom row is the handover:
the sending unit, the receiver's acceptance check (a diamond), the receiving unit, the
SIP if one is called there, and what is passed on against what the receiver needs.
"""

from __future__ import annotations

import itertools

import graphviz

from pathways.model.model import Model
from pathways.outputs.lanes import principal_kind
from pathways.outputs.numbering import Anchors, Numbered, anchors
from pathways.outputs.overview import route_of_handover, stack, unit_attrs
from pathways.outputs.style import (
    BLACK,
    GAP_BG,
    GREY,
    LANDSCAPE,
    LIGHT_GREY,
    MUNICIPALITY_BG,
    REGION_BG,
    ROUTE_STYLE,
    SMALL,
    VERMILLION,
    esc,
    finish,
    glyph,
    html_label,
    label,
    legend_table,
    lines,
    new_graph,
    node_id,
    short_unit,
    t,
)


def time_limit(lang: str, hours: int | None, days: int | None, early: bool = False) -> str:
    """'inom 24 h', 'samma dag', 'inom 3 dagar', 'genast'; 'senast samma dag' for a step that may come ``early``."""
    if hours is not None:
        return t(lang, "at_once") if hours == 0 else t(lang, "within_hours", n=hours)
    if days is not None:
        if days == 0:
            return t(lang, "by_same_day" if early else "same_day")
        return t(lang, "within_day" if days == 1 else "within_days", n=days)
    return ""


def _events_of(model: Model, route) -> list[str]:
    used = {s.after for s in route.steps}
    for h in route.handovers:
        ho = model.get(h)
        if ho is not None:
            used.add(ho.trigger)
    for sp in model.sip_points:
        if sp.at in route.handovers and sp.after:
            used.add(sp.after)
    order = {e.id: i for i, e in enumerate(model.events)}
    return sorted(used, key=lambda e: (order.get(e, 1 << 30), e))


def route_diagram(model: Model, route, lang: str = "sv", findings: list[Numbered] | None = None) -> graphviz.Digraph:
    """The diagram of one route (a :class:`pathways.model.schema.Route`)."""
    anc = anchors(model, findings) if findings else Anchors()
    rs = ROUTE_STYLE.get(route.number, ROUTE_STYLE[1])
    colour = rs.get("text", rs["color"])
    g, canvas = new_graph(
        f"route_{route.number}", LANDSCAPE, rankdir="TB", nodesep="0.2", ranksep="0.18", mclimit="0.01"
    )
    events = _events_of(model, route)

    # --- the time line: the route's events, left to right, on the top row ---
    for e in events:
        canvas.node(
            node_id("ev", e),
            html_label(f"<B>{lines(label(model, e, lang), 16)}</B>"),
            shape="cds",
            style="filled",
            fillcolor=LIGHT_GREY,
            color=GREY,
            margin="0.15,0.06",
        )
    for a, b in itertools.pairwise(events):
        canvas.edge(node_id("ev", a), node_id("ev", b), color=GREY, penwidth="3", arrowhead="normal", weight="10")
    if len(events) > 1:
        canvas.body.append("\t{rank=same; " + "; ".join(node_id("ev", e) for e in events) + "}\n")

    # --- the steps that count from an event, stacked in one box under it ---
    bottoms = []
    for e in events:
        column = [s for s in route.steps if s.after == e]
        if not column:
            bottoms.append(node_id("ev", e))
            continue
        rows = []
        for step in column:
            actor = label(model, step.actor, lang)
            limit = time_limit(lang, step.within_hours, step.within_days, early=step.not_before is not None)
            text = (
                f"<B>{lines(step.label.sv if lang == 'sv' else step.label.en, 26)}</B>"
                f'<BR/><FONT COLOR="{GREY}">{lines(actor, 28)}</FONT>'
            )
            if limit:
                text += f'<BR/><FONT COLOR="{VERMILLION}"><B>{esc(limit)}</B></FONT>'
            if step.status == "assumption":
                text += f"<BR/><I>{esc(t(lang, 'assumption_short'))}</I>"
            rows.append(f'<TD CELLPADDING="4">{text}</TD>')
        box = node_id("st", e)
        # Up to two steps stacked; more stand side by side, so that the page keeps its height.
        cells = "".join(f"<TR>{r}</TR>" for r in rows) if len(rows) <= 2 else f"<TR>{''.join(rows)}</TR>"
        canvas.node(
            box,
            html_label('<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" COLOR="#777777">' + cells + "</TABLE>"),
            shape="plain",
        )
        canvas.edge(node_id("ev", e), box, color=GREY, style="dashed", arrowhead="none", weight="10")
        bottoms.append(box)

    # --- the handovers: sender, acceptance check, SIP, receiver, each a step down ---
    for h in route.handovers:
        ho = model.get(h)
        if ho is None:
            continue
        first = _handover_column(canvas, model, ho, lang, anc, rs, colour)
        # the handover's row goes under every box of steps
        for bottom in bottoms:
            if bottom.startswith("st_"):
                canvas.edge(bottom, first, style="invis", weight="0")

    legend = _legend(model, route, lang)
    title = t(lang, "route_title", n=route.number) + ": " + _route_name(route, lang)
    if not route.steps:
        canvas.node("no_steps", html_label(f"<I>{lines(t(lang, 'no_steps'), 26)}</I>"), shape="plain")
        canvas.body.append(f"\t{{rank=same; no_steps; {node_id('ev', events[0])}}}\n")
    return finish(g, canvas, title, model, lang, legend)


def _unit_box(canvas: graphviz.Digraph, model: Model, unit_id: str, lang: str, anc: Anchors) -> str:
    """A unit, filled with its principal's lane colour and the principal named under it."""
    nid = node_id("u", unit_id)
    owner = model.by_id[unit_id].principal
    bg = REGION_BG if principal_kind(model, owner) == "region" else MUNICIPALITY_BG
    nums = anc.units.get(unit_id)
    unit = model.get(unit_id)
    name = lines(label(model, unit_id, lang), 22)
    if getattr(unit, "entry", False):
        name = "▶ " + name
    top = f'<B>{name}</B><BR/><FONT COLOR="{GREY}">{lines(label(model, owner, lang), 26)}</FONT>'
    attrs = unit_attrs(model, unit_id, bool(nums))
    if not nums:
        attrs["fillcolor"] = bg
    canvas.node(nid, stack(top, nums, 3, anc.severity), **attrs)
    return nid


def _gate(canvas, model: Model, ho, lang: str) -> str:
    """The receiver's acceptance check of a handover, with its criteria in a note; its node."""
    gate = node_id("gate", ho.id)
    canvas.node(
        gate,
        html_label(f"<B>{esc(t(lang, 'accepts'))}</B><BR/>{lines(label(model, ho.gate.by, lang), 18)}"),
        shape="diamond",
        style="filled",
        fillcolor="white",
        color=BLACK,
        margin="0.02,0.02",
    )
    crit = node_id("crit", ho.id)
    _note(canvas, gate, crit, html_label(f"<I>{lines(ho.gate.criteria, 28)}</I>"))
    return gate


def _note(canvas, anchor: str, node: str, text: str) -> None:
    """A grey note ``node`` beside ``anchor``, joined to it by a dotted line."""
    canvas.node(node, text, shape="note", style="filled", fillcolor="white", color=GREY)
    canvas.edge(anchor, node, style="dotted", arrowhead="none", color=GREY)


def _sip(canvas, model: Model, sp, lang: str, anc: Anchors) -> str:
    """A SIP point of a handover's row, with the note of who calls it and who takes part; its node."""
    sip = node_id("sip", sp.id)
    text = f"<B>{esc(t(lang, 'sip_short'))}</B>"
    if sp.within_days is not None:
        text += f"<BR/>{esc(time_limit(lang, None, sp.within_days))}"
    snums = anc.sips.get(sp.id)
    attrs = {
        "shape": "hexagon",
        "style": "filled",
        "fillcolor": "white",
        "color": BLACK,
        "penwidth": "1.5",
        "margin": "0.02,0.02",
    }
    if snums:
        attrs.update(color=VERMILLION, fillcolor=GAP_BG, penwidth="2.5")
    canvas.node(sip, stack(text, snums, 2, anc.severity), **attrs)
    who = label(model, sp.called_by, lang) + (f" ({label(model, sp.role, lang)})" if sp.role else "")
    when = ""
    if sp.within_days is not None and sp.after:
        when = f" {time_limit(lang, None, sp.within_days)} {t(lang, 'after')} {label(model, sp.after, lang).lower()}"
    br = '<BR ALIGN="LEFT"/>'
    note = (
        f"<B>{esc(t(lang, 'sip_called_by'))}:</B> "
        + lines(who + when, 30, br)
        + br
        + f"<B>{esc(t(lang, 'sip_with'))}:</B> "
        + lines(", ".join(short_unit(model, p, lang) for p in sp.participants), 30, br)
        + br
    )
    _note(canvas, sip, sip + "_note", html_label(note))
    return sip


def _handover_column(canvas, model: Model, ho, lang: str, anc: Anchors, rs: dict, colour: str) -> str:
    """The handover's row: sender, acceptance check, SIP, receiver, with notes under them.
    Returns the sender's node."""
    a, b, gate = _handover_row(canvas, model, ho, lang, anc, rs, colour)
    _items_note(canvas, ho, lang, b)
    if ho.on_reject and (ho.on_reject.to or ho.on_reject.escalation):
        _rejection(canvas, model, ho, lang, anc, gate or b)
    return a


def _handover_row(
    canvas, model: Model, ho, lang: str, anc: Anchors, rs: dict, colour: str
) -> tuple[str, str, str | None]:
    """Sender, acceptance check (if any), the SIP points at the handover, receiver, on one rank,
    joined by the route's edges (the first one labelled with the findings' numbers). Returns
    the sender's, the receiver's and the check's node (None without a check)."""
    h = ho.id
    edge = {
        "color": rs["color"],
        "style": rs["style"],
        "penwidth": "3" if rs is not ROUTE_STYLE.get(3) else "1.8",
        "fontcolor": colour,
        "weight": "10",
    }
    a = _unit_box(canvas, model, ho.from_, lang, anc)
    b = _unit_box(canvas, model, ho.to, lang, anc)
    canvas.edge(node_id("ev", ho.trigger), a, style="dashed", color=GREY, arrowhead="none")
    nums = anc.handovers.get(h)
    head, first = a, True

    def step_to(target: str, **extra) -> None:
        """An edge from the row's last node to ``target``: 'yes' when it leaves the acceptance check."""
        nonlocal head, first
        top = f"<B>{esc(t(lang, 'yes'))}</B>" if not first and head.startswith("gate_") else ""
        lab = stack(top, nums if first else None, 3, anc.severity)
        attrs = dict(edge, **extra)
        if lab:
            attrs["label"] = lab
        canvas.edge(head, target, **attrs)
        head, first = target, False

    row = [a]
    gate = None
    if ho.gate:
        gate = _gate(canvas, model, ho, lang)
        row.append(gate)
        step_to(gate, arrowhead="none")
    for sp in sorted(model.sip_points, key=lambda s: s.id):
        if sp.at == h:
            sip = _sip(canvas, model, sp, lang, anc)
            row.append(sip)
            step_to(sip, arrowhead="none")
    step_to(b)
    row.append(b)
    canvas.body.append("\t{rank=same; " + "; ".join(row) + "}\n")
    return a, b, gate


def _items_note(canvas, ho, lang: str, receiver: str) -> None:
    """Under the receiver: what is passed on, and what the receiver needs but does not get."""
    passes = [t(lang, "item_" + i) for i in ho.passes]
    missing = [t(lang, "item_" + i) for i in ho.receiver_needs if i not in ho.passes]
    rows = (
        f'<TR><TD ALIGN="LEFT"><B>{esc(t(lang, "passes"))}:</B></TD></TR>'
        f'<TR><TD ALIGN="LEFT">{lines(", ".join(passes) or "–", 30)}</TD></TR>'
    )
    if missing:
        rows += (
            f'<TR><TD ALIGN="LEFT"><FONT COLOR="{VERMILLION}"><B>⚠ {esc(t(lang, "missing"))}:</B></FONT></TD></TR>'
            f'<TR><TD ALIGN="LEFT"><FONT COLOR="{VERMILLION}">{lines(", ".join(missing), 30)}</FONT></TD></TR>'
        )
    items = node_id("items", ho.id)
    _note(canvas, receiver, items, html_label(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0">{rows}</TABLE>'))


def _rejection(canvas, model: Model, ho, lang: str, anc: Anchors, src: str) -> None:
    """When the receiver says no: a dashed 'no' from ``src`` to where the patient goes back, and
    'disagree' (or 'no', without one) to the escalation."""
    no = html_label(f"<B>{esc(t(lang, 'no'))}</B>")
    if ho.on_reject.to:
        target = node_id("u", ho.on_reject.to)
        if ho.on_reject.to in (ho.from_, ho.to):
            canvas.edge(src, target, style="dashed", color=GREY, constraint="false", label=no)
        else:
            _unit_box(canvas, model, ho.on_reject.to, lang, anc)
            canvas.edge(src, target, style="dashed", color=GREY, label=no)
        no = html_label(f"<B>{esc(t(lang, 'disagree'))}</B>")
    if ho.on_reject.escalation:
        esc_id = node_id("esc", ho.on_reject.escalation)
        canvas.node(
            esc_id,
            html_label(
                f"<B>{esc(t(lang, 'escalation'))}</B><BR/>" + lines(label(model, ho.on_reject.escalation, lang), 26)
            ),
            shape="note",
            style="filled",
            fillcolor="white",
            color=GREY,
        )
        canvas.edge(src, esc_id, style="dashed", color=GREY, label=no)


def _route_name(route, lang: str) -> str:
    text = route.label.sv if lang == "sv" else route.label.en
    return text.split(": ", 1)[1] if ": " in text else text


def _legend(model: Model, route, lang: str) -> str:
    rs = ROUTE_STYLE.get(route.number, ROUTE_STYLE[1])
    cells = [
        (glyph(rs["glyph"] + "▶", rs.get("text", rs["color"]), bold=True), esc(t(lang, "route", n=route.number))),
        (glyph("◇", BLACK, bold=True), esc(t(lang, "gate_legend"))),
        (glyph("▶", GREY, bold=True), esc(t(lang, "event_legend"))),
        (glyph("⬡", BLACK, bold=True), esc(t(lang, "sip"))),
        (glyph("╌╌▶", GREY), esc(t(lang, "reject_legend"))),
        (
            f'<FONT COLOR="{VERMILLION}"><B>{esc(t(lang, "within_hours", n=24))}</B></FONT>',
            esc(t(lang, "limit_legend")),
        ),
        (f'<FONT COLOR="{VERMILLION}"><B>⚠</B></FONT>', esc(t(lang, "missing_legend"))),
        (glyph("╌╌╌", GREY, bold=True), esc(t(lang, "assumption_unit"))),
    ]
    return legend_table([(None, cells, 2)], model, lang, width=140)


def route_diagrams(
    model: Model, lang: str = "sv", findings: list[Numbered] | None = None
) -> list[tuple[str, graphviz.Digraph]]:
    """(name, graph) per route, by route number."""
    return [
        (f"route_{r.number}", route_diagram(model, r, lang, findings))
        for r in sorted(model.routes, key=lambda r: (r.number, r.id))
    ]


__all__ = ["BLACK", "GAP_BG", "SMALL", "route_diagram", "route_diagrams", "route_of_handover", "time_limit"]
