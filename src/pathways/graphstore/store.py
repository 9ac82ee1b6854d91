"""Push a graph into Neo4j as a named version, read it back, and query it read-only.

A push writes a *build* (every node tagged with the build id, a content hash; a
relationship belongs to the build of its ends) in batches, after removing any partial
build an interrupted push left, then in one transaction points the version's
``PwVersion {name}`` node at it, then deletes builds no version points at. A build's
``PwBuild`` marker is written first (``complete: false``) and completed last, so every
build on the store, partial or not, is found by its marker, and removed through the
index on ``build`` in transactions of :data:`DELETE_BATCH` nodes: ten pushes of changed content under
one name leave one build, and each push costs the same. Readers
follow the pointer, so they see the previous complete version until the swap; a push
that dies half-way leaves only an unreferenced partial build, which the next push
removes. Pushing the same model again finds its build complete and writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import neo4j
import networkx as nx
from pydantic import ValidationError

from pathways.graph.kinds import NODE_KINDS
from pathways.graphstore.connection import StoreError
from pathways.graphstore.mapping import NODE_LABEL, build_id, edge_rows, node_rows
from pathways.model.model import Model
from pathways.model.schema import COLLECTIONS, Meta
from pathways.perf import paused_gc

BATCH = 10000
"""Nodes or relationships written per transaction."""
DELETE_BATCH = 5000
"""Nodes (with their relationships) removed per transaction when a build goes."""

SCHEMA = (
    f"CREATE CONSTRAINT pw_build_id IF NOT EXISTS FOR (n:{NODE_LABEL}) REQUIRE (n.build, n.id) IS UNIQUE",
    "CREATE CONSTRAINT pw_version_name IF NOT EXISTS FOR (v:PwVersion) REQUIRE v.name IS UNIQUE",
    "CREATE CONSTRAINT pw_build_marker IF NOT EXISTS FOR (b:PwBuild) REQUIRE b.build IS UNIQUE",
    f"CREATE INDEX pw_node_build IF NOT EXISTS FOR (n:{NODE_LABEL}) ON (n.build)",
)

Progress = Callable[[int, int], None]
T = TypeVar("T")


@dataclass(frozen=True)
class PushResult:
    name: str
    build: str
    nodes: int
    relationships: int
    written: bool


def _create(tx: neo4j.ManagedTransaction, query: str, rows: list[dict], build: str) -> list[tuple[str, str]]:
    """Create a batch of nodes; (model id, the server's element id) of each."""
    return [(r["id"], r["eid"]) for r in tx.run(query, rows=rows, build=build)]


def _relate(tx: neo4j.ManagedTransaction, query: str, rows: list[dict]) -> None:
    """Create a batch of relationships between nodes given by element id."""
    tx.run(query, rows=rows).consume()


def session_of(driver: neo4j.Driver, database: str | None) -> neo4j.Session:
    return driver.session(database=database) if database else driver.session()


def ensure_schema(driver: neo4j.Driver, database: str | None = None) -> None:
    """Create the constraints a push relies on (idempotent)."""
    with session_of(driver, database) as session:
        for statement in SCHEMA:
            session.run(statement).consume()


def _delete_build(session: neo4j.Session, build: str) -> None:
    """Remove one build's nodes and relationships, :data:`DELETE_BATCH` nodes a transaction, then its marker."""
    session.run(
        f"MATCH (n:{NODE_LABEL} {{build: $build}}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF $batch ROWS",
        build=build,
        batch=DELETE_BATCH,
    ).consume()
    session.run("MATCH (b:PwBuild {build: $build}) DELETE b", build=build).consume()


def _delete_unreferenced(session: neo4j.Session, keep: str) -> None:
    """Remove every build that no version points at, except ``keep``, one build at a time.

    Each build has its marker from the start of its push, so the dead ones are found
    among the markers, and each one's nodes through the index on ``build``: the cost is
    that of the builds removed, not of the whole store.
    """
    dead = session.run(
        "MATCH (v:PwVersion) WITH collect(v.build) + [$keep] AS live "
        "MATCH (b:PwBuild) WHERE NOT b.build IN live RETURN b.build AS build",
        keep=keep,
    ).value("build")
    for build in dead:
        _delete_build(session, build)


def _write_build(
    session: neo4j.Session,
    build: str,
    rows: tuple[dict[str, list[dict]], dict[str, list[dict]]],
    progress: Progress | None,
) -> None:
    """Write the build's nodes, then its relationships, :data:`BATCH` a transaction."""
    nodes, edges = rows
    total, done = sum(len(r) for r in (*nodes.values(), *edges.values())), 0
    element_ids: dict[str, str] = {}
    for kind, kind_rows in nodes.items():
        label = NODE_KINDS[kind][1]
        query = (
            f"UNWIND $rows AS row CREATE (n:{NODE_LABEL}:{label}) SET n = row.props, n.build = $build "
            "RETURN row.id AS id, elementId(n) AS eid"
        )
        for start in range(0, len(kind_rows), BATCH):
            batch = kind_rows[start : start + BATCH]
            element_ids.update(session.execute_write(_create, query, batch, build))
            done += len(batch)
            if progress:
                progress(done, total)
    for kind, kind_rows in edges.items():
        ordered = any(row["order"] is not None for row in kind_rows)
        query = (
            "UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.s "
            "MATCH (b) WHERE elementId(b) = row.t "
            f"CREATE (a)-[r:{kind}]->(b)" + (" SET r.order = row.order" if ordered else "")
        )
        for start in range(0, len(kind_rows), BATCH):
            batch = [
                {"s": element_ids[row["s"]], "t": element_ids[row["t"]], "order": row["order"]}
                for row in kind_rows[start : start + BATCH]
            ]
            session.execute_write(_relate, query, batch)
            done += len(batch)
            if progress:
                progress(done, total)


def push(
    driver: neo4j.Driver,
    G: nx.MultiDiGraph,
    name: str,
    database: str | None = None,
    progress: Progress | None = None,
) -> PushResult:
    """Write ``G`` as version ``name``; all or nothing for readers (write, then swap).

    The cyclic garbage collector is paused meanwhile: the rows and the driver's records are
    acyclic and die with the push, and the collections their allocation set off (about a
    hundred a push of one region, one of them of everything the process holds) took a
    quarter of the client's time, more or less from push to push.
    """
    with paused_gc(freeze=False):
        nodes, edges = node_rows(G), edge_rows(G)
        build = build_id(G.graph["meta"], nodes, edges)
        n_nodes = sum(len(r) for r in nodes.values())
        n_edges = sum(len(r) for r in edges.values())
        ensure_schema(driver, database)
        with session_of(driver, database) as session:
            complete = session.run(
                "MATCH (b:PwBuild {build: $build}) RETURN b.complete AS complete", build=build
            ).single()
            written = not (complete and complete["complete"])
            if written:
                if complete is not None:
                    _delete_build(session, build)
                session.run("CREATE (b:PwBuild {build: $build, complete: false})", build=build).consume()
                _delete_unreferenced(session, keep=build)
                _write_build(session, build, (nodes, edges), progress)
                session.execute_write(
                    lambda tx: tx.run(
                        "MATCH (b:PwBuild {build: $build}) SET b.complete = true, b.nodes = $n, b.relationships = $r",
                        build=build,
                        n=n_nodes,
                        r=n_edges,
                    ).consume()
                )
            session.execute_write(
                lambda tx: tx.run(
                    "MERGE (v:PwVersion {name: $name}) "
                    "SET v.build = $build, v.meta = $meta, v.nodes = $n, v.relationships = $r, "
                    "v.pushed_at = datetime()",
                    name=name,
                    build=build,
                    meta=json.dumps(G.graph["meta"], ensure_ascii=False, sort_keys=True),
                    n=n_nodes,
                    r=n_edges,
                ).consume()
            )
            _delete_unreferenced(session, keep=build)
    if progress and not written:
        progress(n_nodes + n_edges, n_nodes + n_edges)
    return PushResult(name, build, n_nodes, n_edges, written)


class VersionNotFound(LookupError):
    pass


def versions(driver: neo4j.Driver, database: str | None = None) -> list[dict]:
    """The named versions in the store, by name."""
    with session_of(driver, database) as session:
        return session.execute_read(
            lambda tx: [
                r.data()
                for r in tx.run(
                    "MATCH (v:PwVersion) RETURN v.name AS name, v.build AS build, v.nodes AS nodes, "
                    "v.relationships AS relationships, toString(v.pushed_at) AS pushed_at ORDER BY name"
                )
            ]
        )


def pointer(tx: neo4j.ManagedTransaction, name: str) -> tuple[str, str] | None:
    """(build, meta) that version ``name`` points at, or None."""
    version = tx.run("MATCH (v:PwVersion {name: $name}) RETURN v.build AS build, v.meta AS meta", name=name).single()
    return None if version is None else (version["build"], version["meta"])


def read_consistently(session: neo4j.Session, name: str, read: Callable[[tuple[str, str]], T], what: str) -> T:
    """``read(pointer)`` of version ``name``, from one build only.

    Neo4j reads at *read committed*, and a push that moves the version starts removing the
    old build: what is read meanwhile could be part of it only. So the pointer is read
    before and after, and the read is repeated (up to three times) when it moved.
    """
    for _ in range(3):
        before = session.execute_read(pointer, name)
        if before is None:
            raise VersionNotFound(name)
        result = read(before)
        if session.execute_read(pointer, name) == before:
            return result
    raise StoreError(f"version '{name}' changed three times while {what}; run again")


def model_of(meta: str, elements: list[tuple[str, str]]) -> Model:
    """A model (or the slice of one) of stored ``(node_kind, props)`` elements; collections in
    id order (the store keeps no other). A node that is no pathways element raises ValueError,
    KeyError or ValidationError."""
    collections: dict[str, list] = {c: [] for c in COLLECTIONS}
    for kind, props in elements:
        collection = NODE_KINDS[kind][0]
        if collection:
            collections[collection].append(COLLECTIONS[collection].model_validate(json.loads(props)))
    for items in collections.values():
        items.sort(key=lambda e: e.id)
    return Model(meta=Meta.model_validate(json.loads(meta)), collections=collections)


def _nodes(tx: neo4j.ManagedTransaction, build: str) -> list[tuple[str, str]]:
    rows = tx.run(
        f"MATCH (n:{NODE_LABEL} {{build: $build}}) RETURN n.node_kind AS kind, n.props AS props ORDER BY n.id",
        build=build,
    )
    return [(r["kind"], r["props"]) for r in rows]


def pull(driver: neo4j.Driver, name: str, database: str | None = None) -> Model:
    """Read version ``name`` back as a model (the nodes' verbatim ``props``), from one build
    (:func:`read_consistently`)."""
    with session_of(driver, database) as session:
        meta, rows = read_consistently(
            session, name, lambda at: (at[1], session.execute_read(_nodes, at[0])), "it was read"
        )
    try:
        return model_of(meta, rows)
    except (ValidationError, ValueError, KeyError) as exc:
        raise StoreError(f"version '{name}' in the store is not a pathways model: {str(exc).splitlines()[0]}") from None


def query(driver: neo4j.Driver, cypher: str, params: dict, database: str | None = None) -> tuple[list[str], list[dict]]:
    """Run a read-only query (a READ transaction: the server refuses writes); keys and rows."""

    def work(tx: neo4j.ManagedTransaction):
        result = tx.run(cypher, params)
        records = [r.data() for r in result]
        return list(result.keys()), records

    with session_of(driver, database) as session:
        return session.execute_read(work)
