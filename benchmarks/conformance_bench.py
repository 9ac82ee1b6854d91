"""Benchmark `pathways conformance` at 1 and 2 million events, beside PM4Py's token-based replay.

    .venv/bin/python benchmarks/conformance_bench.py --pm4py-python /tmp/pm4py-venv/bin/python

PM4Py is AGPL and only in requirements-bench.lock: install it into a separate venv
(``python3 -m venv V && V/bin/pip install --require-hashes --no-deps -r requirements-bench.lock``)
and name its interpreter; it runs there in its own process and is never imported here.

Each step runs in a fresh process; wall time, CPU time (user + system) and peak memory
(``ru_maxrss``) belong to that step alone. The floor is reading the same CSV with the
standard library's csv module and counting its rows: the least any reader must do.
Targets (issue #12): 1M events ≤ 30 s and ≤ 2 GB; 2M events ≤ 2.2x the time of 1M.
The PM4Py side: a Petri net of the same routes, discovered with the inductive miner from
the routes' clean journeys as synth-log writes them, then token-based replay of the whole
log (PM4Py checks the order of activities only; pathways also checks owners per day,
limits, SIPs, acceptance and information). Results go to benchmarks/CONFORMANCE.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
EVENTS_PER_JOURNEY = 8.03
"""About what synth-log writes per journey over the Dalarna model."""

FLOOR = """
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    print(sum(1 for _ in csv.reader(f, delimiter=";")))
"""

PM4PY = """
import sys, time, warnings
warnings.filterwarnings("ignore")
import pandas as pd
import pm4py
log_path, routes_path = sys.argv[1], sys.argv[2]
def read(path):
    df = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    df["datum"] = pd.to_datetime(df["datum"])
    df["order"] = range(len(df))
    df["datum"] = df["datum"] + pd.to_timedelta(df["order"], unit="s")
    return pm4py.format_dataframe(df, case_id="resa", activity_key="händelse", timestamp_key="datum")
started = time.perf_counter()
routes = read(routes_path)
net, im, fm = pm4py.discover_petri_net_inductive(routes, noise_threshold=0.0)
log = read(log_path)
loaded = time.perf_counter()
diagnostics = pm4py.conformance_diagnostics_token_based_replay(log, net, im, fm)
done = time.perf_counter()
fit = sum(1 for d in diagnostics if d["trace_is_fit"])
print(f"{loaded - started:.3f} {done - loaded:.3f} {len(diagnostics)} {fit}")
"""


WRAP = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run(sys.argv[1:]).returncode
wall = time.perf_counter() - started
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "wall": wall, "cpu": r.ru_utime + r.ru_stime, "peak_kb": r.ru_maxrss}), file=sys.stderr)
"""
"""Runs one command as its only child, so that its peak memory is its own."""


def measure(args: list[str]) -> dict:
    """Run a command in a fresh process: wall, CPU (user + system), peak memory of that process."""
    proc = subprocess.run([PYTHON, "-c", WRAP, *args], capture_output=True, text=True, check=False)
    usage = json.loads(proc.stderr.strip().splitlines()[-1])
    if usage["code"] not in (0, 1):
        raise SystemExit(f"{' '.join(args[:3])} failed: {proc.stderr[-2000:]}")
    return {
        "wall": round(usage["wall"], 2),
        "cpu": round(usage["cpu"], 2),
        "peak_mb": usage["peak_kb"] // 1024,
        "stdout": proc.stdout,
    }


def routes_log(out: Path) -> Path:
    """The clean journeys of every route template, as a log (the input of the Petri-net discovery)."""
    code = (
        "import csv,sys\nfrom pathlib import Path\nfrom pathways.model.load import load_model\n"
        "from pathways.synth.journeylog import templates\n"
        "m=load_model(sys.argv[1]); w=csv.writer(open(sys.argv[2],'w',newline='',encoding='utf-8'),delimiter=';')\n"
        "w.writerow(['resa','datum','händelse'])\n"
        "for n,t in enumerate(templates(m)):\n"
        "    [w.writerow([f'T{n}',f'2026-01-{1+o:02d}',k]) for o,k,_,_ in t.rows]\n"
    )
    path = out / "routes.csv"
    subprocess.run([PYTHON, "-c", code, str(ROOT / "model"), str(path)], check=True)
    return path


