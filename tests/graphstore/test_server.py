"""The test server itself: Bolt on loopback, queries with parameters, and auth enforced."""

from __future__ import annotations

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from tests.neo4j_server.server import Neo4jServerError


def test_server_accepts_queries_and_enforces_auth(neo4j_server):
    assert neo4j_server.running
    assert neo4j_server.uri == f"bolt://127.0.0.1:{neo4j_server.port}"
    with GraphDatabase.driver(neo4j_server.uri, auth=neo4j_server.auth) as driver:
        records, _, _ = driver.execute_query("CREATE (n:T {v: $v}) RETURN n.v AS v", v="héllo-42")
        assert [r["v"] for r in records] == ["héllo-42"]
        driver.execute_query("MATCH (n:T) DELETE n")
    with (
        GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, "wrong-password")) as driver,
        pytest.raises(AuthError),
    ):
        driver.verify_connectivity()


def test_a_dynamic_setting_changes_while_the_server_runs(neo4j_server, settings):
    def value() -> str:
        with GraphDatabase.driver(neo4j_server.uri, auth=neo4j_server.auth) as driver:
            records, _, _ = driver.execute_query(
                "SHOW SETTINGS YIELD name, value WHERE name = 'db.memory.transaction.max' RETURN value"
            )
            return records[0]["value"]

    default = value()
    neo4j_server.set_dynamic("db.memory.transaction.max", "16MiB")
    try:
        assert value() != default
    finally:
        neo4j_server.set_dynamic("db.memory.transaction.max")
    assert value() == default
    with pytest.raises(Neo4jServerError, match=r"server\.memory\.pagecache\.size"):
        neo4j_server.set_dynamic("server.memory.pagecache.size", "1GiB")


def test_a_checkpoint_prunes_the_transaction_logs_by_their_retention_policy(neo4j_server, driver):
    logs = neo4j_server.data_dir / "data" / "transactions" / "neo4j"

    def files() -> int:
        return len(list(logs.glob("neostore.transaction.db.*")))

    neo4j_server.set_dynamic("db.tx_log.rotation.size", "128KiB")
    neo4j_server.set_dynamic("db.tx_log.rotation.retention_policy", "1 files")
    try:
        for _ in range(6):  # each transaction fills a log file of 128 KiB, and the next commit rotates
            driver.execute_query("UNWIND range(1, 200) AS i CREATE (:T {v: $v})", v="x" * 1000)
        written = files()
        neo4j_server.checkpoint()
        assert written >= 4
        assert files() < written
    finally:
        neo4j_server.set_dynamic("db.tx_log.rotation.size")
        neo4j_server.set_dynamic("db.tx_log.rotation.retention_policy")
