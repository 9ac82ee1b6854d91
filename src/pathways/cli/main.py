"""The `pathways` command. Each command module registers its commands here; none holds logic.

To add a command module: write ``pathways/cli/<name>_cmds.py`` with a ``register(app)``
function and add it to ``MODULES`` with the names of the commands it registers (its
top-level imports light: typer and ``pathways.cli.common``; the analysis imported inside
each command): a command that runs imports its own module alone. A module that cannot
import lightly goes to ``LAZY`` instead, with the short help of each command it registers:
``pathways --help`` then lists them without importing it. Either way typer makes a command's click
command (its parameters read from the function's signature) only when it runs or its own
help shows: the list of commands in ``pathways --help`` is made from what was registered.
Commands parse options, call the analysis and print; the errors they let rise become exit
codes in :class:`Group` (:mod:`pathways.cli.errors`).
"""

from __future__ import annotations

import inspect
import os
import sys
from functools import cache
from importlib import import_module
from typing import Any, cast

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo, TyperInfo

from pathways.cli.common import HELP_LANG, err_console, h
from pathways.cli.ending import leave
from pathways.cli.errors import exit_for
from pathways.cli.help_panels import HelpCommand, HelpGroup
from pathways.cli.typer_words import (
    in_help_language,
    in_swedish,
    no_such_command,
    say_types,
    swedish_rich_words,
)

# No pydantic plugins (none is part of pathways): otherwise the first model class built reads
# the entry points of every installed package to look for them. PYDANTIC_DISABLE_PLUGINS set
# by the user (empty: every plugin) is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

MODULES: dict[str, tuple[str, ...]] = {
    "model_cmds": ("validate", "stats", "assumptions", "export", "schema"),
    "gaps_cmds": ("gaps", "rules", "explain"),
    "render_cmds": ("render", "report"),
    "synth_cmds": ("synth",),
    "neo4j_cmds": ("neo4j",),
    "conformance_cmds": ("conformance", "synth-log"),
    "diff_cmds": ("diff",),
    "matrix_cmds": ("matrix",),
}
"""Command modules (light at the top) and the commands each registers: a command that runs
imports its own module alone; the help and the list of commands import them all."""

LAZY: dict[str, dict[str, str]] = {
    "case_cmds": {
        "trace": h(
            "Följ ett patientfall dag för dag: var patienten är, vem som äger varje behov, glappen på vägen.",
            "Follow a patient case day by day: where the patient is, who owns each need, the gaps met.",
        ),
        "cases": h("Patientfall: skapa, lista, kontrollera.", "Patient cases: generate, list, check."),
        "whatif": h(
            "Tänk om överenskommelsen ändrades? Tillämpa scenarier och jämför fynd, ägarskap och fall.",
            "What if the agreement changed? Apply scenarios and compare findings, ownership and cases.",
        ),
    },
}
"""Command modules imported only when one of their commands runs: module -> command -> short help."""


MODEL_FIRST = frozenset({"validate", "stats", "assumptions", "gaps", "export", "render", "report"})
"""Commands whose one positional word, if given, is the model directory: ``pathways validate
model`` means ``pathways validate --model model`` (the form of the first release, in scripts
and hooks); ``--model/-m`` stays the one form the help and docs show."""


