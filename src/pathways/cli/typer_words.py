"""typer's own words in the help language: the usage line, the type of each option and the
usage errors.

typer prints English around the project's help texts: "Usage:", "[OPTIONS]", ``<bool>``
after every flag, ``<list[str]>``, and its errors ("No such option", "Invalid value for",
"Missing option"). Here they are said in the help language. An error is told from its
kind and its parameter, never from typer's message, so a new typer cannot change what a
user reads; a usage error of a kind not listed here keeps typer's message.
"""

from __future__ import annotations

import re
from typing import Any

import typer
from typer._click.exceptions import (  # typer 0.29 keeps click inside: its exceptions and formatter
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
)
from typer._click.formatting import HelpFormatter

from pathways.cli.common import HELP_LANG, h

RICH_WORDS = {
    "OPTIONS_PANEL_TITLE": "Flaggor",
    "ARGUMENTS_PANEL_TITLE": "Argument",
    "COMMANDS_PANEL_TITLE": "Kommandon",
    "ERRORS_PANEL_TITLE": "Fel",
    "DEFAULT_STRING": "[standard: {}]",
    "REQUIRED_LONG_STRING": "[krävs]",
    "ABORTED_TEXT": "Avbrutet.",
    "RICH_HELP": "Skriv [blue]'{command_path} {help_option}'[/] för hjälp.",
}
"""typer's words in its error box, in Swedish (set only when typer shows an error:
typer.rich_utils is slow to import; the help's panels are drawn by :mod:`pathways.cli.help_panels`)."""

USAGE = h("Användning: ", "Usage: ")
OPTIONS_METAVAR = h("[FLAGGOR]", "[OPTIONS]")
SUBCOMMAND_METAVAR = h("KOMMANDO [ARGUMENT]...", "COMMAND [ARGS]...")

TYPE_WORDS = {
    "path": h("sökväg", "path"),
    "str": "text",
    "int": h("heltal", "integer"),
    "int range": h("heltal", "integer"),
    "float": h("tal", "number"),
    "float range": h("tal", "number"),
}
"""typer's type names (``<path>``, ``<int range>``) as the help shows them; choices
(``<table|json>``) are the values themselves and stay as they are."""

_LIST = re.compile(r"<list\[(.*)\]>")


def type_label(shown: str, flag: bool) -> str:
    """What the help shows after an option, given typer's label: nothing after a flag,
    words for a type, ``...`` after what may be given more than once.

    >>> type_label("<bool>", True), type_label("<table|json>", False)
    ('', '<table|json>')
    >>> type_label("<list[str]>", False), type_label("<list[info|warning]>", False)
    ('<text> ...', '<info|warning> ...')
    """
    if flag:
        return ""
    inner, repeated = _bare(shown)
    label = f"<{TYPE_WORDS.get(inner.lower(), inner)}>"
    return f"{label} ..." if repeated else label


def _bare(shown: str) -> tuple[str, bool]:
    """typer's label without its brackets and ``list[...]``, and whether it was a list."""
    repeated = _LIST.fullmatch(shown)
    return (repeated.group(1), True) if repeated else (shown.strip("<>"), False)


def say_types(params: Any, ctx: Any) -> None:
    """Each option among ``params`` shows its type in words (its ``metavar``) in the help."""
    for param in params:
        label = type_label(param.display_type(ctx) or "", bool(getattr(param, "is_flag", False)))
        if param.param_type_name == "option" and param.metavar is None:
            param.metavar = label
        elif param.param_type_name == "argument":  # an argument's metavar is its name: the type is asked
            param.display_type_rich = lambda ctx, label=label: label


class UsageFormatter(HelpFormatter):
    """typer's formatter with the usage line's word in the help language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, USAGE if prefix is None else prefix)


class UsageContext(typer.Context):
    """A context whose help and errors begin with the usage line in the help language."""

    formatter_class = UsageFormatter


def in_help_language(command: Any) -> None:
    """``command``'s usage line in the help language: its word, ``[OPTIONS]`` and ``COMMAND``."""
    command.context_class = UsageContext
    command.options_metavar = OPTIONS_METAVAR
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = SUBCOMMAND_METAVAR


def swedish_rich_words() -> None:
    """typer's help panels and error box in Swedish."""
    import typer.rich_utils

    for name, text in RICH_WORDS.items():
        setattr(typer.rich_utils, name, text)


def _expected(param: Any, ctx: Any) -> str:
    """What ``param`` takes, in Swedish: its choices, a whole number in its range, a number."""
    shown, _ = _bare(param.display_type(ctx) or "")
    if "|" in shown:
        return "ett av " + ", ".join(shown.split("|"))
    ranged = param._get_number_range_help_str() if hasattr(param, "_get_number_range_help_str") else None
    within = f" ({ranged})" if ranged else ""
    words = {"int": "ett heltal", "int range": "ett heltal", "float": "ett tal", "float range": "ett tal"}
    return words.get(shown, "ett giltigt värde") + within


def _name(exc: Any) -> str:
    param = getattr(exc, "param", None)
    if param is not None and getattr(param, "opts", None):
        return "/".join(param.opts)
    return str(getattr(exc, "param_hint", None) or getattr(exc, "option_name", "") or "")


def swedish_message(exc: Exception, argv: tuple[str, ...]) -> str | None:
    """A usage error said in Swedish from its kind, its parameter and the command line
    ``argv``; None for a kind not known here."""
    if isinstance(exc, NoSuchOption):
        maybe = list(getattr(exc, "possibilities", None) or [])
        hint = f" Menade du {' eller '.join(maybe)}?" if maybe else ""
        return f"Det finns ingen flagga {exc.option_name}.{hint}"
    if isinstance(exc, BadOptionUsage):  # a value given to a flag (`--calendar=x`), or none to an option
        given = any(word.startswith(f"{exc.option_name}=") for word in argv)
        return (
            f"Flaggan {exc.option_name} tar inget värde." if given else f"Flaggan {exc.option_name} behöver ett värde."
        )
    if isinstance(exc, MissingParameter):
        param = exc.param
        if param is not None and param.param_type_name == "argument":
            return f"Argumentet {param.display_name_raw} saknas."
        return f"Flaggan {_name(exc)} krävs."
    if isinstance(exc, BadParameter) and exc.param is not None:
        return f"Ogiltigt värde för {_name(exc)}: ange {_expected(exc.param, exc.ctx)}."
    return None


def in_swedish(exc: Exception, argv: tuple[str, ...]) -> Exception:
    """``exc`` as typer shows it, in Swedish when it is a usage error of a known kind and
    the help language is Swedish (then also the error box's words and the usage line)."""
    message = swedish_message(exc, argv) if HELP_LANG == "sv" else None
    return exc if message is None else _said(message, exc)


def _said(message: str, exc: Exception) -> Exception:
    """A usage error saying ``message`` where ``exc`` stood, with typer's words in Swedish."""
    swedish_rich_words()
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        ctx.formatter_class = UsageFormatter
        in_help_language(ctx.command)
    said = UsageError(message, ctx)
    said.exit_code = getattr(exc, "exit_code", 2)
    return said


def no_such_command(ctx: Any, name: str, commands: list[str]) -> Exception | None:
    """The error for a command that does not exist, in Swedish, with the names closest to it;
    None in English (typer's own error then stands)."""
    if HELP_LANG != "sv" or name in commands:
        return None
    import difflib

    close = difflib.get_close_matches(name, commands, n=3)
    hint = f" Menade du {' eller '.join(close)}?" if close else ""
    return _said(f"Det finns inget kommando {name!r}.{hint}", UsageError("", ctx))
