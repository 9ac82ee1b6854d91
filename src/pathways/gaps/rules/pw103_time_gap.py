"""PW103 time-gap: days after a handover's trigger event when nobody owns the transferred needs.

Definition. Day 0 is the day of the handover's trigger event (discharge, care request).
The sender keeps the needs up to and including day ``sender_until``; the receiver takes
them on from day ``receiver_from``. The days strictly between are the *gap*
(``sender_until`` 0 and ``receiver_from`` 3 leave days 1 and 2: 2 days). A gap day is
covered for a need and a profile when another responsibility of any unit of the
catchment (the sender and the receiver included) has a ``window`` counted from the same
trigger event that holds on that day, names the need, and includes the profile (the
handover's profiles, restricted to those the need applies to). A day counts as
uncovered when some need of the handover is uncovered for some of its profiles; the
finding names those needs and profiles and the uncovered day range.

Units. Without ``--calendar`` every count is a plain day, working days included
(documented simplification). With ``--calendar`` (``ctx.options.calendar``) and a count in
working days (the handover's ``days``, or a window's), every trigger date of
``ctx.options.year`` is tried: working day *k* is the k-th day after the trigger that is
not a Saturday, a Sunday, a Swedish public holiday or a de-facto holiday (midsommarafton,
julafton, nyårsafton; the ``holidays`` package), and the gap is counted in calendar days.
The finding reports the worst trigger date (most calendar days without an owner, for
example a discharge before Easter or New Year), the typical (median) count, and the
median per weekday. ``data["gap_days"]`` is the plain count, or the worst calendar count
with ``--calendar``; a what-if that raises ``sender_until`` to ``receiver_from - 1`` or
more closes the gap and the finding disappears.

Data: ``gap_days``; ``days``, ``first_day`` and ``last_day`` (plain day numbers after the
trigger); ``needs`` uncovered; ``covering`` (responsibilities whose windows cover part of
the gap); with ``--calendar`` also ``calendar`` = {worst: {gap_days, trigger_date, weekday,
first_date, last_date, holidays}, typical_days, by_weekday, plain_days}.

One finding per handover (key: the handover id). When the handover lies in several
catchments the worst catchment is reported and ``data["catchments"]`` lists those with a gap.

Cost: O(R) to index the windowed responsibilities by (event, need), then per handover
and catchment O(N_h * W^2) for N_h transferred needs and W windows on its trigger event
(segments between window ends, not single days); big-int operations on profile sets.
With ``--calendar``, O(365 * W^2) more per distinct (counts, windows) signature, cached,
after O(Y * 365) to build the working-day calendar. Linear in the model size.
"""

from __future__ import annotations

import datetime as dt
import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from statistics import median
from typing import ClassVar

from pathways.gaps.core import Context, Hit, Rule

