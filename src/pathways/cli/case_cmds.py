"""Commands on patient cases and scenarios: trace, cases generate/list/check, whatif.

They parse the options, call the analysis and print what :mod:`pathways.outputs.terminal`
and :mod:`pathways.scenarios.report` make; errors rise to :class:`pathways.cli.main.Group`.
The tracer, the case generator, rich's tables and the terminal views are imported by the
commands that use them: ``whatif --format json`` needs none of them.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from pathways.cases.load import CASES_DIR, case_files, find_case_file, load_case, load_cases
from pathways.cli.common import (
    CalendarOption,
    Format,
    FormatOption,
    Lang,
    LangOption,
    ModelOption,
    OutOption,
    Severity,
    TableOrJson,
    console,
    err_console,
    h,
    load_or_exit,
    output,
    report_problems,
)
from pathways.cli.errors import EXIT_FINDINGS, EXIT_WRITE, CommandError
from pathways.gaps.analyze import find_gaps
from pathways.gaps.config import load_config
from pathways.gaps.core import Options
from pathways.gaps.rules import all_rules
from pathways.model.errors import ModelError, Problem
from pathways.scenarios.apply import apply_scenarios
from pathways.scenarios.load import SCENARIOS_DIR, load_scenario_refs, scenario_files
from pathways.scenarios.report import Labels, to_csv, to_json, to_markdown
from pathways.scenarios.whatif import WhatIfOptions, cases_for_whatif, compare

ScenarioRefs = typer.Option(
    [],
    "--scenario",
    help=h(
        "Spåra i modellen med det här scenariot tillämpat (en fil eller ett id); upprepa för flera.",
        "Trace in the model with this scenario applied (a file or an id); repeat for several.",
    ),
)


# --------------------------------------------------------------------------- trace
def trace_cmd(
    case: str = typer.Argument(
        ...,
        metavar=h("FALL", "CASE"),
        help=h(
            "En fallfil, eller id för ett fall i MODELL/cases/.", "A case file, or the id of a case in MODEL/cases/."
        ),
    ),
    model_dir: Path = ModelOption,
    fmt: TableOrJson = typer.Option(TableOrJson.table, "--format", help=h("table eller json.", "table or json.")),
    calendar: bool = CalendarOption,
    lang: Lang = LangOption,
    scenarios: list[str] = ScenarioRefs,
    out: Path | None = OutOption,
) -> None:
    """Follow a patient case day by day: where the patient is, who owns each need, the gaps met."""
    from pathways.cases.trace import TraceOptions, Tracer
    from pathways.outputs.terminal import trace_view

    model = load_or_exit(model_dir)
    if scenarios:
        model = apply_scenarios(model, load_scenario_refs(list(scenarios), model_dir, model))
    path = find_case_file(case, model_dir)
    if path is None:
        raise ModelError(
            [Problem(case, 1, 1, "", f"no such case file, and no case with this id in {model_dir / CASES_DIR}")]
        )
    loaded = load_case(path, model)
    findings = find_gaps(model, load_config(model_dir, all_rules()), Options(calendar=calendar))
    result = Tracer(model, findings, TraceOptions(calendar=calendar)).trace(loaded)
    with output(out):
        if fmt == TableOrJson.json:
            console.print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2), markup=False, soft_wrap=True)
        else:
            for part in trace_view(result, lang.value):
                console.print(part)


# --------------------------------------------------------------------------- cases
cases_app = typer.Typer(
    help=h("Patientfall: skapa, lista, kontrollera.", "Patient cases: generate, list, check."), no_args_is_help=True
)


@cases_app.command(
    "generate",
    help=h(
        "Skriv för varje fynd från `gaps` det kortaste patientfall som möter det.",
        "For each finding of `gaps`, write the shortest patient case that meets it.",
    ),
)
def cases_generate(
    model_dir: Path = ModelOption,
    out: Path = typer.Option(
        Path("generated-cases"),
        "--out",
        help=h("Mappen som fallfilerna skrivs till.", "Folder to write the case files to."),
    ),
    calendar: bool = CalendarOption,
) -> None:
    """For each finding of `gaps`, write the shortest patient case that meets it."""
    from pathways.cases.generate import generate_cases, write_cases
    from pathways.cases.trace import TraceOptions

    model = load_or_exit(model_dir)
    findings = find_gaps(model, load_config(model_dir, all_rules()), Options(calendar=calendar))
    generated = generate_cases(model, findings, TraceOptions(calendar=calendar))
    paths = write_cases(generated, out)
    missed = [g.finding.id for g in generated if not g.met]
    console.print(
        f"{len(paths)} fall skrivna till {out} / cases written ({len(findings)} fynd / findings)", markup=False
    )
    if missed:
        raise CommandError(
            "\n".join(f"{fid}: inget fall möter fyndet / no case meets the finding" for fid in missed), EXIT_WRITE
        )


@cases_app.command(
    "list", help=h("De medföljande fallen i en modell (MODELL/cases/).", "The bundled cases of a model (MODEL/cases/).")
)
def cases_list(model_dir: Path = ModelOption, lang: Lang = LangOption) -> None:
    """The bundled cases of a model (MODEL/cases/)."""
    from rich.table import Table
    from rich.text import Text

    model = load_or_exit(model_dir)
    cases = load_cases(model_dir / CASES_DIR, model)
    sv = lang == Lang.sv
    table = Table(title="Patientfall" if sv else "Patient cases")
    for col in ("id", "namn" if sv else "label", "gråzoner" if sv else "grey zones", "händelser" if sv else "events"):
        table.add_column(col, overflow="fold")
    for c in cases:
        table.add_row(c.id, Text(getattr(c.label, lang.value)), ", ".join(c.grey_zones), str(len(c.events)))
    console.print(table)


@cases_app.command(
    "check",
    help=h(
        "Kontrollera fallfiler mot modellen; varje problem som fil:rad:kolumn, kod 2 om något är fel.",
        "Check case files against the model; every problem as file:line:col, exit 2 if any.",
    ),
)
def cases_check(
    files: list[Path] = typer.Argument(
        None,
        metavar=h("FALLFILER", "CASE_FILES"),
        help=h("Fallfiler; annars alla fall i MODELL/cases/.", "Case files; default: every case in MODEL/cases/."),
    ),
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
        raise ModelError(problems)
    console.print(f"{len(paths)} fall utan fel / cases without problems", markup=False)


# --------------------------------------------------------------------------- whatif
def whatif_cmd(
    scenarios: list[str] = typer.Argument(
        None,
        metavar=h("SCENARIER", "SCENARIOS"),
        help=h(
            "Scenariofiler eller id för scenarier i MODELL/scenarios/, tillämpade i tur och ordning.",
            "Scenario files or ids of scenarios in MODEL/scenarios/, applied in order.",
        ),
    ),
    model_dir: Path = ModelOption,
    all_: bool = typer.Option(
        False,
        "--all",
        help=h(
            "Alla scenarier i MODELL/scenarios/, i namnordning.", "Every scenario in MODEL/scenarios/, in name order."
        ),
    ),
    fmt: Format = FormatOption,
    fail_on: Severity | None = typer.Option(
        None,
        "--fail-on",
        help=h(
            "Avsluta med kod 1 om ett NYTT fynd har den här allvarsgraden eller högre.",
            "Exit 1 if a NEW finding has this severity or higher.",
        ),
    ),
    calendar: bool = CalendarOption,
    lang: Lang = LangOption,
    out: Path | None = OutOption,
) -> None:
    """What if the agreement changed? Apply scenarios and compare findings, ownership and cases."""
    model = load_or_exit(model_dir)
    refs = list(scenarios or [])
    if all_:
        refs += [str(p) for p in scenario_files(model_dir / SCENARIOS_DIR)]
    if not refs:
        raise ModelError(
            [
                Problem(
                    str(model_dir / SCENARIOS_DIR), 1, 1, "", "name at least one scenario (a file or an id), or --all"
                )
            ]
        )
    loaded = load_scenario_refs(refs, model_dir, model)
    changed = apply_scenarios(model, loaded)
    cases, problems = cases_for_whatif(case_files(model_dir / CASES_DIR), model, changed)
    report_problems(ModelError(problems))
    for file in dict.fromkeys(p.file for p in problems):
        err_console.print(
            f"{file}: fallet passar ingen av modellerna och är inte med / the case fits neither model and is left out",
            markup=False,
            soft_wrap=True,
        )
    config = load_config(model_dir, all_rules())
    result = compare(model, changed, cases, WhatIfOptions(calendar=calendar, config=config), loaded)
    label = Labels(changed, model, lang=lang.value)
    with output(out):
        if fmt == Format.json:
            console.file.write(to_json(result) + "\n")
        elif fmt == Format.csv:
            console.file.write(to_csv(result, label, lang.value))
        elif fmt == Format.markdown:
            console.file.write(to_markdown(result, label, lang.value) + "\n")
        else:
            from pathways.outputs.terminal import whatif_view

            for part in whatif_view(result, label, lang.value):
                console.print(part)
    failing = result.new_at_least(fail_on.value) if fail_on is not None else []
    if fail_on is not None and failing:
        raise CommandError(
            f"{len(failing)} nya fynd med allvarsgrad {fail_on.value} eller högre / new findings at {fail_on.value} or above",
            EXIT_FINDINGS,
        )


def register(app: typer.Typer) -> None:
    app.command(
        "trace",
        help=h(
            "Följ ett patientfall dag för dag: var patienten är, vem som äger varje behov, glappen på vägen.",
            "Follow a patient case day by day: where the patient is, who owns each need, the gaps met.",
        ),
    )(trace_cmd)
    app.add_typer(cases_app, name="cases")
    app.command(
        "whatif",
        help=h(
            "Tänk om överenskommelsen ändrades? Tillämpa scenarier och jämför fynd, ägarskap och fall.",
            "What if the agreement changed? Apply scenarios and compare findings, ownership and cases.",
        ),
    )(whatif_cmd)
