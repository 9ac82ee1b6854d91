"""Commands on patient cases and scenarios: trace, cases generate/list/check, whatif."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from pathways.cases.generate import generate_cases, write_cases
from pathways.cases.load import CASES_DIR, case_files, find_case_file, load_case, load_cases
from pathways.cases.timeline import label, timeline
from pathways.cases.trace import Trace, TraceOptions, Tracer
from pathways.cli.common import (
    EXIT_INVALID,
    CalendarOption,
    Format,
    Lang,
    ModelOption,
    Severity,
    TableOrJson,
    console,
    err_console,
    load_or_exit,
    report_problems,
)
from pathways.gaps.analyze import find_gaps
from pathways.gaps.config import load_config
from pathways.gaps.core import Options
from pathways.gaps.rules import all_rules
from pathways.model.errors import ModelError, Problem
from pathways.model.model import Model
from pathways.scenarios.apply import apply_scenarios
from pathways.scenarios.load import SCENARIOS_DIR, load_scenario_refs, scenario_files
from pathways.scenarios.report import TEXT, Labels, field_text, owner_text, to_csv, to_json, to_markdown
from pathways.scenarios.whatif import WhatIf, WhatIfOptions, cases_for_whatif, compare

EXIT_FINDINGS = 1
"""Exit code when --fail-on finds new findings at or above the threshold."""

LangOption = typer.Option(Lang.sv, "--lang", help="Language of labels and messages.")

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}

T = {
    "sv": {
        "days": "Dag för dag",
        "date": "Datum",
        "where": "Var",
        "events": "Händelser",
        "owners": "Ägare",
        "n_needs": "{n} behov",
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
        "where": "Where",
        "events": "Events",
        "owners": "Owners",
        "n_needs": "{n} needs",
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


def _fail(problems: list[Problem]) -> None:
    report_problems(ModelError(problems))
    raise typer.Exit(EXIT_INVALID)


def _config(model_dir: Path):
    try:
        return load_config(model_dir, all_rules())
    except ModelError as exc:
        report_problems(exc)
        raise typer.Exit(EXIT_INVALID) from None


# --------------------------------------------------------------------------- trace
def trace_cmd(
    case: str = typer.Argument(..., help="A case file, or the id of a case in MODEL/cases/."),
    model_dir: Path = ModelOption,
    fmt: TableOrJson = typer.Option(TableOrJson.table, "--format", help="table or json."),
    calendar: bool = CalendarOption,
    lang: Lang = LangOption,
    scenarios: list[str] = typer.Option(
        [], "--scenario", help="Trace in the model with this scenario applied (a file or an id); repeat for several."
    ),
) -> None:
    """Follow a patient case day by day: where the patient is, who owns each need, the gaps met."""
    model = load_or_exit(model_dir)
    if scenarios:
        try:
            model = apply_scenarios(model, load_scenario_refs(list(scenarios), model_dir, model))
        except ModelError as exc:
            report_problems(exc)
            raise typer.Exit(EXIT_INVALID) from None
    path = find_case_file(case, model_dir)
    if path is None:
        _fail([Problem(case, 1, 1, "", f"no such case file, and no case with this id in {model_dir / CASES_DIR}")])
    try:
        loaded = load_case(path, model)
        findings = find_gaps(model, _config(model_dir), Options(calendar=calendar))
        result = Tracer(model, findings, TraceOptions(calendar=calendar)).trace(loaded)
    except ModelError as exc:
        report_problems(exc)
        raise typer.Exit(EXIT_INVALID) from None
    if fmt == TableOrJson.json:
        console.print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2), markup=False, soft_wrap=True)
    else:
        _print_trace(result, model, lang.value)


def _label(t: Trace, element_id: str | None, lang: str) -> str:
    return label(t, element_id, lang)


def _print_trace(t: Trace, model: Model, lang: str) -> None:
    s = T[lang]
    profile = ", ".join(_label(t, f"{k}={v}", lang) or v for k, v in t.profile.items())
    console.print(Text(f"{t.label[lang]}  ({t.case})", style="bold"))
    console.print(Text(f"{s['profile']}: {profile}"))
    if t.routes:
        console.print(Text(f"{s['routes']}: {', '.join(_label(t, r, lang) for r in t.routes)}"))
    console.print(
        Text(
            f"{s['model']}: {t.model['id']} {t.model['version']} ({t.model['date']}); "
            f"{s['calendar'] if t.calendar else s['nominal']}",
            style="dim",
        )
    )
    console.print(Text(f"\n{s['days']}", style="bold underline"))
    for row in timeline(t, lang):
        where = row.where or s["home"]
        console.print(Text(f"\n{row.when}  {where} ({row.setting})", style="bold"))
        for e in row.events:
            console.print(Text(f"  {s['events']}: {e}"))
        for unit, needs in row.owners:
            console.print(Text(f"  {s['owners']}: {unit}: {', '.join(needs)}"))
        if not row.owners:
            console.print(Text(f"  {s['owners']}: {s['none']}"))
        if row.uncovered:
            console.print(Text(f"  {s['uncovered']}: {', '.join(row.uncovered)}", style="bold red"))
        if row.findings:
            console.print(Text(f"  {s['findings']}: {', '.join(row.findings)}", style="yellow"))
    console.print()
    _print_tables(t, lang)


def _print_tables(t: Trace, lang: str) -> None:
    s = T[lang]
    if t.trace_findings:
        tt = Table(title=s["trace_findings"], show_lines=True)
        for col in ("id", s["message"], s["source"], s["ndays"]):
            tt.add_column(col, overflow="fold")
        for f in t.trace_findings:
            tt.add_row(f.id, Text(f.message[lang]), f.source or s["none"], str(len(f.days)))
        console.print(tt)
    if t.handovers:
        ht = Table(title=s["handovers"], show_lines=True)
        for col in (s["date"], "", s["from_to"], s["passes"], s["missing"], s["sender_until"], s["receiver_from"]):
            ht.add_column(col, overflow="fold")
        for h in t.handovers:
            name = _label(t, h.id, lang) + (f"\n({s['outside']})" if h.outside_profile else "")
            ht.add_row(
                h.date.isoformat(),
                Text(name),
                Text(f"{_label(t, h.from_unit, lang)} → {_label(t, h.to_unit, lang)}"),
                ", ".join(h.passes) or s["none"],
                Text(", ".join(h.missing) or s["none"], style="red" if h.missing else ""),
                h.sender_until.isoformat(),
                h.receiver_from.isoformat(),
            )
        console.print(ht)
    if t.sips:
        st = Table(title=s["sips"], show_lines=True)
        for col in ("", s["date"], s["deadline"], s["participants"], s["not_invited"]):
            st.add_column(col, overflow="fold")
        for x in t.sips:
            state = s["held"] if x.held else s["not_held"]
            if x.on_time is not None:
                state += f", {s['on_time'] if x.on_time else s['late']}"
            st.add_row(
                Text(f"{_label(t, x.id, lang)}\n({state})", style="" if x.held else "red"),
                x.date.isoformat() if x.date else s["none"],
                x.deadline.isoformat() if x.deadline else s["none"],
                Text(", ".join(_label(t, u, lang) for u in x.participants)),
                Text(", ".join(_label(t, u, lang) for u in x.in_contact_not_invited) or s["none"]),
            )
        console.print(st)
    if t.gaps:
        gt = Table(title=s["gaps"], show_lines=False)
        for col in (s["need"], s["period"], s["ndays"], s["cause"]):
            gt.add_column(col, overflow="fold")
        for g in t.gaps:
            cause = s["declared"] if g.cause == "declared" else _label(t, g.cause, lang)
            gt.add_row(
                Text(_label(t, g.need, lang), style="red"),
                f"{g.start.isoformat()} – {g.end.isoformat()}",
                str(g.days),
                Text(cause),
            )
        console.print(gt)
    if t.findings:
        ft = Table(title=s["met"], show_lines=True)
        for col in (s["rule"], "id", s["message"], s["ndays"]):
            ft.add_column(col, overflow="fold")
        for f in t.findings:
            ft.add_row(
                Text(f"{f.rule} {f.severity}", style=SEVERITY_STYLE.get(f.severity, "")),
                f.id,
                Text(f.message.get(lang, "")),
                str(len(f.days)),
            )
        console.print(ft)
    console.print(
        Text(
            s["summary"].format(n=t.uncovered_days, total=len(t.days)),
            style="bold red" if t.uncovered_days else "green",
        )
    )


# --------------------------------------------------------------------------- cases
cases_app = typer.Typer(help="Patientfall / patient cases: generate, list, check.", no_args_is_help=True)


@cases_app.command("generate")
def cases_generate(
    model_dir: Path = ModelOption,
    out: Path = typer.Option(Path("generated-cases"), "--out", help="Folder to write the case files to."),
    calendar: bool = CalendarOption,
) -> None:
    """For each finding of `gaps`, write the shortest patient case that meets it."""
    model = load_or_exit(model_dir)
    findings = find_gaps(model, _config(model_dir), Options(calendar=calendar))
    generated = generate_cases(model, findings, TraceOptions(calendar=calendar))
    try:
        paths = write_cases(generated, out)
    except OSError as exc:
        err_console.print(f"{out}: cannot write: {exc.strerror}", markup=False)
        raise typer.Exit(1) from None
    missed = [g.finding.id for g in generated if not g.met]
    console.print(
        f"{len(paths)} fall skrivna till {out} / cases written ({len(findings)} fynd / findings)", markup=False
    )
    for fid in missed:
        err_console.print(f"{fid}: inget fall möter fyndet / no case meets the finding", markup=False)
    if missed:
        raise typer.Exit(1)


@cases_app.command("list")
def cases_list(model_dir: Path = ModelOption, lang: Lang = LangOption) -> None:
    """The bundled cases of a model (MODEL/cases/)."""
    model = load_or_exit(model_dir)
    try:
        cases = load_cases(model_dir / CASES_DIR, model)
    except ModelError as exc:
        report_problems(exc)
        raise typer.Exit(EXIT_INVALID) from None
    table = Table(title="Patientfall" if lang == Lang.sv else "Patient cases")
    for col in ("id", "label", "grey zones", "events"):
        table.add_column(col, overflow="fold")
    for c in cases:
        table.add_row(c.id, Text(getattr(c.label, lang.value)), ", ".join(c.grey_zones), str(len(c.events)))
    console.print(table)


@cases_app.command("check")
def cases_check(
    files: list[Path] = typer.Argument(None, help="Case files; default: every case in MODEL/cases/."),
    model_dir: Path = ModelOption,
) -> None:
    """Check case files against the model; every problem as file:line:col, exit 2 if any."""
    model = load_or_exit(model_dir)
    paths = files or case_files(model_dir / CASES_DIR)
    problems: list[Problem] = []
    for p in paths:
        try:
            load_case(p, model)
        except ModelError as exc:
            problems.extend(exc.problems)
    if problems:
        _fail(problems)
    console.print(f"{len(paths)} fall utan fel / cases without problems", markup=False)


# --------------------------------------------------------------------------- whatif
def whatif_cmd(
    scenarios: list[str] = typer.Argument(
        None, help="Scenario files or ids of scenarios in MODEL/scenarios/, applied in order."
    ),
    model_dir: Path = ModelOption,
    all_: bool = typer.Option(False, "--all", help="Every scenario in MODEL/scenarios/, in name order."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, csv or markdown."),
    fail_on: Severity | None = typer.Option(
        None, "--fail-on", help="Exit 1 if a NEW finding has this severity or higher."
    ),
    calendar: bool = CalendarOption,
    lang: Lang = LangOption,
) -> None:
    """What if the agreement changed? Apply scenarios and compare findings, ownership and cases."""
    model = load_or_exit(model_dir)
    refs = list(scenarios or [])
    if all_:
        refs += [str(p) for p in scenario_files(model_dir / SCENARIOS_DIR)]
    if not refs:
        _fail(
            [
                Problem(
                    str(model_dir / SCENARIOS_DIR), 1, 1, "", "name at least one scenario (a file or an id), or --all"
                )
            ]
        )
    try:
        loaded = load_scenario_refs(refs, model_dir, model)
    except ModelError as exc:
        report_problems(exc)
        raise typer.Exit(EXIT_INVALID) from None
    try:
        changed = apply_scenarios(model, loaded)
    except ModelError as exc:
        report_problems(exc)
        raise typer.Exit(EXIT_INVALID) from None
    cases, problems = cases_for_whatif(case_files(model_dir / CASES_DIR), model, changed)
    for problem in problems:
        report_problems(ModelError([problem]))
    for file in dict.fromkeys(p.file for p in problems):
        err_console.print(
            f"{file}: fallet passar ingen av modellerna och är inte med / the case fits neither model and is left out",
            markup=False,
        )
    result = compare(model, changed, cases, WhatIfOptions(calendar=calendar, config=_config(model_dir)), loaded)
    label = Labels(changed, model, lang=lang.value)
    if fmt == Format.json:
        console.print(to_json(result), markup=False, soft_wrap=True)
    elif fmt == Format.csv:
        console.file.write(to_csv(result, label, lang.value))
    elif fmt == Format.markdown:
        console.file.write(to_markdown(result, label, lang.value) + "\n")
    else:
        _print_whatif(result, label, lang.value)
    if fail_on is not None:
        failing = result.new_at_least(fail_on.value)
        if failing:
            err_console.print(
                f"{len(failing)} nya fynd med allvarsgrad {fail_on.value} eller högre / new findings at {fail_on.value} or above",
                markup=False,
            )
            raise typer.Exit(EXIT_FINDINGS)


def _print_whatif(w: WhatIf, label: Labels, lang: str) -> None:
    t = TEXT[lang]
    console.print(Text(f"{t['title']}: " + "; ".join(s["label"][lang] for s in w.scenarios), style="bold"))
    console.print(
        Text(f"{t['resolved']}: {len(w.resolved)}   {t['new']}: {len(w.new)}   {t['unchanged']}: {len(w.unchanged)}")
    )
    for key, findings, style in (("resolved", w.resolved, "green"), ("new", w.new, "bold red")):
        table = Table(title=f"{t[key]} ({len(findings)})", show_lines=True, title_style=style)
        for col in (t["rule"], t["id"], t["message"]):
            table.add_column(col, overflow="fold")
        for f in findings:
            table.add_row(
                Text(f"{f.rule} {f.severity}", style=SEVERITY_STYLE.get(f.severity, "")),
                f.id,
                Text(f.message.get(lang, "")),
            )
        console.print(table if findings else Text(f"{t[key]}: {t['none']}"))
    if w.ownership:
        table = Table(title=f"{t['ownership']} ({len(w.ownership)})", show_lines=True)
        for col in (t["need"], t["setting"], t["profiles"], t["before"], t["after"]):
            table.add_column(col, overflow="fold")
        for o in w.ownership:
            table.add_row(
                Text(label(o.need)),
                Text(label(o.setting)),
                Text("\n".join(o.profiles_text[lang])),
                Text(owner_text(o.before, label, lang), style="red" if not o.before else ""),
                Text(owner_text(o.after, label, lang), style="red" if not o.after else "green"),
            )
        console.print(table)
    if w.elements:
        table = Table(title=f"{t['elements']} ({len(w.elements)})", show_lines=True)
        for col in (t["collection"], t["id"], t["change"], t["fields"]):
            table.add_column(col, overflow="fold")
        for e in w.elements:
            table.add_row(e.collection, e.id, t[e.change], Text(field_text(e.fields)))
        console.print(table)
    table = Table(title=f"{t['cases']} ({len(w.cases)})", show_lines=True)
    for col in (t["case"], t["status"], t["uncovered"], t["met_gone"], t["met_new"]):
        table.add_column(col, overflow="fold")
    for c in w.cases:
        before = "-" if c.uncovered_days_before is None else str(c.uncovered_days_before)
        after = "-" if c.uncovered_days_after is None else str(c.uncovered_days_after)
        table.add_row(
            Text(c.label[lang]),
            t[c.status],
            f"{before} → {after}",
            "\n".join(c.findings_resolved),
            Text(c.error or "\n".join(c.findings_new)),
        )
    console.print(table)
    console.print(Text(f"{t['cases_same']}: {', '.join(w.cases_unchanged) or t['none']}", style="dim"))
    for note in w.notes:
        console.print(Text(note, style="yellow"))


def register(app: typer.Typer) -> None:
    app.command("trace")(trace_cmd)
    app.add_typer(cases_app, name="cases")
    app.command("whatif")(whatif_cmd)