WEEKDAYS = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
UNIT_WORDS = {
    "working": {"sv": "vardagar", "en": "working days"},
    "calendar": {"sv": "kalenderdagar", "en": "calendar days"},
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
        import holidays

        years = range(year - 1, year + 12)
        self.names = {
            lang: holidays.country_holidays("SE", years=years, categories=("public", "de_facto"), language=code)
            for lang, code in (("sv", "sv"), ("en", "en_US"))
        }
        off = set(self.names["sv"])
        start, end = dt.date(year - 1, 1, 1).toordinal(), dt.date(year + 11, 12, 31).toordinal()
        self.working = [
            o
            for o in range(start, end + 1)
            if dt.date.fromordinal(o).weekday() < 5 and dt.date.fromordinal(o) not in off
        ]

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
        names = self.names[lang]
        found = []
        for offset in range(first, min(last, first + 400) + 1):
            name = names.get(day + dt.timedelta(days=offset))
            if name:
                name = str(name).split(";")[0]
                found.append(name.lower() if lang == "sv" else name)
        return found


def _uncovered(
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
    cuts = sorted(cuts)
    count, ranges, needs, profiles = 0, [], set(), 0
    for a, b in itertools.pairwise(cuts):
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


def _plain(h, windows: tuple, need_masks: tuple):
    plain = tuple((i, m, -INF if lo is None else lo, INF if hi is None else hi) for i, m, lo, hi, _ in windows)
    return _uncovered(h.sender_until + 1, h.receiver_from - 1, plain, need_masks)


def _on_date(
    sender_until: int, receiver_from: int, unit: str, windows: tuple, need_masks: tuple, day: dt.date, wd: WorkingDays
):
    """The gap in calendar days for a trigger on ``day``: (count, ranges, needs, profiles)."""
    cal = tuple((i, m, wd.shift(day, lo, u, -INF), wd.shift(day, hi, u, INF)) for i, m, lo, hi, u in windows)
    first = wd.shift(day, sender_until, unit, 0) + 1
    last = wd.shift(day, receiver_from, unit, 0) - 1
    return _uncovered(first, last, cal, need_masks)


def calendar_gap_days(sender_until: int, receiver_from: int, unit: str, trigger: dt.date) -> int:
    """Calendar days without an owner for a trigger on one date, when no other window helps.

    >>> calendar_gap_days(0, 3, "working", dt.date(2026, 4, 7))   # a Tuesday: Wed, Thu
    2
    >>> calendar_gap_days(0, 3, "working", dt.date(2026, 4, 2))   # Maundy Thursday: Fri-Wed
    6
    """
    return _on_date(sender_until, receiver_from, unit, (), (1,), trigger, WorkingDays.of(trigger.year))[0]


def _calendar(h, windows: tuple, need_masks: tuple, year: int, wd: WorkingDays) -> dict:
    """Calendar days without an owner for every trigger date of ``year``."""
    results = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        results.append((day, *_on_date(h.sender_until, h.receiver_from, h.days, windows, need_masks, day, wd)))
        day += dt.timedelta(days=1)
    worst = max(results, key=lambda r: (r[1], -r[0].toordinal()))
    by_weekday = {}
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


def _meets(window, first: int, last: int) -> bool:
    """Whether a window (in plain days) holds on some day of ``first..last``."""
    lo = -INF if window.start_day is None else window.start_day
    hi = INF if window.end_day is None else window.end_day
    return first <= last and lo <= last and hi >= first


def _days_text(ranges: list[tuple[int, int]], lang: str) -> str:
    word = {"sv": "dag", "en": "day"}[lang]
    words = {"sv": "dagarna", "en": "days"}[lang]
    parts = []
    for a, b in ranges:
        parts.append(f"{a}" if a == b else f"{a}–{b}")
    if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
        return f"{word} {parts[0]}"
    return f"{words} {', '.join(parts)}"


def _catchments_of(ctx: Context) -> dict[str, list[int]]:
    where: dict[str, list[int]] = {}
    for index, catchment in enumerate(ctx.catchments):
        for u in catchment.units:
            where.setdefault(u, []).append(index)
    return where


def _can_gap(h, calendar: bool) -> bool:
    """Whether any day can lie between the sender and the receiver (other windows only cover).

    In working days with --calendar, a weekend can fall between working day k and k+1.
    """
    if calendar and h.days == "working":
        return h.sender_until < h.receiver_from
    return h.sender_until + 1 < h.receiver_from


def check(ctx: Context) -> Iterator[Hit]:
    model = ctx.model
    space = ctx.space
    handovers = [h for h in model.handovers if h.needs and _can_gap(h, ctx.options.calendar)]
    if not handovers:
        return
    windowed: dict[tuple[str, str], list] = {}
    for r in model.responsibilities:
        if r.window is not None:
            mask = space.mask(r.profile)
            for n in r.needs:
                windowed.setdefault((r.window.event, n), []).append((r.id, r.owner, mask, r.window))
    where = _catchments_of(ctx)
    catchments = ctx.catchments
    local: dict[tuple[str, str], dict] = {}

    def windows_in(event: str, need: str, index: int | None) -> list:
        """The windowed responsibilities on (event, need) whose owner is in catchment ``index``."""
        by_catchment = local.get((event, need))
        if by_catchment is None:
            by_catchment = local[(event, need)] = {}
            for entry in windowed.get((event, need), ()):
                for i in where.get(entry[1], ()):
                    by_catchment.setdefault(i, []).append(entry)
                by_catchment.setdefault(None, []).append(entry)
        return by_catchment.get(index, [])

    need_of = {n.id: n for n in model.needs}
    calendar_cache: dict[tuple, dict] = {}
    wd: WorkingDays | None = None
    for h in handovers:
        hmask = space.mask(h.profile)
        needs = list(dict.fromkeys(h.needs))
        need_masks = tuple(hmask & space.mask(need_of[n].applies_to) for n in needs)
        if not any(need_masks):
            continue
        a, b = set(where.get(h.from_, ())), set(where.get(h.to, ()))
        indices = sorted(a & b) or sorted(a | b) or [None]
        per_catchment = []
        for index in indices:
            windows, helpers = [], set()
            for i, n in enumerate(needs):
                for rid, _owner, mask, w in windows_in(h.trigger, n, index):
                    if mask & need_masks[i]:
                        windows.append((i, mask & need_masks[i], w.start_day, w.end_day, w.days))
                        if _meets(w, h.sender_until + 1, h.receiver_from - 1):
                            helpers.add(rid)
            windows = tuple(sorted(set(windows), key=repr))
            plain = _plain(h, windows, need_masks)
            cal = None
            if ctx.options.calendar and (h.days == "working" or any(w[4] == "working" for w in windows)):
                key = (h.sender_until, h.receiver_from, h.days, windows, need_masks, ctx.options.year)
                if key not in calendar_cache:
                    wd = wd or WorkingDays.of(ctx.options.year)
                    calendar_cache[key] = _calendar(h, windows, need_masks, ctx.options.year, wd)
                cal = calendar_cache[key]
            days = cal["worst"][1] if cal else plain[0]
            per_catchment.append((days, index, plain, cal, sorted(helpers)))
        affected = [p for p in per_catchment if p[0] > 0]
        if not affected:
            continue
        days, index, plain, cal, helpers = max(affected, key=lambda p: p[0])
        count, ranges, need_idx, profiles = plain
        if cal:
            _, _, ranges_c, need_idx_c, profiles_c = cal["worst"]
            need_idx, profiles = need_idx | need_idx_c, profiles | profiles_c
        gap_needs = [needs[i] for i in sorted(need_idx)]
        unit = h.days
        base = {
            lang: (
                f"{ctx.label(h.id, lang)}: "
                + {
                    "sv": (
                        f"ingen äger {', '.join(ctx.label(n, 'sv') for n in gap_needs)} "
                        f"under {count} {_unit_word(count, unit, cal, 'sv')} efter {ctx.label(h.trigger, 'sv').lower()} "
                        f"({_days_text(ranges, 'sv')}): {ctx.label(h.from_, 'sv')} släpper behoven dag {h.sender_until} "
                        f"och {ctx.label(h.to, 'sv')} tar över dag {h.receiver_from} ({UNIT_WORDS[unit]['sv']}"
                        f"{', räknade som dagar' if unit == 'working' and not cal else ''})"
                    ),
                    "en": (
                        f"nobody owns {', '.join(ctx.label(n, 'en') for n in gap_needs)} "
                        f"for {count} {_unit_word(count, unit, cal, 'en')} after {ctx.label(h.trigger, 'en').lower()} "
                        f"({_days_text(ranges, 'en')}): {ctx.label(h.from_, 'en')} lets go of the needs on day {h.sender_until} "
                        f"and {ctx.label(h.to, 'en')} takes over on day {h.receiver_from} ({UNIT_WORDS[unit]['en']}"
                        f"{', counted as plain days' if unit == 'working' and not cal else ''})"
                    ),
                }[lang]
            )
            for lang in ("sv", "en")
        }
        data = {
            "handover": h.id,
            "gap_days": days,
            "days": [d for a, b in ranges for d in range(a, b + 1)],
            "first_day": ranges[0][0] if ranges else None,
            "last_day": ranges[-1][1] if ranges else None,
            "unit": unit,
            "needs": gap_needs,
            "sender_until": h.sender_until,
            "receiver_from": h.receiver_from,
            "trigger": h.trigger,
            "covering": helpers,
            "catchments": [catchments[p[1]].id for p in affected if p[1] is not None],
        }
        message = dict(base)
        if cal:
            day, worst, ranges_c, _, _ = cal["worst"]
            wd = wd or WorkingDays.of(ctx.options.year)
            first, last = ranges_c[0][0], ranges_c[-1][1]
            names = {lang: wd.holidays_between(day, first, last, lang) for lang in ("sv", "en")}
            data["calendar"] = {
                "year": ctx.options.year,
                "worst": {
                    "gap_days": worst,
                    "trigger_date": day.isoformat(),
                    "weekday": WEEKDAYS["en"][day.weekday()],
                    "first_date": (day + dt.timedelta(days=first)).isoformat(),
                    "last_date": (day + dt.timedelta(days=last)).isoformat(),
                    "holidays": names["sv"],
                },
                "typical_days": cal["typical"],
                "by_weekday": cal["by_weekday"],
                "plain_days": count,
            }
            for lang in ("sv", "en"):
                hol = f" ({', '.join(names[lang])})" if names[lang] else ""
                if lang == "sv":
                    message[lang] += (
                        f". Räknat i kalenderdagar {ctx.options.year}: värst {worst} dagar utan ägare när "
                        f"{ctx.label(h.trigger, 'sv').lower()} sker {WEEKDAYS['sv'][day.weekday()]} {day.isoformat()}{hol}; "
                        f"typiskt {_num(cal['typical'])} dagar"
                    )
                else:
                    message[lang] += (
                        f". In calendar days of {ctx.options.year}: worst {worst} days without an owner when "
                        f"the {ctx.label(h.trigger, 'en').lower()} is on {WEEKDAYS['en'][day.weekday()]} {day.isoformat()}{hol}; "
                        f"typically {_num(cal['typical'])} days"
                    )
        yield Hit(
            key=(h.id,),
            elements=[h.id, h.from_, h.to, *gap_needs, *helpers],
            message=message,
            profiles=space.minimal_cubes(profiles),
            data=data,
        )


def _unit_word(count: int, unit: str, cal, lang: str) -> str:
    if unit == "working" and cal:
        return {"sv": "vardag" if count == 1 else "vardagar", "en": "working day" if count == 1 else "working days"}[
            lang
        ]
    return {"sv": "dag" if count == 1 else "dagar", "en": "day" if count == 1 else "days"}[lang]


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


RULE = Rule(
    code="PW103",
    name="time-gap",
    severity="error",
    title={"sv": "Tidsglapp i överlämning", "en": "Time gap at a handover"},
    explanation={
        "sv": (
            "Vid överlämningen släpper avsändaren behoven innan mottagaren tar över, och ingen annan "
            "verksamhet har ansvar under dagarna däremellan. För patienten betyder det att hen kommer hem "
            "utan hjälpmedel och utan rehabbedömning och att ingen äger frågan de dagarna; över en helg "
            "eller en storhelg blir glappet längre (--calendar). Källa: seed 001 (kortare vårdtider efter "
            "lagen om samverkan vid utskrivning 2017: behovsbedömning, förskrivning och anpassning av "
            "hjälpmedel hinner inte göras före hemgång) och Lag 2017:612. Åtgärd i överenskommelsen: låt "
            "avsändaren behålla ansvaret tills mottagaren tar över (t.ex. ett förlängt ansvar i 7 dagar "
            "efter utskrivning, som i Region Örebro län), låt mottagaren börja tidigare, eller ge en "
            "tredje part ansvar för dagarna däremellan."
        ),
        "en": (
            "At the handover the sender lets go of the needs before the receiver takes them on, and no "
            "other unit is responsible in the days between. For the patient: they come home without "
            "devices and without a rehab assessment, and nobody owns the matter on those days; over a "
            "weekend or a holiday the gap grows (--calendar). Source: seed 001 (shorter stays since the "
            "2017 discharge law: device assessment, prescription and fitting cannot be done before "
            "discharge) and Lag 2017:612. Fix in the agreement: let the sender keep the responsibility "
            "until the receiver takes over (e.g. an extended 7-day responsibility after discharge, as in "
            "Region Örebro län), let the receiver start earlier, or give a third party the days between."
        ),
    },
    source="seed-001 1. Bakgrund; lag-2017-612; seed-004 Vad är nytt? (7 dagar)",
    complexity="O(R + H*C_h*N_h*W^2) bit-set operations; --calendar adds O(365*W^2) per distinct signature",
    check=check,
)
