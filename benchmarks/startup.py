"""How long a user waits for the quick commands (targets: ``--help`` and ``validate`` ≤ 0.25 s,
``gaps`` on Dalarna ≤ 0.35 s, each as a whole process).

    .venv/bin/python benchmarks/startup.py [MODEL_DIR] [--repeat N] [--against OTHER_PATHWAYS]

Runs ``pathways --help``, ``pathways validate --model MODEL_DIR`` and ``pathways gaps --model
MODEL_DIR --format json`` (default: the bundled model; cold, ``PATHWAYS_CACHE=off``)
``--repeat`` times each (default 15), every run a fresh process as a user starts it,
and prints the min and median wall time and the min and median CPU time (user + system)
of each. Beside them, two floors measured the same way in the same rounds: ``python -c pass``
(the interpreter's own start) and ``python -c "import pydantic, yaml, typer"`` (the libraries
every command needs), so that figures taken at different times of day can be compared: this
machine's speed varies by a third during the day.

The runs are interleaved: each round runs every row once, in turn, so a change of the
machine's speed falls on all rows alike. ``--against`` adds the same three commands run by
another ``pathways`` script (another clone's venv, say main's), for a fair A/B.

The machine is shared: the load average is printed beside the figures; under load the wall
time grows while the CPU time stays, and the minimum is the best estimate of an idle
machine. Compiled bytecode is written first (``PYTHONDONTWRITEBYTECODE`` unset for one
warm-up run), as on a user's machine after the first run.
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
FLOORS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import pydantic,yaml,typer": [sys.executable, "-c", "import pydantic, yaml, typer"],
}
"""The interpreter's start, and the libraries' imports every command needs."""


def cold_env() -> dict[str, str]:
    """The environment of a user's cold run: no model cache, bytecode written and read."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PATHWAYS_CACHE": "off"}


def one_run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one whole process; the CPU (user + system) from the child's own
    resource usage, in microseconds rather than the clock ticks of ``os.times``."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, argv)
    return wall, usage.ru_utime + usage.ru_stime


def summary(runs: list[tuple[float, float]]) -> dict[str, float]:
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    return {
        "wall_min": min(walls),
        "wall_median": statistics.median(walls),
        "cpu_min": min(cpus),
        "cpu_median": statistics.median(cpus),
    }


def measure(argv: list[str], repeat: int) -> dict[str, float]:
    """One command ``repeat`` times after a warm-up run."""
    env = cold_env()
    one_run(argv, env)  # warm-up: bytecode written, files in the page cache
    return summary([one_run(argv, env) for _ in range(repeat)])


def interleaved(rows: dict[str, list[str]], repeat: int) -> dict[str, dict[str, float]]:
    """Every row ``repeat`` times, one run of each row per round, after a warm-up round."""
    env = cold_env()
    for argv in rows.values():
        one_run(argv, env)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in rows}
    for _ in range(repeat):
        for name, argv in rows.items():
            runs[name].append(one_run(argv, env))
    return {name: summary(found) for name, found in runs.items()}


def commands(model_dir: Path, pathways: Path = PATHWAYS) -> dict[str, list[str]]:
    return {
        "pathways --help": [str(pathways), "--help"],
        "pathways validate": [str(pathways), "validate", "--model", str(model_dir)],
        "pathways gaps": [str(pathways), "gaps", "--model", str(model_dir), "--format", "json"],
    }


def main(args: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir", nargs="?", type=Path, default=ROOT / "model")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--against", type=Path, help="another pathways script, run in the same rounds")
    opts = parser.parse_args(args)
    ours = commands(opts.model_dir)
    rows = dict(FLOORS) | ours
    if opts.against is not None:
        rows |= {f"{name} (against)": argv for name, argv in commands(opts.model_dir, opts.against).items()}
    load_before = os.getloadavg()
    results = interleaved(rows, opts.repeat)
    load_after = os.getloadavg()
    print(f"{'':<30} {'wall min':>9} {'wall med':>9} {'CPU min':>9} {'CPU med':>9} {'target':>7}")
    for name, r in results.items():
        target = f"{TARGETS_S[name]:>7.2f}" if name in TARGETS_S else ""
        print(
            f"{name:<30} {r['wall_min']:>9.3f} {r['wall_median']:>9.3f} {r['cpu_min']:>9.3f} {r['cpu_median']:>9.3f}"
            f" {target}"
        )
    print(
        f"{opts.repeat} interleaved rounds; load average (1 min) {load_before[0]:.1f} before, {load_after[0]:.1f} after "
        f"on {os.cpu_count()} cores"
    )
    return 1 if any(results[name]["wall_min"] > target for name, target in TARGETS_S.items()) else 0


if __name__ == "__main__":
    sys.exit(main())
