"""pydantic's plugin loader is left out when every plugin is disabled (pathways.cli.no_plugins):
the stand-in answers as the loader does then, and a user who enables plugins gets the loader."""

from __future__ import annotations

import ast
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pydantic

from pathways.cli import no_plugins

MODEL = Path(__file__).resolve().parents[2] / "model"

VALIDATE = (
    "import sys; from pathways.cli.main import app\n"
    "try: app(['validate', '--model', sys.argv[1]])\n"
    "except SystemExit as e: print(e.code, 'importlib.metadata' in sys.modules, "
    "getattr(sys.modules.get('pydantic.plugin._loader'), '__file__', None) is not None)"
)


def _validate(**env: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", VALIDATE, str(MODEL)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={**{k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}, **env},
    )
    return done.stdout.splitlines()[-1]


def test_validate_imports_neither_the_loader_nor_importlib_metadata():
    assert _validate() == "0 False False"


def test_a_user_who_enables_plugins_gets_pydantics_loader():
    assert _validate(PYDANTIC_DISABLE_PLUGINS="") == "0 True True"
    assert _validate(PYDANTIC_DISABLE_PLUGINS="some_plugin") == "0 True True"


def test_the_stand_in_answers_as_the_loader_does_with_every_plugin_disabled():
    code = (
        "import inspect, os\n"
        "from pydantic.plugin import _loader\n"
        "for value in ('__all__', '1', 'true'):\n"
        "    os.environ['PYDANTIC_DISABLE_PLUGINS'] = value\n"
        "    print(repr(tuple(_loader.get_plugins())), inspect.signature(_loader.get_plugins).parameters == {})"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.splitlines() == ["() True"] * len(no_plugins.DISABLED_ALL)
    assert no_plugins.get_plugins() == ()
    assert inspect.signature(no_plugins.get_plugins).parameters == {}


def test_the_stand_in_has_every_name_pydantic_imports_from_the_loader():
    imported = set()
    for path in Path(pydantic.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("_loader"):
                imported |= {alias.name for alias in node.names}
    assert imported == {"get_plugins"}
