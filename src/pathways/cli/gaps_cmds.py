"""Commands on gaps: gaps, rules, explain."""

from __future__ import annotations

from pathlib import Path

import typer

from pathways.cli.common import (
    CalendarOption,
    Format,
    FormatOption,
    Lang,
    LangOption,
    ModelOption,
    OutOption,
    Severity,
    console,
    err_console,
    h,
    output,
    report_problems,
)
from pathways.cli.errors import EXIT_FINDINGS, CommandError
from pathways.cli.findings_view import print_findings, rule_codes


def gaps(
    model_dir: Path = ModelOption,
    fmt: Format = FormatOption,
    rule: list[str] = typer.Option(
        [],
        "--rule",
        help=h(
            "Bara den här regeln (kod eller namn); upprepa för fler.", "Only this rule (code or name); repeat for more."
        ),
    ),
    severity: list[Severity] = typer.Option(
        [],
        "--severity",
        help=h("Bara den här allvarsgraden; upprepa för fler.", "Only this severity; repeat for more."),
    ),
    fail_on: Severity | None = typer.Option(
        None,
        "--fail-on",
        help=h(
            "Avsluta med kod 1 om ett fynd som inte står i baslinjen har den här allvarsgraden eller högre.",
            "Exit 1 if a finding not in the baseline has this severity or higher.",
        ),
    ),
    baseline: Path | None = typer.Option(
        None,
        "--baseline",
        help=h(
            "YAML med accepterade fynd, vart och ett med en motivering.",
            "YAML of accepted findings, each with a justification.",
        ),
    ),
    calendar: bool = CalendarOption,
    lang: Lang = LangOption,
    out: Path | None = OutOption,
    write_baseline_to: Path | None = typer.Option(
        None,
        "--write-baseline",
        help=h(
            "Skriv fynden som en baslinje, var och en med en tom motivering att fylla i (motiveringar i --baseline behålls).",
            "Write the findings shown as a baseline, each with an empty justification to fill in "
            "(justifications in --baseline are kept).",
        ),
    ),
) -> None:
    """Every finding of the gap rules on a model, as a table, JSON, CSV or Markdown."""
    from pathways.analysis.locations import locations
    from pathways.cli.progress import progress_bars
    from pathways.gaps.analyze import gaps_of
    from pathways.gaps.baseline import stale_entries
    from pathways.gaps.config import load_baseline, load_config
    from pathways.gaps.core import Options, at_least
    from pathways.gaps.rules import all_rules
    from pathways.model.errors import ModelError
    from pathways.outputs.findings import to_csv, to_json, to_markdown
    from pathways.stamp import stamp_of

    rules = all_rules()
    config = load_config(model_dir, rules)
    loaded = load_baseline(baseline) if baseline else None
    accepted: dict[str, str] = loaded if loaded is not None else {}
    codes = rule_codes(rule)
    with progress_bars() as progress:
        model, findings = gaps_of(model_dir, config, Options(calendar=calendar), codes, progress=progress)
    if loaded is not None:
        ran = {r.code for r in config.select(rules)} & (codes or {r.code for r in rules})
        report_problems(ModelError(stale_entries(loaded, findings, ran)))
    if severity:
        wanted = {s.value for s in severity}
        findings = [f for f in findings if f.severity in wanted]
    where = locations(model, findings)
    stamp = stamp_of(model_dir)
    with output(out):
        if fmt == Format.json:
            console.file.write(to_json(findings, accepted, where, stamp.as_dict()) + "\n")
        elif fmt == Format.csv:
            console.file.write(to_csv(findings, lang.value, where, stamp.text(lang.value)))
        elif fmt == Format.markdown:
            console.file.write(to_markdown(findings, lang.value, where, stamp.text(lang.value)))
        else:
            print_findings(findings, accepted, lang.value, where)
    if write_baseline_to is not None:
        _write_baseline(write_baseline_to, findings, accepted, lang.value)
    if fail_on is not None:
        failing = [f for f in findings if f.id not in accepted and at_least(f.severity, fail_on.value)]
        if failing:
            raise CommandError(
                f"{len(failing)} fynd med allvarsgrad {fail_on.value} eller högre / findings at {fail_on.value} or above",
                EXIT_FINDINGS,
            )


