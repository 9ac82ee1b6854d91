"""What the Neo4j test server holds and has done, read between pushes: its JVM's collections
and JIT time and live heap (JMX, ``jcmd``), the sizes of its store's files, and the name of
its threads that run the queries (for :func:`proc_cpu.threads_cpu`)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import neo4j
from tests.neo4j_server.server import Neo4jTestServer

__all__ = ["BOLT", "ID_BUFFER", "jvm_counters", "live_heap_mb", "size_mb"]

BOLT = "neo4j.Bolt"
"""The name of the server's threads that run the queries (Bolt's workers and network threads);
all its others are housekeeping: checkpoints, page cache, JIT compilers, collector, log
rotation and pruning, index sampling."""
ID_BUFFER = "id-buffer.tmp.*"
"""Neo4j's queue of freed record ids, waiting until no transaction can see them: written in
segments of 50 MiB, each deleted once read (``DiskBufferedIds``), apart from the records."""


def size_mb(folder: Path, pattern: str = "*", but: str | None = None) -> float:
    files = [p for p in folder.rglob(pattern) if p.is_file() and not (but and p.match(but))]
    return sum(p.stat().st_size for p in files) / 1024 / 1024


JVM = (
    "CALL dbms.queryJmx('java.lang:*') YIELD name, attributes "
    "WHERE name ENDS WITH 'type=GarbageCollector' OR name = 'java.lang:type=Compilation' "
    "RETURN sum(attributes.CollectionCount.value) AS gcs, sum(attributes.CollectionTime.value) AS gc_ms, "
    "sum(attributes.TotalCompilationTime.value) AS jit_ms"
)
"""The server JVM's collections and their time, and its JIT compilers' time, so far (JMX)."""


def jvm_counters(driver: neo4j.Driver) -> dict:
    with driver.session() as s:
        return s.run(JVM).single().data()


HEAP = (
    "CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
    "RETURN attributes.HeapMemoryUsage.value.properties.used AS used"
)
"""The bytes the server's heap holds (JMX): after a full collection, what is live."""


def live_heap_mb(server: Neo4jTestServer, driver: neo4j.Driver) -> float | None:
    """A full collection of the server's heap (``jcmd PID GC.run``, as ``System.gc()``), then
    the heap's size in MiB: what the store holds live, which grows if a push leaves state
    behind. Without a JDK's ``jcmd``, None and no collection."""
    jcmd = shutil.which("jcmd")
    if jcmd is None or server.pid is None:
        return None
    subprocess.run([jcmd, str(server.pid), "GC.run"], check=True, capture_output=True, timeout=120)
    with driver.session() as s:
        return round(s.run(HEAP).single()["used"] / 1024 / 1024, 1)
