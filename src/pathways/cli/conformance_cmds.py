"""`pathways conformance` and `pathways synth-log`: real journeys against the agreement."""

from __future__ import annotations

from contextlib import contextmanager
from enum import Enum
from pathlib import Path

import typer

from pathways.cli.common import DEFAULT_MODEL, Lang, console, err_console, load_or_exit
from pathways.cli.errors import CommandError

EXIT_ROWS_LEFT_OUT = 1
"""The log was analysed, but some rows could not be read and were left out."""


class OutFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@contextmanager
def _atomic(path: Path | None, newline: str | None = None):
    """A file written whole or not at all (a temporary file renamed on success)."""
    if path is None:
        yield None
        return
    from pathways.files import replacing

    with replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline=newline) as handle:
        yield handle


def conformance(
    log: Path = typer.Argument(..., help="The journey log: CSV (resa;datum;händelse;enhet;...) or XES."),
    profiles: Path | None = typer.Option(None, "--profiles", help="Profile table: resa;från;<dimension>..."),
    mapping: Path | None = typer.Option(None, "--mapping", help="YAML: source-system codes -> model ids."),
    model_dir: Path = typer.Option(DEFAULT_MODEL, "--model", help="The model directory."),
    scenario: list[str] = typer.Option([], "--scenario", help="Judge against the model with this scenario applied."),
    fmt: OutFormat = typer.Option(OutFormat.table, "--format", help="table, json or csv (Excel-ready)."),
    out: Path | None = typer.Option(None, "--out", help="Write the result here instead of to the terminal."),
    journeys: Path | None = typer.Option(None, "--journeys", help="Also write each journey's deviations (CSV)."),
    threshold: int = typer.Option(5, "--min-journeys", help="Figures from fewer journeys show as <N (at least 3)."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first row that cannot be read."),
    lang: Lang = typer.Option(Lang.sv, "--lang", help="Language of headers and labels."),
) -> None:
    """Follow up real journeys: replay a pseudonymised log against the agreement, per route, unit, municipality, month.

    A log with a personnummer, a name column or an e-mail address is refused. Every
    figure built from fewer than --min-journeys journeys is shown as <N.
    """
    from pathways.conformance.run import Options, run_conformance, with_scenarios
    from pathways.outputs import conformance as render

    model = load_or_exit(model_dir)
    try:
        model = with_scenarios(model, scenario, model_dir)
        with _atomic(journeys, newline="") as per_journey:
            each = render.JourneyWriter(per_journey, lang.value) if per_journey else None
            result = run_conformance(model, log, profiles, mapping, Options(threshold, strict), each=each)
    except UnicodeDecodeError:
        raise CommandError(f"{log}:1:1: -: not UTF-8 text; save the log as UTF-8 (in Excel: CSV UTF-8)") from None
    except (ValueError, OSError) as exc:
        raise CommandError(str(exc)) from None
    _emit(result, model, fmt, out, lang.value)
    for problem in result.problems:
        err_console.print(str(problem), markup=False, soft_wrap=True)
    for code in result.unmapped:
        err_console.print(
            f"{code['first']}: {code['field']} '{code['code']}' not mapped: {code['rows']} rows",
            markup=False,
            soft_wrap=True,
        )
    if result.problem_counts:
        counts = ", ".join(f"{k} {n}" for k, n in sorted(result.problem_counts.items()))
        raise CommandError(
            f"{sum(result.problem_counts.values())} rader utelämnade / rows left out: {counts}", EXIT_ROWS_LEFT_OUT
        )


def _emit(result, model, fmt: OutFormat, out: Path | None, lang: str) -> None:
    from pathways.outputs import conformance as render

    if fmt == OutFormat.table:
        if out is None:
            for table in render.tables(result, model, lang):
                console.print(table)
            return
        text = render.section_html(result, model, lang)
    else:
        text = render.to_json(result) if fmt == OutFormat.json else render.to_csv(result, model, lang)
    with _atomic(out, newline="") as handle:
        (handle or console.file).write(text)


def synth_log(
    out: Path = typer.Option(..., "--out", help="Directory for logg.csv, profiler.csv and manifest.json."),
    journeys: int = typer.Option(1000, "--journeys", min=1, help="Number of journeys."),
    seed: int = typer.Option(0, "--seed", help="The same seed gives the same files, byte for byte."),
    model_dir: Path = typer.Option(DEFAULT_MODEL, "--model", help="The model (bundled or from `pathways synth`)."),
    plant_share: float = typer.Option(
        0.2, "--plant-share", min=0.0, max=1.0, help="Share of journeys with a deviation."
    ),
) -> None:
    """Write a synthetic journey log with planted deviations (manifest.json lists them), for tests and benchmarks."""
    from pathways.synth.journeylog import synth_log as write_log

    model = load_or_exit(model_dir)
    manifest = write_log(model, journeys, seed, out, plant_share)
    console.print(
        f"{out}: {manifest['journeys']} resor/journeys, {manifest['events']} händelser/events, "
        f"{len(manifest['planted'])} med planterad avvikelse/with a planted deviation",
        markup=False,
    )


def register(app: typer.Typer) -> None:
    app.command()(conformance)
    app.command("synth-log")(synth_log)
