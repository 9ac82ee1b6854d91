"""Push, pull, versions, read-only queries and failures against a real Neo4j over Bolt."""

from __future__ import annotations

import gc
import time
from typing import cast

import neo4j
import pytest
from neo4j.exceptions import ServiceUnavailable
from typer.testing import CliRunner

from pathways.cli.main import app
from pathways.graph.build import build_graph
from pathways.graphstore import store
from pathways.graphstore.connection import Settings, StoreError, connect, guarded
from pathways.graphstore.mapping import build_id, edge_rows, node_rows
from pathways.model.load import load_model
from pathways.model.model import Model
from tests.graphstore.conftest import empty
from tests.neo4j_server.profiled import Profiled, Work

runner = CliRunner()


def _norm(model: Model) -> dict:
    return {k: sorted((e.model_dump() for e in v), key=lambda d: d["id"]) for k, v in model.collections.items()}


def _counts(driver) -> tuple[int, int]:
    with driver.session() as s:
        nodes = s.run("MATCH (n:Pw) RETURN count(n) AS c").single()["c"]
        rels = s.run("MATCH (:Pw)-[r]->(:Pw) RETURN count(r) AS c").single()["c"]
    return nodes, rels


@pytest.fixture(scope="module")
def bundled():
    return load_model("model")


def test_push_then_pull_gives_back_the_same_model(driver, bundled):
    G = build_graph(bundled)
    result = store.push(driver, G, "baseline")
    assert (result.nodes, result.relationships) == (G.number_of_nodes(), G.number_of_edges())
    assert _counts(driver) == (G.number_of_nodes(), G.number_of_edges())
    pulled = store.pull(driver, "baseline")
    assert _norm(pulled) == _norm(bundled)
    assert pulled.meta == bundled.meta


def test_labels_and_relationship_types_follow_the_kinds(driver, bundled):
    G = build_graph(bundled)
    store.push(driver, G, "baseline")
    _, rows = store.query(
        driver,
        "MATCH (u:Unit {build: $b}) RETURN count(u) AS n",
        {"b": build_id(G.graph["meta"], node_rows(G), edge_rows(G))},
    )
    assert rows == [{"n": sum(1 for _, k in G.nodes(data="kind") if k == "unit")}]
    _, rows = store.query(driver, "MATCH (:Pw)-[r:SENDS]->(:Handover) RETURN count(r) AS n", {})
    assert rows == [{"n": sum(1 for _, _, k in G.edges(keys=True) if k == "SENDS")}]
    _, rows = store.query(
        driver,
        "MATCH (r:Responsibility {id: 'ansvar-primarvardsrehab-barn'}) "
        "RETURN r.profile_alder AS alder, r.status AS status, r.source_doc AS doc",
        {},
    )
    assert rows == [{"alder": ["barn"], "status": "assumption", "doc": "seed-001"}]


def test_pushing_the_same_model_twice_leaves_the_same_graph(driver, bundled):
    G = build_graph(bundled)
    first = store.push(driver, G, "baseline")
    counts = _counts(driver)
    second = store.push(driver, G, "baseline")
    assert second.build == first.build and not second.written
    assert _counts(driver) == counts


def test_versions_live_side_by_side(driver, bundled):
    changed = bundled.collections | {
        "units": [u for u in bundled.units if u.id != "privat-vardgivare"],
        "responsibilities": [r for r in bundled.responsibilities if r.owner != "privat-vardgivare"],
        "coordination_rules": [c for c in bundled.coordination_rules if "privat-vardgivare" not in c.owners],
    }
    target = Model(meta=bundled.meta, collections=changed)
    store.push(driver, build_graph(bundled), "baseline")
    store.push(driver, build_graph(target), "malbild")
    assert [v["name"] for v in store.versions(driver)] == ["baseline", "malbild"]
    assert "privat-vardgivare" in store.pull(driver, "baseline").by_id
    assert "privat-vardgivare" not in store.pull(driver, "malbild").by_id
    store.push(driver, build_graph(target), "baseline")
    assert _counts(driver)[0] == build_graph(target).number_of_nodes()


