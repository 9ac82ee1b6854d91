"""The help as typer draws it, panels and all, without importing ``typer.rich_utils``.

typer's help renderer lives in ``typer.rich_utils``, which imports ``rich.markdown`` (and
with it markdown-it) and ``rich.traceback`` (pygments) at the top: a quarter of
``pathways --help``, for help in markdown mode and tracebacks that ours never shows. The
commands here (:class:`HelpCommand`, :class:`HelpGroup`, and the root in
:mod:`pathways.cli.main`) draw their help with :func:`draw_help`, typer's own drawing
in rich markup mode with the same rich objects, styles and words, and so the same
bytes (``tests/cli/test_help_panels.py`` compares them with typer's for every command in
both languages). Markdown mode, which no command here uses, is left to typer.
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from pathways.cli.common import HELP_LANG

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

STYLES = {
    "option": "bold cyan",
    "switch": "bold green",
    "negative_option": "bold magenta",
    "negative_switch": "bold red",
    "types": "bold yellow",
    "types_sep": "dim",
    "usage": "yellow",
}
"""typer's theme for its help console."""

WORDS = {
    "sv": {
        "options": "Flaggor",
        "arguments": "Argument",
        "commands": "Kommandon",
        "default": "[standard: {}]",
        "required": "[krävs]",
    },
    "en": {
        "options": "Options",
        "arguments": "Arguments",
        "commands": "Commands",
        "default": "[default: {}]",
        "required": "[required]",
    },
}[HELP_LANG]
"""The panels' titles and the words after an option's help (Swedish as
:data:`pathways.cli.typer_words.RICH_WORDS` sets typer's for its error box)."""

DEPRECATED = "(deprecated) "
ENVVAR = "[env var: {}]"


class _Drawing:
    """typer's highlighters and console, made once per help shown."""

    def __init__(self) -> None:
        import os

        from rich.console import Console
        from rich.highlighter import RegexHighlighter
        from rich.theme import Theme

        def highlighter(*patterns: str) -> RegexHighlighter:
            return type("Highlighter", (RegexHighlighter,), {"highlights": list(patterns)})()

        self.highlight = highlighter(
            r"(^|\W)(?P<switch>\-\w+)(?![a-zA-Z0-9])",
            r"(^|\W)(?P<option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
            r"(?P<types>\<[^\>]+\>)",
            r"(?P<usage>Usage: )",
        )
        self.negative = highlighter(
            r"(^|\W)(?P<negative_switch>\-\w+)(?![a-zA-Z0-9])",
            r"(^|\W)(?P<negative_option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
        )
        self.types = highlighter(r"^(?P<types_sep>(\[|<))", r"(?P<types_sep>\|)", r"(?P<types_sep>(\]|>))(\.\.\.)?$")
        width = os.getenv("TERMINAL_WIDTH")
        forced = True if os.getenv("GITHUB_ACTIONS") or os.getenv("FORCE_COLOR") or os.getenv("PY_COLORS") else None
        self.console: Console = Console(
            theme=Theme(STYLES),
            highlighter=self.highlight,
            color_system="auto",
            force_terminal=False if os.getenv("_TYPER_FORCE_DISABLE_TERMINAL") else forced,
            width=int(width) if width else None,
        )

    def text(self, text: str, style: str = "") -> Text:
        from rich.text import Text

        text = inspect.cleandoc(text)
        made = Text.from_ansi(text, style=style) if "\033[" in text else Text.from_markup(text, style=style)
        return self.highlight(made)


def draw_help(obj: Any, ctx: Any) -> None:
    """Print ``obj``'s help as typer's ``rich_format_help`` does in rich markup mode."""
    from rich.align import Align
    from rich.padding import Padding

    drawing = _Drawing()
    console = drawing.console
    console.print(Padding(drawing.highlight(obj.get_usage(ctx)), 1), style="bold")
    if obj.help:
        console.print(Padding(Align(_help_text(obj, drawing), pad=False), (0, 1, 1, 1)))
    arguments: defaultdict[str, list[Any]] = defaultdict(list)
    options: defaultdict[str, list[Any]] = defaultdict(list)
    for param in obj.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        if isinstance(param, TyperArgument):
            arguments[getattr(param, "rich_help_panel", None) or WORDS["arguments"]].append(param)
        elif isinstance(param, TyperOption):
            options[getattr(param, "rich_help_panel", None) or WORDS["options"]].append(param)
    for panels, default in ((arguments, WORDS["arguments"]), (options, WORDS["options"])):
        _options_panel(default, panels.get(default, []), ctx, drawing)
        for name, params in panels.items():
            if name != default:
                _options_panel(name, params, ctx, drawing)
    if isinstance(obj, TyperGroup):
        _commands_panels(obj, ctx, drawing)
    if obj.epilog:
        console.print(Padding(Align(drawing.text("\n\n".join(obj.epilog.split("\n\n"))), pad=False), 1))


