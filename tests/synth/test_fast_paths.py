"""The fast paths added for national scale give exactly what the plain paths give.

* JSON model files (what ``pathways synth`` writes) load through ``json`` with positions
  read lazily; the YAML path must give the same elements and the same positions.
* ``build_graph`` fills networkx's dicts directly; ``add_node``/``add_edges_from`` must
  give the same graph, in the same order.
"""

from __future__ import annotations

import networkx as nx

import pathways.graph.build as build
import pathways.model.load as load
import pathways.model.read as read
from pathways.model.load import load_model
from pathways.synth import synthesize, write_synth


def _model_dir(tmp_path):
    out = tmp_path / "m"
    write_synth(synthesize(2, 5, 3), out)
    return out


def test_json_files_load_as_yaml_does(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHWAYS_CACHE", "off")  # both loads read the files
    out = _model_dir(tmp_path)
    fast = load_model(out)
    monkeypatch.setattr(read, "read_json_compatible", lambda path: None)
    slow = load_model(out)
    assert fast.meta == slow.meta
    assert fast.collections == slow.collections
    for element_id in list(slow.origins)[::37]:
        for path in ((), ("id",), ("label", "sv"), ("source", "doc")):
            assert fast.origin(element_id).where(*path) == slow.origin(element_id).where(*path)
    assert fast.meta_origin.where("id") == slow.meta_origin.where("id")


def test_json_file_problems_are_reported_with_positions(tmp_path):
    out = _model_dir(tmp_path)
    text = (out / "handovers.yaml").read_text(encoding="utf-8")
    (out / "handovers.yaml").write_text(text.replace('"mode": "referral"', '"mode": "referal"', 1), encoding="utf-8")
    try:
        load_model(out)
    except load.ModelError as exc:
        problems = exc.problems
    else:
        raise AssertionError("a wrong mode must be reported")
    assert len(problems) == 1
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if '"mode": "referral"' in row)
    assert (problems[0].file.endswith("handovers.yaml"), problems[0].line) == (True, line)
    assert "referal" in problems[0].message


def test_graph_equals_networkx_insertion(tmp_path, monkeypatch):
    model = load_model(_model_dir(tmp_path))
    fast = build.build_graph(model)

    def add_nodes(G, nodes):
        for n, attrs in nodes:
            G.add_node(n, **attrs)

    monkeypatch.setattr(build, "_add_nodes", add_nodes)
    monkeypatch.setattr(build, "_add_edges", lambda G, edges: G.add_edges_from(edges))
    plain = build.build_graph(model)
    assert isinstance(fast, nx.MultiDiGraph)
    assert fast.graph == plain.graph
    assert list(fast.nodes(data=True)) == list(plain.nodes(data=True))
    assert list(fast.edges(keys=True, data=True)) == list(plain.edges(keys=True, data=True))
    assert [(n, list(fast.pred[n])) for n in fast] == [(n, list(plain.pred[n])) for n in plain]