def _write_baseline(path: Path, findings: list, accepted: dict[str, str], lang: str) -> None:
    from pathways.gaps.baseline import baseline_text, write_baseline

    write_baseline(path, baseline_text(findings, accepted, lang))
    empty = sum(1 for f in findings if f.id not in accepted)
    err_console.print(
        f"{path}: {len(findings)} fynd, {empty} utan motivering att fylla i / findings, {empty} justifications to write",
        markup=False,
    )


def rules_cmd(lang: Lang = LangOption, out: Path | None = OutOption) -> None:
    """The catalogue of gap rules."""
    from rich.table import Table

    from pathways.gaps.rules import all_rules
    from pathways.texts import t

    sv = lang == Lang.sv
    table = Table(title="Glappregler" if sv else "Gap rules")
    for col in ("Kod", "Namn", "Allvar", "Rubrik") if sv else ("Code", "Name", "Severity", "Title"):
        table.add_column(col)
    for r in all_rules():
        table.add_row(r.code, r.name, t(lang.value, "sev_" + r.severity), r.title[lang.value])
    with output(out):
        console.print(table)


def explain(
    code: str = typer.Argument(
        ...,
        metavar=h("KOD", "CODE"),
        help=h(
            "Regelns kod (PW101) eller namn (uncovered-need), ett fynd-id (PW101-1952efc2f7) eller en gråzon (gz1 eller 1).",
            "Rule code (PW101) or name (uncovered-need), a finding id (PW101-1952efc2f7) or a grey zone (gz1 or 1).",
        ),
    ),
    model_dir: Path = ModelOption,
    calendar: bool = CalendarOption,
    lang: Lang = LangOption,
    out: Path | None = OutOption,
) -> None:
    """What a rule, a finding or a grey zone means for the patient, where it stands, how to fix it."""
    with output(out):
        _explain(code, model_dir, calendar, lang.value)


def _explain(code: str, model_dir: Path, calendar: bool, lang: str) -> None:
    from pathways.cli.explain_print import print_finding_explanation, print_grey_zone_explanation
    from pathways.gaps.analyze import gaps_of
    from pathways.gaps.config import load_config
    from pathways.gaps.core import Options
    from pathways.gaps.rules import all_rules, find_rule
    from pathways.revision.explain import explain_finding, explain_grey_zone, is_finding_id

    r = find_rule(code)
    if r is not None:
        _explain_rule(r, lang)
        return
    rules = all_rules()
    model, findings = gaps_of(model_dir, load_config(model_dir, rules), Options(calendar=calendar))
    if is_finding_id(code):
        found = explain_finding(model, findings, rules, code, lang)
        if found is None:
            raise CommandError(
                f"{model_dir}: {code}: no such finding in this model (resolved, or made with other options); "
                "`pathways gaps` lists the findings"
            )
        print_finding_explanation(found, lang)
        return
    zone = explain_grey_zone(model, findings, code, lang)
    if zone is None:
        raise CommandError(
            f"unknown '{code}': give a rule code or name (`pathways rules`), a finding id (`pathways gaps`) "
            "or a grey zone (gz1 or 1)"
        )
    print_grey_zone_explanation(zone, lang)


def _explain_rule(r, lang: str) -> None:
    from pathways.texts import t

    sv = lang == "sv"
    console.print(f"[bold]{r.code} {r.name}[/bold]: {r.title[lang]}")
    console.print(f"{'Allvarsgrad' if sv else 'Severity'}: {t(lang, 'sev_' + r.severity)}", markup=False)
    console.print(r.explanation[lang], markup=False)
    console.print(f"{'Källa' if sv else 'Source'}: {r.source}", markup=False)


def register(app: typer.Typer) -> None:
    app.command(
        help=h(
            "Hitta var patienter kan hamna mellan stolarna: alla fynd från glappreglerna.",
            "Find where patients can fall between the chairs: every finding of the gap rules.",
        )
    )(gaps)
    app.command("rules", help=h("Katalogen över glappregler.", "The catalogue of gap rules."))(rules_cmd)
    app.command(
        help=h(
            "Vad en regel betyder för patienten, dess källa och hur den åtgärdas i överenskommelsen.",
            "What a rule means for the patient, its source, how to fix it in the agreement.",
        )
    )(explain)