def one_scale(events: int, seed: int, tmp: Path, pm4py_python: str | None, routes: Path) -> dict:
    journeys = round(events / EVENTS_PER_JOURNEY)
    out = tmp / f"log-{events}"
    pathways = str(Path(PYTHON).with_name("pathways"))
    synth = measure([pathways, "synth-log", "--out", str(out), "--journeys", str(journeys), "--seed", str(seed)])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    floor = measure([PYTHON, "-c", FLOOR, str(out / "logg.csv")])
    run = measure(
        [
            pathways,
            "conformance",
            str(out / "logg.csv"),
            "--profiles",
            str(out / "profiler.csv"),
            "--format",
            "json",
            "--out",
            str(out / "result.json"),
        ]
    )
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    row = {
        "events": manifest["events"],
        "journeys": manifest["journeys"],
        "synth_wall": synth["wall"],
        "floor": floor,
        "pathways": run,
        "replays": result["replays"],
        "distinct_variants": result["distinct_variants"],
    }
    row["pathways"]["events_per_s"] = round(manifest["events"] / run["wall"])
    row["load"] = round(os.getloadavg()[0], 1)
    if pm4py_python:
        pm = measure([pm4py_python, "-c", PM4PY, str(out / "logg.csv"), str(routes)])
        load_s, replay_s, traces, fit = pm.pop("stdout").split()
        pm.update(load=float(load_s), replay=float(replay_s), traces=int(traces), fit=int(fit))
        pm["events_per_s"] = round(manifest["events"] / pm["wall"])
        pm["replay_events_per_s"] = round(manifest["events"] / pm["replay"])
        row["pm4py"] = pm
    for part in ("floor", "pathways"):
        row[part].pop("stdout", None)
    return row


def report(rows: list[dict]) -> str:
    one, two = rows[0], rows[-1]
    ratio = two["pathways"]["wall"] / one["pathways"]["wall"]
    cpu_ratio = two["pathways"]["cpu"] / one["pathways"]["cpu"]
    lines = [
        "# Conformance benchmark (`benchmarks/conformance_bench.py`)",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, shared 2-core machine, "
        f"load average (1 min) after each scale: {', '.join(str(r.get('load', '?')) for r in rows)}; "
        "times in seconds.",
        "",
        "| events | journeys | replays (distinct keys) | variants | floor (csv read) | pathways wall | CPU | peak MB "
        "| events/s (wall) | events/CPU-s | x floor | PM4Py wall | CPU | replay | peak MB | events/s (wall) "
        "| events/CPU-s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        p, f, pm = r["pathways"], r["floor"], r.get("pm4py")
        pm_cells = (
            f"{pm['wall']} | {pm['cpu']} | {pm['replay']} | {pm['peak_mb']} | {pm['events_per_s']} | "
            f"{round(r['events'] / pm['cpu'])}"
            if pm
            else "not run | | | | |"
        )
        lines.append(
            f"| {r['events']} | {r['journeys']} | {r['replays']} | {r['distinct_variants']} | {f['wall']} | {p['wall']} | "
            f"{p['cpu']} | {p['peak_mb']} | {p['events_per_s']} | {round(r['events'] / p['cpu'])} | "
            f"{p['wall'] / max(f['wall'], 0.01):.1f} | {pm_cells} |"
        )
    lines += [
        "",
        f"Targets: 1M events ≤ 30 s: {one['pathways']['wall']} s; ≤ 2 GB: {one['pathways']['peak_mb']} MB; "
        f"2M ≤ 2.2x: {ratio:.2f}x wall ({cpu_ratio:.2f}x CPU).",
        "",
        "On a shared machine wall time also counts other processes' turns (see the load average above); "
        "CPU time (user + system of the process) does not.",
        "",
        "PM4Py: wall = import, read the CSV with pandas, discover the net, replay; replay = token-based replay alone. "
        "PM4Py checks the order of activities against the net; pathways replays each distinct journey through the "
        "day-by-day trace and checks limits, SIPs, acceptance, information and owners as well.",
        "",
        "Profile (cProfile of `run_conformance` on the 1M log, session 3): before, the personal-data screen "
        "(regular expressions over every character) took about a third of the time, mapping each row's codes "
        "field by field and making a Row object per row most of the rest, and the cyclic garbage collector "
        "rescanned the kept tables; the replays (one per distinct shape) were a few per cent. Now the screen "
        "matches only lines whose byte shape could hold a personnummer or an @, codes are mapped once per "
        "distinct combination, a Row is made only for a row with a problem, and the collector is paused. "
        "Events/CPU-s is the fair comparison on a shared machine.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pm4py-python", help="Interpreter of a venv with requirements-bench.lock installed.")
    parser.add_argument("--events", type=int, nargs="+", default=[1_000_000, 2_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "CONFORMANCE.md")
    parser.add_argument("--report-only", action="store_true", help="Rewrite the report from the last JSON.")
    args = parser.parse_args()
    if args.report_only:
        rows = json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8"))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            routes = routes_log(Path(tmp))
            rows = [one_scale(n, args.seed, Path(tmp), args.pm4py_python, routes) for n in args.events]
    text = report(rows)
    args.out.write_text(text, encoding="utf-8")
    (args.out.with_suffix(".json")).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
