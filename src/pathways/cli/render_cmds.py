"""Commands that draw: render (diagrams) and report (HTML and Markdown)."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from pathways.cli.common import Lang, LangOption, ModelOption, console, h, load_or_exit
from pathways.cli.errors import EXIT_WRITE, CommandError

FORMATS = ("svg", "png", "pdf")
"""Image formats ``render --format`` takes (DOT is always written); as in pathways.outputs.render."""
DEFAULT_FORMATS = ("svg", "png")

CaseOption = typer.Option(
    None,
    "--case",
    help=h(
        "En fallfil eller id för ett fall i MODEL/cases/; upprepa för fler. Standard: alla medföljande fall.",
        "A case file or the id of a case in MODEL/cases/; repeat for more. Default: every bundled case.",
    ),
)
ScenarioOption = typer.Option(
    None,
    "--scenario",
    help=h(
        "En scenariofil eller id för ett i MODEL/scenarios/; upprepa för fler (vart och ett jämförs för sig). Standard: alla medföljande scenarier.",
        "A scenario file or the id of one in MODEL/scenarios/; repeat for more (each compared on its own). Default: every bundled scenario.",
    ),
)
NoCases = typer.Option(False, "--no-cases", help=h("Inga patientresor.", "No case journeys."))
NoScenarios = typer.Option(False, "--no-scenarios", help=h("Inga tänk-om-jämförelser.", "No what-if comparisons."))


def _inputs(model_dir: Path, case: list[str] | None, scenario: list[str] | None, no_cases: bool, no_scenarios: bool):
    from pathways.cases.load import load_case_refs
    from pathways.gaps.analyze import find_gaps
    from pathways.gaps.config import load_config
    from pathways.gaps.rules import all_rules
    from pathways.outputs.render import comparisons, traces
    from pathways.scenarios.load import load_scenario_refs

    model = load_or_exit(model_dir)
    config = load_config(model_dir, all_rules())
    findings = find_gaps(model, config)
    cases = [] if no_cases else load_case_refs(case, model_dir, model)
    scens = [] if no_scenarios else load_scenario_refs(scenario, model_dir, model)
    return model, findings, traces(model, cases, findings), comparisons(model, scens, cases, config)


def render_cmd(
    model_dir: Path = ModelOption,
    out: Path = typer.Option(
        Path("diagrams"),
        "--out",
        help=h("Mappen att skriva diagrammen till (skapas).", "Folder to write the diagrams to (created)."),
    ),
    fmt: str = typer.Option(
        ",".join(DEFAULT_FORMATS),
        "--format",
        help=h(
            "Kommaseparerat: svg, png, pdf. DOT skrivs alltid.",
            "Comma-separated: svg, png, pdf. DOT is always written.",
        ),
    ),
    lang: Lang = LangOption,
    case: list[str] = CaseOption,
    scenario: list[str] = ScenarioOption,
    no_cases: bool = NoCases,
    no_scenarios: bool = NoScenarios,
) -> None:
    """Draw the diagrams: overview, gaps, the routes, the matrix, each case and each what-if."""
    formats = tuple(f.strip().lower() for f in fmt.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise CommandError(f"--format: unknown {', '.join(bad)}; choose from {', '.join(FORMATS)}")
    from pathways.outputs.render import build, render

    start = time.perf_counter()
    model, findings, case_traces, whatifs = _inputs(model_dir, case, scenario, no_cases, no_scenarios)
    diagrams = build(model, lang.value, findings, case_traces, whatifs)
    try:
        paths = render(diagrams, out, formats)
    except (OSError, RuntimeError) as exc:
        raise CommandError(f"{out}: {exc}", EXIT_WRITE) from None
    seconds = time.perf_counter() - start
    for d in diagrams:
        console.print(f"{out / d.name}.{{dot,{','.join(formats)}}}", markup=False)
    console.print(
        f"{len(diagrams)} diagram, {len(paths)} filer, {seconds:.1f} s / {len(diagrams)} diagrams, {len(paths)} files",
        markup=False,
    )


def report_cmd(
    model_dir: Path = ModelOption,
    out: Path = typer.Option(
        Path("report"),
        "--out",
        help=h(
            "Mappen att skriva rapport.html, rapport.md och bilder/ till.",
            "Folder to write rapport.html, rapport.md and bilder/ to.",
        ),
    ),
    lang: Lang = LangOption,
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
        raise CommandError(f"{out}: {exc}", EXIT_WRITE) from None
    console.print(f"{rep.html}", markup=False)
    console.print(f"{rep.markdown} (+ {len(rep.images)} filer i {rep.markdown.parent / 'bilder'})", markup=False)


def register(app: typer.Typer) -> None:
    app.command(
        "render",
        help=h(
            "Rita diagrammen: översikt, glapp, vägarna, matrisen, varje fall och varje tänk-om.",
            "Draw the diagrams: overview, gaps, the routes, the matrix, each case and each what-if.",
        ),
    )(render_cmd)
    app.command(
        "report",
        help=h(
            "Skriv rapporten: en fristående HTML-fil (skrivs ut på A4) och samma som Markdown.",
            "Write the report: one self-contained HTML file (prints on A4) and the same as Markdown.",
        ),
    )(report_cmd)
