"""Is each of catchments, PW114 and PW115 linear? Times them at several scales, with ratios.

    .venv/bin/python benchmarks/linear.py DIR_1x DIR_2x DIR_4x [--repeat 9]

Each directory is a model (``pathways synth --regions 21 --municipalities 290``, twice,
four times that). Each function runs ``--repeat`` times on a loaded model with the
garbage collector paused; the least CPU time is kept (on a shared machine the least is
the one least disturbed). A function is linear in the measured sense when doubling the
model multiplies its time by at most 2.2.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

import networkx as nx

from pathways.analysis.coverage import catchments
from pathways.analysis.handover_graph import build_index
from pathways.gaps.core import Context
from pathways.gaps.rules import all_rules
from pathways.model.load import load_model

LIMIT = 2.2


def timings(model_dir: str, repeat: int) -> dict[str, float]:
    model = load_model(model_dir)
    rules = {r.code: r for r in all_rules()}
    ctx = Context(model, nx.MultiDiGraph())
    ctx.space  # noqa: B018 - shared by the rules, built before the clock starts
    work = {
        "catchments": lambda: catchments(model),
        "handover index": lambda: build_index(model),
        "PW114": lambda: list(rules["PW114"].check(ctx)),
        "PW115": lambda: list(rules["PW115"].check(ctx)),
    }
    gc.disable()
    best = {}
    for name, run in work.items():
        run()
        times = []
        for _ in range(repeat):
            start = time.process_time()
            run()
            times.append(time.process_time() - start)
        best[name] = min(times)
    gc.enable()
    return {"units": len(model.units), "handovers": len(model.handovers), **best}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="+")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--out", type=Path, help="Also write the table here (Markdown), with the machine's load.")
    a = parser.parse_args()
    before = os.getloadavg()
    rows = [timings(d, a.repeat) for d in a.dirs]
    names = [k for k in rows[0] if k not in ("units", "handovers")]
    lines = []
    add = lines.append
    add("| function | " + " | ".join(f"{r['units']} units, {r['handovers']} handovers" for r in rows) + " | ratios |")
    add("|---|" + "---:|" * len(rows) + "---|")
    for name in names:
        ratios = [rows[i + 1][name] / rows[i][name] for i in range(len(rows) - 1)]
        verdict = "linear" if all(r <= LIMIT for r in ratios) else f"**above {LIMIT}x**"
        cells = " | ".join(f"{r[name] * 1000:.1f} ms" for r in rows)
        add(f"| {name} | {cells} | {', '.join(f'{r:.2f}x' for r in ratios)} ({verdict}) |")
    after = os.getloadavg()
    load = (
        f"Load average (1, 5, 15 min) before: {', '.join(f'{x:.1f}' for x in before)}; after: "
        f"{', '.join(f'{x:.1f}' for x in after)}; {os.cpu_count()} cores (shared: a load above that slows every run)."
    )
    text = "\n".join(lines) + "\n\n" + load + "\n"
    sys.stdout.write(text)
    if a.out:
        header = (
            "# Linear in the measured sense\n\nWritten by `benchmarks/linear.py` (least CPU time of repeated runs).\n\n"
        )
        a.out.write_text(header + text, encoding="utf-8")


if __name__ == "__main__":
    main()
