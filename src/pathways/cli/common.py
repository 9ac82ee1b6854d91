"""What every command shares: the model option, the help language, loading a model.

This module imports only typer and rich: a command imports what it uses inside its
function, so ``pathways --help`` and ``pathways validate`` start fast (issue 15).
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from pathways.cli.errors import EXIT_INVALID as EXIT_INVALID

if TYPE_CHECKING:
    from pathways.model.errors import ModelError
    from pathways.model.model import Model

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

DEFAULT_MODEL = Path("model")

HELP_LANG = "en" if os.environ.get("PATHWAYS_LANG", "").lower().startswith("en") else "sv"
"""Language of the help texts: Swedish, English when PATHWAYS_LANG=en."""


def h(sv: str, en: str) -> str:
    """A help text in the help language (``PATHWAYS_LANG=en`` for English)."""
    return en if HELP_LANG == "en" else sv


ModelOption = typer.Option(
    DEFAULT_MODEL,
    "--model",
    "-m",
    help=h("Modellens mapp.", "The model directory."),
    show_default=True,
)
"""Every command that reads a model takes it this way: ``--model/-m DIR``, default ``model``."""


CalendarOption = typer.Option(
    True,
    "--calendar/--no-calendar",
    help=h(
        "Räkna vardagar på kalendern: helger och svenska helgdagar är inga vardagar (förval). "
        "--no-calendar räknar varje dag som en vardag.",
        "Count working days on the calendar: weekends and Swedish holidays are not working days (default). "
        "--no-calendar counts every day as a working day.",
    ),
)
"""Working days skip weekends and holidays unless ``--no-calendar``: the strict reading is the default."""


class Lang(str, Enum):
    sv = "sv"
    en = "en"


LangOption = typer.Option(
    Lang.sv, "--lang", help=h("Språk i utdata: sv eller en.", "Language of the output: sv or en.")
)


def report_problems(exc: ModelError) -> None:
    for problem in exc.problems:
        err_console.print(str(problem), markup=False, soft_wrap=True)


def load_or_exit(model_dir: Path) -> Model:
    """Load a model; its problems rise as a ModelError, which the CLI turns into exit code 2.

    Progress bars show on stderr while a big model loads, when output is a terminal.
    """
    from pathways.cli.progress import progress_bars
    from pathways.model.load import load_model

    with progress_bars() as progress:
        return load_model(model_dir, progress=progress)


class Severity(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"


class Format(str, Enum):
    """Output of the commands that list findings."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class TableOrJson(str, Enum):
    table = "table"
    json = "json"
