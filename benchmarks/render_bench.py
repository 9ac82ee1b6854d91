"""How long it takes to draw every diagram of the bundled model (target: under 10 s).

    .venv/bin/python benchmarks/render_bench.py [MODEL_DIR] [--formats svg,png,pdf] [--repeat N]

Times each phase the way ``pathways render model`` runs it: load the model and its
cases and scenarios, analyse them (one pipeline run: gaps, traces, what-if), build the DOT of every diagram, run
Graphviz for every diagram and format. Prints one line per phase and the total (the
best of ``--repeat`` runs), and the slowest diagrams.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pathways.cases.load import load_cases  # noqa: E402
from pathways.model.load import load_model  # noqa: E402
from pathways.outputs.render import build, render_one  # noqa: E402
from pathways.pipeline import analyse  # noqa: E402
from pathways.scenarios.load import load_scenarios  # noqa: E402


def once(model_dir: Path, formats: tuple[str, ...]) -> tuple[dict[str, float], list[tuple[float, str]], int]:
    phases: dict[str, float] = {}
    t = time.perf_counter()
    model = load_model(model_dir)
    cases = load_cases(model_dir / "cases", model)
    scenarios = load_scenarios(model_dir / "scenarios", model)
    phases["load model, cases, scenarios"] = time.perf_counter() - t

    t = time.perf_counter()
    analysis = analyse(model, cases, scenarios)
    phases[f"analyse: gaps, {len(cases)} traces, {len(scenarios)} what-ifs"] = time.perf_counter() - t

    t = time.perf_counter()
    diagrams = build(analysis, "sv")
    phases[f"build DOT of {len(diagrams)} diagrams"] = time.perf_counter() - t

    t = time.perf_counter()
    per: list[tuple[float, str]] = []
    import os
    from concurrent.futures import ThreadPoolExecutor

    with (
        tempfile.TemporaryDirectory() as out,
        ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 2) * 2)) as pool,
    ):

        def timed(d):
            s = time.perf_counter()
            render_one(d, Path(out), formats)
            return time.perf_counter() - s, d.name

        per = list(pool.map(timed, diagrams))
    phases[f"Graphviz: {', '.join(formats)}"] = time.perf_counter() - t
    return phases, sorted(per, reverse=True), len(diagrams)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model_dir", nargs="?", default=str(ROOT / "model"))
    ap.add_argument("--formats", default="svg,png,pdf")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    formats = tuple(f for f in args.formats.split(",") if f)
    best = None
    for _ in range(max(1, args.repeat)):
        phases, per, n = once(Path(args.model_dir), formats)
        total = sum(phases.values())
        if best is None or total < best[0]:
            best = (total, phases, per, n)
    total, phases, per, n = best
    width = max(len(k) for k in phases)
    for name, seconds in phases.items():
        print(f"{name:<{width}}  {seconds:6.2f} s")
    print(
        f"{'total (best of ' + str(args.repeat) + ')':<{width}}  {total:6.2f} s   target < 10 s: "
        f"{'OK' if total < 10 else 'TOO SLOW'}"
    )
    print("slowest diagrams (Graphviz, all formats):", ", ".join(f"{name} {s:.2f} s" for s, name in per[:5]))
    return 0 if total < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
