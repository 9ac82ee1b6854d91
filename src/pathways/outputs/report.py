"""The report: one self-contained HTML file in Swedish, and the same as Markdown.

``rapport.html`` holds every diagram inline (SVG as data URIs), the gap table with
explanations and sources, the responsibility matrix, the case traces, the what-if
comparisons and the assumptions for the users to confirm; it prints on A4 from a
browser (print CSS, page breaks before each part). ``rapport.md`` says the same with the
diagrams as image files in ``bilder/``. Both come from Jinja2 templates
(``templates/*.j2``); the HTML template escapes everything (autoescape), so a label with
``<`` or ``&`` in the model is shown as text.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from pathways.analysis.inventory import assumptions
from pathways.gaps.core import Finding
from pathways.graph.build import build_graph
from pathways.model.model import Model
from pathways.outputs.matrix import matrix_data
from pathways.outputs.numbering import numbered, rule_explanations, rule_titles
from pathways.outputs.render import Comparison, Diagram, build, render
from pathways.outputs.style import TEXT, label, short_unit

IMAGES = "bilder"

R = {
    "sv": {
        "title": "Vårdkedjor och glapp",
        "subtitle": "Rapport från pathways",
        "generated": "Framtagen med pathways ur modellen",
        "contents": "Innehåll",
        "summary": "Sammanfattning",
        "how_to_read": "Så läser du rapporten",
        "how_to_read_text": (
            "Rapporten beskriver överenskommelsen som en modell: verksamheter, vårdnivåer, överlämningar och vem som äger "
            "vilka behov. Ett glapp är ett ställe där en patient kan falla mellan stolarna. Varje glapp har ett nummer som "
            "är detsamma i kartan, i tabellen och i patientfallen. Det som modellen antar utan stöd i källorna är "
            "markerat som antagande och listat sist, för er att bekräfta eller rätta."
        ),
        "overview": "Översikt: verksamheter och överlämningar",
        "routes": "De tre vägarna in i kommunal hemsjukvård",
        "gaps": "Glapp: där patienten kan falla mellan stolarna",
        "gap_table": "Glappen, ett i taget",
        "rules": "Reglerna som hittar glappen",
        "matrix": "Ansvarsmatris",
        "matrix_detail": "Vem äger behovet, för vilka patienter",
        "cases": "Patientfall dag för dag",
        "whatif": "Vad händer om…",
        "assumptions": "Antaganden att bekräfta",
        "assumptions_text": "Varje rad är något modellen antar utan stöd i källorna. Bocka av det ni bekräftar; rätta resten i modellen.",
        "sources": "Källor",
        "no": "Nr",
        "severity": "Allvar",
        "gap": "Glapp",
        "what": "Vad",
        "who": "Patientgrupper",
        "grey_zone": "Gråzon",
        "source": "Källa",
        "sev_error": "allvarligt",
        "sev_warning": "varning",
        "sev_info": "info",
        "count_findings": "{n} glapp: {error} allvarliga, {warning} varningar, {info} info.",
        "count_assumptions": "{n} antaganden i modellen att bekräfta.",
        "count_cases": "{n} patientfall; {days} dagar sammanlagt med behov utan ägare.",
        "count_whatif": "{n} scenarier prövade.",
        "need": "Behov",
        "care_level": "Vårdnivå",
        "owners": "Ägare (patientgrupper)",
        "case_summary": "Dagar med behov utan ägare: {n} av {total}.",
        "case_gaps": "Behov utan ägare",
        "period": "Period",
        "days": "Dagar",
        "cause": "Orsak",
        "declared": "patientens behov",
        "handovers": "Överlämningar",
        "date": "Datum",
        "from_to": "Från → till",
        "passes": "Förs över",
        "missing": "Saknas",
        "sips": "SIP",
        "held": "hålls",
        "not_held": "hålls inte",
        "deadline": "senast",
        "met": "Glapp som fallet möter",
        "none": "inga",
        "rationale": "Varför",
        "status": "Status",
        "resolved": "Glapp som försvinner",
        "new": "Nya glapp",
        "ownership": "Ändrat ägarskap",
        "setting": "Miljö",
        "before": "Nu",
        "after": "Med scenariot",
        "elements": "Det scenariot ändrar i modellen",
        "element": "Element",
        "change": "Ändring",
        "case": "Fall",
        "uncovered_before_after": "Dagar utan ägare, nu → med scenariot",
        "kind": "Slag",
        "label": "Benämning",
        "note": "Att bekräfta",
        "confirmed": "Bekräftat",
        "figure": "Figur",
        "model": "Modell",
        "version": "version",
        "print_hint": "Skriv ut från webbläsaren (A4); varje del börjar på en ny sida.",
        "nobody": "ingen",
        "added": "tillagt",
        "removed": "borttaget",
        "changed": "ändrat",
        "new_prefix": "ny",
    },
    "en": {
        "title": "Care pathways and gaps",
        "subtitle": "Report from pathways",
        "generated": "Made with pathways from the model",
        "contents": "Contents",
        "summary": "Summary",
        "how_to_read": "How to read this report",
        "how_to_read_text": (
            "The report describes the agreement as a model: units, care levels, handovers and who owns which needs. A "
            "gap is a place where a patient can fall between the chairs. Each gap has one number, the same on the map, "
            "in the table and in the patient cases. What the model assumes without support in the sources is marked as "
            "an assumption and listed last, for you to confirm or correct."
        ),
        "overview": "Overview: units and handovers",
        "routes": "The three routes into municipal home healthcare",
        "gaps": "Gaps: where the patient can fall between the chairs",
        "gap_table": "The gaps, one by one",
        "rules": "The rules that find the gaps",
        "matrix": "Responsibility matrix",
        "matrix_detail": "Who owns the need, for which patients",
        "cases": "Patient cases day by day",
        "whatif": "What if…",
        "assumptions": "Assumptions to confirm",
        "assumptions_text": "Each row is something the model assumes without support in the sources. Tick what you confirm; correct the rest in the model.",
        "sources": "Sources",
        "no": "No.",
        "severity": "Severity",
        "gap": "Gap",
        "what": "What",
        "who": "Patient groups",
        "grey_zone": "Grey zone",
        "source": "Source",
        "sev_error": "error",
        "sev_warning": "warning",
        "sev_info": "info",
        "count_findings": "{n} gaps: {error} errors, {warning} warnings, {info} info.",
        "count_assumptions": "{n} assumptions in the model to confirm.",
        "count_cases": "{n} patient cases; {days} days in all with needs without an owner.",
        "count_whatif": "{n} scenarios tried.",
        "need": "Need",
        "care_level": "Care level",
        "owners": "Owners (patient groups)",
        "case_summary": "Days with needs without an owner: {n} of {total}.",
        "case_gaps": "Needs without an owner",
        "period": "Period",
        "days": "Days",
        "cause": "Cause",
        "declared": "the patient's need",
        "handovers": "Handovers",
        "date": "Date",
        "from_to": "From → to",
        "passes": "Passed on",
        "missing": "Missing",
        "sips": "SIP",
        "held": "held",
        "not_held": "not held",
        "deadline": "deadline",
        "met": "Gaps the case meets",
        "none": "none",
        "rationale": "Why",
        "status": "Status",
        "resolved": "Gaps that go away",
        "new": "New gaps",
        "ownership": "Changed ownership",
        "setting": "Setting",
        "before": "Today",
        "after": "With the scenario",
        "elements": "What the scenario changes in the model",
        "element": "Element",
        "change": "Change",
        "case": "Case",
        "uncovered_before_after": "Days without an owner, today → with the scenario",
        "kind": "Kind",
        "label": "Label",
        "note": "To confirm",
        "confirmed": "Confirmed",
        "figure": "Figure",
        "model": "Model",
        "version": "version",
        "print_hint": "Print from the browser (A4); each part starts on a new page.",
        "nobody": "nobody",
        "added": "added",
        "removed": "removed",
        "changed": "changed",
        "new_prefix": "new",
    },
}

KIND_SV = {
    "unit": "verksamhet",
    "handover": "överlämning",
    "responsibility": "ansvar",
    "need": "behov",
    "route": "väg",
    "route_step": "steg",
    "sip_point": "SIP-punkt",
    "role": "roll",
    "setting": "miljö",
    "dimension": "profil",
    "coordination_rule": "samordningsregel",
    "cost_rule": "kostnadsregel",
    "principal_group": "huvudmannagrupp",
    "escalation_path": "oenighet",
    "boundary": "gräns",
    "event": "händelse",
    "care_level": "vårdnivå",
    "principal": "huvudman",
}


@dataclass
class Figure:
    name: str
    kind: str
    title: str
    svg_uri: str
    png: str
    """Path of the PNG relative to the report (for the Markdown)."""


@dataclass
class Report:
    html: Path
    markdown: Path
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


def _figure(d: Diagram, images: Path, out: Path) -> Figure:
    svg = (images / f"{d.name}.svg").read_bytes()
    title = _title_of(d)
    return Figure(
        d.name,
        d.kind,
        title,
        "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"),
        f"{images.relative_to(out).as_posix()}/{d.name}.png",
    )


def _title_of(d: Diagram) -> str:
    m = re.search(r"<FONT POINT-SIZE=\"\d+\"><B>(.*?)</B></FONT>", d.source)
    if not m:
        return d.name
    import html as _html

    return _html.unescape(re.sub(r"<BR[^>]*>", " ", m.group(1)))


def context(
    model: Model,
    lang: str,
    findings: list[Finding],
    figures: list[Figure],
    case_traces: list,
    whatifs: list[Comparison],
) -> dict:
    """Everything the templates show, as plain data; texts are raw (the templates escape)."""
    r = R[lang]
    items = numbered(findings)
    titles = rule_titles()
    explanations = rule_explanations()
    from pathways.gaps.rules import all_rules

    rules_by_code = {x.code: x for x in all_rules()}
    gz_labels = {g.number: getattr(g.label, lang) for g in model.grey_zones}
    gap_rows = []
    for item in items:
        f = item.finding
        gap_rows.append(
            {
                "no": item.number,
                "id": f.id,
                "rule": f.rule,
                "title": titles.get(f.rule, {}).get(lang, f.name),
                "severity": f.severity,
                "severity_text": r.get(f"sev_{f.severity}", f.severity),
                "message": f.message.get(lang, ""),
                "profiles": list(f.profiles_text.get(lang, ())),
                "grey_zones": [f"{n}: {gz_labels.get(n, '')}" for n in f.grey_zones],
                "sources": [f"{label(model, e, lang)}: {s}" for e, s in f.sources.items() if s],
                "rule_source": f.rule_source,
            }
        )
    used = []
    for code in dict.fromkeys(f.rule for f in findings):
        rule = rules_by_code.get(code)
        used.append(
            {
                "code": code,
                "title": titles.get(code, {}).get(lang, code),
                "explanation": explanations.get(code, {}).get(lang, ""),
                "source": rule.source if rule else "",
            }
        )
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}

    # the matrix in words
    m = matrix_data(model, items)
    matrix_rows = []
    for cat, need in m.rows:
        cells = []
        for col in m.columns:
            owners = m.cells.get((need, col.id), [])
            cells.append(
                [
                    {"unit": short_unit(model, o.unit, lang), "groups": o.profiles.get(lang, ""), "window": o.window}
                    for o in owners
                ]
            )
        matrix_rows.append(
            {
                "category": TEXT[lang].get(f"category_{cat}", cat),
                "need": label(model, need, lang),
                "cells": cells,
                "gaps": m.gaps.get(need, []),
            }
        )
    matrix_cols = [{"label": c.label[lang], "lane": c.lane_label[lang], "kind": c.lane_kind} for c in m.columns]

    numbers = {item.finding.id: item.number for item in items}
    cases = []
    for tr in case_traces:
        lab = tr.labels

        def L(x: str) -> str:
            return lab.get(x, {}).get(lang) or label(model, x, lang)

        cases.append(
            {
                "id": tr.case,
                "label": tr.label.get(lang) or tr.case,
                "profile": ", ".join(lab.get(f"{d}={v}", {}).get(lang, v) for d, v in tr.profile.items()),
                "summary": r["case_summary"].format(n=tr.uncovered_days, total=len(tr.days)),
                "figure": next((f for f in figures if f.name == f"case_{_safe(tr.case)}"), None),
                "gaps": [
                    {
                        "need": L(g.need),
                        "period": f"{g.start.isoformat()} – {g.end.isoformat()}",
                        "days": g.days,
                        "cause": r["declared"] if g.cause == "declared" else L(g.cause),
                    }
                    for g in tr.gaps
                ],
                "handovers": [
                    {
                        "date": h.date.isoformat(),
                        "from_to": f"{L(h.from_unit)} → {L(h.to_unit)}",
                        "passes": ", ".join(TEXT[lang].get(f"item_{x}", x) for x in h.passes) or "–",
                        "missing": ", ".join(TEXT[lang].get(f"item_{x}", x) for x in h.missing),
                    }
                    for h in tr.handovers
                ],
                "sips": [
                    {
                        "label": L(s.id),
                        "state": (r["held"] + f" {s.date.isoformat()}")
                        if s.held and s.date
                        else (r["not_held"] + (f" ({r['deadline']} {s.deadline.isoformat()})" if s.deadline else "")),
                    }
                    for s in tr.sips
                ],
                "met": [
                    {
                        "no": numbers.get(mf.id, "–"),
                        "title": titles.get(mf.rule, {}).get(lang, mf.name),
                        "message": mf.message.get(lang, ""),
                    }
                    for mf in tr.findings
                ],
            }
        )

    comps = []
    for c in whatifs:
        w = c.whatif
        changed = c.changed

        def LL(x: str, changed=changed) -> str:
            e = changed.get(x) or model.get(x)
            lab_ = getattr(e, "label", None)
            return getattr(lab_, lang) if lab_ is not None else x

        scen = c.scenarios[0] if c.scenarios else None
        from pathways.outputs.whatif import field_change_text

        comps.append(
            {
                "id": c.id,
                "label": c.label.get(lang, c.id),
                "rationale": getattr(scen, "rationale", "") or "",
                "status": getattr(scen, "status", "") or "",
                "source": ", ".join(str(v) for v in (getattr(scen, "source", {}) or {}).values()),
                "figure": next((f for f in figures if f.name == f"whatif_{_safe(c.id)}"), None),
                "resolved": [
                    {
                        "no": numbers.get(f.id, "–"),
                        "title": titles.get(f.rule, {}).get(lang, f.name),
                        "message": f.message.get(lang, ""),
                    }
                    for f in w.resolved
                ],
                "new": [
                    {
                        "no": f"{r['new_prefix']} {i}",
                        "title": titles.get(f.rule, {}).get(lang, f.name),
                        "message": f.message.get(lang, ""),
                    }
                    for i, f in enumerate(w.new, 1)
                ],
                "ownership": [
                    {
                        "need": LL(o.need),
                        "setting": LL(o.setting),
                        "groups": " | ".join(o.profiles_text.get(lang, [])),
                        "before": ", ".join(LL(x.unit) for x in o.before) or r["nobody"],
                        "after": ", ".join(LL(x.unit) for x in o.after) or r["nobody"],
                    }
                    for o in w.ownership
                ],
                "elements": [
                    {
                        "element": LL(e.id),
                        "change": r.get(e.change, e.change)
                        + (
                            ": "
                            + "; ".join(
                                field_change_text(changed, k, v, lang) for k, v in e.fields.items() if k != "note"
                            )
                            if e.fields
                            else ""
                        ),
                    }
                    for e in w.elements
                ],
                "cases": [
                    {
                        "case": cc.label.get(lang) or cc.case,
                        "days": f"{'–' if cc.uncovered_days_before is None else cc.uncovered_days_before} → {'–' if cc.uncovered_days_after is None else cc.uncovered_days_after}",
                    }
                    for cc in w.cases
                ],
            }
        )

    G = build_graph(model)
    assumption_rows = [
        {
            "kind": KIND_SV.get(a.kind, a.kind) if lang == "sv" else a.kind.replace("_", " "),
            "label": a.label,
            "note": a.note,
            "source": a.source,
            "id": a.id,
        }
        for a in assumptions(G, lang)
    ]
    summary = [
        r["count_findings"].format(n=len(findings), **counts),
        r["count_assumptions"].format(n=len(assumption_rows)),
    ]
    if case_traces:
        summary.append(r["count_cases"].format(n=len(case_traces), days=sum(tr.uncovered_days for tr in case_traces)))
    if whatifs:
        summary.append(r["count_whatif"].format(n=len(whatifs)))
    by_kind = {}
    for f in figures:
        by_kind.setdefault(f.kind, []).append(f)
    return {
        "lang": lang,
        "r": r,
        "model": {
            "label": getattr(model.meta.label, lang),
            "version": model.meta.version,
            "date": model.meta.date,
            "id": model.meta.id,
        },
        "summary": summary,
        "figures": by_kind,
        "gap_rows": gap_rows,
        "rules": used,
        "matrix_cols": matrix_cols,
        "matrix_rows": matrix_rows,
        "cases": cases,
        "whatifs": comps,
        "assumptions": assumption_rows,
        "sources": [{"id": s.id, "title": s.title, "ref": s.ref} for s in model.sources],
    }


def _safe(text: str) -> str:
    from pathways.outputs.render import safe_name

    return safe_name(text)


def write_report(
    model: Model,
    out_dir: str | Path,
    lang: str = "sv",
    findings: list[Finding] | None = None,
    case_traces: list | None = None,
    whatifs: list[Comparison] | None = None,
) -> Report:
    """Render the diagrams into ``out_dir/bilder`` and write ``rapport.html`` and ``rapport.md``."""
    from pathways.gaps.analyze import find_gaps

    out = Path(out_dir)
    images = out / IMAGES
    images.mkdir(parents=True, exist_ok=True)
    findings = find_gaps(model) if findings is None else findings
    diagrams = build(model, lang, findings, case_traces or [], whatifs or [])
    paths = render(diagrams, images, ("svg", "png"))
    figures = [_figure(d, images, out) for d in diagrams]
    ctx = context(model, lang, findings, figures, case_traces or [], whatifs or [])
    html = _env(True).get_template("report.html.j2").render(**ctx)
    md = _env(False).get_template("report.md.j2").render(**ctx)
    html_path, md_path = out / "rapport.html", out / "rapport.md"
    html_path.write_text(html, encoding="utf-8")
    md_path.write_text(md, encoding="utf-8")
    return Report(html_path, md_path, paths)
