"""A trace and a what-if result as what the terminal shows: lines and rich tables.

The commands (:mod:`pathways.cli.case_cmds`) print what these functions return; the
days are grouped by :func:`pathways.cases.timeline.timeline`, the what-if texts come
from :mod:`pathways.scenarios.report`.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from pathways.cases.timeline import label, timeline
from pathways.cases.trace import Trace
from pathways.scenarios.report import TEXT, Labels, case_days, field_text, owner_text
from pathways.scenarios.whatif import WhatIf

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITY_TEXT = {
    "sv": {"error": "allvarligt", "warning": "varning", "info": "upplysning"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}

T = {
    "sv": {
        "days": "Dag för dag",
        "date": "Datum",
        "events": "Händelser",
        "owners": "Ägare",
        "uncovered": "Utan ägare",
        "findings": "Fynd",
        "handovers": "Överlämningar",
        "sips": "SIP",
        "gaps": "Dagar utan ägare",
        "met": "Glapp som patienten möter",
        "none": "-",
        "profile": "Profil",
        "model": "Modell",
        "calendar": "kalender: helger och helgdagar räknas",
        "nominal": "dagar räknas utan kalender",
        "from_to": "från → till",
        "passes": "följer med",
        "missing": "saknas",
        "sender_until": "avsändaren till",
        "receiver_from": "mottagaren från",
        "outside": "gäller inte profilen",
        "held": "hållen",
        "not_held": "inte hållen",
        "deadline": "senast",
        "late": "för sent",
        "on_time": "i tid",
        "participants": "deltagare",
        "not_invited": "i kontakt men inte kallade",
        "need": "behov",
        "period": "period",
        "ndays": "dagar",
        "cause": "orsak",
        "declared": "patientens behov",
        "rule": "regel",
        "message": "meddelande",
        "home": "ingen verksamhet",
        "summary": "{n} dagar av {total} har behov utan ägare.",
        "routes": "Väg",
        "trace_findings": "Fynd i resan",
        "source": "källa",
    },
    "en": {
        "days": "Day by day",
        "date": "Date",
        "events": "Events",
        "owners": "Owners",
        "uncovered": "No owner",
        "findings": "Findings",
        "handovers": "Handovers",
        "sips": "SIP",
        "gaps": "Days without an owner",
        "met": "Gaps the patient meets",
        "none": "-",
        "profile": "Profile",
        "model": "Model",
        "calendar": "calendar: weekends and holidays count",
        "nominal": "days counted without a calendar",
        "from_to": "from → to",
        "passes": "passes",
        "missing": "missing",
        "sender_until": "sender until",
        "receiver_from": "receiver from",
        "outside": "not for this profile",
        "held": "held",
        "not_held": "not held",
        "deadline": "deadline",
        "late": "late",
        "on_time": "on time",
        "participants": "participants",
        "not_invited": "in contact, not invited",
        "need": "need",
        "period": "period",
        "ndays": "days",
        "cause": "cause",
        "declared": "the patient's need",
        "rule": "rule",
        "message": "message",
        "home": "no unit",
        "summary": "{n} of {total} days have needs without an owner.",
        "routes": "Route",
        "trace_findings": "Findings of the journey",
        "source": "source",
    },
}


def _table(title: str, columns: list[str], show_lines: bool = True, title_style: str = "") -> Table:
    table = Table(title=title, show_lines=show_lines, title_style=title_style or None)
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def trace_view(t: Trace, lang: str) -> list[RenderableType]:
    """The trace: its head, the grouped days, then its tables and the summary line."""
    s = T[lang]
    profile = ", ".join(label(t, f"{k}={v}", lang) or v for k, v in t.profile.items())
    out: list[RenderableType] = [Text(f"{t.label[lang]}  ({t.case})", style="bold"), Text(f"{s['profile']}: {profile}")]
    if t.routes:
        out.append(Text(f"{s['routes']}: {', '.join(label(t, r, lang) for r in t.routes)}"))
    out.append(
        Text(
            f"{s['model']}: {t.model['id']} {t.model['version']} ({t.model['date']}); "
            f"{s['calendar'] if t.calendar else s['nominal']}",
            style="dim",
        )
    )
    out.append(Text(f"\n{s['days']}", style="bold underline"))
    for row in timeline(t, lang):
        out.append(Text(f"\n{row.when}  {row.where or s['home']} ({row.setting})", style="bold"))
        out += [Text(f"  {s['events']}: {e}") for e in row.events]
        out += [Text(f"  {s['owners']}: {unit}: {', '.join(needs)}") for unit, needs in row.owners]
        if not row.owners:
            out.append(Text(f"  {s['owners']}: {s['none']}"))
        if row.uncovered:
            out.append(Text(f"  {s['uncovered']}: {', '.join(row.uncovered)}", style="bold red"))
        if row.findings:
            out.append(Text(f"  {s['findings']}: {', '.join(row.findings)}", style="yellow"))
    out.append(Text(""))
    out += _trace_tables(t, lang)
    out.append(
        Text(
            s["summary"].format(n=t.uncovered_days, total=len(t.days)),
            style="bold red" if t.uncovered_days else "green",
        )
    )
    return out


def _trace_tables(t: Trace, lang: str) -> list[RenderableType]:
    s = T[lang]
    out: list[RenderableType] = []
    if t.trace_findings:
        tt = _table(s["trace_findings"], ["id", s["message"], s["source"], s["ndays"]])
        for tf in t.trace_findings:
            tt.add_row(tf.id, Text(tf.message[lang]), tf.source or s["none"], str(len(tf.days)))
        out.append(tt)
    if t.handovers:
        columns = [s["date"], "", s["from_to"], s["passes"], s["missing"], s["sender_until"], s["receiver_from"]]
        ht = _table(s["handovers"], columns)
        for h in t.handovers:
            ht.add_row(
                h.date.isoformat(),
                Text(label(t, h.id, lang) + (f"\n({s['outside']})" if h.outside_profile else "")),
                Text(f"{label(t, h.from_unit, lang)} → {label(t, h.to_unit, lang)}"),
                ", ".join(h.passes) or s["none"],
                Text(", ".join(h.missing) or s["none"], style="red" if h.missing else ""),
                h.sender_until.isoformat(),
                h.receiver_from.isoformat(),
            )
        out.append(ht)
    if t.sips:
        st = _table(s["sips"], ["", s["date"], s["deadline"], s["participants"], s["not_invited"]])
        for x in t.sips:
            state = s["held"] if x.held else s["not_held"]
            if x.on_time is not None:
                state += f", {s['on_time'] if x.on_time else s['late']}"
            st.add_row(
                Text(f"{label(t, x.id, lang)}\n({state})", style="" if x.held else "red"),
                x.date.isoformat() if x.date else s["none"],
                x.deadline.isoformat() if x.deadline else s["none"],
                Text(", ".join(label(t, u, lang) for u in x.participants)),
                Text(", ".join(label(t, u, lang) for u in x.in_contact_not_invited) or s["none"]),
            )
        out.append(st)
    if t.gaps:
        gt = _table(s["gaps"], [s["need"], s["period"], s["ndays"], s["cause"]], show_lines=False)
        for g in t.gaps:
            cause = s["declared"] if g.cause == "declared" else label(t, g.cause, lang)
            gt.add_row(
                Text(label(t, g.need, lang), style="red"),
                f"{g.start.isoformat()} – {g.end.isoformat()}",
                str(g.days),
                Text(cause),
            )
        out.append(gt)
    if t.findings:
        ft = _table(s["met"], [s["rule"], "id", s["message"], s["ndays"]])
        for f in t.findings:
            ft.add_row(
                Text(
                    f"{f.rule} {SEVERITY_TEXT[lang].get(f.severity, f.severity)}",
                    style=SEVERITY_STYLE.get(f.severity, ""),
                ),
                f.id,
                Text(f.message.get(lang, "")),
                str(len(f.days)),
            )
        out.append(ft)
    return out


def whatif_view(w: WhatIf, label_of: Labels, lang: str) -> list[RenderableType]:
    """The what-if result: findings resolved and new, ownership, elements, the cases."""
    t = TEXT[lang]
    out: list[RenderableType] = [
        Text(f"{t['title']}: " + "; ".join(s["label"][lang] for s in w.scenarios), style="bold"),
        Text(f"{t['resolved']}: {len(w.resolved)}   {t['new']}: {len(w.new)}   {t['unchanged']}: {len(w.unchanged)}"),
    ]
    for key, findings, style in (("resolved", w.resolved, "green"), ("new", w.new, "bold red")):
        if not findings:
            out.append(Text(f"{t[key]}: {t['none']}"))
            continue
        table = _table(f"{t[key]} ({len(findings)})", [t["rule"], t["id"], t["message"]], title_style=style)
        for f in findings:
            table.add_row(
                Text(
                    f"{f.rule} {SEVERITY_TEXT[lang].get(f.severity, f.severity)}",
                    style=SEVERITY_STYLE.get(f.severity, ""),
                ),
                f.id,
                Text(f.message.get(lang, "")),
            )
        out.append(table)
    if w.ownership:
        table = _table(
            f"{t['ownership']} ({len(w.ownership)})", [t["need"], t["setting"], t["profiles"], t["before"], t["after"]]
        )
        for o in w.ownership:
            table.add_row(
                Text(label_of(o.need)),
                Text(label_of(o.setting)),
                Text("\n".join(o.profiles_text[lang])),
                Text(owner_text(o.before, label_of, lang), style="red" if not o.before else ""),
                Text(owner_text(o.after, label_of, lang), style="red" if not o.after else "green"),
            )
        out.append(table)
    if w.elements:
        table = _table(f"{t['elements']} ({len(w.elements)})", [t["collection"], t["id"], t["change"], t["fields"]])
        for e in w.elements:
            table.add_row(e.collection, e.id, t[e.change], Text(field_text(e.fields)))
        out.append(table)
    table = _table(
        f"{t['cases']} ({len(w.cases)})", [t["case"], t["status"], t["uncovered"], t["met_gone"], t["met_new"]]
    )
    for c in w.cases:
        table.add_row(
            Text(c.label[lang]),
            t[c.status],
            " → ".join(case_days(c, lang)),
            "\n".join(c.findings_resolved),
            Text(c.error or c.error_before or "\n".join(c.findings_new)),
        )
    out.append(table)
    out.append(Text(f"{t['cases_same']}: {', '.join(w.cases_unchanged) or t['none']}", style="dim"))
    out += [Text(note, style="yellow") for note in w.notes]
    return out
