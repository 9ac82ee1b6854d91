"""The invalid-model corpus: each case must fail with exactly the problems it expects.

Each folder in ``tests/model/invalid/`` is one case, derived from the valid minimal
model in ``tests/model/fixtures/minimal/`` (see ``tests/model/invalid/README.md``):

- ``case.toml``: ``description``; optional ``[[edit]]`` text replacements
  (``file``, ``old``, ``new``; ``old`` must occur exactly once in the fixture file),
  ``delete`` (fixture files to remove), ``subprocess = true`` (run the installed
  ``pathways`` console script instead of the in-process CLI), ``max_file_bytes``
  (monkeypatched into ``pathways.model.yamlio``; in-process only);
- any other file: copied over (or added to) the fixture as it is, byte for byte;
- ``expected.txt``: the exact lines ``pathways validate --model model`` prints on stderr,
  run from the folder that holds the built ``model/``.

Build one case into a folder to look at it or run it by hand::

    .venv/bin/python tests/model/test_invalid_corpus.py CASE OUT_DIR
    cd OUT_DIR && ../.venv/bin/pathways validate --model model
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "minimal"
CORPUS = HERE / "invalid"
CASE_FILES = {"case.toml", "expected.txt"}
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def pathways_script() -> str:
    """The installed console script (``python -m pathways.cli`` has no ``__main__``)."""
    beside = Path(sys.executable).parent / "pathways"
    found = str(beside) if beside.exists() else shutil.which("pathways")
    assert found, "the 'pathways' console script is not installed next to the interpreter or on PATH"
    return found


def read_case(name: str) -> dict:
    case = tomllib.loads((CORPUS / name / "case.toml").read_text(encoding="utf-8"))
    assert case.get("description"), f"{name}: case.toml needs a description"
    return case


def build_case(name: str, dest: Path) -> Path:
    """Write the invalid model of case ``name`` to ``dest/model`` and return that folder."""
    case = read_case(name)
    model = dest / "model"
    shutil.copytree(FIXTURE, model)
    for edit in case.get("edit", []):
        path = model / edit["file"]
        text = path.read_text(encoding="utf-8")
        assert text.count(edit["old"]) == 1, f"{name}: {edit['old']!r} must occur once in {edit['file']}"
        path.write_text(text.replace(edit["old"], edit["new"]), encoding="utf-8")
    for file in case.get("delete", []):
        (model / file).unlink()
    for extra in sorted((CORPUS / name).iterdir()):
        if extra.name not in CASE_FILES:
            shutil.copyfile(extra, model / extra.name)
    return model


def expected_lines(name: str) -> list[str]:
    text = (CORPUS / name / "expected.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def test_corpus_is_large_enough():
    assert len(CASES) >= 35


def test_minimal_fixture_is_valid():
    from typer.testing import CliRunner

    from pathways.cli.main import app
    from pathways.model.load import load_model

    result = CliRunner().invoke(app, ["validate", "--model", str(FIXTURE)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "giltig modell" in " ".join(result.stdout.split())  # rich wraps long lines at 80 columns
    m = load_model(FIXTURE)
    # small but complete: every collection has at least one element
    assert {name for name, _ in m.elements()} == set(m.collections)
    assert {p.kind for p in m.principals} == {"region", "municipality"}


@pytest.mark.parametrize("name", CASES)
def test_case_differs_from_fixture(name, tmp_path):
    """A case really changes the fixture (otherwise it tests nothing)."""
    model = build_case(name, tmp_path)
    changed = {p.name for p in model.iterdir()} != {p.name for p in FIXTURE.iterdir()} or any(
        (model / p.name).read_bytes() != p.read_bytes() for p in FIXTURE.iterdir()
    )
    assert changed
    assert expected_lines(name), f"{name}: expected.txt is empty"


@pytest.mark.parametrize("name", CASES)
def test_invalid_case(name, tmp_path, monkeypatch):
    case = read_case(name)
    build_case(name, tmp_path)
    expected = expected_lines(name)
    if case.get("subprocess"):
        assert "max_file_bytes" not in case, "a monkeypatched limit only works in-process"
        started = time.monotonic()
        proc = subprocess.run(
            [pathways_script(), "validate", "--model", "model"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1"},
        )
        elapsed = time.monotonic() - started
        exit_code, stdout, stderr = proc.returncode, proc.stdout, proc.stderr
    else:
        from typer.testing import CliRunner

        from pathways.cli.main import app

        if "max_file_bytes" in case:
            monkeypatch.setattr("pathways.model.yamlio.MAX_FILE_BYTES", case["max_file_bytes"])
        monkeypatch.chdir(tmp_path)
        started = time.monotonic()
        result = CliRunner().invoke(app, ["validate", "--model", "model"])
        elapsed = time.monotonic() - started
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        exit_code, stdout, stderr = result.exit_code, result.stdout, result.stderr
    assert "Traceback" not in stdout + stderr
    assert stderr.splitlines() == expected
    assert exit_code == 2
    assert "valid model" not in stdout
    assert elapsed < case.get("max_seconds", 20)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in CASES:
        sys.exit(f"usage: {sys.argv[0]} CASE OUT_DIR\ncases: {', '.join(CASES)}")
    out = Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    print(build_case(sys.argv[1], out))
