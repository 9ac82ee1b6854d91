"""Write ``src/pathways/cases/days_off_se.json``: the holidays library's Swedish days off, in Swedish
and English, for the years the tool reads without importing the library (issue 15: start-up).

    .venv/bin/python scripts/days_off_table.py

Run it after the lock changes the holidays version (``tests/cases/test_days_off_table.py`` says so);
until then the library itself answers.
"""

from __future__ import annotations

import json
from importlib.metadata import version

import holidays

from pathways.cases.calendar import DAYS_OFF, LANGUAGES, TABLE

FIRST, LAST = 2000, 2100
"""The years of the table; a year outside is read from the library."""


def table() -> dict:
    """The table's content: the library's version, the years, and one row per day off."""
    years = range(FIRST, LAST + 1)
    by_lang = {
        lang: holidays.country_holidays("SE", years=years, categories=DAYS_OFF, language=code)
        for lang, code in LANGUAGES.items()
    }
    days = sorted(by_lang["sv"])
    rows = [[day.isoformat(), *(by_lang[lang][day] for lang in LANGUAGES)] for day in days]
    return {"holidays": version("holidays"), "first": FIRST, "last": LAST, "days": rows}


def main() -> None:
    data = table()
    rows = data.pop("days")
    lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    head = json.dumps(data, ensure_ascii=False)[:-1]
    TABLE.write_text(f'{head}, "days": [\n{lines}\n]}}\n', encoding="utf-8")
    print(f"{TABLE}: {len(rows)} days off in {FIRST}-{LAST}")


if __name__ == "__main__":
    main()
