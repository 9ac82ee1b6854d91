"""The table of Swedish days off (``cases/days_off_se.json``) says what the holidays library says.

The table lets a gap run or a trace count working days without importing the library
(issue 15: start-up); these tests hold it to the library, year by year, in both languages.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from importlib.metadata import version
from pathlib import Path

import holidays

from pathways.cases.calendar import DAYS_OFF, LANGUAGES, TABLE, days_off, days_off_in, is_working_day

MODEL = Path(__file__).resolve().parents[2] / "model"
REGENERATE = "regenerate it: .venv/bin/python scripts/days_off_table.py"


def _library(years, lang: str) -> dict[date, str]:
    return dict(holidays.country_holidays("SE", years=years, categories=DAYS_OFF, language=LANGUAGES[lang]).items())


def _table() -> dict:
    return json.loads(TABLE.read_text(encoding="utf-8"))


def test_the_table_was_made_with_the_installed_library():
    assert _table()["holidays"] == version("holidays"), REGENERATE


def test_every_year_of_the_table_is_the_library_s_in_both_languages():
    data = _table()
    years = range(data["first"], data["last"] + 1)
    assert len(years) >= 100
    for year in years:
        for lang in LANGUAGES:
            assert days_off(year, lang) == _library(year, lang), (year, lang, REGENERATE)
        # the library's default language gives the same days (the working-day count reads the days only)
        assert set(days_off(year)) == set(holidays.country_holidays("SE", years=year, categories=DAYS_OFF))


def test_several_years_read_at_once_are_the_library_s_call_for_those_years():
    years = range(2025, 2038)  # as the gap rules' calendar reads them
    for lang in LANGUAGES:
        assert days_off_in(years, lang) == _library(years, lang)


def test_a_year_outside_the_table_is_read_from_the_library():
    data = _table()
    before, after = data["first"] - 1, data["last"] + 1
    for year in (before, after):
        for lang in LANGUAGES:
            assert days_off(year, lang) == _library(year, lang)
    assert len(days_off(before)) >= 14
    assert is_working_day(date(before, 12, 25)) is False


def test_a_gap_run_on_the_calendar_does_not_import_the_library():
    code = (
        "import sys; from pathways.cli.main import app\n"
        "try: app(['gaps', '--format', 'json', '--rule', 'PW103', '--model', sys.argv[1]])\n"
        "except SystemExit as e: print(e.code, 'holidays' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(MODEL)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={**os.environ, "PATHWAYS_CACHE": "off"},
    )
    findings = json.loads(out.stdout[: out.stdout.rindex("\n", 0, len(out.stdout) - 1)])["findings"]
    assert any(f["data"]["calendar"]["worst"]["holidays"] for f in findings if "calendar" in f["data"])
    assert out.stdout.splitlines()[-1] == "0 False"
