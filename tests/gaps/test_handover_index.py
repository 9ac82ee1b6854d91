"""The handover index (positions, columns, marks) against a straightforward one, on random models."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.analysis.handover_graph import build_index, principal_kind
from pathways.model.columns import columns_of, handover_columns
from pathways.model.model import Model
from pathways.model.schema import Handover, Meta, Principal, Responsibility, Unit
from tests.gaps.fixture import SRC, entry_unit

BASE = yaml.safe_load((Path(__file__).parent / "base.yaml").read_text(encoding="utf-8"))
UNITS = [f"u{i}" for i in range(6)]
ENDS = [*UNITS, "x", "y"]
"""Handover ends: units, and two names that are no unit (the index gives them positions too)."""
NEEDS = ["n0", "n1", "n2"]


@st.composite
def models(draw) -> Model:
    units = draw(st.lists(st.sampled_from(UNITS), unique=True, max_size=6))
    entry = draw(st.sets(st.sampled_from(UNITS)))
    handovers = draw(
        st.lists(
            st.tuples(
                st.sampled_from(ENDS),
                st.sampled_from(ENDS),
                st.lists(st.sampled_from(NEEDS), max_size=3),
                st.one_of(st.none(), st.sampled_from(ENDS)),
            ),
            max_size=14,
        )
    )
    owners = draw(st.lists(st.tuples(st.sampled_from(ENDS), st.lists(st.sampled_from(NEEDS), min_size=1, max_size=3))))
    principals = {"region": "region", "kommun": "municipality"}
    unit_principal = draw(st.lists(st.sampled_from(sorted(principals)), min_size=6, max_size=6))
    label = {"label": {"sv": "l", "en": "l"}, **SRC}
    collections = {
        "principals": [
            Principal.model_validate({"id": p, "kind": k, "county": "testlan", **label}) for p, k in principals.items()
        ],
        "units": [
            Unit.model_validate(
                {
                    "id": u,
                    "kind": "health_centre",
                    "principal": unit_principal[i],
                    "care_level": "primarvard",
                    "settings": ["mottagning"],
                    "entry": u in entry,
                    **label,
                }
            )
            for i, u in enumerate(units)
        ],
        "handovers": [
            Handover.model_validate(
                {
                    "id": f"h{i}",
                    "from": a,
                    "to": b,
                    "trigger": "t",
                    "mode": "referral",
                    "needs": needs,
                    **({"on_reject": {"to": reject}} if reject is not None else {}),
                    **label,
                }
            )
            for i, (a, b, needs, reject) in enumerate(handovers)
        ],
        "responsibilities": [
            Responsibility.model_validate({"id": f"r{i}", "needs": needs, "owner": owner, **label})
            for i, (owner, needs) in enumerate(owners)
        ],
    }
    return Model(meta=Meta.model_validate(BASE["model"]), collections=collections)


def straightforward(model: Model) -> dict:
    """The index as its docstring defines it, field by field, from the pydantic elements."""
    hs = model.handovers
    rejected = [h.on_reject.to if h.on_reject is not None else None for h in hs]
    units = list(dict.fromkeys(u.id for u in model.units))
    for h, r in zip(hs, rejected, strict=True):
        for end in (h.from_, h.to, r):
            if end is not None and end not in units:
                units.append(end)
    where = {u: units.index(u) for u in units}
    return {
        "units": units,
        "handovers": [h.id for h in hs],
        "senders": [where[h.from_] for h in hs],
        "receivers": [where[h.to] for h in hs],
        "moves": [
            [where[end] for h, r in zip(hs, rejected, strict=True) if h.from_ == u for end in (h.to, r) if end]
            for u in units
        ],
        "arriving": [
            [i for i, (h, r) in enumerate(zip(hs, rejected, strict=True)) for end in (h.to, r) if end == u]
            for u in units
        ],
        "by_need": {n: [i for i, h in enumerate(hs) for m in h.needs if m == n] for n in NEEDS},
        "owned": {
            o: {n for r in model.responsibilities if r.owner == o for n in r.needs}
            for o in {r.owner for r in model.responsibilities}
        },
        "owners": {
            n: list(dict.fromkeys(where[r.owner] for r in model.responsibilities if n in r.needs and r.owner in where))
            for n in {n for r in model.responsibilities for n in r.needs if r.owner in where}
        },
        "principal_kind": {u.id: principal_kind(model, u.principal) for u in model.units},
    }


@settings(max_examples=60, deadline=None)
@given(models())
def test_index_is_the_straightforward_one(model):
    index = build_index(model)
    expected = straightforward(model)
    assert index.units == expected["units"]
    assert index.position == {u: i for i, u in enumerate(expected["units"])}
    assert list(index.entry) == [int(u.entry) for u in model.units]
    assert index.handovers == expected["handovers"]
    assert list(index.senders) == expected["senders"]
    assert list(index.receivers) == expected["receivers"]
    assert index.moves == expected["moves"]
    assert index.arriving == expected["arriving"]
    assert {n: list(edges) for n, edges in index.by_need.items()} == {
        n: edges for n, edges in expected["by_need"].items() if edges
    }
    assert index.owned == expected["owned"]
    assert index.owners == expected["owners"]
    assert index.principal_kind == expected["principal_kind"]


@settings(max_examples=20, deadline=None)
@given(models())
def test_columns_are_the_handovers_field_by_field(model):
    columns = columns_of(model)
    assert columns is columns_of(model)  # kept on the model, built once
    assert columns == handover_columns(model.handovers)
    assert [(h.id, h.from_, h.to, h.needs) for h in model.handovers] == list(
        zip(columns.ids, columns.senders, columns.receivers, columns.needs, strict=True)
    )
    assert columns.rejected_to == [h.on_reject.to if h.on_reject else None for h in model.handovers]


def test_ends_are_the_positions_own_objects():
    # PW115 keeps the ends per need: copies (an ``array`` read makes one) would fill the heap.
    # Past 256 units, where an integer is no shared small one, only the index's own objects are ``is``.
    label = {"label": {"sv": "l", "en": "l"}, **SRC}
    ids = [f"u{i}" for i in range(300)]
    collections = {
        "principals": [Principal.model_validate({"id": "region", "kind": "region", "county": "testlan", **label})],
        "units": [Unit.model_validate(entry_unit(u, "l")) for u in ids],
        "handovers": [
            Handover.model_validate(
                {"id": f"h{i}", "from": a, "to": b, "trigger": "t", "mode": "referral", "needs": ["n0"], **label}
            )
            for i, (a, b) in enumerate([("u299", "u298"), ("u298", "x"), ("x", "u297")])
        ],
    }
    index = build_index(Model(meta=Meta.model_validate(BASE["model"]), collections=collections))
    ends = [*index.senders, *index.receivers]
    assert [index.units[p] for p in ends] == ["u299", "u298", "x", "u298", "x", "u297"]
    assert all(p is index.position[index.units[p]] for p in ends)
