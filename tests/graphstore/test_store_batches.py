"""Old builds leave the store in batches: a server that caps a transaction's memory still takes re-pushes."""

from __future__ import annotations

import pytest
from neo4j.exceptions import TransientError

from pathways.graph.build import build_graph
from pathways.graphstore import store
from pathways.graphstore.connection import connect
from pathways.model.load import load_model
from pathways.model.model import Model
from pathways.synth import synthesize, write_synth
from tests.graphstore.conftest import empty

LIMIT = "16MiB"
"""Removing the synthetic model's build (1,691 nodes, 12,686 relationships) in one transaction needs more."""


@pytest.fixture()
def limited(neo4j_server, settings):
    """The session's server, its transactions allowed at most ``LIMIT`` while the test runs."""
    neo4j_server.set_dynamic("db.memory.transaction.max", LIMIT)
    yield settings
    neo4j_server.set_dynamic("db.memory.transaction.max")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Model:
    out = tmp_path_factory.mktemp("synth")
    write_synth(synthesize(2, 10, 0), out, scenarios=False)
    return load_model(out)


def _version(model: Model, version: str):
    return build_graph(Model(meta=model.meta.model_copy(update={"version": version}), collections=model.collections))


def _builds(driver) -> dict[str, int]:
    with driver.session() as s:
        return {r["b"]: r["n"] for r in s.run("MATCH (n:Pw) RETURN n.build AS b, count(n) AS n")}


def test_old_builds_are_removed_in_batches_that_fit_a_transaction_limit(limited, synthetic, monkeypatch):
    monkeypatch.setattr(store, "BATCH", 500)
    monkeypatch.setattr(store, "DELETE_BATCH", 100)
    with connect(limited) as driver:
        empty(driver)
        first = store.push(driver, _version(synthetic, "1"), "baseline")
        assert first.nodes > 10 * store.DELETE_BATCH
        with driver.session() as s, pytest.raises(TransientError):
            s.run("MATCH (n:Pw {build: $b}) DETACH DELETE n", b=first.build).consume()
        assert _builds(driver) == {first.build: first.nodes}

        second = store.push(driver, _version(synthetic, "2"), "baseline")
        assert _builds(driver) == {second.build: second.nodes}

        monkeypatch.setattr(store, "DELETE_BATCH", 10 * second.nodes)
        with pytest.raises(TransientError):
            store.push(driver, _version(synthetic, "3"), "baseline")
        (version,) = store.versions(driver)
        assert store.pull(driver, "baseline").meta.version == "3"
        assert set(_builds(driver)) == {second.build, version["build"]}