def test_pushes_of_changed_content_under_one_name_leave_only_the_last_build(driver, bundled):
    builds = []
    for version in ("0.2", "0.3", "0.4"):
        G = build_graph(
            Model(meta=bundled.meta.model_copy(update={"version": version}), collections=bundled.collections)
        )
        builds.append(store.push(driver, G, "baseline").build)
        assert _counts(driver) == (G.number_of_nodes(), G.number_of_edges())
    assert len(set(builds)) == 3
    _, rows = store.query(driver, "MATCH (n:Pw) RETURN DISTINCT n.build AS b", {})
    assert rows == [{"b": builds[-1]}]
    _, rows = store.query(driver, "MATCH (b:PwBuild) RETURN b.build AS b, b.complete AS complete", {})
    assert rows == [{"b": builds[-1], "complete": True}]


def test_awkward_ids_and_labels_are_stored_verbatim(driver, bundled):
    awkward = "ab'c\"d`e{f}g] MATCH (n) DETACH DELETE n //"
    units = [
        u.model_copy(update={"label": u.label.model_copy(update={"sv": awkward})}) if u.id == "vardcentral" else u
        for u in bundled.units
    ]
    roles = [
        *bundled.roles,
        bundled.roles[0].model_copy(
            update={"id": awkward, "label": bundled.roles[0].label.model_copy(update={"en": awkward})}
        ),
    ]
    model = Model(meta=bundled.meta, collections=bundled.collections | {"units": units, "roles": roles})
    store.push(driver, build_graph(model), "baseline")
    pulled = store.pull(driver, "baseline")
    assert pulled.by_id[awkward].label.en == awkward
    assert pulled.by_id["vardcentral"].label.sv == awkward
    assert _norm(pulled) == _norm(model)


def test_queries_are_read_only(driver, bundled):
    store.push(driver, build_graph(bundled), "baseline")
    before = _counts(driver)
    settings = Settings(uri="bolt://unused")
    with pytest.raises(StoreError, match="only reads; writes are refused"):
        guarded(settings, lambda: store.query(driver, "MATCH (n:Pw) DETACH DELETE n", {}))
    assert _counts(driver) == before


def test_server_killed_in_the_middle_of_a_push_keeps_the_previous_version(neo4j_server, settings, bundled, monkeypatch):
    settings = Settings(uri=settings.uri, username=settings.username, password=settings.password, timeout=3)
    with connect(settings) as driver:
        empty(driver)
        store.push(driver, build_graph(bundled), "baseline")
        target = Model(meta=bundled.meta.model_copy(update={"version": "2"}), collections=bundled.collections)
        monkeypatch.setattr(store, "BATCH", 20)

        def crash(done: int, total: int) -> None:
            if done >= 200:
                neo4j_server.kill()

        with pytest.raises((StoreError, ServiceUnavailable, OSError)):
            guarded(settings, lambda: store.push(driver, build_graph(target), "baseline", progress=crash))
    neo4j_server.restart()
    with connect(
        Settings(uri=settings.uri, username=settings.username, password=settings.password, timeout=20)
    ) as driver:
        pulled = store.pull(driver, "baseline")
        assert pulled.meta.version == bundled.meta.version
        assert _norm(pulled) == _norm(bundled)
        result = store.push(driver, build_graph(target), "baseline")
        assert result.written
        assert store.pull(driver, "baseline").meta.version == "2"
        assert _counts(driver) == (result.nodes, result.relationships)


def test_wrong_password_and_server_down_fail_within_the_timeout(settings):
    start = time.monotonic()
    with (
        pytest.raises(StoreError, match="refused user 'neo4j'"),
        connect(Settings(uri=settings.uri, username="neo4j", password="wrong-password", timeout=5)),
    ):
        pass
    with (
        pytest.raises(StoreError, match="cannot reach Neo4j"),
        connect(Settings(uri="bolt://127.0.0.1:9", password="x", timeout=3)),
    ):
        pass
    assert time.monotonic() - start < 15


