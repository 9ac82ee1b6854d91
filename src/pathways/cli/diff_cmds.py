"""The diff command: what a revision of the agreement changes."""

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
    h,
    output,
)
from pathways.cli.errors import EXIT_FINDINGS, CommandError

STYLE = {"resolved": "green", "new": "bold red", "changed": "yellow"}


def diff_cmd(
    old: str = typer.Argument(
        ...,
        metavar=h("GAMMAL", "OLD"),
        help=h(
            "Den gamla versionen: en modellmapp eller en git-revision (HEAD~1, main, en tagg).",
            "The old version: a model directory, or a git revision (HEAD~1, main, a tag).",
        ),
    ),
    new: str = typer.Argument(
        None,
        metavar=h("NY", "NEW"),
        help=h(
            "Den nya versionen: en modellmapp eller en git-revision; standard är --model-mappen.",
            "The new version: a model directory or a git revision; default the --model directory.",
        ),
    ),
    model_dir: Path = ModelOption,
    fmt: Format = FormatOption,
    fail_on: Severity | None = typer.Option(
        None,
        "--fail-on",
        help=h(
            "Avsluta med kod 1 om NEW lägger till (eller höjer) ett fynd till den här allvarsgraden eller högre.",
            "Exit 1 if NEW adds a finding (or raises one) to this severity or higher.",
        ),
    ),
    calendar: bool = CalendarOption,
    lang: Lang = LangOption,
    out: Path | None = OutOption,
) -> None:
    """Compare two versions of the model: elements, findings, ownership and patient cases."""
    from pathways.revision.report import to_csv, to_json, to_markdown
    from pathways.revision.run import run_diff
    from pathways.scenarios.report import Labels
    from pathways.stamp import stamp_of

    d = run_diff(old, new or str(model_dir), model_dir, calendar=calendar)
    label = Labels(*d.models, lang=lang.value)
    stamp = stamp_of(Path(new) if new and Path(new).is_dir() else model_dir)
    with output(out):
        if fmt == Format.json:
            console.file.write(to_json(d, stamp.as_dict()) + "\n")
        elif fmt == Format.csv:
            console.file.write(to_csv(d, label, lang.value, stamp.text(lang.value)))
        elif fmt == Format.markdown:
            console.file.write(to_markdown(d, label, lang.value, stamp.text(lang.value)))
        else:
            _print(d, label, lang.value)
    if fail_on is not None:
        failing = d.failing(fail_on.value)
        if failing:
            raise CommandError(
                f"{len(failing)} nya fynd med allvarsgrad {fail_on.value} eller högre / "
                f"new findings at {fail_on.value} or above: {', '.join(f.id for f in failing)}",
                EXIT_FINDINGS,
            )


def _print(d, label, lang: str) -> None:
    from rich.table import Table
    from rich.text import Text

    from pathways.revision.report import TEXT, sections, summary

    console.print(Text(summary(d, lang), style="bold"))
    for s in sections(d, label, lang):
        if not s.rows:
            console.print(Text(f"{s.title}: {TEXT[lang]['none']}", style="dim"))
            continue
        table = Table(title=f"{s.title} ({len(s.rows)})", show_lines=True, title_style=STYLE.get(s.key, ""))
        for col in s.head:
            table.add_column(col, overflow="fold")
        for row in s.rows:
            table.add_row(*(Text(c) for c in row))
        console.print(table)
    for note in d.result.notes:
        console.print(Text(note, style="yellow"))


def register(app: typer.Typer) -> None:
    app.command(
        "diff",
        help=h(
            "Jämför två versioner av modellen: element, fynd, ägarskap och patientfall.",
            "Compare two versions of the model: elements, findings, ownership and patient cases.",
        ),
    )(diff_cmd)
