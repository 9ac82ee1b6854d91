"""The diff command: what a revision of the agreement changes."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from pathways.cli.common import (
    DEFAULT_MODEL,
    EXIT_INVALID,
    Format,
    Lang,
    Severity,
    console,
    err_console,
    report_problems,
)
from pathways.model.errors import ModelError
from pathways.revision.report import TEXT, sections, summary, to_csv, to_json, to_markdown
from pathways.revision.run import run_diff
from pathways.scenarios.report import Labels

EXIT_FINDINGS = 1
"""Exit code when --fail-on finds new (or worsened) findings at or above the threshold."""

STYLE = {"resolved": "green", "new": "bold red", "changed": "yellow"}


def diff_cmd(
    old: str = typer.Argument(..., help="The old version: a model directory, or a git revision (HEAD~1, main, a tag)."),
    new: str = typer.Argument(
        None, help="The new version: a model directory or a git revision; default the --model directory."
    ),
    model_dir: Path = typer.Option(
        DEFAULT_MODEL,
        "--model",
        help="The model directory (as in the work tree); a git revision is read at the same place.",
    ),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, csv or markdown."),
    fail_on: Severity | None = typer.Option(
        None, "--fail-on", help="Exit 1 if NEW adds a finding (or raises one) to this severity or higher."
    ),
    calendar: bool = typer.Option(False, "--calendar", help="Count weekends and holidays as a calendar would."),
    lang: Lang = typer.Option(Lang.sv, "--lang", help="Language of labels and messages."),
) -> None:
    """Compare two versions of the model: elements, findings, ownership and patient cases."""
    try:
        d = run_diff(old, new or str(model_dir), model_dir, calendar=calendar)
    except ModelError as exc:
        report_problems(exc)
        raise typer.Exit(EXIT_INVALID) from None
    label = Labels(*d.models, lang=lang.value)
    if fmt == Format.json:
        console.file.write(to_json(d) + "\n")
    elif fmt == Format.csv:
        console.file.write(to_csv(d, label, lang.value))
    elif fmt == Format.markdown:
        console.file.write(to_markdown(d, label, lang.value))
    else:
        _print(d, label, lang.value)
    if fail_on is not None:
        failing = d.failing(fail_on.value)
        if failing:
            err_console.print(
                f"{len(failing)} nya fynd med allvarsgrad {fail_on.value} eller högre / "
                f"new findings at {fail_on.value} or above: {', '.join(f.id for f in failing)}",
                markup=False,
            )
            raise typer.Exit(EXIT_FINDINGS)


def _print(d, label: Labels, lang: str) -> None:
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
    app.command("diff")(diff_cmd)
