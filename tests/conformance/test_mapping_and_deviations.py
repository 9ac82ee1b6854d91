"""A log written by hand with a made-up source system's codes, run through a mapping file."""

from __future__ import annotations

import pytest

from pathways.conformance.mapping import load_mapping
from pathways.conformance.run import Options, run_conformance
from pathways.model.errors import ModelError

from .conftest import write_log, write_profiles

MAPPING = """\
händelse: {IN: inskrivning, UK: utskrivningsklar, UT: utskrivning, INF: information, ACC: acceptans,
           SIP: sip-mote, HSV-IN: inskrivning-hemsjukvard, IM: steg-inskrivningsmeddelande,
           FVK: steg-fast-vardkontakt, UKM: steg-utskrivningsklar, INFO-STEG: steg-information,
           SIP-STEG: steg-sip-3-dagar, BET: steg-betalningsansvar}
enhet: {AVD7: vardavdelning, HSV: kommunal-hemsjukvard}
överlämning: {UTSK-HSV: ho-utskrivning-hemsjukvard}
kommun: {"2080": kommun-falun, "2081": kommun-borlange}
"""


def journey(
    jid: str, drop: set[str] = frozenset(), late: dict[str, int] | None = None, town: str = "2080"
) -> list[str]:
    """A discharge to home healthcare that keeps every limit, minus ``drop``, with ``late`` steps moved."""
    late = late or {}
    rows = [
        (0, "IN", "AVD7", ""),
        (0, "IM", "", ""),
        (0, "FVK", "", ""),
        (3, "UK", "AVD7", ""),
        (3, "UKM", "", ""),
        (4, "UT", "", "UTSK-HSV"),
        (4, "INF", "", "UTSK-HSV"),
        (4, "ACC", "", "UTSK-HSV"),
        (4, "INFO-STEG", "", ""),
        (4, "BET", "", ""),
        (5, "SIP", "", "UTSK-HSV"),
        (5, "SIP-STEG", "", ""),
        (6, "HSV-IN", "HSV", ""),
    ]
    rows = [(late.get(k, d), k, u, h) for d, k, u, h in rows if k not in drop]
    rows.sort(key=lambda r: r[0])
    return [f"{jid};2026-03-{2 + d:02d};{k};{u};{town if i == 0 else ''};;{h};" for i, (d, k, u, h) in enumerate(rows)]


def run(tmp_path, rows, profiles, **kw):
    log = write_log(tmp_path / "logg.csv", rows)
    prof = write_profiles(tmp_path / "profiler.csv", profiles)
    mapping = tmp_path / "mappning.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    found = {}
    result = run_conformance(
        kw.pop("model"), log, prof, mapping, Options(threshold=3), each=lambda j, a: found.setdefault(j.id, a)
    )
    return result, {jid: sorted((d.kind, d.element) for d in a.deviations) for jid, a in found.items()}


def test_planted_deviations_are_found_and_nothing_else(tmp_path, model):
    rows = [
        *journey("A"),
        *journey("B", drop={"ACC"}),
        *journey("C", drop={"INF"}),
        *journey("D", drop={"SIP"}),
        *journey("E", late={"SIP": 9, "SIP-STEG": 9}),
        *journey("F", drop={"IM"}),
        *journey("G", late={"FVK": 5}),
    ]
    result, found = run(tmp_path, rows, dict.fromkeys("ABCDEFG", "ja"), model=model)
    assert result.problems == []
    assert found == {
        "A": [],
        "B": [("no-acceptance", "ho-utskrivning-hemsjukvard")],
        "C": [("info-not-passed", "ho-utskrivning-hemsjukvard")],
        "D": [("sip-missing", "sip-utskrivning")],
        "E": [("sip-late", "sip-utskrivning"), ("step-late", "steg-sip-3-dagar")],
        "F": [("step-missing", "steg-inskrivningsmeddelande")],
        "G": [("step-late", "steg-fast-vardkontakt")],
    }


def test_a_sip_is_asked_for_at_discharge_without_social_care_too(tmp_path, model):
    """Lag 2017:612: home healthcare and the health centre's named care contact are both principals."""
    _, found = run(tmp_path, journey("A", drop={"SIP"}), {"A": "nej"}, model=model)
    assert found == {"A": [("sip-missing", "sip-utskrivning")]}


def test_unmapped_codes_are_counted_and_listed_and_their_rows_left_out(tmp_path, model):
    rows = [*journey("A"), "A;2026-03-09;BESOK;HSV;;;;", "A;2026-03-10;BESOK;HSV;;;;", "A;2026-03-10;HSV-IN;HSV9;;;;"]
    result, found = run(tmp_path, rows, {"A": "ja"}, model=model)
    assert found == {"A": []}
    unmapped = {(u["field"], u["code"]): (u["rows"], u["first"]) for u in result.unmapped}
    assert unmapped == {
        ("kind", "BESOK"): (2, f"{tmp_path / 'logg.csv'}:15"),
        ("unit", "HSV9"): (1, f"{tmp_path / 'logg.csv'}:17"),
    }
    assert result.problem_counts == {"unknown-kind": 2, "unknown-unit": 1}


def test_a_source_system_has_its_own_codes(tmp_path, model):
    header = "resa;datum;händelse;enhet;kommun;behov;överlämning;anteckning;källsystem"
    rows = [r + ";journal" for r in journey("A")]
    rows[-1] = "A;2026-03-08;HSV-IN;K1;;;;;kommun-x"
    log = write_log(tmp_path / "logg.csv", rows, header)
    prof = write_profiles(tmp_path / "profiler.csv", {"A": "ja"})
    mapping = tmp_path / "m.yaml"
    mapping.write_text(MAPPING + "källsystem:\n  kommun-x: {enhet: {K1: kommunal-hemsjukvard}}\n", encoding="utf-8")
    result = run_conformance(model, log, prof, mapping, Options(threshold=3))
    assert result.problems == [] and result.unmapped == []
    assert {g["key"] for g in result.summary["groups"] if g["dimension"] == "unit"} == {
        "vardavdelning",
        "kommunal-hemsjukvard",
    }


def test_a_mapping_to_no_model_id_is_an_error_at_its_line(tmp_path, model):
    path = tmp_path / "m.yaml"
    path.write_text("händelse: {IN: inskrivning}\nenhet:\n  AVD7: vardavdelningen\n", encoding="utf-8")
    with pytest.raises(ModelError) as exc:
        load_mapping(path, model)
    (problem,) = exc.value.problems
    assert (problem.line, problem.col, problem.element_id) == (3, 3, "AVD7")
    assert "vardavdelning" in problem.message.split("vardavdelningen", 1)[1]
