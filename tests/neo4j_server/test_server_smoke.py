"""Smoke test for the embedded Neo4j test server (to be replaced by the real fixture)."""

import importlib.util
import sys
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError


def _load_server_module():
    # Loaded by path under a unique name: works whatever pytest's import mode is.
    name = "pathways_tests_neo4j_server"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("server.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def test_server_starts_accepts_queries_and_enforces_auth():
    server = _load_server_module().Neo4jTestServer()
    server.start()
    try:
        assert server.uri == f"bolt://127.0.0.1:{server.port}"
        with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
            records, _, _ = driver.execute_query("CREATE (n:T {v: $v}) RETURN n.v AS v", v="héllo-42")
            assert [r["v"] for r in records] == ["héllo-42"]

        with (
            GraphDatabase.driver(server.uri, auth=(server.user, "wrong-password")) as driver,
            pytest.raises(AuthError),
        ):
            driver.verify_connectivity()
    finally:
        server.stop()
    assert not server.running
