"""Commands on gaps: gaps, rules, explain."""

from __future__ import annotations

from pathlib import Path

import typer

from pathways.cli.common import Format, Lang, LangOption, ModelOption, Severity, console, h
from pathways.cli.errors import EXIT_FINDINGS, CommandError
from pathways.cli.findings_view import print_findings, rule_codes


def gaps(
    model_dir: Path = ModelOption,
    fmt: Format = typer.Option(
        Format.table, "--format", help=h("table, json, csv eller markdown.", "table, json, csv or markdown.")
    ),
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
    calendar: bool = typer.Option(
        False,
        "--calendar",
        help=h(
            "Räkna helger och helgdagar i tidsglapp, som en kalender gör.",
            "Count weekends and holidays in time gaps, as a calendar would.",
        ),
    ),
    lang: Lang = LangOption,
) -> None:
    """Every finding of the gap rules on a model, as a table, JSON, CSV or Markdown."""
    from pathways.cli.common import load_or_exit
    from pathways.cli.progress import progress_bars
    from pathways.gaps.analyze import find_gaps
    from pathways.gaps.config import load_baseline, load_config
    from pathways.gaps.core import Options, at_least
    from pathways.gaps.rules import all_rules
    from pathways.outputs.findings import to_csv, to_json, to_markdown

    model = load_or_exit(model_dir)
    config = load_config(model_dir, all_rules())
    accepted = load_baseline(baseline) if baseline else {}
    with progress_bars() as progress:
        findings = find_gaps(model, config, Options(calendar=calendar), codes=rule_codes(rule), progress=progress)
    if severity:
        wanted = {s.value for s in severity}
        findings = [f for f in findings if f.severity in wanted]
    if fmt == Format.json:
        console.file.write(to_json(findings, accepted) + "\n")  # as rich prints it, without its cost at national scale
    elif fmt == Format.csv:
        console.file.write(to_csv(findings, lang.value))
    elif fmt == Format.markdown:
        console.file.write(to_markdown(findings, lang.value))
    else:
        print_findings(findings, accepted, lang.value)
    if fail_on is not None:
        failing = [f for f in findings if f.id not in accepted and at_least(f.severity, fail_on.value)]
        if failing:
            raise CommandError(
                f"{len(failing)} fynd med allvarsgrad {fail_on.value} eller högre / findings at {fail_on.value} or above",
                EXIT_FINDINGS,
            )


def rules_cmd(lang: Lang = LangOption) -> None:
    """The catalogue of gap rules."""
    from rich.table import Table

    from pathways.gaps.rules import all_rules

    table = Table(title="Glappregler" if lang == Lang.sv else "Gap rules")
    for col in ("code", "name", "severity", "title"):
        table.add_column(col)
    for r in all_rules():
        table.add_row(r.code, r.name, r.severity, r.title[lang.value])
    console.print(table)


def explain(
    code: str = typer.Argument(
        ..., help=h("Regelns kod (PW101) eller namn (uncovered-need).", "Rule code (PW101) or name (uncovered-need).")
    ),
    lang: Lang = LangOption,
) -> None:
    """What a rule means for the patient, its source, how to fix it in the agreement."""
    from pathways.gaps.rules import find_rule

    r = find_rule(code)
    if r is None:
        raise CommandError(f"unknown rule '{code}'; `pathways rules` lists them")
    sv = lang == Lang.sv
    console.print(f"[bold]{r.code} {r.name}[/bold]: {r.title[lang.value]}")
    console.print(f"{'Allvarsgrad' if sv else 'Severity'}: {r.severity}", markup=False)
    console.print(r.explanation[lang.value], markup=False)
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
