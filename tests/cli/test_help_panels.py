"""The help is drawn without typer.rich_utils (issue 15: ``pathways --help`` ≤ 0.25 s), and
looks exactly as typer would draw it, colours included, for every command in both languages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

MODEL = Path(__file__).resolve().parents[2] / "model"

BOTH = r"""
import contextlib, io, sys, typer
import typer.rich_utils
from pathways.cli import main
from pathways.cli.common import HELP_LANG
from pathways.cli.help_panels import draw_help
from pathways.cli.typer_words import swedish_rich_words

if HELP_LANG == "sv":
    swedish_rich_words()
root = typer.main.get_command(main.app)
root.helping = True
ctx = root.make_context("pathways", [], resilient_parsing=True)
for name in root.list_commands(ctx):
    root._load(name)


def drawn(draw, command, context):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        draw(command, context)
    return out.getvalue()


def walk(command, context):
    ours = drawn(draw_help, command, context)
    typers = drawn(lambda c, x: typer.rich_utils.rich_format_help(obj=c, ctx=x, markup_mode="rich"), command, context)
    print(context.command_path, ours == typers, len(ours))
    for name in getattr(command, "list_commands", lambda c: [])(context):
        sub = command.get_command(context, name)
        walk(sub, sub.make_context(name, [], parent=context, resilient_parsing=True))


walk(root, ctx)
"""


def _run(code: str, *args: str, **env: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        env={**{k: v for k, v in os.environ.items() if k != "PATHWAYS_LANG"}, "PATHWAYS_CACHE": "off", **env},
        timeout=120,
    ).stdout


def test_every_help_is_drawn_as_typer_draws_it_colours_and_all():
    for lang in ("sv", "en"):
        lines = _run(BOTH, COLUMNS="90", FORCE_COLOR="1", PATHWAYS_LANG=lang).splitlines()
        paths = [line.rsplit(" ", 2)[0] for line in lines]
        assert {"pathways", "pathways validate", "pathways neo4j push", "pathways cases check"} <= set(paths), lang
        assert len(paths) > 25, lang
        for line in lines:
            path, same, size = line.rsplit(" ", 2)
            assert same == "True" and int(size) > 200, (lang, path)


HEAVY_FOR_HELP = ("typer.rich_utils", "rich.markdown", "markdown_it", "pygments", "rich.traceback", "rich.syntax")
"""What typer's own help renderer imports and ``pathways --help`` does not (about a quarter of it)."""

HEAVY_FOR_VALIDATE = (*HEAVY_FOR_HELP, "rich", "jinja2", "babel", "networkx", "pathways.graph", "pathways.gaps")
"""What ``pathways validate`` does not need: it reads the model's files and checks them."""

IMPORTED = (
    "import sys; from pathways.cli.main import app\n"
    "try: app(sys.argv[2:], prog_name='pathways')\n"
    "except SystemExit as e: print(e.code, sorted(m for m in sys.modules"
    " if any(m == h or m.startswith(h + '.') for h in sys.argv[1].split(','))))"
)


def test_help_imports_none_of_typers_help_renderer():
    heavy = ",".join(HEAVY_FOR_HELP)
    for argv in (["--help"], ["gaps", "--help"], ["neo4j", "push", "--help"], []):
        for lang in ("sv", "en"):
            out = _run(IMPORTED, heavy, *argv, PATHWAYS_LANG=lang)
            assert "pathways" in out and "Usage: -c" not in out and out.splitlines()[-1] in ("0 []", "2 []"), (
                argv,
                lang,
                out[-300:],
            )


def test_validate_imports_only_the_model_reader():
    heavy = ",".join(HEAVY_FOR_VALIDATE)
    out = _run(IMPORTED, heavy, "validate", "--model", str(MODEL))
    assert "giltig modell" in out
    assert out.splitlines()[-1] == "0 []"


def test_every_command_is_named_with_the_module_that_registers_it():
    # a command that runs imports its own module alone (issue 15): MODULES must name it there
    from pathways.cli.main import LAZY, MODULES, _registered

    for module, names in MODULES.items():
        assert sorted(_registered(module)) == sorted(names), module
    everywhere = [n for names in MODULES.values() for n in names] + [n for c in LAZY.values() for n in c]
    assert len(everywhere) == len(set(everywhere))


def test_a_command_imports_its_own_module_alone():
    out = _run(IMPORTED, "pathways.cli", "validate", "--model", str(MODEL))
    modules = out.splitlines()[-1]
    assert "'pathways.cli.model_cmds'" in modules
    assert "_cmds" not in modules.replace("'pathways.cli.model_cmds'", "")


def test_a_group_without_its_command_shows_its_help_in_swedish():
    # `pathways neo4j` draws the group's help as --help does; typer's panels said "Options" and "Commands" here
    shown = subprocess.run(
        [str(Path(sys.executable).with_name("pathways")), "neo4j"],
        check=False,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PATHWAYS_LANG"},
        timeout=60,
    )
    assert shown.returncode == 2
    assert "Kommandon" in shown.stdout and "push" in shown.stdout
    assert "Commands" not in shown.stdout and "Options" not in shown.stdout
