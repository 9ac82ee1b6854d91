"""Benchmark: `pathways whatif` of every bundled scenario together on the bundled model.

Not a unit test (timings depend on the machine). Run:

    .venv/bin/python benchmarks/whatif_bench.py [--repeat N] [--model DIR]

It reports, best of N runs: the in-process time of the what-if (load the scenarios and
cases, apply, find gaps twice, trace every bundled case twice, compare), split into its
phases, and the command `pathways whatif --all --format json` as a user runs it (a fresh
Python process: imports included), interleaved with `pathways gaps --format json` on the
same model, both cold (``PATHWAYS_CACHE=off``): wall and CPU seconds and what-if's ratio to
gaps (issue 15: at most 1.5x at national scale). On the bundled model the target is under 2 s.

``--against SRC`` (another clone's ``src``, e.g. main's) runs that code's `whatif` too, in
the same rounds (gaps, whatif before, whatif after), so that before and after are measured
on the same machine state; ``--no-in-process`` leaves out the in-process phases.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def in_process(model_dir: Path) -> tuple[dict[str, float], tuple[int, int, int, int, int]]:
    """The seconds of each phase, and the counts (scenarios, cases, findings resolved and new, cases changed)."""
    from pathways.cases.load import load_cases
    from pathways.model.load import load_model
    from pathways.scenarios.apply import apply_scenarios
    from pathways.scenarios.load import load_scenarios
    from pathways.scenarios.whatif import compare

    t: dict[str, float] = {}
    start = time.perf_counter()
    model = load_model(model_dir)
    t["load model"] = time.perf_counter() - start
    mark = time.perf_counter()
    scenarios = load_scenarios(model_dir / "scenarios", model)
    cases = load_cases(model_dir / "cases", model)
    t["load scenarios and cases"] = time.perf_counter() - mark
    mark = time.perf_counter()
    changed = apply_scenarios(model, scenarios)
    t["apply and validate"] = time.perf_counter() - mark
    mark = time.perf_counter()
    result = compare(model, changed, cases, scenarios=scenarios)
    t["compare (gaps x2, traces, ownership)"] = time.perf_counter() - mark
    t["total"] = time.perf_counter() - start
    return t, (len(scenarios), len(cases), len(result.resolved), len(result.new), len(result.cases))


def phases(model_dir: Path, repeat: int) -> None:
    """Print the in-process phases of the what-if, best of ``repeat`` runs."""
    import_start = time.perf_counter()
    import pathways.scenarios.whatif  # noqa: F401  (imports counted once)

    imports = time.perf_counter() - import_start
    runs = [in_process(model_dir) for _ in range(repeat)]
    best, (n_scen, n_cases, resolved, new, changed) = min(runs, key=lambda r: r[0]["total"])
    print(
        f"model: {model_dir}  scenarios: {n_scen}  cases: {n_cases}  "
        f"(findings resolved {resolved}, new {new}; cases changed {changed})"
    )
    print(f"imports (first time, in-process): {imports:.3f} s")
    for key, value in best.items():
        print(f"  {key:40s} {value:.3f} s")


def command(*args: str, src: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user and system) of one cold ``pathways`` process (of the code in
    ``src`` when given, else the installed one)."""
    env = os.environ | {"PATHWAYS_CACHE": "off"}
    if src is None:
        exe = Path(sys.executable).parent / "pathways"
        argv = [str(exe) if exe.exists() else str(shutil.which("pathways"))]
    else:
        argv = [sys.executable, "-c", "import sys; from pathways.cli.main import app; sys.exit(app())"]
        env["PYTHONPATH"] = str(src)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*argv, *args], check=True, capture_output=True, cwd=ROOT, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--model", type=Path, default=ROOT / "model")
    parser.add_argument("--against", type=Path, help="Another clone's src: its whatif runs in the same rounds.")
    parser.add_argument("--no-in-process", dest="in_process", action="store_false", help="Leave out the phases.")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    if args.in_process:
        phases(args.model, args.repeat)
    pairs = []
    for _ in range(args.repeat):
        load = os.getloadavg()[0]
        gaps = command("gaps", "--model", str(args.model), "--format", "json")
        whatif_args = ("whatif", "--all", "--model", str(args.model), "--format", "json")
        other = command(*whatif_args, src=args.against) if args.against else None
        whatif = command(*whatif_args)
        pairs.append((gaps, whatif, other))
        against = f"; before {other[1]:.2f} s CPU ({other[1] / gaps[1]:.2f}x)" if other else ""
        print(
            f"  load {load:.1f}: gaps {gaps[0]:.2f} s wall, {gaps[1]:.2f} s CPU; whatif {whatif[0]:.2f} s wall, "
            f"{whatif[1]:.2f} s CPU ({whatif[0] / gaps[0]:.2f}x wall, {whatif[1] / gaps[1]:.2f}x CPU){against}"
        )
    walls = [w[0] for _, w, _ in pairs]
    startup = [command("--help")[0] for _ in range(args.repeat)]
    print(
        f"`pathways whatif --all --format json` wall time: best {min(walls):.3f} s, "
        f"median {sorted(walls)[len(walls) // 2]:.3f} s over {len(walls)} runs"
    )
    least = (min(g[1] for g, _, _ in pairs), min(w[1] for _, w, _ in pairs))
    print(f"least CPU: gaps {least[0]:.2f} s, whatif {least[1]:.2f} s: {least[1] / least[0]:.2f}x (goal: at most 1.5x)")
    if args.against:
        before = min(o[1] for _, _, o in pairs if o)
        print(f"least CPU of whatif before ({args.against}): {before:.2f} s: {before / least[0]:.2f}x gaps")
    print(f"`pathways --help` (start-up and imports of every command, the floor): best {min(startup):.3f} s")
    print("bundled model's target: under 2 s -", "OK" if min(walls) < 2.0 else "TOO SLOW")


if __name__ == "__main__":
    main()
