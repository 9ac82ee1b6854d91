"""The Swedish days off, read with Sweden's module imported alone, are the library's own."""

from __future__ import annotations

import json
import subprocess
import sys

DAYS = """
import json, sys
{before}
from pathways.cases.calendar import swedish_days_off
days = {{lang: sorted((d.isoformat(), name) for d, name in swedish_days_off(range(2025, 2038), code).items())
        for lang, code in (("sv", "sv"), ("en", "en_US"))}}
print(json.dumps({{"days": days, "countries": sorted(m for m in sys.modules if m.startswith("holidays.countries"))}}))
"""


def _days(before: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", DAYS.format(before=before)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_days_off_are_those_of_the_whole_package_and_no_other_country_is_imported():
    alone = _days("")
    whole = _days("import holidays.countries")
    assert alone["days"] == whole["days"]
    assert ("2026-06-19", "Midsommarafton") in [tuple(d) for d in alone["days"]["sv"]]
    assert alone["countries"] == ["holidays.countries.sweden"]
    assert len(whole["countries"]) > 100


def test_the_whole_package_still_imports_after_sweden_alone():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from pathways.cases.calendar import swedish_days_off; swedish_days_off(2026);"
            "import holidays.countries; print(holidays.countries.Norway.__name__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "Norway"
