"""typer's own words in the help language: a mistyped command line is answered in Swedish by
default (the usage line, the error and what would be right), in English with PATHWAYS_LANG=en,
with exit code 2 either way; the help shows each option's type in words and nothing after a flag."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pathways.cli.typer_words import OPTIONS_METAVAR, RICH_WORDS, TYPE_WORDS, USAGE, type_label

RUN = "from pathways.cli.main import app; app(prog_name='pathways')"


def _pathways(*args: str, lang: str = "sv") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"PATHWAYS_LANG", "COLUMNS"}}
    return subprocess.run(
        [sys.executable, "-c", RUN, *args],
        check=False,  # the exit code is what the tests look at
        capture_output=True,
        text=True,
        env={**env, "PATHWAYS_LANG": lang, "COLUMNS": "200"},
        timeout=120,
    )


SWEDISH = [
    (["gaps", "--bogus"], "Det finns ingen flagga --bogus."),
    (["gaps", "--format", "xx"], "Ogiltigt värde för --format: ange ett av table, json, csv, markdown."),
    (["synth", "--regions", "0", "--out", "x"], "Ogiltigt värde för --regions: ange ett heltal (x>=1)."),
    (["synth", "--regions", "many", "--out", "x"], "Ogiltigt värde för --regions: ange ett heltal (x>=1)."),
    (["gaps", "--model"], "Flaggan --model behöver ett värde."),
    (["gaps", "--calendar=yes"], "Flaggan --calendar tar inget värde."),
    (["synth"], "Flaggan --out krävs."),
    (["explain"], "Argumentet KOD saknas."),
    (["gpas"], "Det finns inget kommando 'gpas'. Menade du gaps?"),
    (["--bogus"], "Det finns ingen flagga --bogus."),
    (["neo4j", "push", "--bogus"], "Det finns ingen flagga --bogus."),
]


@pytest.mark.parametrize(("args", "said"), SWEDISH, ids=[" ".join(a) for a, _ in SWEDISH])
def test_a_usage_error_is_said_in_swedish_with_exit_code_2(args, said):
    proc = _pathways(*args)
    assert proc.returncode == 2
    assert said in proc.stderr
    assert RICH_WORDS["ERRORS_PANEL_TITLE"] in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_usage_line_of_an_error_is_swedish():
    proc = _pathways("gaps", "--format", "xx")
    assert f"{USAGE}pathways gaps {OPTIONS_METAVAR}" in proc.stderr
    assert "Skriv 'pathways gaps --help' för hjälp." in proc.stderr


def test_a_close_name_is_offered_for_a_mistyped_option():
    said = _pathways("gaps", "--ut").stderr
    assert "Det finns ingen flagga --ut. Menade du " in said
    assert "--out" in said.split("Menade du ")[1]


@pytest.mark.parametrize(("args", "said"), SWEDISH[:4], ids=[" ".join(a) for a, _ in SWEDISH[:4]])
def test_in_english_the_swedish_words_are_not_used(args, said):
    proc = _pathways(*args, lang="en")
    assert proc.returncode == 2
    assert said not in proc.stderr
    assert USAGE not in proc.stderr
    assert proc.stderr.strip()


def test_the_help_shows_types_in_words_and_nothing_after_a_flag():
    out = _pathways("gaps", "--help").stdout
    lines = {line.split()[1]: line for line in out.splitlines() if line.startswith("│ --")}
    assert "<bool>" not in out
    assert f"<{TYPE_WORDS['path']}>" in lines["--model"]
    assert "<table|json|csv|markdown>" in lines["--format"]
    assert "<text> ..." in lines["--rule"]
    assert "<" not in lines["--calendar"].split("Räkna")[0]
    assert out.lstrip().startswith(f"{USAGE}pathways gaps {OPTIONS_METAVAR}")


def test_an_argument_is_named_and_typed_in_the_help_language():
    swedish, english = _pathways("trace", "--help").stdout, _pathways("trace", "--help", lang="en").stdout
    assert "FALL" in swedish and "<text>" in swedish and "<str>" not in swedish
    assert "CASE" in english and "FALL" not in english


def test_the_english_help_says_the_types_in_english():
    out = _pathways("synth", "--help", lang="en").stdout
    assert "<integer>" in out and "<path>" in out and "<bool>" not in out
    assert "Usage: pathways synth [OPTIONS]" in out


@pytest.mark.parametrize(
    ("shown", "flag", "label"),
    [
        ("<bool>", True, ""),
        ("<int range>", False, f"<{TYPE_WORDS['int range']}>"),
        ("<list[Path]>", False, f"<{TYPE_WORDS['path']}> ..."),
        ("<sv|en>", False, "<sv|en>"),
    ],
)
def test_type_label(shown, flag, label):
    assert type_label(shown, flag) == label
