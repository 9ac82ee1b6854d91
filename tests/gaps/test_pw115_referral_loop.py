"""PW115 referral-loop: a need handed round in a loop that never reaches an owner."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.gaps.core import finding_id
from pathways.gaps.rules.pw115_referral_loop import referral_loops
from tests.gaps.fixture import SRC, entry_unit, findings_of, fixture_model


def test_fires(tmp_path):
    found = findings_of(fixture_model(tmp_path, "pw115_fires"), "PW115")
    assert len(found) == 1
    (loop,) = found
    assert loop.elements == ("behandling", "a", "b", "c", "h-ab", "h-bc", "h-ca")
    assert loop.data["units"] == ["a", "b", "c"]
    assert loop.id == finding_id("PW115", ("behandling", "a", "b", "c"))
    assert loop.grey_zones == (6,)
    assert loop.severity == "error"
    assert loop.profiles == ({},)  # h-bc carries every profile
    assert "Behandling" in loop.message["sv"] and "Treatment" in loop.message["en"]


def test_quiet(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw115_quiet"), "PW115") == []


# --- brute-force reference on small random referral graphs ------------------------------

NAMES = [f"u{i}" for i in range(8)]


@st.composite
def referral_graphs(draw):
    n = draw(st.integers(1, 8))
    units = NAMES[:n]
    pairs = [(a, b) for a in units for b in units if a != b]
    edges = sorted(draw(st.sets(st.sampled_from(pairs), max_size=16))) if pairs else []
    owners = draw(st.sets(st.sampled_from(units)))
    return units, edges, owners


def _walks(start, edges):
    """Every unit at the end of a walk of one or more handovers from ``start``."""
    succ: dict[str, set[str]] = {}
    for a, b in edges:
        succ.setdefault(a, set()).add(b)
    seen, stack = set(), list(succ.get(start, ()))
    while stack:
        unit = stack.pop()
        if unit not in seen:
            seen.add(unit)
            stack.extend(succ.get(unit, ()))
    return seen


def brute_force_loops(units, edges, owners):
    """Units on a cycle that reach no owner (themselves included), grouped by mutual reachability."""
    after = {u: _walks(u, edges) for u in units}
    bad = {u for u in units if u in after[u] and not ({u} | after[u]) & owners}
    loops = set()
    for u in bad:
        loops.add(frozenset(v for v in bad if v == u or (v in after[u] and u in after[v])))
    return loops


@settings(max_examples=400, deadline=None)
@given(referral_graphs())
def test_loops_match_brute_force(case):
    units, edges, owners = case
    at = {u: i for i, u in enumerate(units)}
    senders, receivers = [at[a] for a, _ in edges], [at[b] for _, b in edges]
    found = referral_loops(range(len(edges)), senders, receivers, [at[o] for o in owners], len(units))
    assert {frozenset(units[p] for p in us) for us, _ in found} == brute_force_loops(units, edges, owners)
    for us, inside in found:
        assert sorted(inside) == [e for e, (a, b) in enumerate(edges) if at[a] in us and at[b] in us]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(referral_graphs())
def test_rule_findings_match_brute_force_on_models(case):
    units, edges, owners = case
    collections = {
        "units": [entry_unit(u) for u in units],
        "responsibilities": [
            {"id": f"r-{u}", "needs": ["behandling"], "owner": u, "label": {"sv": u, "en": u}, **SRC}
            for u in sorted(owners)
        ],
        "handovers": [
            {
                "id": f"h-{a}-{b}",
                "from": a,
                "to": b,
                "trigger": "vardbegaran",
                "mode": "referral",
                "needs": ["behandling"],
                "label": {"sv": f"{a}-{b}", "en": f"{a}-{b}"},
                **SRC,
            }
            for a, b in edges
        ],
    }
    with tempfile.TemporaryDirectory() as d:
        found = findings_of(fixture_model(Path(d), **collections), "PW115")
    expected = brute_force_loops(units, edges, owners)
    assert {frozenset(f.data["units"]) for f in found} == expected
    assert {f.id for f in found} == {finding_id("PW115", ("behandling", *sorted(us))) for us in expected}


# --- against the networkx version it replaced, with self loops and parallel handovers ---


def networkx_loops(edges, senders, receivers, owners, size):
    """The loops as PW115 found them with networkx (up to December 2026): the units that
    reach no owner, their components, those with a cycle, and the handovers inside."""
    import networkx as nx

    reaches = nx.DiGraph()
    reaches.add_nodes_from(range(size))
    reaches.add_edges_from((senders[e], receivers[e]) for e in edges)
    reach = set(owners)
    for owner in owners:
        reach |= nx.ancestors(reaches, owner)
    rest = nx.MultiDiGraph()
    rest.add_edges_from((senders[e], receivers[e], e) for e in edges if senders[e] not in reach)
    loops = set()
    for comp in nx.strongly_connected_components(rest):
        inside = frozenset(e for a, b, e in rest.edges(comp, keys=True) if b in comp)
        if len(comp) > 1 or inside:
            loops.add((frozenset(comp), inside))
    return loops


@st.composite
def multigraphs(draw):
    size = draw(st.integers(1, 8))
    pairs = draw(st.lists(st.tuples(st.integers(0, size - 1), st.integers(0, size - 1)), max_size=24))
    owners = draw(st.sets(st.integers(0, size - 1), max_size=3))
    return size, [a for a, _ in pairs], [b for _, b in pairs], owners


@settings(max_examples=500, deadline=None)
@given(multigraphs())
def test_loops_match_networkx_with_self_loops_and_parallel_handovers(case):
    size, senders, receivers, owners = case
    edges = range(len(senders))
    found = referral_loops(edges, senders, receivers, sorted(owners), size)
    as_sets = [(frozenset(us), frozenset(inside)) for us, inside in found]
    assert len(as_sets) == len(set(as_sets))
    for _, inside in found:
        assert len(inside) == len(set(inside))  # each handover once
    assert set(as_sets) == networkx_loops(edges, senders, receivers, owners, size)
