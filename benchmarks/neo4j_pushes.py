"""Consecutive pushes of changed content under one name to the project's Neo4j test server.

    .venv/bin/python benchmarks/neo4j_pushes.py MODEL_DIR [--pushes 10] [--out results-neo4j.json]

Starts ``tests/neo4j_server`` (a real Neo4j 5 on loopback, a fresh store), then pushes
the model ``--pushes`` times under one name, each time with another ``version`` in its
header (so another build), and reports each push's time, the ratio to the first, the
nodes on the store after it (only the last build should be left) and the size on disk
of the store and, apart, of its transaction logs (which Neo4j keeps by its own
retention policy, ``db.tx_log.rotation.retention_policy``, whatever pathways deletes).
"""

from __future__ import annotations

import argparse
import json
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


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024 / 1024


def pushes(model_dir: str, count: int) -> dict:
    """Push ``count`` changed versions under one name; the measurements."""
    model = load_model(model_dir)
    rows = []
    with Neo4jTestServer() as server:
        settings = Settings(uri=server.uri, username=server.user, password=server.password, timeout=60)
        with connect(settings) as driver:
            for number in range(count):
                meta = model.meta.model_copy(update={"version": f"{model.meta.version}-bench{number}"})
                G = build_graph(Model(meta=meta, collections=model.collections, root=model.root))
                start = time.perf_counter()
                result = push(driver, G, "bench")
                seconds = time.perf_counter() - start
                with driver.session() as s:
                    on_store = s.run("MATCH (n:Pw) RETURN count(n) AS c").single()["c"]
                rows.append(
                    {
                        "push": number + 1,
                        "seconds": round(seconds, 2),
                        "nodes": result.nodes,
                        "relationships": result.relationships,
                        "nodes_on_store": on_store,
                        "store_mb": round(_size_mb(server.data_dir / "data" / "databases" / "neo4j"), 1),
                        "tx_logs_mb": round(_size_mb(server.data_dir / "data" / "transactions" / "neo4j"), 1),
                    }
                )
                print(json.dumps(rows[-1]), flush=True)
    first = rows[0]["seconds"]
    for row in rows:
        row["ratio_to_first"] = round(row["seconds"] / first, 2)
    return {"model": model_dir, "pushes": rows, "max_ratio": max(r["ratio_to_first"] for r in rows)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model_dir")
    parser.add_argument("--pushes", type=int, default=10)
    parser.add_argument("--out", type=Path, default=None)
    a = parser.parse_args()
    result = pushes(a.model_dir, a.pushes)
    print(f"max ratio to the first push: {result['max_ratio']}")
    if a.out:
        a.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
