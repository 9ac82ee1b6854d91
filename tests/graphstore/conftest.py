"""A real Neo4j server on loopback for the store tests, started once and stopped at the end."""

from __future__ import annotations

import pytest

from pathways.graphstore.connection import Settings, connect
from tests.neo4j_server.server import Neo4jTestServer


@pytest.fixture(scope="session")
def neo4j_server():
    with Neo4jTestServer() as server:
        yield server


@pytest.fixture()
def settings(neo4j_server) -> Settings:
    return Settings(uri=neo4j_server.uri, username=neo4j_server.user, password=neo4j_server.password, timeout=20)


@pytest.fixture()
def driver(settings):
    with connect(settings) as d:
        with d.session() as s:
            s.run("MATCH (n) DETACH DELETE n").consume()
        yield d
