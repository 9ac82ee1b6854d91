"""Consecutive re-pushes of changed content under one name to the project's Neo4j test server.

    .venv/bin/python benchmarks/neo4j_pushes.py MODEL_DIR [--pushes 10] [--warm-up 2] [--out results-neo4j.json]

Starts ``tests/neo4j_server`` (a real Neo4j 5 on loopback, a fresh store), pushes the
model ``--warm-up`` times under one name (the first push writes to an empty store and
the server's code is cold: those are not what a re-push costs), then ``--pushes`` more
times, each with another ``version`` in its header (so another build, which replaces
the one before). Reports each measured push's time, its ratio to the first measured
one (wall, and CPU time of this process and the server's together: the part a shared
machine's load does not inflate), the nodes on the store after it (only the last build should be left) and the size
on disk of the store and, apart, of its transaction logs (which Neo4j keeps by its own
retention policy, ``db.tx_log.rotation.retention_policy``, whatever pathways deletes).
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

from tests.neo4j_server.server import Neo4jTestServer  # noqa: E402

from pathways.graph.build import build_graph  # noqa: E402
from pathways.graphstore.connection import Settings, connect  # noqa: E402
from pathways.graphstore.store import push  # noqa: E402
from pathways.model.load import load_model  # noqa: E402
from pathways.model.model import Model  # noqa: E402


def _server_cpu(pid: int | None) -> float:
    """User + system CPU seconds of the server process so far (all its threads), from /proc."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024 / 1024


def pushes(model_dir: str, count: int, warm_up: int = 2) -> dict:
    """Push ``warm_up`` then ``count`` changed versions under one name; the measurements of the ``count``."""
    model = load_model(model_dir)
    rows = []
    warm = []
    with Neo4jTestServer() as server:
        settings = Settings(uri=server.uri, username=server.user, password=server.password, timeout=60)
        with connect(settings) as driver:
            for number in range(warm_up + count):
                meta = model.meta.model_copy(update={"version": f"{model.meta.version}-bench{number}"})
                G = build_graph(Model(meta=meta, collections=model.collections, root=model.root))
                start, cpu = time.perf_counter(), time.process_time() + _server_cpu(server.pid)
                result = push(driver, G, "bench")
                seconds = time.perf_counter() - start
                cpu = time.process_time() + _server_cpu(server.pid) - cpu
                if number < warm_up:
                    warm.append(round(seconds, 2))
                    continue
                with driver.session() as s:
                    on_store = s.run("MATCH (n:Pw) RETURN count(n) AS c").single()["c"]
                rows.append(
                    {
                        "push": number + 1 - warm_up,
                        "seconds": round(seconds, 2),
                        "cpu": round(cpu, 2),
                        "nodes": result.nodes,
                        "relationships": result.relationships,
                        "nodes_on_store": on_store,
                        "store_mb": round(_size_mb(server.data_dir / "data" / "databases" / "neo4j"), 1),
                        "tx_logs_mb": round(_size_mb(server.data_dir / "data" / "transactions" / "neo4j"), 1),
                    }
                )
                print(json.dumps(rows[-1]), flush=True)
    first, first_cpu = rows[0]["seconds"], rows[0]["cpu"]
    for row in rows:
        row["ratio_to_first"] = round(row["seconds"] / first, 2)
        row["cpu_ratio_to_first"] = round(row["cpu"] / first_cpu, 2) if first_cpu else None
    return {
        "model": model_dir,
        "warm_up": warm,
        "pushes": rows,
        "max_ratio": max(r["ratio_to_first"] for r in rows),
        "min_ratio": min(r["ratio_to_first"] for r in rows),
        "cpu_ratios": [r["cpu_ratio_to_first"] for r in rows],
        "trend_percent": _trend([r["seconds"] for r in rows]),
        "cpu_trend_percent": _trend([r["cpu"] for r in rows]),
    }


def _trend(times: list[float]) -> float | None:
    """The least-squares slope of the times, per push, in per cent of their mean: whether
    pushes grow slower one after the other, apart from the scatter of a shared machine."""
    if len(times) < 2 or not statistics.fmean(times):
        return None
    slope = statistics.linear_regression(range(len(times)), times).slope
    return round(100 * slope / statistics.fmean(times), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model_dir")
    parser.add_argument("--pushes", type=int, default=10)
    parser.add_argument("--warm-up", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    a = parser.parse_args()
    result = pushes(a.model_dir, a.pushes, a.warm_up)
    print(f"ratio to the first measured push: {result['min_ratio']} to {result['max_ratio']}")
    if a.out:
        a.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
