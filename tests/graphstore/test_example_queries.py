"""The example queries of docs/neo4j.md run on the bundled model and give what the model says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pathways.graph.build import build_graph
from pathways.graphstore import store
from pathways.model.load import load_model

QUERIES = re.findall(r"```cypher\n(.*?)```", Path("docs/neo4j.md").read_text(encoding="utf-8"), re.S)


@pytest.fixture()
def pushed(driver):
    model = load_model("model")
    store.push(driver, build_graph(model), "baseline")
    return driver, model


def _run(driver, index: int, **params):
    return store.query(driver, QUERIES[index], {"version": "baseline", **params})[1]


def test_there_are_example_queries():
    assert len(QUERIES) >= 6


def test_every_example_query_runs(pushed):
    driver, _ = pushed
    for cypher in QUERIES:
        store.query(driver, cypher, {"version": "baseline", "municipality": "kommun-falun", "other": "baseline"})


def test_needs_a_municipality_owns_for_children(pushed):
    driver, model = pushed
    rows = _run(driver, 0, municipality="kommun-falun")
    expected = set()
    for r in model.responsibilities:
        unit = model.by_id[r.owner]
        if unit.principal in ("kommun-falun", "dalarnas-kommuner") and "barn" in r.profile.get("alder", ["barn"]):
            expected.update((r.id, n) for n in r.needs)
    assert {(row["ansvar"], next(n.id for n in model.needs if n.label.sv == row["behov"])) for row in rows} == expected


def test_handovers_without_gate_into_home_healthcare_and_municipal_care(pushed):
    driver, model = pushed
    kinds = {u.id: u for u in model.units}
    into_hhc = {h.id for h in model.handovers if kinds[h.to].kind == "home_healthcare" and h.gate is None}
    assert {row["overlamning"] for row in _run(driver, 1)} == into_hhc
    municipal = {h.id for h in model.handovers if kinds[h.to].care_level == "kommunal-primarvard" and h.gate is None}
    assert {row["overlamning"] for row in _run(driver, 2)} == municipal
    assert "ho-utskrivning-kommunal-rehab" in municipal


def test_missing_items_and_assumptions(pushed):
    driver, model = pushed
    missing = {h.id: [x for x in h.receiver_needs if x not in h.passes] for h in model.handovers}
    assert {row["overlamning"]: row["saknas"] for row in _run(driver, 3)} == {k: v for k, v in missing.items() if v}
    assumed = {e.id for _, e in model.elements() if getattr(e, "status", None) == "assumption"}
    assumed |= {s.id for r in model.routes for s in r.steps if s.status == "assumption"}
    assert {row["id"] for row in _run(driver, 4)} == assumed
