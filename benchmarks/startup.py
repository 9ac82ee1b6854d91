"""How long a user waits for the quick commands (targets: ``--help`` and ``validate`` ≤ 0.25 s,
``gaps`` on Dalarna ≤ 0.35 s, each as a whole process).

    .venv/bin/python benchmarks/startup.py [MODEL_DIR] [--repeat N]

Runs ``pathways --help``, ``pathways validate --model MODEL_DIR`` and ``pathways gaps --model
MODEL_DIR --format json`` (default: the bundled model; cold, ``PATHWAYS_CACHE=off``)
``--repeat`` times each (default 15), every run a fresh process as a user starts it,
and prints the min and median wall time and the min and median CPU time (user + system)
of each. The machine is shared: the load average is printed beside the figures; under load
the wall time grows while the CPU time stays, and the minimum is the best estimate of an
idle machine. Compiled bytecode is written first (``PYTHONDONTWRITEBYTECODE`` unset for
one warm-up run), as on a user's machine after the first run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATHWAYS = Path(sys.executable).with_name("pathways")
TARGETS_S = {"pathways --help": 0.25, "pathways validate": 0.25, "pathways gaps": 0.35}


def one_run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one whole process."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def measure(argv: list[str], repeat: int) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PATHWAYS_CACHE": "off"}
    one_run(argv, env)  # warm-up: bytecode written, files in the page cache
    runs = [one_run(argv, env) for _ in range(repeat)]
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    return {
        "wall_min": min(walls),
        "wall_median": statistics.median(walls),
        "cpu_min": min(cpus),
        "cpu_median": statistics.median(cpus),
    }


def commands(model_dir: Path) -> dict[str, list[str]]:
    return {
        "pathways --help": [str(PATHWAYS), "--help"],
        "pathways validate": [str(PATHWAYS), "validate", "--model", str(model_dir)],
        "pathways gaps": [str(PATHWAYS), "gaps", "--model", str(model_dir), "--format", "json"],
    }


def main(args: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir", nargs="?", type=Path, default=ROOT / "model")
    parser.add_argument("--repeat", type=int, default=15)
    opts = parser.parse_args(args)
    load_before = os.getloadavg()
    print(f"{'command':<20} {'wall min':>9} {'wall med':>9} {'CPU min':>9} {'CPU med':>9} {'target':>7}")
    missed = False
    for name, argv in commands(opts.model_dir).items():
        r = measure(argv, opts.repeat)
        missed = missed or r["wall_min"] > TARGETS_S[name]
        print(
            f"{name:<20} {r['wall_min']:>9.3f} {r['wall_median']:>9.3f} {r['cpu_min']:>9.3f} {r['cpu_median']:>9.3f}"
            f" {TARGETS_S[name]:>7.2f}"
        )
    load_after = os.getloadavg()
    print(
        f"{opts.repeat} runs each; load average (1 min) {load_before[0]:.1f} before, {load_after[0]:.1f} after "
        f"on {os.cpu_count()} cores"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
