"""The profile table's dated rows are replayed: a change mid-journey changes who owns, and so the deviations.

The expectation comes from the model, as the strict trace reads it: municipal home
healthcare owns the self-care assessment (egenvårdsbedömning) only for a patient enrolled
in home healthcare (tests/cases/test_strict_trace.py, the same journey as a case). The
trace, as for a case, runs to the day after the last event: 2-8 March.
"""

from __future__ import annotations

from pathways.conformance.run import Options, run_conformance

from .conftest import write_log

DIMS = "resa;från;alder;boende;besok;hemsjukvard;diagnos;social"
OUT = "vuxen;ordinart;kan-inte;ej-inskriven;somatisk;nej"
IN = "vuxen;ordinart;kan-inte;inskriven;somatisk;nej"


def journey(jid: str) -> list[str]:
    """Enrolled at municipal home healthcare on 2 March with a self-care need; seen there again on 7 March."""
    return [
        f"{jid};2026-03-02;inskrivning-hemsjukvard;kommunal-hemsjukvard;;egenvardsbedomning;;",
        f"{jid};2026-03-07;inskrivning-hemsjukvard;kommunal-hemsjukvard;;;;",
    ]


def judged(tmp_path, profile_rows: list[str], model) -> dict[str, dict[str, int | None]]:
    jids = sorted({r.split(";")[0] for r in profile_rows})
    log = write_log(tmp_path / "logg.csv", [r for j in jids for r in journey(j)])
    prof = tmp_path / "profiler.csv"
    prof.write_text("\n".join([DIMS, *profile_rows]) + "\n", encoding="utf-8")
    found = {}
    result = run_conformance(
        model, log, prof, options=Options(threshold=3), each=lambda j, a: found.setdefault(j.id, a)
    )
    assert result.problems == []
    return {j: {d.element: d.days for d in a.deviations if d.kind == "need-without-owner"} for j, a in found.items()}


def test_a_change_mid_journey_changes_the_days_without_an_owner(tmp_path, model):
    got = judged(
        tmp_path,
        [
            f"NEVER;;{OUT}",
            f"ALWAYS;;{IN}",
            f"CHANGES;;{OUT}",
            f"CHANGES;2026-03-05;{IN}",
            f"LEAVES;;{IN}",
            f"LEAVES;2026-03-04;{OUT}",
            f"AFTER;;{OUT}",
            f"AFTER;2026-03-20;{IN}",
        ],
        model,
    )
    assert got["NEVER"] == {"egenvardsbedomning": 7}, "2-8 March, nobody owns it"
    assert got["ALWAYS"] == {}
    assert got["CHANGES"] == {"egenvardsbedomning": 3}, "2, 3 and 4 March, before the enrolment"
    assert got["LEAVES"] == {"egenvardsbedomning": 5}, "4-8 March, after the enrolment ended"
    assert got["AFTER"] == got["NEVER"], "a change after the journey's last event is not part of it"


def test_a_row_dated_before_the_journey_is_its_profile_from_the_start(tmp_path, model):
    got = judged(tmp_path, [f"EARLY;2026-01-01;{OUT}", f"EARLY;2026-02-01;{IN}"], model)
    assert got["EARLY"] == {}
