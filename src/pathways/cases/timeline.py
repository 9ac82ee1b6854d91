"""A trace as the rows a reader sees: days that look the same grouped, every element by its label."""

from __future__ import annotations

from dataclasses import dataclass

from pathways.cases.trace import Day, Trace
from pathways.texts import WEEKDAYS_SHORT


@dataclass
class TimelineRow:
    """Days in a row with the same holder, owners, gaps and findings, and no event."""

    first: Day
    last: Day
    days: int
    when: str
    where: str
    setting: str
    events: list[str]
    owners: list[tuple[str, list[str]]]
    """(unit, the needs it owns) in the order the units came in."""
    uncovered: list[str]
    findings: list[str]
    """Gap-rule codes met, then the trace's own findings."""


def label(t: Trace, element_id: str | None, lang: str) -> str:
    """The element's label in ``lang`` (its id when it has none)."""
    if element_id is None:
        return ""
    return t.labels.get(element_id, {}).get(lang, element_id)


def _key(d: Day) -> tuple:
    return (
        d.unit,
        d.setting,
        tuple(d.engaged),
        tuple(sorted((k, tuple(v)) for k, v in d.owners.items())),
        tuple(d.uncovered),
        tuple(d.handovers),
        tuple(d.findings),
        tuple(d.trace_findings),
        tuple(sorted((k, tuple(v)) for k, v in d.profile.items())),
    )


def group_days(days: list[Day]) -> list[list[Day]]:
    """Consecutive days that look the same, as one group (a day with an event or SIP starts one)."""
    groups: list[list[Day]] = []
    for d in days:
        if groups and not d.events and not d.sips and _key(d) == _key(groups[-1][-1]):
            groups[-1].append(d)
        else:
            groups.append([d])
    return groups


def _when(group: list[Day], lang: str) -> str:
    first, last = group[0], group[-1]
    text = f"{first.date.isoformat()} {WEEKDAYS_SHORT[lang][first.date.weekday()]}"
    if last is not first:
        n = len(group)
        text += f" – {last.date.isoformat()} {WEEKDAYS_SHORT[lang][last.date.weekday()]} ({n} {'dagar' if lang == 'sv' else 'days'})"
    return text


def timeline(t: Trace, lang: str = "sv") -> list[TimelineRow]:
    """The trace's days grouped into rows, with labels in ``lang``."""
    rows = []
    for group in group_days(t.days):
        d = group[0]
        by_owner: dict[str, list[str]] = {}
        for need, units in d.owners.items():
            for u in units:
                by_owner.setdefault(u, []).append(label(t, need, lang))
        findings = list(dict.fromkeys(f.split("-")[0] for f in d.findings))
        findings += list(d.trace_findings)
        rows.append(
            TimelineRow(
                first=d,
                last=group[-1],
                days=len(group),
                when=_when(group, lang),
                where=label(t, d.unit, lang),
                setting=label(t, d.setting, lang),
                events=[f"{label(t, e['event'], lang)} @ {label(t, e['at'], lang)}" for e in d.events],
                owners=[(label(t, u, lang), needs) for u, needs in by_owner.items()],
                uncovered=[label(t, n, lang) for n in d.uncovered],
                findings=findings,
            )
        )
    return rows