def test_cli_push_pull_query_and_errors(tmp_path, settings, driver, bundled, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", settings.uri)
    monkeypatch.setenv("NEO4J_USERNAME", settings.username)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password)
    result = runner.invoke(app, ["neo4j", "push", "--model", "model", "--name", "baseline"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["neo4j", "pull", "--name", "baseline", "--out", str(tmp_path / "pulled")])
    assert result.exit_code == 0, result.output
    assert _norm(load_model(tmp_path / "pulled")) == _norm(bundled)
    result = runner.invoke(
        app,
        [
            "neo4j",
            "query",
            "MATCH (v:PwVersion {name: $version}) MATCH (u:Unit {build: v.build}) "
            "WHERE u.kind = $kind RETURN u.id AS id",
            "--param",
            "kind=health_centre",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.count('"id"') == 1 and "vardcentral" in result.stdout
    result = runner.invoke(app, ["neo4j", "query", "CREATE (x:X)"])
    assert result.exit_code == 3 and "writes are refused" in result.stderr
    monkeypatch.setenv("NEO4J_PASSWORD", "wrong-password")
    result = runner.invoke(app, ["neo4j", "versions"])
    assert result.exit_code == 3
    assert result.stderr.strip().startswith(f"Neo4j at {settings.uri} refused user")
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["neo4j", "pull", "--name", "nope", "--out", str(tmp_path / "x")])
    assert result.exit_code == 3


def _relabelled(model: Model) -> Model:
    first = model.units[0]
    units = [
        first.model_copy(update={"label": first.label.model_copy(update={"sv": "Omdöpt enhet"})}),
        *model.units[1:],
    ]
    return Model(meta=model.meta, collections={**model.collections, "units": units})


def test_pull_never_returns_a_build_removed_while_it_was_read(driver, bundled, monkeypatch):
    # a push under the same name moves the pointer, then removes the old build: a pull
    # reading the old build's nodes meanwhile would get part of a model, or none of it
    store.push(driver, build_graph(bundled), "shared")
    changed = _relabelled(bundled)
    real, calls = store._nodes, []

    def nodes_while_pushed(tx, build):
        calls.append(build)
        if len(calls) == 1:
            store.push(driver, build_graph(changed), "shared")
        return real(tx, build)

    monkeypatch.setattr(store, "_nodes", nodes_while_pushed)
    pulled = store.pull(driver, "shared")
    assert len(calls) == 2 and calls[0] != calls[1]
    assert _norm(pulled) == _norm(changed)


def test_the_work_of_a_push_does_not_grow_with_the_pushes_before_it(driver, bundled):
    """Database hits of every query of a push (PROFILE), which no load on the machine
    changes: the fifth re-push of changed content does what the first did."""
    work = []
    for version in ("0.2", "0.3", "0.4", "0.5", "0.6", "0.7"):
        G = build_graph(
            Model(meta=bundled.meta.model_copy(update={"version": version}), collections=bundled.collections)
        )
        counted = Work()
        store.push(cast(neo4j.Driver, Profiled(driver, counted)), G, "baseline")
        work.append(counted.db_hits)
    assert work[0] < work[1], "the first push removes no old build"
    assert max(work[1:]) <= 1.01 * min(work[1:])


def test_a_push_writes_with_the_collector_paused_and_freezes_nothing(driver, bundled, monkeypatch):
    """The cyclic collector is paused while a push writes its batches and is left as it was
    found: enabled, with nothing of the push frozen (what the driver leaves is collected)."""
    G = build_graph(bundled)
    enabled: list[bool] = []

    def spy(write):
        def spied(*args):
            enabled.append(gc.isenabled())
            return write(*args)

        return spied

    monkeypatch.setattr(store, "_create", spy(store._create))
    monkeypatch.setattr(store, "_relate", spy(store._relate))
    frozen = gc.get_freeze_count()
    result = store.push(driver, G, "paused")
    batches = sum(1 for rows in (*node_rows(G).values(), *edge_rows(G).values()) if rows)  # each under BATCH
    assert result.written and len(enabled) == batches
    assert not any(enabled) and gc.isenabled() and gc.get_freeze_count() == frozen


def test_rows_hold_every_node_and_edge_once_in_order(bundled):
    """Rows per kind: every node by id, every edge by (source, target), each once."""
    G = build_graph(bundled)
    nodes, edges = node_rows(G), edge_rows(G)
    node_ids = [row["id"] for rows in nodes.values() for row in rows]
    assert sorted(node_ids) == sorted(G.nodes) and all(
        [r["id"] for r in rows] == sorted(r["id"] for r in rows) for rows in nodes.values()
    )
    listed = [(row["s"], row["t"], kind, row["order"]) for kind, rows in edges.items() for row in rows]
    assert sorted(listed, key=lambda e: e[:3]) == sorted(
        ((s, t, k, d.get("order")) for s, t, k, d in G.edges(keys=True, data=True)), key=lambda e: e[:3]
    )
    assert all([(r["s"], r["t"]) for r in rows] == sorted((r["s"], r["t"]) for r in rows) for rows in edges.values())
