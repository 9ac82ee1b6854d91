"""PW114 unreachable-unit: units that no patient can reach from an entry unit."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.analysis.handover_graph import build_index
from pathways.gaps.core import finding_id
from pathways.model.load import load_model
from tests.gaps.fixture import findings_of, fixture_model

MODEL = Path(__file__).parents[2] / "model"
SRC = {"source": {"doc": "src"}, "status": "agreement"}


def test_fires(tmp_path):
    found = {f.elements: f for f in findings_of(fixture_model(tmp_path, "pw114_fires"), "PW114")}
    assert set(found) == {("ensam",), ("efter", "h-efter")}
    assert found[("ensam",)].id == finding_id("PW114", ("ensam",))
    assert found[("efter", "h-efter")].grey_zones == (1,)
    assert found[("ensam",)].severity == "warning"
    assert "Rehabavdelning" in found[("ensam",)].message["sv"]
    assert "Rehab ward" in found[("ensam",)].message["en"]


def test_quiet(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw114_quiet"), "PW114") == []


def test_the_unit_projection(tmp_path):
    index = build_index(fixture_model(tmp_path, "pw114_fires"))
    at = index.position
    h1 = index.handovers.index("h1")
    assert [index.units[b] for b in index.moves[at["vc"]]][:2] == ["hsv", "avvisad"]
    assert h1 in index.arriving[at["hsv"]] and h1 in index.arriving[at["avvisad"]]
    assert (index.senders[h1], index.receivers[h1]) == (at["vc"], at["hsv"])
    assert index.principal_kind["hsv"] == "municipality" and index.principal_kind["vc"] == "region"


def test_bundled_model_runs():
    found = findings_of(load_model(MODEL), "PW114")
    assert all(f.data["unit"] == f.elements[0] for f in found)


# --- properties on random handover graphs ---------------------------------------------

NAMES = [f"u{i}" for i in range(8)]


@st.composite
def unit_graphs(draw):
    n = draw(st.integers(1, 8))
    units = NAMES[:n]
    entry = draw(st.sets(st.sampled_from(units)))
    pairs = [(a, b) for a in units for b in units if a != b]
    handovers = (
        draw(
            st.lists(
                st.tuples(st.sampled_from(pairs), st.one_of(st.none(), st.sampled_from(units))),
                max_size=12,
            )
        )
        if pairs
        else []
    )
    return units, entry, handovers


def _moves(handovers):
    moves: dict[str, set[str]] = {}
    for (a, b), reject in handovers:
        moves.setdefault(a, set()).add(b)
        if reject is not None:
            moves.setdefault(a, set()).add(reject)
    return moves


def _reach(start, moves):
    """Brute force: every unit on some walk from ``start`` (``start`` included)."""
    seen, stack = {start}, [start]
    while stack:
        for nxt in moves.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _model(directory, units, entry, handovers):
    return fixture_model(
        Path(directory),
        units=[
            {
                "id": u,
                "kind": "health_centre",
                "principal": "region",
                "care_level": "primarvard",
                "settings": ["mottagning"],
                "entry": u in entry,
                "label": {"sv": u, "en": u},
                **SRC,
            }
            for u in units
        ],
        responsibilities=[],
        handovers=[
            {
                "id": f"h{i}",
                "from": a,
                "to": b,
                "trigger": "vardbegaran",
                "mode": "referral",
                **({"on_reject": {"to": reject}} if reject is not None else {}),
                "label": {"sv": f"h{i}", "en": f"h{i}"},
                **SRC,
            }
            for i, ((a, b), reject) in enumerate(handovers)
        ],
    )


def _unreachable(units, entry, handovers):
    moves = _moves(handovers)
    reached = set().union(*(_reach(e, moves) for e in entry)) if entry else set()
    return set(units) - reached


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit_graphs(), st.data())
def test_findings_are_the_unreachable_units_and_an_entry_removes_what_it_reaches(case, data):
    units, entry, handovers = case
    with tempfile.TemporaryDirectory() as d:
        found = {f.data["unit"]: f.id for f in findings_of(_model(Path(d) / "a", units, entry, handovers), "PW114")}
        expected = _unreachable(units, entry, handovers)
        assert set(found) == expected
        assert all(found[u] == finding_id("PW114", (u,)) for u in found)
        if not expected:
            return
        x = data.draw(st.sampled_from(sorted(expected)))
        after = {f.data["unit"] for f in findings_of(_model(Path(d) / "b", units, entry | {x}, handovers), "PW114")}
        assert x not in after
        assert after == expected - _reach(x, _moves(handovers))
        if not (_reach(x, _moves(handovers)) - {x}) & expected:
            assert after == expected - {x}  # exactly that finding goes


@pytest.mark.parametrize(("unit", "left"), [("ensam", set()), ("efter", {"ensam"})])
def test_making_an_unreachable_unit_an_entry(tmp_path, unit, left):
    """'ensam' leads on to 'efter', so both go; 'efter' leads nowhere, so only its own finding goes."""
    import yaml

    doc = yaml.safe_load((Path(__file__).parent / "fixtures" / "pw114_fires.yaml").read_text(encoding="utf-8"))
    units = [{**u, "entry": True} if u["id"] == unit else u for u in doc["units"]]
    after = {f.data["unit"] for f in findings_of(fixture_model(tmp_path, "pw114_fires", units=units), "PW114")}
    assert after == left