def _help_text(obj: Any, drawing: _Drawing) -> Any:
    """The command's prose: its first paragraph, then the rest dimmed."""
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = [Text(DEPRECATED, style="red")] if obj.deprecated else []
    first, *rest = inspect.cleandoc(obj.help or "").partition("\f")[0].split("\n\n")
    if not first.startswith("\b"):
        first = first.replace("\n", " ")
    parts.append(drawing.text(first.strip()))
    if rest:
        parts += [Text(""), drawing.text("\n\n".join(rest), style="dim")]
    return Group(*parts)


def _param_help(param: Any, ctx: Any, drawing: _Drawing) -> Any:
    """An option's help, its environment variable, default and whether it is required."""
    from rich.columns import Columns
    from rich.text import Text

    items: list[RenderableType] = []
    envvar = getattr(param, "envvar", None)
    if envvar is None and getattr(param, "allow_from_autoenv", None) and param.name:
        prefix = getattr(ctx, "auto_envvar_prefix", None)
        envvar = f"{prefix}_{param.name.upper()}" if prefix is not None else None
    if param.help:
        paragraphs = [
            "{}\n".format(x.strip("\b\n")) if x.startswith("\b") else x.replace("\n", " ").strip()
            for x in param.help.split("\n\n")
        ]
        items.append(drawing.text("\n".join(paragraphs).strip()))
    if envvar and getattr(param, "show_envvar", None):
        shown = envvar if isinstance(envvar, str) else ", ".join(str(d) for d in envvar)
        items.append(Text(ENVVAR.format(shown), style="dim yellow"))
    default = param._extract_default_help_str(ctx=ctx)
    show_is_str = isinstance(param.show_default, str)
    if show_is_str or (default is not None and (param.show_default or ctx.show_default)):
        said = param._get_default_string(ctx=ctx, show_default_is_str=show_is_str, default_value=default)
        if said:
            items.append(Text(WORDS["default"].format(said), style="dim"))
    if param.required:
        items.append(Text(WORDS["required"], style="dim red"))
    return Columns(items)


def _options_panel(name: str, params: list[Any], ctx: Any, drawing: _Drawing) -> None:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    rows: list[list[RenderableType]] = []
    required: list[RenderableType] = []
    for param in params:
        shown = None
        if isinstance(param, TyperArgument):
            shown = param.display_name_raw + ("..." if param.metavar is None and param.nargs != 1 else "")
        long = [o for o in param.opts if "--" in o]
        short = [shown or o for o in param.opts if "--" not in o]
        negative_long = [o for o in param.secondary_opts if "--" in o]
        negative_short = [shown or o for o in param.secondary_opts if "--" not in o]
        types = Text(style="bold yellow", overflow="fold")
        display_type = param.display_type_rich(ctx=ctx)
        if display_type is not None:
            types.append(display_type)
        ranged = param._get_number_range_help_str()
        if ranged:
            types.append(f" [{ranged}]")
        required.append(Text("*", style="red") if param.required else "")
        rows.append(
            [
                drawing.highlight(",".join(long)),
                drawing.highlight(",".join(short)),
                drawing.negative(",".join(negative_long)),
                drawing.negative(",".join(negative_short)),
                drawing.types(types),
                _param_help(param, ctx, drawing),
            ]
        )
    if not rows:
        return
    table = Table(highlight=True, show_header=False, expand=True, box=None, leading=0, pad_edge=False, padding=(0, 1))
    for mark, row in zip(required, rows, strict=True):
        table.add_row(*([mark, *row] if any(required) else row))
    drawing.console.print(Panel(table, border_style="dim", title=name, title_align="left"))


def _commands_panels(group: Any, ctx: Any, drawing: _Drawing) -> None:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    panels: defaultdict[str, list[Any]] = defaultdict(list)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command and not command.hidden:
            panels[getattr(command, "rich_help_panel", None) or WORDS["commands"]].append(command)
    widest = max((len(c.name or "") for commands in panels.values() for c in commands), default=0)
    for title in [WORDS["commands"], *(n for n in panels if n != WORDS["commands"])]:
        table = Table(
            highlight=False, show_header=False, expand=True, box=None, leading=0, pad_edge=False, padding=(0, 1)
        )
        table.add_column(style="bold cyan", no_wrap=True, width=widest)
        table.add_column("Description", justify="left", no_wrap=False, ratio=10)
        commands = panels.get(title, [])
        deprecated = any(c.deprecated for c in commands)
        for command in commands:
            first = inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0]
            row: list[RenderableType | None] = [
                Text(command.name or "", style="dim") if command.deprecated else Text(command.name or ""),
                drawing.text(first.replace("\b\n", "").strip() if first.startswith("\b") else first.strip()),
            ]
            if deprecated:
                row.append(Text(DEPRECATED, style="red") if command.deprecated else None)
            table.add_row(*row)
        if table.row_count:
            drawing.console.print(Panel(table, border_style="dim", title=title, title_align="left"))


class HelpCommand(TyperCommand):
    """A command whose help is drawn by :func:`draw_help`."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        if self.rich_markup_mode != "rich":
            return super().format_help(ctx, formatter)
        return draw_help(self, ctx)


class HelpGroup(TyperGroup):
    """A group of commands whose help is drawn by :func:`draw_help`."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        if self.rich_markup_mode != "rich":
            return super().format_help(ctx, formatter)
        return draw_help(self, ctx)
