"""Day arithmetic of PW103 (:mod:`pathways.gaps.rules.pw103_time_gap`): the uncovered days
of a gap, Swedish working days, and the gap in calendar days for each trigger date of a year."""

from __future__ import annotations

import datetime as dt
import itertools
from bisect import bisect_left, bisect_right
from statistics import median
from typing import ClassVar

from pathways.cases.calendar import days_off, days_off_in

WEEKDAYS = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
INF = 10**7


class WorkingDays:
    """Working days around one year: Monday to Friday less Swedish public and de-facto holidays."""

    _built: ClassVar[dict[int, WorkingDays]] = {}

    @classmethod
    def of(cls, year: int) -> WorkingDays:
        """The calendar of a year, built once per process."""
        if year not in cls._built:
            cls._built[year] = cls(year)
        return cls._built[year]

    def __init__(self, year: int):
        years = range(year - 1, year + 12)
        off = {day.toordinal() for day in days_off_in(years)}
        start, end = dt.date(year - 1, 1, 1).toordinal(), dt.date(year + 11, 12, 31).toordinal()
        # day 1 (1 January of year 1) was a Monday: the weekday of day o is (o - 1) % 7, 0 for Monday
        self.working = [o for o in range(start, end + 1) if (o - 1) % 7 < 5 and o not in off]

    def shift(self, day: dt.date, k: int | None, unit: str, open_value: int) -> int:
        """Calendar offset from ``day`` of working day ``k`` (k-th working day after; day 0 is ``day``)."""
        if k is None:
            return open_value
        if unit != "working" or k == 0:
            return k
        o = day.toordinal()
        i = bisect_right(self.working, o) + k - 1 if k > 0 else bisect_left(self.working, o) + k
        if not 0 <= i < len(self.working):
            return k  # beyond the calendar built: fall back to plain days
        return self.working[i] - o

    def holidays_between(self, day: dt.date, first: int, last: int, lang: str) -> list[str]:
        found = []
        for offset in range(first, min(last, first + 400) + 1):
            on = day + dt.timedelta(days=offset)
            name = days_off(on.year, lang).get(on)
            if name:
                name = str(name).split(";")[0]
                found.append(name.lower() if lang == "sv" else name)
        return found


def uncovered(
    start: int, end: int, windows: tuple, need_masks: tuple
) -> tuple[int, list[tuple[int, int]], frozenset, int]:
    """Uncovered days of the gap ``start..end`` (inclusive): (count, ranges, needs, profiles).

    ``windows`` holds (need index, profiles, first day, last day), already in the same units
    as ``start`` and ``end``; ``need_masks`` the handover's profiles per need.
    """
    if start > end:
        return 0, [], frozenset(), 0
    cuts = {start, end + 1}
    for _, _, lo, hi in windows:
        if start < lo <= end:
            cuts.add(lo)
        if start <= hi < end:
            cuts.add(hi + 1)
    count, profiles = 0, 0
    ranges: list[tuple[int, int]] = []
    needs: set[int] = set()
    for a, b in itertools.pairwise(sorted(cuts)):
        left = list(need_masks)
        for i, m, lo, hi in windows:
            if lo <= a <= hi:
                left[i] &= ~m
        if any(left):
            count += b - a
            if ranges and ranges[-1][1] == a - 1:
                ranges[-1] = (ranges[-1][0], b - 1)
            else:
                ranges.append((a, b - 1))
            for i, m in enumerate(left):
                if m:
                    needs.add(i)
                    profiles |= m
    return count, ranges, frozenset(needs), profiles


def plain_gap(h, windows: tuple, need_masks: tuple):
    plain = tuple((i, m, -INF if lo is None else lo, INF if hi is None else hi) for i, m, lo, hi, _ in windows)
    return uncovered(h.sender_until + 1, h.receiver_from - 1, plain, need_masks)


def on_date(
    sender_until: int, receiver_from: int, unit: str, windows: tuple, need_masks: tuple, day: dt.date, wd: WorkingDays
):
    """The gap in calendar days for a trigger on ``day``: (count, ranges, needs, profiles)."""
    cal = tuple((i, m, wd.shift(day, lo, u, -INF), wd.shift(day, hi, u, INF)) for i, m, lo, hi, u in windows)
    first = wd.shift(day, sender_until, unit, 0) + 1
    last = wd.shift(day, receiver_from, unit, 0) - 1
    return uncovered(first, last, cal, need_masks)


def calendar_gap_days(sender_until: int, receiver_from: int, unit: str, trigger: dt.date) -> int:
    """Calendar days without an owner for a trigger on one date, when no other window helps.

    >>> calendar_gap_days(0, 3, "working", dt.date(2026, 4, 7))   # a Tuesday: Wed, Thu
    2
    >>> calendar_gap_days(0, 3, "working", dt.date(2026, 4, 2))   # Maundy Thursday: Fri-Wed
    6
    """
    return on_date(sender_until, receiver_from, unit, (), (1,), trigger, WorkingDays.of(trigger.year))[0]


def calendar_gaps(h, windows: tuple, need_masks: tuple, year: int, wd: WorkingDays) -> dict:
    """Calendar days without an owner for every trigger date of ``year``."""
    results = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        results.append((day, *on_date(h.sender_until, h.receiver_from, h.days, windows, need_masks, day, wd)))
        day += dt.timedelta(days=1)
    worst = max(results, key=lambda r: (r[1], -r[0].toordinal()))
    by_weekday: dict[str, int | float] = {}
    for w in range(7):
        counts = [r[1] for r in results if r[0].weekday() == w]
        by_weekday[WEEKDAYS["en"][w]] = _tidy(median(counts))
    return {
        "results": results,
        "worst": worst,
        "typical": _tidy(median(r[1] for r in results)),
        "by_weekday": by_weekday,
    }


def _tidy(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)
