"""The columns of a case's journey: days, quiet stretches merged, and what each column's head says."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pathways.cases.trace import Trace

WEEKDAYS = {
    "sv": ["mån", "tis", "ons", "tor", "fre", "lör", "sön"],
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
}

MAX_COLUMNS = 22
"""At most this many day columns; longer quiet stretches are merged first."""


@dataclass
class Span:
    """One column: a day, or a run of days on which nothing changes."""

    first: int
    last: int

    def days(self) -> int:
        return self.last - self.first + 1


_WITH_WEEKEND = {"sv": "med helg", "en": "incl. weekend"}
_WITH_WEEKENDS = {"sv": "{n} helger", "en": "{n} weekends"}
"""A column of several days that includes a weekend (or several) says so."""
_DAY = {"sv": "dag", "en": "day"}


def _state(day) -> tuple:
    return (day.unit, tuple(day.engaged), tuple(day.uncovered), tuple(sorted(day.owners)))


def spans(trace: Trace, max_columns: int = MAX_COLUMNS) -> list[Span]:
    """Columns for the days: one per day for a short journey; else a day on which something
    happens (an event, a handover, a SIP) has a column of its own, and the quiet days
    between share a column as long as nothing changes (who holds the patient, who is in
    contact, which needs have no owner)."""
    days = trace.days
    if len(days) <= 7:
        return [Span(i, i) for i in range(len(days))]
    handover_days = {h.date for h in trace.handovers}

    def eventful(i: int) -> bool:
        d = days[i]
        return bool(d.events) or bool(d.sips) or d.date in handover_days

    cols: list[Span] = []
    for i in range(len(days)):
        if not cols or eventful(i) or eventful(cols[-1].last) or _state(days[i]) != _state(days[i - 1]):
            cols.append(Span(i, i))
        else:
            cols[-1] = Span(cols[-1].first, i)
    return cols


def day_head(d: date, lang: str) -> str:
    return f"{WEEKDAYS[lang][d.weekday()]}<BR/>{d.day}/{d.month}"


def span_head(c: Span, d0: date, d1: date, lang: str) -> str:
    """The head of a column of several days, said as it is: the weekdays when it is at most a
    week, else the journey's day numbers ("dag 23–140"); the dates; the number of days, and
    whether weekends are inside (a column of weekend days only is shaded instead)."""
    n = c.days()
    weekends = sum(1 for k in range(n) if (d0.weekday() + k) % 7 == 5) + (d0.weekday() == 6)
    only_weekend = all((d0.weekday() + k) % 7 >= 5 for k in range(n))
    first = (
        f"{WEEKDAYS[lang][d0.weekday()]}–{WEEKDAYS[lang][d1.weekday()]}"
        if n <= 7
        else f"{_DAY[lang]} {c.first + 1}–{c.last + 1}"
    )
    note = f"{n} d"
    if weekends and not only_weekend:
        note += f", {_WITH_WEEKEND[lang] if weekends == 1 else _WITH_WEEKENDS[lang].format(n=weekends)}"
    return f"{first}<BR/>{d0.day}/{d0.month}–{d1.day}/{d1.month}<BR/>({note})"
