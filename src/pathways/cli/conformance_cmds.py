"""`pathways conformance` and `pathways synth-log`: real journeys against the agreement.

The journey-log options are shared with `pathways report` (its conformance section).
"""

from __future__ import annotations

from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, cast

import typer

from pathways.cli.common import Lang, LangOption, ModelOption, console, err_console, h, load_or_exit
from pathways.cli.errors import CommandError

if TYPE_CHECKING:
    from pathways.conformance.run import JourneyLog, Result

EXIT_ROWS_LEFT_OUT = 1
"""The log was analysed, but some rows could not be read and were left out."""


class OutFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


ProfilesOption = typer.Option(
    None,
    "--profiles",
    help=h(
        "Profiltabellen: resa;från;<dimension>... (en rad per resa och ändring).",
        "The profile table: resa;från;<dimension>... (one row per journey and change).",
    ),
)
MappingOption = typer.Option(
    None,
    "--mapping",
    help=h("YAML: källsystemens koder -> modellens id.", "YAML: the source systems' codes -> model ids."),
)
ThresholdOption = typer.Option(
    5,
    "--min-journeys",
    help=h(
        "Tal byggda på färre resor visas som <N (minst 3).",
        "Figures built from fewer journeys are shown as <N (at least 3).",
    ),
)
StrictOption = typer.Option(
    False,
    "--strict",
    help=h("Stoppa vid första rad som inte kan läsas.", "Stop at the first row that cannot be read."),
)


@contextmanager
def _atomic(path: Path | None, newline: str | None = None):
    """A file written whole or not at all (a temporary file renamed on success)."""
    if path is None:
        yield None
        return
    from pathways.files import replacing

    with replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline=newline) as handle:
        yield handle


def journey_log(log: Path, profiles: Path | None, mapping: Path | None, threshold: int, strict: bool) -> JourneyLog:
    """The pipeline's input for a journey log; a threshold below the floor is refused."""
    from pathways.conformance.privacy import check_threshold
    from pathways.conformance.run import JourneyLog, Options

    try:
        check_threshold(threshold)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    return JourneyLog(log, profiles, mapping, Options(threshold, strict))


def print_problems(result: Result) -> None:
    """Each row left out and each unmapped code on stderr; rows left out exit 1 (after the output)."""
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


def conformance(
    log: Path = typer.Argument(
        ...,
        metavar=h("LOGG", "LOG"),
        help=h(
            "Resloggen: CSV (resa;datum;händelse;enhet;...) eller XES.",
            "The journey log: CSV (resa;datum;händelse;enhet;...) or XES.",
        ),
    ),
    profiles: Path | None = ProfilesOption,
    mapping: Path | None = MappingOption,
    model_dir: Path = ModelOption,
    scenario: list[str] = typer.Option(
        [],
        "--scenario",
        help=h(
            "Bedöm mot modellen med detta scenario tillämpat (upprepa för fler).",
            "Judge against the model with this scenario applied (repeat for more).",
        ),
    ),
    fmt: OutFormat = typer.Option(
        OutFormat.table,
        "--format",
        help=h("table, json eller csv (för Excel).", "table, json or csv (Excel-ready)."),
    ),
    out: Path | None = typer.Option(
        None, "--out", help=h("Skriv resultatet hit i stället.", "Write the result here instead.")
    ),
    journeys: Path | None = typer.Option(
        None,
        "--journeys",
        help=h("Skriv också varje resas avvikelser (CSV).", "Also write each journey's deviations (CSV)."),
    ),
    threshold: int = ThresholdOption,
    strict: bool = StrictOption,
    lang: Lang = LangOption,
) -> None:
    """Follow up real journeys: a pseudonymised log against the agreement."""
    from pathways.conformance.run import with_scenarios
    from pathways.outputs import conformance as render
    from pathways.pipeline import analyse

    given = journey_log(log, profiles, mapping, threshold, strict)
    model = load_or_exit(model_dir)
    try:
        model = with_scenarios(model, scenario, model_dir)
        with _atomic(journeys, newline="") as per_journey:
            given.each = render.JourneyWriter(per_journey, lang.value) if per_journey else None
            result = cast("Result", analyse(model, journey_log=given).conformance)
    except OSError as exc:
        raise CommandError(str(exc)) from None
    _emit(result, model, fmt, out, lang.value)
    print_problems(result)


def _emit(result, model, fmt: OutFormat, out: Path | None, lang: str) -> None:
    from pathways.outputs import conformance as render

    if fmt == OutFormat.table:
        with _atomic(out, newline="") as handle:
            target = console if handle is None else type(console)(file=handle, width=160, highlight=False)
            for table in render.tables(result, model, lang):
                target.print(table)
        return
    text = render.to_json(result) if fmt == OutFormat.json else render.to_csv(result, model, lang)
    with _atomic(out, newline="") as handle:
        (handle or console.file).write(text)


def synth_log(
    out: Path = typer.Option(
        ...,
        "--out",
        help=h(
            "Mapp för logg.csv, profiler.csv och manifest.json.", "Folder for logg.csv, profiler.csv, manifest.json."
        ),
    ),
    journeys: int = typer.Option(1000, "--journeys", min=1, help=h("Antal resor.", "Number of journeys.")),
    seed: int = typer.Option(
        0,
        "--seed",
        help=h("Samma frö ger samma filer, byte för byte.", "The same seed gives the same files, byte for byte."),
    ),
    model_dir: Path = ModelOption,
    plant_share: float = typer.Option(
        0.2,
        "--plant-share",
        min=0.0,
        max=1.0,
        help=h("Andel resor med en planterad avvikelse.", "Share of journeys with a planted deviation."),
    ),
) -> None:
    """Write a synthetic journey log with planted deviations (manifest.json lists them)."""
    from pathways.synth.journeylog import synth_log as write_log

    model = load_or_exit(model_dir)
    manifest = write_log(model, journeys, seed, out, plant_share)
    console.print(
        f"{out}: {manifest['journeys']} resor/journeys, {manifest['events']} händelser/events, "
        f"{len(manifest['planted'])} med planterad avvikelse/with a planted deviation",
        markup=False,
    )


def register(app: typer.Typer) -> None:
    app.command(
        "conformance",
        help=h(
            "Följ upp verkliga resor: en pseudonymiserad logg mot överenskommelsen, per väg, enhet, kommun och "
            "månad. En logg med personnummer, namnkolumn eller e-postadress vägras; tal byggda på färre än "
            "--min-journeys resor visas som <N.",
            "Follow up real journeys: a pseudonymised log against the agreement, per route, unit, municipality "
            "and month. A log with a personnummer, a name column or an e-mail address is refused; figures built "
            "from fewer than --min-journeys journeys are shown as <N.",
        ),
    )(conformance)
    app.command(
        "synth-log",
        help=h(
            "Skriv en syntetisk reslogg med planterade avvikelser (manifest.json listar dem), för test och mätningar.",
            "Write a synthetic journey log with planted deviations (manifest.json lists them), for tests and "
            "benchmarks.",
        ),
    )(synth_log)
