"""Shared by the case and scenario tests: the bundled model, case files written on the fly, the CLI."""

from __future__ import annotations

import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from typer.testing import CliRunner

from pathways.cli.main import app
from pathways.model.load import load_model
from pathways.model.model import Model
from pathways.scenarios.format import Change, Scenario

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "model"
CASES = MODEL / "cases"
SCENARIOS = MODEL / "scenarios"

ADULT_HOME = "{alder: vuxen, boende: ordinart, besok: kan-inte, hemsjukvard: inskriven, diagnos: somatisk, social: nej}"


@lru_cache(maxsize=1)
def bundled() -> Model:
    """The bundled model, loaded once (tests never change it: everything here is pure)."""
    return load_model(MODEL)


@lru_cache(maxsize=1)
def bundled_findings() -> list:
    """The bundled model's gap findings, computed once."""
    from pathways.gaps.analyze import find_gaps

    return find_gaps(bundled())


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def case_text(events: str, profile: str = ADULT_HOME, extra: str = "") -> str:
    """A case file; ``events`` are the lines of the events list (indented by 2)."""
    return (
        "id: testfall\n"
        "label: {sv: Testfall, en: Test case}\n"
        f"profile: {profile}\n"
        "note: Fiktiv patient.\n"
        f"{extra}"
        "events:\n"
        f"{events}"
    )


def cli(*args: str):
    """Run the CLI in-process; the result has exit_code, stdout and stderr."""
    return CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "220"})


def cli_subprocess(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the installed `pathways` script, as a user does (to see that no traceback escapes)."""
    exe = Path(sys.executable).parent / "pathways"
    return subprocess.run([str(exe), *map(str, args)], check=False, capture_output=True, text=True, cwd=cwd)


def property_scenario(changes: list[Change], source: str = "seed-004") -> Scenario:
    """A scenario of ``changes`` for the property tests (status assumption, citing ``source``)."""
    return Scenario(
        id="prop",
        label={"sv": "p", "en": "p"},
        source={"doc": source},
        status="assumption",
        rationale="property test",
        changes=tuple(changes),
    )
