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
from collections.abc import Iterator

from pathways.gaps.core import Context, Hit, Rule
from pathways.gaps.rules.pw103_days import INF, WEEKDAYS, WorkingDays, calendar_gaps, plain_gap

UNIT_WORDS = {
    "working": {"sv": "vardagar", "en": "working days"},
    "calendar": {"sv": "kalenderdagar", "en": "calendar days"},
}


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


def _catchments_of(ctx: Context) -> dict[str, tuple[int, ...]]:
    """The catchments each unit lies in (indices, in order): those of its block."""
    blocks = ctx.blocks
    return {u: blocks.catchments_of[b] for u, b in blocks.block_of.items()}


def _can_gap(h, calendar: bool) -> bool:
    """Whether any day can lie between the sender and the receiver (other windows only cover).

    In working days with --calendar, a weekend can fall between working day k and k+1.
    """
    if calendar and h.days == "working":
        return h.sender_until < h.receiver_from
    return h.sender_until + 1 < h.receiver_from


class _Windows:
    """The windowed responsibilities on each (event, need), by catchment of their owner."""

    def __init__(self, ctx: Context, where: dict[str, tuple[int, ...]]):
        self.where = where
        self.windowed: dict[tuple[str, str], list] = {}
        for r in ctx.model.responsibilities:
            if r.window is not None:
                mask = ctx.space.mask(r.profile)
                for n in r.needs:
                    self.windowed.setdefault((r.window.event, n), []).append((r.id, r.owner, mask, r.window))
        self.local: dict[tuple[str, str], dict] = {}

    def of(self, event: str, need: str, index: int | None) -> list:
        """The windowed responsibilities on (event, need) whose owner is in catchment ``index``."""
        by_catchment = self.local.get((event, need))
        if by_catchment is None:
            by_catchment = self.local[(event, need)] = {}
            for entry in self.windowed.get((event, need), ()):
                for i in self.where.get(entry[1], ()):
                    by_catchment.setdefault(i, []).append(entry)
                by_catchment.setdefault(None, []).append(entry)
        return by_catchment.get(index, [])


class _Calendars:
    """The calendar-day gaps of ``--calendar``, once per distinct (counts, windows) signature."""

    def __init__(self, year: int):
        self.year = year
        self.cache: dict[tuple, dict] = {}
        self.wd: WorkingDays | None = None

    def working_days(self) -> WorkingDays:
        self.wd = self.wd or WorkingDays.of(self.year)
        return self.wd

    def of(self, h, windows: tuple, need_masks: tuple) -> dict:
        key = (h.sender_until, h.receiver_from, h.days, windows, need_masks, self.year)
        if key not in self.cache:
            self.cache[key] = calendar_gaps(h, windows, need_masks, self.year, self.working_days())
        return self.cache[key]


def _in_catchment(ctx: Context, h, needs: list[str], need_masks: tuple, index: int | None, state) -> tuple:
    """(days, index, plain, calendar, covering) of a handover in one catchment."""
    windows_of, calendars = state
    found, helpers = [], set()
    for i, n in enumerate(needs):
        for rid, _owner, mask, w in windows_of.of(h.trigger, n, index):
            if mask & need_masks[i]:
                found.append((i, mask & need_masks[i], w.start_day, w.end_day, w.days))
                if _meets(w, h.sender_until + 1, h.receiver_from - 1):
                    helpers.add(rid)
    windows = tuple(sorted(set(found), key=repr))
    plain = plain_gap(h, windows, need_masks)
    cal = None
    if ctx.options.calendar and (h.days == "working" or any(w[4] == "working" for w in windows)):
        cal = calendars.of(h, windows, need_masks)
    days = cal["worst"][1] if cal else plain[0]
    return days, index, plain, cal, sorted(helpers)


