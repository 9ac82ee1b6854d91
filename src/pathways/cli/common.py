"""What every command shares: loading a model or stopping with its problems."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from pathways.model.errors import ModelError
from pathways.model.load import load_model
from pathways.model.model import Model

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

EXIT_INVALID = 2
"""Exit code for a model, case or scenario that is not valid."""

DEFAULT_MODEL = Path("model")


class Lang(str, Enum):
    sv = "sv"
    en = "en"


def report_problems(exc: ModelError) -> None:
    for problem in exc.problems:
        err_console.print(str(problem), markup=False, soft_wrap=True)


def load_or_exit(model_dir: Path) -> Model:
    """Load a model; on problems, print each one and exit with code 2.

    Progress bars show on stderr while a big model loads, when output is a terminal.
    """
    from pathways.cli.progress import progress_bars

    try:
        with progress_bars() as progress:
            return load_model(model_dir, progress=progress)
    except ModelError as exc:
        report_problems(exc)
        raise typer.Exit(EXIT_INVALID) from None


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
