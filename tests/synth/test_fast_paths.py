"""The fast paths added for national scale give exactly what the plain paths give.

* JSON model files (what ``pathways synth`` writes) load through ``json`` with positions
  read lazily; the YAML path must give the same elements and the same positions.
* ``build_graph`` fills networkx's dicts directly; ``add_node``/``add_edges_from`` must
  give the same graph, in the same order.
"""

from __future__ import annotations

import networkx as nx
import pytest

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
    monkeypatch.setattr(read, "read_json_model", lambda path, model: None)
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


def test_handover_index_equals_networkx_insertion(tmp_path):
    from pathways.analysis.handover_graph import build_index, principal_kind

    model = load_model(_model_dir(tmp_path))
    plain = nx.DiGraph()
    plain.add_nodes_from(u.id for u in model.units)
    for h in model.handovers:
        if plain.has_edge(h.from_, h.to):
            plain.edges[h.from_, h.to]["handovers"].append(h.id)
        else:
            plain.add_edge(h.from_, h.to, handovers=[h.id])
    index = build_index(model)
    units = index.units
    assert units == list(plain)
    pairs: dict[tuple[str, str], list[str]] = {}
    for a, b, h in zip(index.senders, index.receivers, index.handovers, strict=True):
        pairs.setdefault((units[a], units[b]), []).append(h)
    assert pairs == {(a, b): d["handovers"] for a, b, d in plain.edges(data=True)}
    assert len(pairs) == plain.number_of_edges() > 0
    assert index.principal_kind == {u.id: principal_kind(model, u.principal) for u in model.units}
    for need in model.needs:
        edges = index.by_need.get(need.id, [])
        assert [(units[index.senders[e]], units[index.receivers[e]], index.handovers[e]) for e in edges] == [
            (h.from_, h.to, h.id) for h in model.handovers for n in h.needs if n == need.id
        ]


def _problems_after(tmp_path, old: str, new: str) -> tuple[list, int]:
    """Load a synthetic model whose handovers file has ``old`` replaced (once) by ``new``."""
    out = _model_dir(tmp_path)
    text = (out / "handovers.yaml").read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if old in row)
    (out / "handovers.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        load_model(out)
    except load.ModelError as exc:
        return exc.problems, line
    return [], line


def test_json_file_with_a_key_twice_is_reported_as_yaml_does(tmp_path):
    problems, line = _problems_after(tmp_path, '"mode": "referral"', '"mode": "referral", "mode": "referral"')
    assert [(p.line, "duplicate key" in p.message) for p in problems] == [(line, True)]


def test_json_number_that_yaml_reads_as_text_is_reported(tmp_path):
    # YAML 1.1 reads 1e1 as a string, not a number: as before, not the JSON reading (10).
    problems, line = _problems_after(tmp_path, '"mode": "referral"', '"sender_until": 1e1, "mode": "referral"')
    assert [(p.line, "sender_until" in p.message) for p in problems] == [(line, True)]


def test_json_file_that_is_not_utf8_is_reported_as_yaml_does(tmp_path):
    # The fast path leaves bytes that are not UTF-8 to pydantic's parser, which refuses them: the
    # file is read as YAML, which says so, at the file's start, as for any other file.
    out = _model_dir(tmp_path)
    path = out / "handovers.yaml"
    path.write_bytes(path.read_bytes().replace(b'"mode": "referral"', b'"mode": "referr\xe9l"', 1))
    with pytest.raises(load.ModelError) as raised:
        load_model(out)
    assert [(p.file, p.line, "not UTF-8" in p.message) for p in raised.value.problems] == [(str(path), 1, True)]
