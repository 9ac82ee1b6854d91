"""The typed graph of the bundled model: kinds, routes, round trips, and the assumptions list."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathways.cli.main import app
from pathways.graph import kinds
from pathways.graph.build import build_graph, nodes_of
from pathways.graph.convert import model_from_graph, read_graph
from pathways.model.load import load_model
from pathways.model.schema import COLLECTIONS, Status, UnitKind

MODEL = Path(__file__).resolve().parents[2] / "model"


@pytest.fixture(scope="module")
def model():
    return load_model(MODEL)


@pytest.fixture(scope="module")
def graph(model):
    return build_graph(model)


def dumps(m) -> dict[str, list[dict]]:
    """Every collection of a model as plain data, in id order (the graph does not keep file order)."""
    return {
        name: sorted((e.model_dump(mode="json", by_alias=True) for e in m.collections[name]), key=lambda d: d["id"])
        for name in COLLECTIONS
    }


def test_node_and_edge_kinds_are_the_declared_ones(graph):
    node_kinds = {kind for _, kind in graph.nodes(data="kind")}
    assert node_kinds <= set(kinds.NODE_KINDS)
    assert {"unit", "handover", "route", "route_step", "need", "principal"} <= node_kinds
    for u, v, key, data in graph.edges(keys=True, data=True):
        assert key in kinds.EDGE_KINDS, (u, v, key)
        assert data["kind"] == key, (u, v, key)


def test_every_edge_joins_nodes_with_a_kind(graph):
    for u, v, key in graph.edges(keys=True):
        for end in (u, v):
            assert graph.nodes[end].get("kind") in kinds.NODE_KINDS, f"{u} -{key}-> {v}: '{end}' has no kind"


def test_every_element_is_a_node_of_its_kind(model, graph):
    for name, e in model.elements():
        assert graph.nodes[e.id]["kind"] == kinds.KIND_OF_COLLECTION[name]
    steps = [s.id for r in model.routes for s in r.steps]
    assert nodes_of(graph, "route_step") == sorted(steps)


def route_units(graph, route_id: str) -> list[str]:
    """The units a route passes through, read from the graph: sender, then each receiver."""
    included = sorted(
        (
            (data["order"], h)
            for _, h, key, data in graph.out_edges(route_id, keys=True, data=True)
            if key == "INCLUDES"
        ),
    )
    units: list[str] = []
    for _, handover in included:
        assert graph.nodes[handover]["kind"] == "handover"
        senders = [u for u, _, key in graph.in_edges(handover, keys=True) if key == "SENDS"]
        receivers = [v for _, v, key in graph.out_edges(handover, keys=True) if key == "TO"]
        assert len(senders) == 1 and len(receivers) == 1, handover
        if units:
            assert units[-1] == senders[0], f"{route_id}: the route breaks before '{handover}'"
        else:
            units.append(senders[0])
        units.append(receivers[0])
    return units


def test_three_routes(model, graph):
    assert len(nodes_of(graph, "route")) == len(model.routes) == 3
    assert sorted(r.number for r in model.routes) == [1, 2, 3]


@pytest.mark.parametrize("route_number", [1, 2, 3])
def test_route_is_connected_to_home_healthcare(model, graph, route_number):
    route = next(r for r in model.routes if r.number == route_number)
    units = route_units(graph, route.id)
    assert len(units) == len(route.handovers) + 1
    for unit in units:
        assert graph.nodes[unit]["kind"] == "unit"
    assert graph.nodes[units[-1]]["props"]["kind"] == UnitKind.home_healthcare.value
    assert units[0] != units[-1]


def test_model_from_graph_gives_the_model_back(model, graph):
    back = model_from_graph(graph)
    assert back.meta == model.meta
    original, rebuilt = dumps(model), dumps(back)
    for name in COLLECTIONS:
        assert rebuilt[name] == original[name], name
    assert sum(len(v) for v in original.values()) == len(model.by_id)


@pytest.mark.parametrize("fmt", ["graphml", "json"])
def test_export_round_trip(model, graph, fmt, tmp_path):
    out = tmp_path / f"dalarna.{fmt}"
    result = CliRunner().invoke(app, ["export", "--model", str(MODEL), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.exists() and not out.with_name(out.name + ".part").exists()
    read = read_graph(out, fmt)
    assert set(read.nodes) == set(graph.nodes)
    assert set(read.edges(keys=True)) == set(graph.edges(keys=True))
    for node, data in graph.nodes(data=True):
        assert read.nodes[node] == data, node
    for u, v, key, data in graph.edges(keys=True, data=True):
        assert read.edges[u, v, key] == data, (u, v, key)
    back = model_from_graph(read)
    assert back.meta == model.meta
    assert dumps(back) == dumps(model)


def test_assumptions_lists_every_assumption(model):
    expected = {e.id for _, e in model.elements() if getattr(e, "status", None) == Status.assumption.value}
    expected |= {s.id for r in model.routes for s in r.steps if s.status == Status.assumption.value}
    assert expected, "the bundled model should have assumptions to confirm"
    script = Path(sys.executable).parent / "pathways"
    proc = subprocess.run(
        [str(script), "assumptions", "--model", str(MODEL)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "COLUMNS": "1000", "NO_COLOR": "1"},
    )
    assert proc.returncode == 0, proc.stderr
    listed = []
    for line in proc.stdout.splitlines():
        cells = [c.strip() for c in line.strip().strip("│").split("│")]
        if cells[0] == "[ ]":
            listed.append(cells[1])
    assert len(listed) == len(set(listed))
    assert set(listed) == expected
    assert f"({len(expected)})" in proc.stdout
