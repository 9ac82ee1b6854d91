"""Consecutive re-pushes of changed content under one name to the project's Neo4j test server.

    .venv/bin/python benchmarks/neo4j_pushes.py MODEL_DIR [--pushes 10] [--settle 0.10] [--max-warm-up 12] [--out results-neo4j.json]

Starts ``tests/neo4j_server`` (a real Neo4j 5 on loopback, a fresh store) and pushes the
model under one name, each push with another ``version`` in its header (so another build,
which replaces the one before). The first pushes are warm-ups: the first one writes to an
empty store, and the server's code and query plans warm up push after push (measured
idle: 9.9, 4.1, 4.0, 3.3, ... 1.9 s), so the first of a series on a cold server is no
steady state to compare with. Warm-ups go on until three in a row are within ``--settle``
of each other (10 %) in CPU time of client and server together (two in a row were not
enough: the series after them still got 30 % faster), at most ``--max-warm-up``; then
``--pushes`` measured pushes.

Reported per measured push: wall and CPU time (this process and the server's together:
the part a shared machine's load does not inflate), each as a ratio to the first measured
push; the nodes and builds on the store after it (only the last build should be left:
the one before is removed in batches after the swap), and the size on disk of the store's
records and indexes (and of the indexes alone: their freed pages are reused after Neo4j's
next checkpoint, every 15 minutes by default); apart, of Neo4j's buffer of freed record ids (``id-buffer.tmp.*``: it
grows by the records each push frees, in segments of 50 MiB that Neo4j deletes once the
ids are reused) and of the transaction logs (which Neo4j keeps by its own retention policy,
``db.tx_log.rotation.retention_policy``, whatever pathways deletes). Over the series:
the trend, the least-squares slope in per cent of the mean per push, of wall and of CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import neo4j  # noqa: E402
from tests.neo4j_server.server import Neo4jTestServer  # noqa: E402

from pathways.graph.build import build_graph  # noqa: E402
from pathways.graphstore.connection import Settings, connect  # noqa: E402
from pathways.graphstore.store import push  # noqa: E402
from pathways.model.load import load_model  # noqa: E402
from pathways.model.model import Model  # noqa: E402

NAME = "bench"
ID_BUFFER = "id-buffer.tmp.*"
"""Neo4j's queue of freed record ids, waiting until no transaction can see them: written in
segments of 50 MiB, each deleted once read (``DiskBufferedIds``), apart from the records."""


def _server_cpu(pid: int | None) -> float:
    """User + system CPU seconds of the server process so far (all its threads), from /proc."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _size_mb(folder: Path, pattern: str = "*", but: str | None = None) -> float:
    files = [p for p in folder.rglob(pattern) if p.is_file() and not (but and p.match(but))]
    return sum(p.stat().st_size for p in files) / 1024 / 1024


def _trend(times: list[float]) -> float | None:
    """The least-squares slope of the times, per push, in per cent of their mean: whether
    pushes grow slower one after the other, apart from the scatter of a shared machine."""
    if len(times) < 2 or not statistics.fmean(times):
        return None
    slope = statistics.linear_regression(range(len(times)), times).slope
    return round(100 * slope / statistics.fmean(times), 1)


class Series:
    """Pushes of one model under one name, each a new version, on one server."""

    def __init__(self, model: Model, server: Neo4jTestServer, driver: neo4j.Driver) -> None:
        self.model, self.server, self.driver = model, server, driver
        self.number = 0

    def push(self) -> dict:
        """One push of a changed version: its wall and CPU time, and the store after it."""
        meta = self.model.meta.model_copy(update={"version": f"{self.model.meta.version}-bench{self.number}"})
        self.number += 1
        G = build_graph(Model(meta=meta, collections=self.model.collections, root=self.model.root))
        start, cpu = time.perf_counter(), time.process_time() + _server_cpu(self.server.pid)
        result = push(self.driver, G, NAME)
        seconds = time.perf_counter() - start
        cpu = time.process_time() + _server_cpu(self.server.pid) - cpu
        with self.driver.session() as s:
            on_store = s.run("MATCH (n:Pw) RETURN count(n) AS n, count(DISTINCT n.build) AS builds").single()
        data = self.server.data_dir / "data"
        store = data / "databases" / "neo4j"
        return {
            "seconds": round(seconds, 2),
            "cpu": round(cpu, 2),
            "nodes": result.nodes,
            "relationships": result.relationships,
            "nodes_on_store": on_store["n"],
            "builds_on_store": on_store["builds"],
            "store_mb": round(_size_mb(store, but=ID_BUFFER), 1),
            "index_mb": round(_size_mb(store / "schema"), 1),
            "id_buffer_mb": round(_size_mb(store, ID_BUFFER), 1),
            "tx_logs_mb": round(_size_mb(data / "transactions" / "neo4j"), 1),
        }


