"""What every command shares: the model option, the help language, loading a model.

This module imports only typer (rich when a console first prints): a command imports
what it uses inside its function, so ``pathways --help`` and ``pathways validate`` start
fast (issue 15).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import typer

from pathways.cli.errors import EXIT_INVALID as EXIT_INVALID

if TYPE_CHECKING:
    from rich.console import Console

    from pathways.model.errors import ModelError
    from pathways.model.model import Model


class LazyConsole:
    """A rich ``Console`` made on first use, with the same options (no highlighting unless
    asked): importing rich costs a tenth of ``pathways validate``, which prints one plain
    line. ``file`` is the stream it writes to, as rich's, without making the console."""

    def __init__(self, **options: Any) -> None:
        self._options: dict[str, Any] = {"highlight": False, **options}
        self._console: Console | None = None
        columns = os.environ.get("COLUMNS", "")
        self._width = options.get("width", int(columns) if columns.isdigit() else None)
        """The width rich would fix from COLUMNS had it made the console now, at start-up (None: it
        follows COLUMNS as it changes, which tests that run commands at several widths rely on)."""

    @property
    def file(self) -> IO[str]:
        if self._console is not None:
            return self._console.file
        return self._options.get("file") or (sys.stderr if self._options.get("stderr") else sys.stdout)

    @file.setter
    def file(self, stream: IO[str] | None) -> None:
        """As rich's: None writes to whatever ``sys.stdout`` (or ``sys.stderr``) is then."""
        if self._console is not None:
            self._console.file = cast(Any, stream)
        else:
            self._options["file"] = stream

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            console = Console(**self._options)
            console.width = self._width  # type: ignore[assignment]  # None: follow COLUMNS, as made at start-up
            self._console = console
        return getattr(self._console, name)


console = cast("Console", LazyConsole())
err_console = cast("Console", LazyConsole(stderr=True))

DEFAULT_MODEL = Path("model")


def _help_lang(argv: list[str], env: str) -> str:
    """English when the command line asks for it (``--lang en``, ``--lang=en``) or PATHWAYS_LANG=en.

    >>> _help_lang(["gaps", "--help", "--lang", "en"], ""), _help_lang(["gaps", "--lang=en"], ""), _help_lang([], "sv")
    ('en', 'en', 'sv')
    """
    asked = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--lang"), "")
    asked = asked or next((a.split("=", 1)[1] for a in argv if a.startswith("--lang=")), "")
    return "en" if (asked or env).lower().startswith("en") else "sv"


HELP_LANG = _help_lang(sys.argv[1:], os.environ.get("PATHWAYS_LANG", ""))
"""Language of the help texts: Swedish, English with ``--lang en`` or PATHWAYS_LANG=en."""


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


OutOption = typer.Option(
    None,
    "--out",
    help=h(
        "Skriv till den här filen i stället för till terminalen (hel eller inte alls).",
        "Write to this file instead of the terminal (whole or not at all).",
    ),
)
"""Every command that prints a result takes ``--out FILE`` this way."""


@contextmanager
def output(out: Path | None) -> Iterator[None]:
    """What the block prints on :data:`console` goes to ``out`` when given (written whole,
    without colours, CSV's line ends kept), else to the terminal."""
    if out is None:
        yield
        return
    from pathways.files import write_text

    buffer = io.StringIO()
    console.file = buffer
    try:
        yield
    finally:
        console.file = cast(Any, None)  # back to whatever sys.stdout is then
    write_text(out, buffer.getvalue(), newline="")
    err_console.print(f"{out}", markup=False, soft_wrap=True)


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


FormatOption = typer.Option(
    Format.table, "--format", help=h("table, json, csv eller markdown.", "table, json, csv or markdown.")
)
"""The ``--format`` of the commands that list findings (gaps, whatif, diff)."""


class TableOrJson(str, Enum):
    table = "table"
    json = "json"