def check(ctx: Context) -> Iterator[Hit]:
    model = ctx.model
    space = ctx.space
    handovers = [
        (h, hmask)
        for h, hmask in zip(model.handovers, ctx.handover_masks, strict=True)
        if h.needs and _can_gap(h, ctx.options.calendar)
    ]
    if not handovers:
        return
    where = _catchments_of(ctx)
    state = (_Windows(ctx, where), _Calendars(ctx.options.year))
    need_mask = {n.id: space.mask(n.applies_to) for n in model.needs}
    for h, hmask in handovers:
        needs = list(dict.fromkeys(h.needs))
        need_masks = tuple(hmask & need_mask[n] for n in needs)
        if not any(need_masks):
            continue
        a, b = set(where.get(h.from_, ())), set(where.get(h.to, ()))
        indices: list[int | None] = [*(sorted(a & b) or sorted(a | b))] or [None]
        per_catchment = [_in_catchment(ctx, h, needs, need_masks, index, state) for index in indices]
        affected = [p for p in per_catchment if p[0] > 0]
        if affected:
            yield _hit(ctx, h, needs, max(affected, key=lambda p: p[0]), affected, state[1])


def _hit(ctx: Context, h, needs: list[str], worst: tuple, affected: list[tuple], calendars: _Calendars) -> Hit:
    days, _index, plain, cal, helpers = worst
    count, ranges, need_idx, profiles = plain
    if cal:
        _, _, _ranges_c, need_idx_c, profiles_c = cal["worst"]
        need_idx, profiles = need_idx | need_idx_c, profiles | profiles_c
    gap_needs = [needs[i] for i in sorted(need_idx)]
    data = {
        "handover": h.id,
        "gap_days": days,
        "days": [d for a, b in ranges for d in range(a, b + 1)],
        "first_day": ranges[0][0] if ranges else None,
        "last_day": ranges[-1][1] if ranges else None,
        "unit": h.days,
        "needs": gap_needs,
        "sender_until": h.sender_until,
        "receiver_from": h.receiver_from,
        "trigger": h.trigger,
        "covering": helpers,
        "catchments": [ctx.catchments[p[1]].id for p in affected if p[1] is not None],
    }
    message = {lang: _message(ctx, h, gap_needs, count, ranges, cal, lang) for lang in ("sv", "en")}
    if cal:
        _add_calendar(ctx, h, cal, count, data, message, calendars.working_days())
    return Hit(
        key=(h.id,),
        elements=[h.id, h.from_, h.to, *gap_needs, *helpers],
        message=message,
        profiles=ctx.space.minimal_cubes(profiles),
        data=data,
    )


def _message(ctx: Context, h, gap_needs: list[str], count: int, ranges: list, cal, lang: str) -> str:
    unit = h.days
    if lang == "sv":
        text = (
            f"ingen äger {', '.join(ctx.label(n, 'sv') for n in gap_needs)} "
            f"under {count} {_unit_word(count, unit, cal, 'sv')} efter {ctx.label(h.trigger, 'sv').lower()} "
            f"({_days_text(ranges, 'sv')}): {ctx.label(h.from_, 'sv')} släpper behoven dag {h.sender_until} "
            f"och {ctx.label(h.to, 'sv')} tar över dag {h.receiver_from} ({UNIT_WORDS[unit]['sv']}"
            f"{', räknade som dagar' if unit == 'working' and not cal else ''})"
        )
    else:
        text = (
            f"nobody owns {', '.join(ctx.label(n, 'en') for n in gap_needs)} "
            f"for {count} {_unit_word(count, unit, cal, 'en')} after {ctx.label(h.trigger, 'en').lower()} "
            f"({_days_text(ranges, 'en')}): {ctx.label(h.from_, 'en')} lets go of the needs on day {h.sender_until} "
            f"and {ctx.label(h.to, 'en')} takes over on day {h.receiver_from} ({UNIT_WORDS[unit]['en']}"
            f"{', counted as plain days' if unit == 'working' and not cal else ''})"
        )
    return f"{ctx.label(h.id, lang)}: {text}"


def _add_calendar(ctx: Context, h, cal: dict, count: int, data: dict, message: dict, wd: WorkingDays) -> None:
    """The worst trigger date of the year, in the data and at the end of both messages."""
    day, worst, ranges_c, _, _ = cal["worst"]
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
