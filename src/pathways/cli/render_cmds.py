"""Commands that draw: render (diagrams) and report (HTML and Markdown)."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from pathways.cases.load import load_case_refs
from pathways.cli.common import DEFAULT_MODEL, EXIT_INVALID, Lang, console, err_console, load_or_exit, report_problems
from pathways.gaps.analyze import find_gaps
from pathways.gaps.config import load_config
from pathways.gaps.rules import all_rules
from pathways.model.errors import ModelError, Problem
from pathways.outputs.render import DEFAULT_FORMATS, FORMATS, build, comparisons, render, traces
from pathways.scenarios.load import load_scenario_refs

ModelDir = typer.Argument(DEFAULT_MODEL, help="The model directory.", show_default=True)
CaseOption = typer.Option(
    None,
    "--case",
    help="A case file or the id of a case in MODEL/cases/; repeat for more. Default: every bundled case.",
)
ScenarioOption = typer.Option(
    None,
    "--scenario",
    help="A scenario file or the id of one in MODEL/scenarios/; repeat for more (each compared on its own). Default: every bundled scenario.",
)
NoCases = typer.Option(False, "--no-cases", help="No case journeys.")
NoScenarios = typer.Option(False, "--no-scenarios", help="No what-if comparisons.")


def _fail(problems: list[Problem]) -> None:
    report_problems(ModelError(problems))
    raise typer.Exit(EXIT_INVALID)


def _inputs(model_dir: Path, case: list[str] | None, scenario: list[str] | None, no_cases: bool, no_scenarios: bool):
    model = load_or_exit(model_dir)
    try:
        config = load_config(model_dir, all_rules())
    except ModelError as exc:
        report_problems(exc)
        raise typer.Exit(EXIT_INVALID) from None
    findings = find_gaps(model, config)
    try:
        cases = [] if no_cases else load_case_refs(case, model_dir, model)
        scens = [] if no_scenarios else load_scenario_refs(scenario, model_dir, model)
        case_traces = traces(model, cases, findings)
        whatifs = comparisons(model, scens, cases, config)
    except ModelError as exc:
        report_problems(exc)
        raise typer.Exit(EXIT_INVALID) from None
    return model, findings, case_traces, whatifs


def render_cmd(
    model_dir: Path = ModelDir,
    out: Path = typer.Option(Path("diagrams"), "--out", help="Folder to write the diagrams to (created)."),
    fmt: str = typer.Option(
        ",".join(DEFAULT_FORMATS), "--format", help="Comma-separated: svg, png, pdf. DOT is always written."
    ),
    lang: Lang = typer.Option(Lang.sv, "--lang", help="Language of the labels: sv or en."),
    case: list[str] = CaseOption,
    scenario: list[str] = ScenarioOption,
    no_cases: bool = NoCases,
    no_scenarios: bool = NoScenarios,
) -> None:
    """Draw the diagrams: overview, gaps, the routes, the matrix, each case and each what-if."""
    formats = tuple(f.strip().lower() for f in fmt.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        err_console.print(f"--format: unknown {', '.join(bad)}; choose from {', '.join(FORMATS)}", markup=False)
        raise typer.Exit(EXIT_INVALID)
    start = time.perf_counter()
    model, findings, case_traces, whatifs = _inputs(model_dir, case, scenario, no_cases, no_scenarios)
    diagrams = build(model, lang.value, findings, case_traces, whatifs)
    try:
        paths = render(diagrams, out, formats)
    except (OSError, RuntimeError) as exc:
        err_console.print(f"{out}: {exc}", markup=False)
        raise typer.Exit(1) from None
    seconds = time.perf_counter() - start
    for d in diagrams:
        console.print(f"{out / d.name}.{{dot,{','.join(formats)}}}", markup=False)
    console.print(
        f"{len(diagrams)} diagram, {len(paths)} filer, {seconds:.1f} s / {len(diagrams)} diagrams, {len(paths)} files",
        markup=False,
    )


def report_cmd(
    model_dir: Path = ModelDir,
    out: Path = typer.Option(Path("report"), "--out", help="Folder to write rapport.html, rapport.md and bilder/ to."),
    lang: Lang = typer.Option(Lang.sv, "--lang", help="Language of the report: sv (default) or en."),
    case: list[str] = CaseOption,
    scenario: list[str] = ScenarioOption,
    no_cases: bool = NoCases,
    no_scenarios: bool = NoScenarios,
) -> None:
    """Write the report: one self-contained HTML file (prints on A4) and the same as Markdown."""
    from pathways.outputs.report import write_report

    model, findings, case_traces, whatifs = _inputs(model_dir, case, scenario, no_cases, no_scenarios)
    try:
        rep = write_report(model, out, lang.value, findings, case_traces, whatifs)
    except (OSError, RuntimeError) as exc:
        err_console.print(f"{out}: {exc}", markup=False)
        raise typer.Exit(1) from None
    console.print(f"{rep.html}", markup=False)
    console.print(f"{rep.markdown} (+ {len(rep.images)} filer i {rep.markdown.parent / 'bilder'})", markup=False)


def register(app: typer.Typer) -> None:
    app.command("render")(render_cmd)
    app.command("report")(report_cmd)