SETTLED = 3
"""Warm-up pushes in a row whose CPU times must agree within ``--settle``."""


def settled(done: list[dict], settle: float) -> bool:
    """Whether the last :data:`SETTLED` pushes' CPU times are within ``settle`` of each other."""
    last = [d["cpu"] for d in done[-SETTLED:]]
    return len(last) == SETTLED and max(last) <= (1 + settle) * min(last)


def warm_up(series: Series, settle: float, most: int) -> list[dict]:
    """Push until :data:`SETTLED` pushes in a row agree within ``settle`` in CPU time, at most ``most`` pushes."""
    done: list[dict] = []
    while len(done) < most and not settled(done, settle):
        done.append(series.push())
    return done


def pushes(model_dir: str, count: int, settle: float = 0.10, most_warm_up: int = 12) -> dict:
    """Warm the server up, then push ``count`` changed versions under one name; the measurements."""
    model = load_model(model_dir)
    with Neo4jTestServer() as server:
        settings = Settings(uri=server.uri, username=server.user, password=server.password, timeout=60)
        with connect(settings) as driver:
            series = Series(model, server, driver)
            warm = warm_up(series, settle, most_warm_up)
            rows = []
            for number in range(1, count + 1):
                rows.append({"push": number, **series.push()})
                print(json.dumps(rows[-1]), flush=True)
    first, first_cpu = rows[0]["seconds"], rows[0]["cpu"]
    for row in rows:
        row["ratio_to_first"] = round(row["seconds"] / first, 2)
        row["cpu_ratio_to_first"] = round(row["cpu"] / first_cpu, 2) if first_cpu else None
    cpu_ratios = [r["cpu_ratio_to_first"] for r in rows]
    return {
        "model": model_dir,
        "warm_up": [w["seconds"] for w in warm],
        "warm_up_cpu": [w["cpu"] for w in warm],
        "settled": len(warm) < most_warm_up or abs(warm[-1]["cpu"] - warm[-2]["cpu"]) <= settle * warm[-2]["cpu"],
        "pushes": rows,
        "max_ratio": max(r["ratio_to_first"] for r in rows),
        "min_ratio": min(r["ratio_to_first"] for r in rows),
        "cpu_ratios": cpu_ratios,
        "trend_percent": _trend([r["seconds"] for r in rows]),
        "cpu_trend_percent": _trend([r["cpu"] for r in rows]),
        "builds_on_store": max(r["builds_on_store"] for r in rows),
        "store_mb": [r["store_mb"] for r in rows],
        "index_mb": [r["index_mb"] for r in rows],
        "id_buffer_mb": [r["id_buffer_mb"] for r in rows],
        "tx_logs_mb": [r["tx_logs_mb"] for r in rows],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model_dir")
    parser.add_argument("--pushes", type=int, default=10)
    parser.add_argument("--settle", type=float, default=0.10, help="Warm-up ends when two pushes are this close.")
    parser.add_argument("--max-warm-up", type=int, default=12)
    parser.add_argument("--out", type=Path, default=None)
    a = parser.parse_args()
    result = pushes(a.model_dir, a.pushes, a.settle, a.max_warm_up)
    print(
        f"after {len(result['warm_up'])} warm-ups {result['warm_up']} s: ratio to the first measured push "
        f"{result['min_ratio']} to {result['max_ratio']} (CPU {min(result['cpu_ratios'])} to "
        f"{max(result['cpu_ratios'])}); trend {result['trend_percent']} % per push (CPU {result['cpu_trend_percent']} %)"
    )
    if a.out:
        a.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
