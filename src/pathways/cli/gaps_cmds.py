"""Commands on gaps: gaps, rules, explain."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from pathways.analysis.locations import locations
from pathways.cli.common import (
    DEFAULT_MODEL,
    EXIT_INVALID,
    Format,
    Lang,
    Severity,
    console,
    err_console,
    load_or_exit,
    report_problems,
)
from pathways.cli.explain_print import print_finding_explanation, print_grey_zone_explanation
from pathways.cli.progress import progress_bars
from pathways.gaps.analyze import find_gaps
from pathways.gaps.baseline import baseline_text, stale_entries, write_baseline
from pathways.gaps.config import load_baseline, load_config
from pathways.gaps.core import SEVERITIES, Options, at_least
from pathways.gaps.rules import all_rules
from pathways.model.errors import ModelError
from pathways.outputs.findings import to_csv, to_json, to_markdown
from pathways.revision.explain import explain_finding, explain_grey_zone, is_finding_id

EXIT_FINDINGS = 1
"""Exit code when --fail-on finds findings at or above the threshold."""

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _rule_codes(selected: list[str]) -> set[str] | None:
    if not selected:
        return None
    by_key = {r.code.lower(): r.code for r in all_rules()} | {r.name: r.code for r in all_rules()}
    codes = set()
    for s in selected:
        code = by_key.get(s.lower())
        if code is None:
            err_console.print(f"unknown rule '{s}'; `pathways rules` lists them", markup=False)
            raise typer.Exit(EXIT_INVALID)
        codes.add(code)
    return codes


def gaps(
    model_dir: Path = typer.Argument(DEFAULT_MODEL, help="The model directory."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, csv or markdown."),
    rule: list[str] = typer.Option([], "--rule", help="Only this rule (code or name); repeat for more."),
    severity: list[Severity] = typer.Option([], "--severity", help="Only this severity; repeat for more."),
    fail_on: Severity | None = typer.Option(
        None, "--fail-on", help="Exit 1 if a finding not in the baseline has this severity or higher."
    ),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="YAML of accepted findings, each with a justification."
    ),
    calendar: bool = typer.Option(
        False, "--calendar", help="Count weekends and holidays in time gaps, as a calendar would."
    ),
    lang: Lang = typer.Option(Lang.sv, "--lang", help="Language of the messages."),
    write_baseline_to: Path | None = typer.Option(
        None,
        "--write-baseline",
        help="Write the findings shown as a baseline, each with an empty justification to fill in "
        "(justifications in --baseline are kept).",
    ),
) -> None:
    """Find where patients can fall between the chairs: every finding of the gap rules."""
    model = load_or_exit(model_dir)
    rules = all_rules()
    try:
        config = load_config(model_dir, rules)
        accepted = load_baseline(baseline) if baseline else {}
    except ModelError as exc:
        report_problems(exc)
        raise typer.Exit(EXIT_INVALID) from None
    codes = _rule_codes(rule)
    with progress_bars() as progress:
        findings = find_gaps(model, config, Options(calendar=calendar), codes=codes, progress=progress)
    if baseline:
        ran = {r.code for r in config.select(rules)} & (codes or {r.code for r in rules})
        report_problems(ModelError(stale_entries(accepted, findings, ran)))
    if severity:
        wanted = {s.value for s in severity}
        findings = [f for f in findings if f.severity in wanted]
    where = locations(model, findings)
    if fmt == Format.json:
        console.file.write(
            to_json(findings, accepted, where) + "\n"
        )  # as rich prints it, without its cost (1 s at national scale)
    elif fmt == Format.csv:
        console.file.write(to_csv(findings, lang.value, where))
    elif fmt == Format.markdown:
        console.file.write(to_markdown(findings, lang.value, where))
    else:
        _print_table(findings, accepted, lang.value, where)
    if write_baseline_to is not None:
        _write_baseline(write_baseline_to, findings, accepted, lang.value)
    if fail_on is not None:
        failing = [f for f in findings if f.id not in accepted and at_least(f.severity, fail_on.value)]
        if failing:
            err_console.print(
                f"{len(failing)} fynd med allvarsgrad {fail_on.value} eller högre / findings at {fail_on.value} or above",
                markup=False,
            )
            raise typer.Exit(EXIT_FINDINGS)


def _write_baseline(path: Path, findings, accepted: dict[str, str], lang: str) -> None:
    try:
        write_baseline(path, baseline_text(findings, accepted, lang))
    except OSError as exc:
        err_console.print(f"{path}: cannot write: {exc.strerror}", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_INVALID) from None
    empty = sum(1 for f in findings if f.id not in accepted)
    err_console.print(
        f"{path}: {len(findings)} fynd, {empty} utan motivering att fylla i / findings, {empty} justifications to write",
        markup=False,
    )


def _print_table(findings, accepted: dict[str, str], lang: str, where: dict[str, dict[str, str]] | None = None) -> None:
    sv = lang == "sv"
    table = Table(title="Glapp i vårdkedjan" if sv else "Gaps in the care pathway", show_lines=True)
    table.add_column("Nr" if sv else "No", justify="right")
    table.add_column("Regel" if sv else "Rule", overflow="fold", max_width=18)
    table.add_column("Gråzon" if sv else "Grey zone", max_width=7)
    table.add_column("Fynd" if sv else "Finding", overflow="fold", ratio=1)
    for index, f in enumerate(findings, start=1):
        who = "\n".join(f"• {_escape(p)}" for p in f.profiles_text[lang])
        note = (
            f"\n[italic]{'Accepterat' if sv else 'Accepted'}: {_escape(accepted[f.id])}[/italic]"
            if f.id in accepted
            else ""
        )
        table.add_row(
            str(index),
            f"{f.rule} [{SEVERITY_STYLE[f.severity]}]{f.severity}[/]\n{f.name}",
            ", ".join(str(g) for g in f.grey_zones),
            f"{_escape(f.message[lang])}"
            + (f"\n{who}" if who else "")
            + "".join(f"\n[dim]→ {_escape(e)}: {_escape(at)}[/dim]" for e, at in (where or {}).get(f.id, {}).items())
            + f"\n[dim]{f.id}[/dim]"
            + note,
        )
    console.print(table)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in reversed(SEVERITIES)}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items())
    if accepted:
        summary += f" ({sum(1 for f in findings if f.id in accepted)} {'accepterade' if sv else 'accepted'})"
    console.print(summary, markup=False)


def _escape(text: str) -> str:
    return text.replace("[", "\\[")


def rules_cmd(lang: Lang = typer.Option(Lang.sv, "--lang")) -> None:
    """The catalogue of gap rules."""
    table = Table(title="Glappregler" if lang == Lang.sv else "Gap rules")
    for col in ("code", "name", "severity", "title"):
        table.add_column(col)
    for r in all_rules():
        table.add_row(r.code, r.name, r.severity, r.title[lang.value])
    console.print(table)


def explain(
    code: str = typer.Argument(
        ...,
        help="Rule code (PW101) or name (uncovered-need), a finding id (PW101-1952efc2f7) or a grey zone (gz1 or 1).",
    ),
    model_dir: Path = typer.Option(
        DEFAULT_MODEL, "--model", help="The model a finding id or grey zone is looked up in."
    ),
    calendar: bool = typer.Option(False, "--calendar", help="As `gaps --calendar` (finding ids of time gaps differ)."),
    lang: Lang = typer.Option(Lang.sv, "--lang"),
) -> None:
    """What a rule, a finding or a grey zone means for the patient, where it stands, how to fix it."""
    rules = all_rules()
    by_key = {r.code.lower(): r for r in rules} | {r.name: r for r in rules}
    if code.lower() in by_key:
        _explain_rule(by_key[code.lower()], lang.value)
        return
    model = load_or_exit(model_dir)
    try:
        config = load_config(model_dir, rules)
    except ModelError as exc:
        report_problems(exc)
        raise typer.Exit(EXIT_INVALID) from None
    findings = find_gaps(model, config, Options(calendar=calendar))
    if is_finding_id(code):
        found = explain_finding(model, findings, rules, code, lang.value)
        if found is not None:
            print_finding_explanation(found, lang.value)
            return
        err_console.print(
            f"{model_dir}: {code}: no such finding in this model (resolved, or made with other options); "
            "`pathways gaps` lists the findings",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_INVALID)
    zone = explain_grey_zone(model, findings, code, lang.value)
    if zone is None:
        err_console.print(
            f"unknown '{code}': give a rule code or name (`pathways rules`), a finding id (`pathways gaps`) "
            "or a grey zone (gz1 or 1)",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_INVALID)
    print_grey_zone_explanation(zone, lang.value)


def _explain_rule(r, lang: str) -> None:
    sv = lang == "sv"
    console.print(f"[bold]{r.code} {r.name}[/bold]: {_escape(r.title[lang])}")
    console.print(f"{'Allvarsgrad' if sv else 'Severity'}: {r.severity}", markup=False)
    console.print(r.explanation[lang], markup=False)
    console.print(f"{'Källa' if sv else 'Source'}: {r.source}", markup=False)
    console.print(f"{'Kostnad' if sv else 'Cost'}: {r.complexity}", markup=False)


def register(app: typer.Typer) -> None:
    app.command()(gaps)
    app.command("rules")(rules_cmd)
    app.command()(explain)