HELP_OPTION = h("Visa den här hjälpen och avsluta.", "Show this message and exit.")
COMPLETION_HELP = {
    "install_completion": h(
        "Installera komplettering för det här skalet.", "Install completion for the current shell."
    ),
    "show_completion": h(
        "Visa kompletteringen för det här skalet, att kopiera eller anpassa.",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
}


def _in_help_language(command: Any, ctx: Any, helping: bool) -> None:
    """A command and its subcommands in the help language: the ``--help`` line and the usage
    line; when help is shown, each option's type in words."""
    option = command.get_help_option(ctx)
    if option is not None:
        option.help = HELP_OPTION
    in_help_language(command)
    if helping:
        say_types(command.get_params(ctx), ctx)
    for sub in getattr(command, "commands", {}).values():
        _in_help_language(sub, ctx, helping)


def _drawn(info: CommandInfo | TyperInfo) -> None:
    """A command, or a group and its commands, made with their help drawn by
    :mod:`pathways.cli.help_panels` (not typer.rich_utils, slow to import)."""
    if isinstance(info, CommandInfo):
        if info.cls is TyperCommand:
            info.cls = HelpCommand
        return
    if not isinstance(info.cls, type) or info.cls is TyperGroup:
        info.cls = HelpGroup
    if info.typer_instance is not None:
        for command in info.typer_instance.registered_commands:
            _drawn(command)
        for group in info.typer_instance.registered_groups:
            _drawn(group)


class Group(HelpGroup):
    """The root command: loads lazy command modules on use, and turns errors into exit codes."""

    argv: tuple[str, ...] = ()
    """The command line, as given: the usage errors are told from it (:mod:`pathways.cli.typer_words`)."""
    helping = False
    """Whether this run shows help (no arguments, or ``--help``): only then are the options'
    types said in words, and an error typer shows itself has its box in Swedish."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        argv = sys.argv[1:] if args is None else list(args)
        self.argv = tuple(argv)
        self.helping = not argv or "--help" in argv
        in_help_language(self)
        if args is not None or rest or not kwargs.get("standalone_mode", True):
            return super().main(args, *rest, **kwargs)
        try:  # the process's own command line: its exit ends the process
            return super().main(args, *rest, **kwargs)
        except SystemExit as exc:
            leave(exc.code)
            raise

    def _said(self, exc: Exception) -> Exception:
        """``exc`` said in Swedish where it is known here; typer's box words in Swedish when
        typer is to show ``exc`` itself during a help run (typer.rich_utils is imported then)."""
        said = in_swedish(exc, self.argv)
        if said is exc and isinstance(exc, ClickException) and self.helping and HELP_LANG == "sv":
            swedish_rich_words()
        return said

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except NoArgsIsHelpError as exc:
            if self.rich_markup_mode is None:
                raise
            # `pathways` alone: the help is drawn already, which typer would see through typer.rich_utils
            raise typer.Exit(exc.exit_code) from None
        except Exception as exc:  # the root's own options: `pathways --bogus`
            raise self._said(exc) from None

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)
        for param in params:
            if param.name in COMPLETION_HELP:
                cast(Any, param).help = COMPLETION_HELP[param.name]
        if self.helping:
            say_types(params, ctx)
        return params

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION
        return option

    def list_commands(self, ctx: Any) -> list[str]:
        """In one order whichever are made: those of :data:`MODULES`, then those of :data:`LAZY`."""
        names = [*registered(), *(n for commands in LAZY.values() for n in commands)]
        return names + [n for n in super().list_commands(ctx) if n not in names]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        found = super().get_command(ctx, cmd_name)
        if found is not None:
            _in_help_language(found, ctx, self.helping)
            return found
        if cmd_name in COMMANDS:  # listed in help: a stand-in with what the listing shows
            return _stand_in(cmd_name, _registered(COMMANDS[cmd_name])[cmd_name])
        for commands in LAZY.values():
            if cmd_name in commands:  # listed in help: a stand-in with the short help, not the module
                return TyperCommand(cmd_name, help=commands[cmd_name])
        return None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and (args[0] in COMMANDS or any(args[0] in commands for commands in LAZY.values())):
            self._load(args[0])
        elif args:  # not a command: typer suggests the closest of those made (in English), so make them all
            for known in registered():
                self._load(known)
        try:
            name, command, rest = super().resolve_command(ctx, args)
        except Exception as exc:
            raise (no_such_command(ctx, args[0], self.list_commands(ctx)) or exc) from None
        if name in MODEL_FIRST and rest and not rest[0].startswith("-"):
            rest = ["--model", *rest]  # `pathways validate model` as in the first release
        return name, command, rest

    def _load(self, cmd_name: str) -> None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            sub = typer.Typer()
            sub.callback()(lambda: None)
            info = _registered(COMMANDS[cmd_name])[cmd_name]
            _drawn(info)
            if isinstance(info, CommandInfo):
                sub.registered_commands.append(info)
            else:
                sub.registered_groups.append(info)
            self.commands.update(typer.main.get_command(sub).commands)  # type: ignore[attr-defined]
        for module, commands in LAZY.items():
            if cmd_name in commands and cmd_name not in self.commands:
                sub = typer.Typer()
                sub.callback()(lambda: None)
                import_module(f"pathways.cli.{module}").register(sub)
                for command in sub.registered_commands:
                    _drawn(command)
                for group in sub.registered_groups:
                    _drawn(group)
                self.commands.update(typer.main.get_command(sub).commands)  # type: ignore[attr-defined]

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            handled = exit_for(exc)
            if handled is None:
                said = self._said(exc)
                if said is exc:
                    raise
                raise said from None
            code, lines = handled
            for line in lines:
                err_console.print(line, markup=False, soft_wrap=True)
            raise typer.Exit(code) from None


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"pathways {version('pathways')}")
        raise typer.Exit()


app = typer.Typer(
    cls=Group,
    help=h(
        "pathways: vårdkedjor och överlämningar mellan vårdgivare som graf: glapp, patientresor, tänk-om, diagram.",
        "pathways: care pathways and handovers between care providers as a graph: gaps, journeys, what-if, diagrams.",
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version,
        is_eager=True,
        help=h("Visa versionen och avsluta.", "Show the version and exit."),
    ),
) -> None:
    """The root: options that come before the command."""


COMMANDS = {name: module for module, names in MODULES.items() for name in names}
"""The module of each command of :data:`MODULES`."""


@cache
def _registered(module: str) -> dict[str, CommandInfo | TyperInfo]:
    """The commands and groups that ``module`` registers, by name."""
    holder = typer.Typer()
    import_module(f"pathways.cli.{module}").register(holder)
    found: dict[str, CommandInfo | TyperInfo] = {}
    for command in holder.registered_commands:
        found[command.name or typer.main.get_command_name(command.callback.__name__)] = command  # type: ignore[union-attr]
    for group in holder.registered_groups:
        found[cast(str, group.name)] = group
    return found


def registered() -> dict[str, CommandInfo | TyperInfo]:
    """The commands and groups of every module of :data:`MODULES` by name, in the order typer
    lists them (the commands as registered, then the groups), made into click commands by
    :class:`Group` when one runs or shows its help."""
    found = [item for module in MODULES for item in _registered(module).items()]
    return dict(sorted(found, key=lambda item: isinstance(item[1], TyperInfo)))


def _stand_in(name: str, info: CommandInfo | TyperInfo) -> TyperCommand:
    """What the list of commands shows of a command or group, without its parameters."""
    if isinstance(info, TyperInfo):
        info = typer.main.solve_typer_info_defaults(info)
        text = info.help
    else:
        text = inspect.cleandoc(info.help) if info.help is not None else inspect.getdoc(info.callback)
    return TyperCommand(
        name,
        help=text,
        short_help=cast(Any, info.short_help),
        hidden=cast(Any, info.hidden),
        deprecated=cast(Any, info.deprecated),
        rich_help_panel=cast(Any, info.rich_help_panel),
    )
