"""Aggregates over journeys: counts, share within the limit, median and 90th percentile.

Lead times are integer days, kept as a histogram per group, so memory grows with the
number of groups and distinct values, not with the journeys. Every figure of a group
built from fewer journeys than the threshold is shown as ``"<threshold"``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from pathways.conformance.deviations import Assessed
from pathways.conformance.journeys import Journey
from pathways.conformance.privacy import shown
from pathways.conformance.vocabulary import DEVIATIONS, SEGMENTS

HANDOVER_KINDS = ("no-acceptance", "info-not-passed")
SIP_KINDS = ("sip-late", "sip-missing")
"""Deviations counted on a handover of the overview: its own, and those of a SIP point held at it."""
LEAD_BINS = 30
"""At most this many bars in the lead-time distribution: one per day, or per week, fortnight, ..."""
DIMENSIONS = ("total", "route", "step", "unit", "municipality", "rule", "month", "deviation")


@dataclass
class Acc:
    """One group: journeys (or step occurrences), how many within the limit, lead-time histogram."""

    count: int = 0
    within: int = 0
    lead: Counter = field(default_factory=Counter)

    def add(self, within: bool, lead: int | None, n: int = 1) -> None:
        self.count += n
        self.within += within * n
        if lead is not None:
            self.lead[lead] += n


def median(hist: Counter) -> float | None:
    """The median of a histogram {value: count} (mean of the two middle values when even).

    >>> median(Counter({1: 2, 5: 1})), median(Counter({1: 1, 3: 1}))
    (1, 2.0)
    """
    n = sum(hist.values())
    if n == 0:
        return None
    lo, hi = _nth(hist, (n - 1) // 2), _nth(hist, n // 2)
    return lo if lo == hi else (lo + hi) / 2


def percentile(hist: Counter, p: float) -> int | None:
    """The nearest-rank ``p`` percentile: the smallest value with at least p % of values at or below it.

    >>> percentile(Counter({1: 9, 10: 1}), 90), percentile(Counter({1: 8, 10: 2}), 90)
    (1, 10)
    """
    n = sum(hist.values())
    if n == 0:
        return None
    return _nth(hist, max(math.ceil(p / 100 * n), 1) - 1)


def lead_bins(hist: Counter, threshold: int) -> list[dict]:
    """Journeys per lead time: one bin a day, or (past LEAD_BINS days) a week or a multiple of one;
    each bin's count shown only when at least ``threshold`` journeys are in it (None: no journey).

    >>> lead_bins(Counter({0: 5, 2: 1}), 5)
    [{'days': 0, 'to': 0, 'count': 5}, {'days': 1, 'to': 1, 'count': None}, {'days': 2, 'to': 2, 'count': '<5'}]
    >>> [(b["days"], b["to"]) for b in lead_bins(Counter({3: 9, 40: 9}), 5)][:2]
    [(0, 6), (7, 13)]
    """
    if not hist:
        return []
    top = max(hist)
    width = 1 if top < LEAD_BINS else 7 * math.ceil((top + 1) / (7 * LEAD_BINS))
    counts: Counter = Counter()
    for d, n in hist.items():
        counts[d // width] += n
    return [
        {
            "days": b * width,
            "to": b * width + width - 1,
            "count": shown(counts[b], counts[b], threshold) if b in counts else None,
        }
        for b in range(top // width + 1)
    ]


def _nth(hist: Counter, index: int) -> int:
    seen = 0
    for value in sorted(hist):
        seen += hist[value]
        if seen > index:
            return value
    raise IndexError(index)


class Aggregates:
    """Everything the report shows, accumulated journey by journey."""

    def __init__(self, places: dict[str, str] | None = None) -> None:
        self.places = places or {}
        """A SIP point -> the handover it is held at: its deviations count on that handover."""
        self.groups: dict[tuple[str, str], Acc] = defaultdict(Acc)
        self.segments: dict[tuple[str, str], Acc] = defaultdict(Acc)
        self.variants: Counter = Counter()
        self.deviation_rows: Counter = Counter()
        self.handover_deviations: Counter = Counter()
        self.handover_journeys: Counter = Counter()
        self._pending: Counter = Counter()
        self._judged: dict[int, tuple[Assessed, tuple[str, ...]]] = {}
        self._months: dict[tuple[int, int], str] = {}

    def add(self, journey: Journey, judged: Assessed, rules: tuple[str, ...]) -> None:
        """Count one journey; journeys judged alike (same ``judged`` object) are folded in together."""
        self._judged.setdefault(id(judged), (judged, rules))
        first = journey.events[0].day
        month = self._months.get((first.year, first.month))
        if month is None:
            month = self._months[(first.year, first.month)] = f"{first.year}-{first.month:02d}"
        self._pending[(id(judged), journey.municipality or "-", month)] += 1

    def _fold(self) -> None:
        alike: Counter = Counter()
        for (key, town, month), n in self._pending.items():
            judged = self._judged[key][0]
            ok, lead = not judged.deviations, judged.lead_time
            self.groups[("municipality", town)].add(ok, lead, n)
            self.groups[("month", month)].add(ok, lead, n)
            alike[key] += n
        for key, n in alike.items():
            self._add(*self._judged[key], n)
        self._pending.clear()

    def _add(self, judged: Assessed, rules: tuple[str, ...], n: int) -> None:
        ok = not judged.deviations
        lead = judged.lead_time
        keys = [("total", "")]
        keys += [("route", r) for r in judged.routes]
        keys += [("unit", u) for u in judged.units]
        keys += [("rule", r) for r in rules]
        keys += [("deviation", k) for k in dict.fromkeys(d.kind for d in judged.deviations)]
        for key in keys:
            self.groups[key].add(ok, lead, n)
        for step in judged.steps:
            self.groups[("step", step.step)].add(step.on_time, step.days, n)
        at = set()
        for d in judged.deviations:
            self.deviation_rows[(d.kind, d.element)] += n
            handover = d.element if d.kind in HANDOVER_KINDS else self.places.get(d.element)
            if handover is not None and d.kind in (*HANDOVER_KINDS, *SIP_KINDS):
                self.handover_deviations[handover] += n
                at.add(handover)
        for handover in at:
            self.handover_journeys[handover] += n
        for segment, start, end in SEGMENTS:
            if start in judged.points and end in judged.points:
                days = judged.points[end] - judged.points[start]
                for route in judged.routes or ["-"]:
                    self.segments[(segment, route)].add(True, days, n)
        self.variants[judged.variant] += n

    @property
    def journeys(self) -> int:
        self._fold()
        return self.groups[("total", "")].count

    def summary(self, threshold: int) -> dict:
        """Plain data, every small figure suppressed: groups, segments, deviations, variants."""
        self._fold()

        def row(dimension: str, key: str, acc: Acc) -> dict:
            n = acc.count
            return {
                "dimension": dimension,
                "key": key,
                "count": shown(n, n, threshold),
                "within": shown(round(acc.within / n, 3), n, threshold) if n else None,
                "median": shown(median(acc.lead), n, threshold),
                "p90": shown(percentile(acc.lead, 90), n, threshold),
            }

        order = {d: i for i, d in enumerate(DIMENSIONS)}
        groups = [row(d, k, a) for (d, k), a in sorted(self.groups.items(), key=lambda kv: (order[kv[0][0]], kv[0][1]))]
        segments = [{**row("segment", s, a), "within": None, "route": r} for (s, r), a in sorted(self.segments.items())]
        deviations = [
            {"kind": k, "element": e, "count": shown(n, n, threshold)}
            for (k, e), n in sorted(
                self.deviation_rows.items(), key=lambda kv: (list(DEVIATIONS).index(kv[0][0]), kv[0][1])
            )
        ]
        common = [(v, n) for v, n in self.variants.most_common() if n >= threshold]
        rare = [n for n in self.variants.values() if n < threshold]
        variants = [{"path": list(v), "count": n} for v, n in common]
        return {
            "threshold": threshold,
            "journeys": shown(self.journeys, self.journeys, threshold),
            "groups": groups,
            "segments": segments,
            "deviations": deviations,
            "variants": variants,
            "rare_variants": {"variants": len(rare), "journeys": shown(sum(rare), sum(rare), threshold)},
            "distinct_variants": len(self.variants),
            "lead_distribution": lead_bins(self.groups[("total", "")].lead, threshold),
            "handover_deviations": {
                h: shown(n, self.handover_journeys[h], threshold) for h, n in sorted(self.handover_deviations.items())
            },
        }
