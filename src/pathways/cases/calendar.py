"""Counting days: calendar days, or working days that skip weekends and Swedish holidays.

Without ``--calendar`` a working day counts like any day (the model's "3 working days"
is read as 3 days, as the gap rules read it). With ``--calendar`` a working day is a
weekday that is not a Swedish public holiday, so a discharge on a Friday waits over
the weekend.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from holidays import HolidayBase

ONE = timedelta(days=1)
DAYS_OFF = ("public", "de_facto")
"""The holidays library's categories of Swedish days off: the public holidays, and the eves
of midsummer, Christmas and New Year, which lag (1930:173) om beräkning av lagstadgad tid
counts as holidays too (a deadline that ends on one moves to the next working day). The
gap rules' calendar (:mod:`pathways.gaps.rules.pw103_days`) uses the same."""

LANGUAGES = {"sv": "sv", "en": "en_US"}
"""The holidays library's language code of each output language."""

TABLE = Path(__file__).with_name("days_off_se.json")
"""The holidays library's Swedish days off (:data:`DAYS_OFF`) of many years, in both languages,
written by ``scripts/days_off_table.py``: importing the library costs more than a small model's
whole analysis, so the table answers for its years when the installed library is the version
it was made with (``tests/cases/test_days_off_table.py`` checks it against the library)."""


def holidays_version() -> str | None:
    """The installed holidays library's version (``importlib.metadata``); None when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("holidays")
    except PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def _table() -> dict[int, list[list[str]]] | None:
    """:data:`TABLE`'s rows (a day, then its name in each of :data:`LANGUAGES`) by year, in the
    table's order; None when it was made with another holidays version. A year's mapping is made
    only when asked (:func:`days_off`): a gap run reads 13 of the table's 101 years."""
    data = json.loads(TABLE.read_text(encoding="utf-8"))
    if holidays_version() != data["holidays"]:
        return None
    years: dict[int, list[list[str]]] = {year: [] for year in range(data["first"], data["last"] + 1)}
    for row in data["days"]:
        years[int(row[0][:4])].append(row)
    return years


COLUMNS = {lang: column for column, lang in enumerate(LANGUAGES, start=1)}
"""The column of each language's names in a row of :data:`TABLE`."""


@lru_cache(maxsize=256)
def days_off(year: int, lang: str = "sv") -> dict[date, str]:
    """The Swedish days off of ``year`` and their names in ``lang`` (``sv``, ``en``), as the holidays
    library gives them (two on one day joined by ``"; "``); from :data:`TABLE` when it has the year.
    Shared between callers: read it, do not change it.

    >>> days_off(2026)[date(2026, 6, 19)], days_off(2026, "en")[date(2026, 12, 31)]
    ('Midsommarafton', "New Year's Eve")
    """
    table = _table()
    if table is not None and year in table:
        column = COLUMNS[lang]
        return {date.fromisoformat(row[0]): row[column] for row in table[year]}
    return dict(swedish_days_off(year, LANGUAGES[lang]).items())  # a year the table lacks


def days_off_in(years: Iterable[int], lang: str = "sv") -> dict[date, str]:
    """:func:`days_off` of several years in one mapping."""
    found: dict[date, str] = {}
    for year in years:
        found.update(days_off(year, lang))
    return found


def swedish_days_off(years: int | Iterable[int], language: str | None = None) -> HolidayBase:
    """The holidays library's Swedish days off (:data:`DAYS_OFF`) in ``years``, named in ``language``."""
    import holidays  # here, not at the top: slow to import, and only a year the table lacks needs it

    return holidays.country_holidays("SE", years=years, categories=DAYS_OFF, language=language)


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(days_off(year))


def is_working_day(day: date) -> bool:
    """A weekday that is not a Swedish holiday (public, or midsummer, Christmas or New Year's Eve).

    >>> is_working_day(date(2026, 3, 6)), is_working_day(date(2026, 3, 7)), is_working_day(date(2026, 4, 6))
    (True, False, False)
    >>> is_working_day(date(2026, 6, 19)), is_working_day(date(2026, 12, 24)), is_working_day(date(2026, 12, 31))
    (False, False, False)
    """
    return day.weekday() < 5 and day not in _holidays(day.year)


class DayCounter:
    """Adds and measures days in the unit of a handover or a window (``calendar``/``working``)."""

    def __init__(self, calendar: bool = False):
        self.calendar = calendar

    def working(self, unit: str) -> bool:
        return self.calendar and unit == "working"

    def add(self, start: date, days: int, unit: str = "calendar") -> date:
        """The day ``days`` days after ``start`` (working days skip non-working days).

        >>> DayCounter(calendar=True).add(date(2026, 3, 6), 3, "working")   # Friday + 3 working days
        datetime.date(2026, 3, 11)
        >>> DayCounter().add(date(2026, 3, 6), 3, "working")
        datetime.date(2026, 3, 9)
        """
        if not self.working(unit):
            return start + timedelta(days=days)
        day, left = start, days
        while left > 0:
            day += ONE
            if is_working_day(day):
                left -= 1
        return day

    def offset(self, day: date, anchor: date, unit: str = "calendar") -> int:
        """How many days ``day`` lies after ``anchor`` (negative before it)."""
        if not self.working(unit):
            return (day - anchor).days
        lo, hi, sign = (anchor, day, 1) if day >= anchor else (day, anchor, -1)
        count, cursor = 0, lo
        while cursor < hi:
            cursor += ONE
            if is_working_day(cursor):
                count += 1
        return sign * count
