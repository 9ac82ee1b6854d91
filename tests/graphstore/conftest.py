"""One real Neo4j server on loopback for every store test, started once and stopped at the end."""

from __future__ import annotations

import pytest

from pathways.graphstore.connection import Settings, connect
from tests.neo4j_server.server import Neo4jTestServer


@pytest.fixture(scope="session")
def neo4j_server():
    with Neo4jTestServer() as server:
        yield server
    assert not server.running, "the server stops with the session"


@pytest.fixture()
def settings(neo4j_server) -> Settings:
    return Settings(uri=neo4j_server.uri, username=neo4j_server.user, password=neo4j_server.password, timeout=20)


def empty(driver) -> None:
    """Remove everything from the store, a thousand nodes per transaction."""
    with driver.session() as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS").consume()


@pytest.fixture()
def driver(settings):
    with connect(settings) as d:
        empty(d)
        yield d
