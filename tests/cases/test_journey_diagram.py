"""The case journey diagram: who holds the patient when, a legend of what is drawn, honest spans."""

from __future__ import annotations

import re
from datetime import timedelta

from pathways.cases.load import load_case
from pathways.cases.trace import Tracer
from pathways.outputs.journey import journey_diagram
from tests.cases.helpers import ADULT_HOME, CASES, bundled, bundled_findings, write


def traced(case_file: str):
    model = bundled()
    t = Tracer(model, bundled_findings()).trace(load_case(CASES / case_file, model))
    return t, journey_diagram(model, t).source


def test_a_receiver_does_not_hold_the_patient_on_the_trigger_day():
    for path in sorted(CASES.glob("*.yaml")):
        t, _ = traced(path.name)
        by_day = {d.date: d for d in t.days}
        for h in t.handovers:
            before = by_day.get(h.date - timedelta(days=1))
            new = before is None or h.to_unit not in before.engaged
            others = [u for u in by_day[h.date].engaged if u != h.to_unit]
            if new and others:
                assert by_day[h.date].unit != h.to_unit, (t.case, h.id)


def test_the_legend_lists_only_the_symbols_the_diagram_uses():
    _, dot = traced("utskrivning-fredag.yaml")
    assert "◐" not in dot and "vissa av dagarna" not in dot, "no column where the holder changes: not in the legend"
    assert "⇢" in dot and "✗" in dot and "⬡" in dot


def test_a_column_of_several_days_gives_its_length_and_says_when_it_includes_a_weekend():
    _, dot = traced("gz8-preop-hjalpmedel.yaml")
    assert "tis–sön<BR/>3/11–8/11<BR/>(6 d, med helg)" in dot


def test_a_column_longer_than_a_week_gives_its_days_and_weekends_not_a_weekday_range():
    t, dot = traced("gz3-habilitering-avslut.yaml")
    heads = re.findall(r"dag (\d+)–(\d+)<BR/>[0-9/–]+<BR/>\((\d+) d(?:, (\d+) helger|, med helg)?\)", dot)
    assert heads, "gz3 has columns of more than a week"
    for a, b, n, weekends in heads:
        days = t.days[int(a) - 1 : int(b)]
        assert int(n) == len(days) == int(b) - int(a) + 1 > 7
        saturdays_or_leading_sunday = {d.date.isocalendar()[:2] for d in days if d.date.weekday() >= 5}
        assert int(weekends or 1) == len(saturdays_or_leading_sunday)
    assert not re.search(
        r"(?:mån|tis|ons|tor|fre|lör|sön)–(?:mån|tis|ons|tor|fre|lör|sön)<BR/>[0-9/–]+<BR/>\((?:[89]|\d\d+) d", dot
    )


INPATIENT = {"inpatient_ward", "inpatient_rehab_ward"}


def holding_runs(t):
    """(unit, first day, last day) of each run of days on which one unit holds the patient."""
    runs: list[list] = []
    for d in t.days:
        if d.unit and runs and runs[-1][0] == d.unit and runs[-1][2] + timedelta(days=1) == d.date:
            runs[-1][2] = d.date
        elif d.unit:
            runs.append([d.unit, d.date, d.date])
    return runs


def test_a_unit_holds_the_patient_only_from_the_event_that_gives_it_the_patient():
    """The contact of a unit that holds the patient began with an event at the unit or an
    arrival by a handover; a ward holds the patient beyond the day of a visit only after
    an admission there (or an arrival)."""
    model = bundled()
    one = timedelta(days=1)
    for path in sorted(CASES.glob("*.yaml")):
        t, _ = traced(path.name)
        by_day = {d.date: d for d in t.days}
        for unit, first, last in holding_runs(t):
            start = first
            while start - one in by_day and unit in by_day[start - one].engaged:
                start -= one
            span = [start + one * k for k in range((first - start).days + 1)]
            events = {e["event"] for d in span for e in by_day[d].events if e["at"] == unit}
            arrives = any(h.to_unit == unit and start <= h.receiver_from and h.date <= first for h in t.handovers)
            assert events or arrives or start == t.days[0].date, (t.case, unit, first)
            if model.get(unit).kind in INPATIENT and last > first:
                assert arrives or "inskrivning" in events, (t.case, unit, first, last)


def test_gz8_the_ward_does_not_hold_the_patient_in_the_week_before_admission():
    t, dot = traced("gz8-preop-hjalpmedel.yaml")
    admission = next(d.date for d in t.days if any(e["event"] == "inskrivning" for e in d.events))
    assert all(d.unit != "vardavdelning" for d in t.days if t.days[0].date < d.date < admission)
    head = re.search(r"<TR><TD[^>]*><B>Dag</B></TD>(.*?)</TR>", dot).group(1)
    columns = re.findall(r"<TD[^>]*>(.*?)</TD>", head)
    ward = re.search(r"<TR><TD[^>]*>Vårdavdelning</TD>(.*?)</TR>", dot).group(1)
    cells = re.findall(r"<TD[^>]*>(.*?)</TD>", ward)
    assert len(cells) == len(columns)
    quiet = [k for k, c in enumerate(columns) if "3/11–8/11" in c]
    assert quiet and all("●" not in cells[k] for k in quiet)


def test_the_legend_explains_the_light_cells_exactly_when_there_are_any(tmp_path):
    from pathways.outputs.colours import MUNICIPALITY_BG, REGION_BG

    alone = write(
        tmp_path,
        "alone.yaml",
        f"""id: alone
label: {{sv: En avdelning, en: One ward}}
profile: {ADULT_HOME}
events:
  - {{date: 2026-03-02, event: inskrivning, at: vardavdelning}}
  - {{date: 2026-03-05, event: utskrivning, at: vardavdelning}}
""",
    )
    model = bundled()
    dots = [traced(p.name)[1] for p in sorted(CASES.glob("*.yaml"))]
    dots.append(journey_diagram(model, Tracer(model, bundled_findings()).trace(load_case(alone, model))).source)
    seen = set()
    for dot in dots:
        light = bool(re.search(rf'<TD BGCOLOR="(?:{REGION_BG}|{MUNICIPALITY_BG})"></TD>', dot))
        assert ("i kontakt, har inte patienten" in dot) == light
        seen.add(light)
    assert seen == {True, False}
