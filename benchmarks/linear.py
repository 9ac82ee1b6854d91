"""Is each of catchments, PW114 and PW115 linear? Times them at several scales, with ratios.

    .venv/bin/python benchmarks/linear.py DIR_1x DIR_2x DIR_4x [--repeat 9] [--against CLONE]

Each directory is a model (``pathways synth --regions 21 --municipalities 290 --split
20000``, twice, four times that), loaded in a process of its own with the garbage
collector paused. Write every scale the same way: 4x national must be a folder per kind
(its handovers are 80 MB as one file), and a model read from a folder per kind leaves
its elements in a heap laid out otherwise than one read from one file (3-20 % slower at
the same size, ``benchmarks/LINEAR.md``), which a ratio between scales would count as
growth. Each function runs ``--repeat`` times on each model, the runs taken in turn
round the models, and the least CPU time is kept: on a shared machine the least is the
one least disturbed, and taking the scales in turn gives each the same disturbance to be
cut out. The clock stops when the function returns: freeing its result is not timed, as
an analysis frees it once, at its end. The handover index is timed with its first step,
the handover columns (:mod:`pathways.model.columns`, kept on the model once built):
they are dropped before each run. ``--against`` times another clone's code (its own
``.venv``) on the same models in the same turns, for an A/B in one run.
A function is linear in the measured sense when doubling the model multiplies its time
by at most 2.2. ``benchmarks/run.py`` calls :func:`interleaved` over its synthetic scales, after them all.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from pathways.analysis.coverage import catchments
from pathways.analysis.handover_graph import build_index
from pathways.gaps.core import Context
from pathways.gaps.rules import all_rules
from pathways.model.columns import handover_columns
from pathways.model.load import load_model

LIMIT = 2.2
NAMES = ("catchments", "handover index", "PW114", "PW115")
EXTRA = ("handover columns",)
"""Timed too, not goals: the columns, the index's first step (timed within it as well)."""


def prepared(model_dir: str) -> tuple[dict, dict[str, Callable[[], object]]]:
    """The model's size and the functions to time, each ready to run (the rules' shared profile space built)."""
    model = load_model(model_dir)
    rules = {r.code: r for r in all_rules()}
    ctx = Context(model, nx.MultiDiGraph())
    ctx.space  # noqa: B018 - shared by the rules, built before the clock starts

    def index() -> object:
        model.__dict__.pop("handover_columns", None)  # the columns are the index's own first step: timed with it
        return build_index(model)

    work = {
        "catchments": lambda: catchments(model),
        "handover index": index,
        "handover columns": lambda: handover_columns(model.handovers),
        "PW114": lambda: list(rules["PW114"].check(ctx)),
        "PW115": lambda: list(rules["PW115"].check(ctx)),
    }
    return {"units": len(model.units), "handovers": len(model.handovers)}, work


def once(run: Callable[[], object]) -> float:
    """CPU seconds of one run; the clock stops when the function returns (its result is freed after)."""
    start = time.process_time()
    result = run()
    seconds = time.process_time() - start
    del result
    return seconds


def serve(model_dir: str) -> None:
    """Load one model, then run the function named on each line of stdin once and print its CPU seconds."""
    size, work = prepared(model_dir)
    gc.disable()
    for run in work.values():
        run()
    print(json.dumps(size), flush=True)
    for line in sys.stdin:
        print(once(work[line.strip()]), flush=True)


def interleaved(dirs: list[str], repeat: int, against: Path | None = None) -> dict[str, list[dict[str, float]]]:
    """The least CPU time of ``repeat`` runs of each function on every model, a process per
    model (the garbage collector paused), their runs taken in turn.

    Each model is loaded in a process of its own (as ``benchmarks/run.py`` runs them: no
    scale on a heap another left), and the runs go round the models, one function at a
    time: on a shared machine each scale then sees the same disturbance, which the least
    of the runs cuts out, and the ratios compare like with like. With ``against`` (another
    clone of the project, with its own ``.venv``), its ``benchmarks/linear.py`` serves the
    same models too, in the same turns: the rows are keyed ``this`` and ``against``.
    """
    versions = {"this": [sys.executable, __file__]}
    if against is not None:
        versions["against"] = [str(against / ".venv" / "bin" / "python"), str(against / "benchmarks" / "linear.py")]
    procs = {
        (version, d): subprocess.Popen([*cmd, "--serve", d], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for version, cmd in versions.items()
        for d in dirs
    }
    rows = {key: json.loads(p.stdout.readline()) for key, p in procs.items() if p.stdout is not None}
    for _ in range(repeat):
        for name in (*NAMES, *EXTRA):
            for key, p in procs.items():
                if name not in NAMES and key[0] != "this":
                    continue
                assert p.stdin is not None and p.stdout is not None
                p.stdin.write(name + "\n")
                p.stdin.flush()
                seconds = float(p.stdout.readline())
                rows[key][name] = min(rows[key].get(name, seconds), seconds)
    for p in procs.values():
        if p.stdin is not None:
            p.stdin.close()
        p.wait()
    return {version: [rows[(version, d)] for d in dirs] for version in versions}


def table(rows: list[dict[str, float]], names: tuple[str, ...]) -> list[str]:
    """The Markdown table of one version's rows (a row per scale), with the ratios between scales."""
    lines = [
        "| function | " + " | ".join(f"{r['units']} units, {r['handovers']} handovers" for r in rows) + " | ratios |"
    ]
    lines.append("|---|" + "---:|" * len(rows) + "---|")
    for name in names:
        ratios = [rows[i + 1][name] / rows[i][name] for i in range(len(rows) - 1)]
        verdict = "linear" if all(r <= LIMIT for r in ratios) else f"**above {LIMIT}x**"
        cells = " | ".join(f"{r[name] * 1000:.1f} ms" for r in rows)
        lines.append(f"| {name} | {cells} | {', '.join(f'{r:.2f}x' for r in ratios)} ({verdict}) |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="+")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--against", type=Path, help="Another clone of the project: time its code too, in turn.")
    parser.add_argument("--out", type=Path, help="Also write the table here (Markdown), with the machine's load.")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    a = parser.parse_args()
    if a.serve:
        serve(a.dirs[0])
        return
    before = os.getloadavg()
    rows = interleaved(a.dirs, a.repeat, a.against)
    lines = table(rows["this"], (*NAMES, *EXTRA))
    if a.against is not None:
        lines = ["This clone:", "", *lines, "", f"{a.against}:", "", *table(rows["against"], NAMES)]
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
