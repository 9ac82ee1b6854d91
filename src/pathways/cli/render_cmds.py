"""Commands that draw: render (diagrams) and report (HTML, PDF, Word, Excel, Markdown)."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from pathways.cases.load import load_case_refs
from pathways.cli.common import DEFAULT_MODEL, EXIT_INVALID, Lang, console, err_console, load_or_exit, report_problems
from pathways.gaps.config import load_config
from pathways.gaps.rules import all_rules
from pathways.model.errors import ModelError
from pathways.outputs.render import DEFAULT_FORMATS, FORMATS, build, render
from pathways.outputs.report import DEFAULT_FORMATS as REPORT_DEFAULT
from pathways.outputs.report import FORMATS as REPORT_FORMATS
from pathways.outputs.report import write_report
from pathways.pipeline import Analysis, analyse
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


def _analysis(
    model_dir: Path, case: list[str] | None, scenario: list[str] | None, no_cases: bool, no_scenarios: bool
) -> Analysis:
    model = load_or_exit(model_dir)
    try:
        config = load_config(model_dir, all_rules())
        cases = [] if no_cases else load_case_refs(case, model_dir, model)
        scens = [] if no_scenarios else load_scenario_refs(scenario, model_dir, model)
        return analyse(model, cases, scens, config, model_dir=model_dir)
    except ModelError as exc:
        report_problems(exc)
        raise typer.Exit(EXIT_INVALID) from None


def _formats(fmt: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower() for f in fmt.split(",") if f.strip()))
    bad = [f for f in formats if f not in allowed]
    if bad or not formats:
        err_console.print(
            f"--format: {', '.join(bad) or '-'}; välj bland / choose from {', '.join(allowed)}", markup=False
        )
        raise typer.Exit(EXIT_INVALID)
    return formats


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
    formats = _formats(fmt, FORMATS)
    start = time.perf_counter()
    diagrams = build(_analysis(model_dir, case, scenario, no_cases, no_scenarios), lang.value)
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
    out: Path = typer.Option(Path("report"), "--out", help="Folder to write rapport.* and bilder/ to."),
    fmt: str = typer.Option(
        ",".join(REPORT_DEFAULT), "--format", help=f"Comma-separated: {', '.join(REPORT_FORMATS)}."
    ),
    lang: Lang = typer.Option(Lang.sv, "--lang", help="Language of the report: sv (default) or en."),
    case: list[str] = CaseOption,
    scenario: list[str] = ScenarioOption,
    no_cases: bool = NoCases,
    no_scenarios: bool = NoScenarios,
) -> None:
    """Write the report: HTML (prints on A4), PDF, Word, Excel and Markdown; page one is the summary."""
    formats = _formats(fmt, REPORT_FORMATS)
    analysis = _analysis(model_dir, case, scenario, no_cases, no_scenarios)
    try:
        rep = write_report(analysis, out, lang.value, formats)
    except (OSError, RuntimeError) as exc:
        err_console.print(f"{out}: {exc}", markup=False)
        raise typer.Exit(1) from None
    for path in rep.files.values():
        console.print(f"{path}", markup=False)
    console.print(f"+ {len(rep.images)} filer i {out / 'bilder'}", markup=False)


def register(app: typer.Typer) -> None:
    app.command("render")(render_cmd)
    app.command("report")(report_cmd)
