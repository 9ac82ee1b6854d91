"""Commands that draw: render (diagrams) and report (HTML, PDF, Word, Excel, Markdown)."""

from __future__ import annotations

import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from pathways.cli.common import Lang, LangOption, ModelOption, console, h, load_or_exit
from pathways.cli.conformance_cmds import MappingOption, ProfilesOption, ThresholdOption, journey_log, print_problems
from pathways.cli.errors import EXIT_WRITE, CommandError

if TYPE_CHECKING:
    from pathways.conformance.run import JourneyLog
    from pathways.pipeline import Analysis

FORMATS = ("svg", "png", "pdf")
"""Image formats ``render --format`` takes (DOT is always written); as in pathways.outputs.render."""
DEFAULT_FORMATS = ("svg", "png")
REPORT_FORMATS = ("html", "pdf", "docx", "xlsx", "md")
"""Formats ``report --format`` takes; as in pathways.outputs.report."""
REPORT_DEFAULT = ("html", "md")

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


class StampKind(str, Enum):
    full = "full"
    model = "model"


NoCases = typer.Option(False, "--no-cases", help=h("Inga patientresor.", "No case journeys."))
NoScenarios = typer.Option(False, "--no-scenarios", help=h("Inga tänk-om-jämförelser.", "No what-if comparisons."))


def _analysis(
    model_dir: Path,
    case: list[str] | None,
    scenario: list[str] | None,
    no_cases: bool,
    no_scenarios: bool,
    journey_log: JourneyLog | None = None,
) -> Analysis:
    from pathways.cases.load import load_case_refs
    from pathways.gaps.config import load_config
    from pathways.gaps.rules import all_rules
    from pathways.pipeline import analyse
    from pathways.scenarios.load import load_scenario_refs

    model = load_or_exit(model_dir)
    config = load_config(model_dir, all_rules())
    cases = [] if no_cases else load_case_refs(case, model_dir, model)
    scens = [] if no_scenarios else load_scenario_refs(scenario, model_dir, model)
    return analyse(model, cases, scens, config, model_dir=model_dir, journey_log=journey_log)


def _formats(fmt: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower() for f in fmt.split(",") if f.strip()))
    bad = [f for f in formats if f not in allowed]
    if bad or not formats:
        raise CommandError(f"--format: {', '.join(bad) or '-'}; välj bland / choose from {', '.join(allowed)}")
    return formats


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
    stamp: StampKind = typer.Option(
        StampKind.full,
        "--stamp",
        help=h(
            "full: hela revisionsstämpeln (git-incheckning, datum) i SVG-filernas metadata; "
            "model: bara modellens innehållshash, så att samma modell ger samma filer (för diagrams/ i git).",
            "full: the whole revision stamp (git commit, date) in the SVG files' metadata; "
            "model: the model's content hash only, so the same model gives the same files (for diagrams/ in git).",
        ),
    ),
) -> None:
    """Draw the diagrams: overview, gaps, the routes, the matrix, each case and each what-if."""
    formats = _formats(fmt, FORMATS)
    from pathways.outputs.render import build, render

    start = time.perf_counter()
    analysis = _analysis(model_dir, case, scenario, no_cases, no_scenarios)
    diagrams = build(analysis, lang.value)
    full = analysis.stamp.text(lang.value) if analysis.stamp and stamp == StampKind.full else ""
    try:
        paths = render(diagrams, out, formats, stamp=full)
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
        help=h("Mappen att skriva rapport.* och bilder/ till.", "Folder to write rapport.* and bilder/ to."),
    ),
    fmt: str = typer.Option(
        ",".join(REPORT_DEFAULT),
        "--format",
        help=h(f"Kommaseparerat: {', '.join(REPORT_FORMATS)}.", f"Comma-separated: {', '.join(REPORT_FORMATS)}."),
    ),
    lang: Lang = LangOption,
    case: list[str] = CaseOption,
    scenario: list[str] = ScenarioOption,
    no_cases: bool = NoCases,
    no_scenarios: bool = NoScenarios,
    log: Path | None = typer.Option(
        None,
        "--log",
        help=h(
            "En reslogg (CSV eller XES) att följa upp: rapporten får ett avsnitt om den (se pathways conformance).",
            "A journey log (CSV or XES) to follow up: the report gets a section on it (see pathways conformance).",
        ),
    ),
    profiles: Path | None = ProfilesOption,
    mapping: Path | None = MappingOption,
    threshold: int = ThresholdOption,
) -> None:
    """Write the report: HTML (prints on A4), PDF, Word, Excel and Markdown; page one is the summary."""
    formats = _formats(fmt, REPORT_FORMATS)
    from pathways.outputs.report import write_report

    given = journey_log(log, profiles, mapping, threshold, False) if log is not None else None
    analysis = _analysis(model_dir, case, scenario, no_cases, no_scenarios, given)
    try:
        rep = write_report(analysis, out, lang.value, formats)
    except (OSError, RuntimeError) as exc:
        raise CommandError(f"{out}: {exc}", EXIT_WRITE) from None
    for path in rep.files.values():
        console.print(f"{path}", markup=False)
    console.print(f"+ {len(rep.images)} filer i {out / 'bilder'}", markup=False)
    if analysis.conformance is not None:
        print_problems(analysis.conformance)


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
            "Skriv rapporten: HTML (skrivs ut på A4), PDF, Word, Excel och Markdown; sidan ett är sammanfattningen.",
            "Write the report: HTML (prints on A4), PDF, Word, Excel and Markdown; page one is the summary.",
        ),
    )(report_cmd)
