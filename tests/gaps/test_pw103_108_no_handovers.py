"""Property: with no handovers, the handover rules PW103-PW108 find nothing.

Models are variations of the base fixture: a random subset of a pool of units, and a
random subset of a pool of responsibilities (with windows, payers and profiles) whose
owners are among them; handovers, routes and SIP points are removed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.gaps.analyze import find_gaps
from pathways.gaps.core import Options
from tests.gaps.fixture import fixture_model

HANDOVER_RULES = {"PW103", "PW104", "PW105", "PW106", "PW107", "PW108"}


def _unit(uid, kind, principal, level, settings_, **extra):
    return {
        "id": uid,
        "kind": kind,
        "principal": principal,
        "care_level": level,
        "settings": settings_,
        "label": {"sv": uid, "en": uid},
        "source": {"doc": "src"},
        "status": "agreement",
        **extra,
    }


UNITS = [
    _unit("vc", "health_centre", "region", "primarvard", ["mottagning"], entry=True),
    _unit("hsv", "home_healthcare", "kommun", "kommunal", ["hemmet"]),
    _unit("rehab", "primary_care_rehab", "region", "primarvard", ["mottagning"]),
    _unit("krehab", "municipal_rehab_ordinary", "kommun", "kommunal", ["hemmet", "mottagning"]),
]
NEEDS = [
    {"id": n, "category": c, "order": o, "label": {"sv": n, "en": n}, "source": {"doc": "src"}, "status": "agreement"}
    for n, c, o in (("behandling", "pathway_step", 3), ("hjm-behov", "device_step", 0), ("hjm-uppf", "device_step", 1))
]
PROFILES = st.fixed_dictionaries(
    {},
    optional={
        "alder": st.sampled_from([["barn"], ["vuxen"]]),
        "besok": st.sampled_from([["kan"], ["kan-inte"]]),
    },
)
WINDOWS = st.one_of(
    st.none(),
    st.builds(
        lambda event, start, length, working: {
            "event": event,
            "start_day": start,
            "end_day": None if length is None else start + length,
            "days": "working" if working else "calendar",
        },
        st.sampled_from(["utskrivning", "vardbegaran"]),
        st.integers(-2, 5),
        st.one_of(st.none(), st.integers(0, 6)),
        st.booleans(),
    ),
)
RESPONSIBILITY = st.tuples(
    st.lists(st.sampled_from([n["id"] for n in NEEDS]), min_size=1, max_size=3, unique=True),
    st.sampled_from([u["id"] for u in UNITS]),
    PROFILES,
    WINDOWS,
    st.sampled_from([None, "region", "kommun", "vc"]),
)


@settings(max_examples=40, deadline=None)
@given(
    units=st.sets(st.sampled_from([u["id"] for u in UNITS]), min_size=1),
    resps=st.lists(RESPONSIBILITY, max_size=6),
    calendar=st.booleans(),
)
def test_no_handovers_no_handover_findings(units, resps, calendar):
    chosen = [u for u in UNITS if u["id"] in units]
    responsibilities = []
    for i, (needs, owner, profile, window, payer) in enumerate(resps):
        if owner not in units:
            continue
        r = {
            "id": f"r{i}",
            "needs": needs,
            "owner": owner,
            "profile": profile,
            "label": {"sv": f"r{i}", "en": f"r{i}"},
            "source": {"doc": "src"},
            "status": "agreement",
        }
        if window is not None:
            r["window"] = window
        if payer is not None and payer != owner and (payer in units or payer in ("region", "kommun")):
            r["payer"] = payer
        responsibilities.append(r)
    with tempfile.TemporaryDirectory() as tmp:
        model = fixture_model(
            Path(tmp),
            None,
            units=chosen,
            needs=NEEDS,
            responsibilities=responsibilities,
            handovers=[],
            routes=[],
            sip_points=[],
        )
        findings = find_gaps(model, codes=HANDOVER_RULES, options=Options(calendar=calendar))
    assert findings == []
