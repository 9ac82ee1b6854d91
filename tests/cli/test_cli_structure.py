"""The CLI's shape: fast start, one model option, errors as exit codes, Swedish help, --version."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from pathways.cli import errors
from pathways.cli.main import LAZY, app
from tests.gaps.fixture import fixture_model

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "pathways"
MODEL = ROOT / "model"
runner = CliRunner()


def _python(code: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
        timeout=60,
    )


def test_importing_the_cli_imports_neither_neo4j_graphviz_nor_holidays():
    out = _python("import sys, pathways.cli.main; print(sorted({'neo4j', 'graphviz', 'holidays'} & set(sys.modules)))")
    assert out.stdout.strip() == "[]"


def test_validate_imports_only_what_it_uses():
    # networkx and rich are a third of `pathways validate`'s start on Dalarna (issue 15)
    code = (
        "import sys; from pathways.cli.main import app\n"
        "try: app(['validate', '--model', sys.argv[1]])\n"
        "except SystemExit as e: print(e.code, sorted({'networkx', 'rich', 'neo4j', 'graphviz'} & set(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(MODEL)], capture_output=True, text=True, check=True, timeout=60
    )
    assert "giltig modell" in out.stdout
    assert out.stdout.splitlines()[-1] == "0 []"


def test_gaps_read_back_from_the_cache_imports_neither_networkx_nor_holidays(tmp_path):
    # the second run of `pathways gaps` on unchanged files (issue 15: Dalarna gaps <= 0.35 s)
    code = (
        "import sys; from pathways.cli.main import app\n"
        "try: app(['gaps', '--format', 'json', '--model', sys.argv[1]])\n"
        "except SystemExit as e: print(e.code, sorted({'networkx', 'holidays', 'yaml', 'rich'} & set(sys.modules)))"
    )
    env = {"PATHWAYS_CACHE_DIR": str(tmp_path / "cache"), "PATHWAYS_CACHE": "on"}  # whatever the caller's setting
    runs = [_python(code, str(MODEL), **env) for _ in range(2)]
    assert runs[0].stdout.splitlines()[-1] == "0 ['yaml']"  # computed: the model files were read
    assert runs[1].stdout.splitlines()[-1] == "0 []"
    assert runs[1].stdout.splitlines()[:-1] == runs[0].stdout.splitlines()[:-1]


def test_gaps_on_a_small_model_imports_neither_networkx_nor_holidays():
    # the rules read the handover index's dicts and a table of Swedish days off (issue 15: Dalarna gaps <= 0.35 s)
    code = (
        "import sys; from pathways.cli.main import app\n"
        "try: app(['gaps', '--format', 'json', '--model', sys.argv[1]])\n"
        "except SystemExit as e: print(e.code, sorted({'networkx', 'holidays', 'rich', 'neo4j', 'graphviz'} & set(sys.modules)))"
    )
    out = _python(code, str(MODEL), PATHWAYS_CACHE="off").stdout
    assert out.splitlines()[-1] == "0 []"
    findings = json.loads(out[: out.rindex("\n", 0, len(out) - 1)])["findings"]
    assert {"PW103", "PW113"} <= {f["rule"] for f in findings}  # rules that read the table and the index found


def test_gaps_finding_a_referral_loop_imports_no_networkx(tmp_path):
    # PW115's loops are searched without networkx, whose import is 0.1 s of CPU (issue 15)
    fixture_model(tmp_path, "pw115_fires")
    code = (
        "import sys; from pathways.cli.main import app\n"
        "try: app(['gaps', '--rule', 'PW115', '--format', 'json', '--model', sys.argv[1]])\n"
        "except SystemExit as e: print(e.code, 'networkx' in sys.modules)"
    )
    out = _python(code, str(tmp_path / "pw115_fires"), PATHWAYS_CACHE="off").stdout
    assert out.splitlines()[-1] == "0 False"
    findings = json.loads(out[: out.rindex("\n", 0, len(out) - 1)])["findings"]
    assert findings and {f["rule"] for f in findings} == {"PW115"}


def test_whatif_as_json_imports_no_table_generator_or_terminal_view():
    # issue 15: `whatif --format json` draws no table and generates no case
    code = (
        "import sys; from pathways.cli.main import app\n"
        "try: app(['whatif', '--all', '--format', 'json', '--model', sys.argv[1]])\n"
        "except SystemExit as e: print(e.code, sorted({'rich.table', 'pathways.cases.generate', "
        "'pathways.outputs.terminal'} & set(sys.modules)))"
    )
    out = _python(code, str(MODEL), PATHWAYS_CACHE="off").stdout
    assert out.splitlines()[-1] == "0 []"
    assert json.loads(out[: out.rindex("\n", 0, len(out) - 1)])["summary"]["resolved"] > 0


def test_help_lists_lazy_commands_without_importing_them():
    out = _python(
        "import sys; from typer.testing import CliRunner; from pathways.cli.main import app; "
        "r = CliRunner().invoke(app, ['--help']); print(r.exit_code, 'trace' in r.stdout, 'pathways.cli.case_cmds' in sys.modules)"
    )
    assert out.stdout.split() == ["0", "True", "False"]


def test_the_list_of_commands_is_the_same_before_and_after_the_commands_are_made():
    # `pathways --help` lists stand-ins made from what was registered (typer reads no signature)
    code = (
        "import sys, typer; from typer.testing import CliRunner; from pathways.cli import main\n"
        "root = typer.main.get_command(main.app)\n"
        "ctx = root.make_context('pathways', ['--help'], resilient_parsing=True)\n"
        "print(root.get_help(ctx)); print('=====')\n"
        "for name in root.list_commands(ctx): root._load(name)\n"
        "print(root.get_help(ctx))"
    )
    for lang in ("sv", "en"):
        listed, made = _python(code, COLUMNS="120", PATHWAYS_LANG=lang).stdout.split("=====\n")
        assert listed.rstrip("\n") == made.rstrip("\n")
        assert all(f" {name} " in listed for name in ("validate", "gaps", "neo4j", "matrix", "trace"))


def test_a_lazy_command_runs_and_takes_the_model_option():
    result = runner.invoke(app, ["trace", "gz9-bmb", "-m", str(MODEL), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"case": "gz9-bmb"' in result.stdout


def test_every_lazy_command_is_registered_by_its_module():
    from importlib import import_module

    import typer

    for module, commands in LAZY.items():
        sub = typer.Typer()
        sub.callback()(lambda: None)
        import_module(f"pathways.cli.{module}").register(sub)
        assert set(typer.main.get_command(sub).commands) == set(commands), module


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("pathways 0.")


def test_help_is_swedish_by_default_and_english_on_request():
    code = "from typer.testing import CliRunner; from pathways.cli.main import app; print(CliRunner().invoke(app, ['gaps', '--help'], env={'COLUMNS': '200'}).stdout)"
    sv = _python(code).stdout
    en = _python(code, PATHWAYS_LANG="en").stdout
    assert "Modellens mapp" in sv and "The model directory" not in sv
    assert "The model directory" in en and "Modellens mapp" not in en


def test_every_model_reading_command_takes_model_as_an_option(tmp_path):
    for args in (["validate"], ["stats"], ["assumptions"], ["gaps", "--format", "json"]):
        result = runner.invoke(app, [*args, "--model", str(tmp_path / "absent")])
        assert result.exit_code == errors.EXIT_INVALID, (args, result.output)
        assert str(tmp_path / "absent") in result.stderr


def test_a_model_directory_first_means_the_model_option(tmp_path):
    assert runner.invoke(app, ["validate", str(MODEL)]).exit_code == 0
    as_word = runner.invoke(app, ["gaps", str(MODEL), "--format", "json", "--rule", "PW103"])
    as_option = runner.invoke(app, ["gaps", "--model", str(MODEL), "--format", "json", "--rule", "PW103"])
    assert as_word.exit_code == 0
    assert as_word.stdout == as_option.stdout
    absent = runner.invoke(app, ["stats", str(tmp_path / "absent")])
    assert absent.exit_code == errors.EXIT_INVALID
    assert str(tmp_path / "absent") in absent.stderr
    assert runner.invoke(app, ["explain", "PW101"]).exit_code == 0  # explain's word stays a rule code


def test_errors_become_exit_codes_in_one_place():
    assert runner.invoke(app, ["gaps", "--model", str(MODEL), "--rule", "PW999"]).exit_code == errors.EXIT_INVALID
    assert runner.invoke(app, ["explain", "nope"]).exit_code == errors.EXIT_INVALID
    handled = [
        n.lineno
        for path in (SRC / "cli").glob("*.py")
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(n, ast.Raise) and "Exit" in ast.unparse(n.exc or ast.Constant(None)) and path.name != "main.py"
    ]
    assert handled == [], "commands raise CommandError or let errors rise; only main.Group raises typer.Exit"


def test_explain_prints_no_complexity_notes():
    for code in ("PW101", "PW103", "PW115"):
        for lang in ("sv", "en"):
            out = runner.invoke(app, ["explain", code, "--lang", lang]).stdout
            assert "O(" not in out and "Kostnad" not in out and "Cost" not in out


def test_no_module_imports_a_private_name_of_another():
    offenders = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pathways"):
                offenders += [f"{path.relative_to(SRC)}: {a.name}" for a in node.names if a.name.startswith("_")]
    assert offenders == []


def test_render_formats_agree_with_the_renderer():
    from pathways.cli import render_cmds
    from pathways.outputs import render, report

    assert (render_cmds.FORMATS, render_cmds.DEFAULT_FORMATS) == (render.FORMATS, render.DEFAULT_FORMATS)
    assert (render_cmds.REPORT_FORMATS, render_cmds.REPORT_DEFAULT) == (report.FORMATS, report.DEFAULT_FORMATS)
