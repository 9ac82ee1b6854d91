"""Benchmark pathways at Dalarna, national and twice national scale; write benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py            # Dalarna, national (21/290), 2x (42/580), 4x (84/1160)
    .venv/bin/python benchmarks/run.py --quick    # Dalarna and national, 'gaps' once: a few minutes

Every measurement runs in a fresh Python process, so its peak memory (``ru_maxrss`` of
that process, plus of any ``dot`` it starts) belongs to that step alone. Three times are
reported per step:

* **wall**: the whole process as a user would wait for it: interpreter start, imports, work;
* **work**: from after the imports to the end of the work, measured inside the process;
* **CPU**: user + system time of the process and its children (on a shared machine, wall
  time also counts other processes' turns; CPU time does not).

Every step is also given as a ratio to the *floor* at the same scale in the same run
(``benchmarks/floor.py``: reading the files, plain-dict adjacency, one SCC pass, as a
whole process), so that a shared machine's load, which slows both, cancels out.

Steps: ``floor``, ``synth`` (write the synthetic model; 4x national over a folder per kind), ``load`` (read and validate), ``build``
(the typed graph), ``gaps`` (``pathways gaps --model DIR --format json``, the command itself,
including load, validation and graph build; run ``--repeat`` times, median reported),
``verify`` (the planted gaps found exactly, no more and no fewer), ``whatif`` (every
scenario of the model at once: the bundled ones for Dalarna, the national analogues that
``pathways synth`` writes for synthetic models), ``linear`` (catchments, the handover
index, PW114 and PW115, least CPU time of repeated runs, ``benchmarks/linear.py``; at
the synthetic scales), ``render`` (``pathways render --format svg,png`` of the whole
model: unit by unit for Dalarna, per county past the size threshold, as at national
scales), ``neo4j`` (push the graph to the server at NEO4J_URI or, when that is
unset, to the project's test server, ``tests/neo4j_server``, which the benchmark starts;
at Dalarna and national scale) and, at national scale, ``neo4j x10``
(``benchmarks/neo4j_pushes.py``: two warm-up pushes, then ten re-pushes of changed content
under one name, one region).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable

SCALES = {
    "dalarna": None,
    "national": (21, 290),
    "double": (42, 580),
    "quad": (84, 1160),
}
SCALE_NAMES = {
    "dalarna": "Dalarna (bundled model)",
    "national": "national (21 regions, 290 municipalities)",
    "double": "2x national (42 regions, 580 municipalities)",
    "quad": "4x national (84 regions, 1160 municipalities; a folder per kind, 20,000 elements a file)",
}
SPLIT = {"quad": 20000}
"""Elements per file in a folder per kind, per scale (4x national's handovers are 80 MB as one file)."""
LINEAR_REPEAT = 9
"""Runs of each function in the ``linear`` step; the least CPU time is kept."""
LINEAR = ("catchments", "handover index", "PW114", "PW115")
TARGETS = {
    "linear_ratio": 2.2,
    "render_s": 60.0,
    "national_gaps_s": 10.0,
    "national_gaps_mb": 2048,
    "double_ratio": 2.1,
    "quad_ratio": 2.2,
    "national_gaps_floor": 2.0,
    "whatif_gaps": 1.5,
    "dalarna_gaps_wall_s": 0.35,
}


# --------------------------------------------------------------------------- child side
def _peak_kb() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def child(step: str, args: list[str], result: Path) -> None:
    """Run one step in this (fresh) process and write its measurements to ``result``."""
    t_start = time.perf_counter()
    out: dict = {}
    if step == "floor":
        sys.path.insert(0, str(HERE))
        from floor import floor

        t0 = time.perf_counter()
        out.update(floor(args[0]))
        out["work"] = time.perf_counter() - t0
    elif step == "synth":
        from pathways.synth import synthesize, write_synth

        regions, municipalities, seed, directory = int(args[0]), int(args[1]), int(args[2]), args[3]
        t0 = time.perf_counter()
        s = synthesize(regions, municipalities, seed)
        write_synth(s, directory, split=int(args[4]))
        out.update(work=time.perf_counter() - t0, elements=s.count(), plants=len(s.planted))
    elif step == "subset":
        from pathways.synth import synthesize, write_synth
        from pathways.synth.subset import region_subset

        regions, municipalities, seed, directory = int(args[0]), int(args[1]), int(args[2]), args[3]
        s = synthesize(regions, municipalities, seed)
        ordered = sorted(s.regions, key=lambda r: (len(r.municipalities), r.id))
        region = ordered[len(ordered) // 2]
        sub = region_subset(s, region)
        write_synth(sub, directory, scenarios=False)
        out.update(
            work=0.0,
            region=region.id,
            municipalities=len(region.municipalities),
            units=len(sub.collections["units"]),
            handovers=len(sub.collections["handovers"]),
        )
    elif step == "load":
        from pathways.model.load import load_model

        t0 = time.perf_counter()
        m = load_model(args[0])
        out.update(work=time.perf_counter() - t0, elements=len(m.by_id))
    elif step == "build":
        from pathways.graph.build import build_graph
        from pathways.model.load import load_model

        m = load_model(args[0])
        t0 = time.perf_counter()
        G = build_graph(m)
        out.update(work=time.perf_counter() - t0, nodes=G.number_of_nodes(), edges=G.number_of_edges())
    elif step == "gaps":
        import contextlib
        import io

        from pathways.cli.main import app

        t0 = time.perf_counter()
        out["imports"] = t0 - t_start
        buffer = io.StringIO()
        code = 0
        with contextlib.redirect_stdout(buffer):
            try:
                app(["gaps", "--model", args[0], "--format", "json"], standalone_mode=False)
            except SystemExit as exc:
                code = exc.code or 0
            except Exception as exc:  # click's Exit carries the exit code
                code = getattr(exc, "exit_code", 1)
        out.update(work=time.perf_counter() - t0, exit_code=code)
        try:
            doc = json.loads(buffer.getvalue())
            out["findings"] = len(doc["findings"] if isinstance(doc, dict) else doc)
        except (ValueError, KeyError, TypeError):
            out["findings"] = None
    elif step == "verify":
        from pathways.gaps.analyze import find_gaps
        from pathways.model.load import load_model
        from pathways.synth.compare import compare

        manifest = json.loads((Path(args[0]) / "planted.json").read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        m = load_model(args[0])
        found = find_gaps(m, codes=set(manifest["rules"]))
        c = compare(manifest, found)
        out.update(
            work=time.perf_counter() - t0,
            exact=c.exact,
            summary=c.summary(),
            expected=c.expected,
            found=c.found,
            rules=len(c.rules),
            missing=[e["id"] for e in c.missing],
            extra=[f.id for f in c.extra],
        )
    elif step == "whatif":
        from pathways.cases.load import case_files, load_case
        from pathways.gaps.config import load_config
        from pathways.gaps.rules import all_rules
        from pathways.model.load import load_model
        from pathways.scenarios.apply import apply_scenarios
        from pathways.scenarios.load import load_scenarios
        from pathways.scenarios.whatif import WhatIfOptions, compare

        t0 = time.perf_counter()
        m = load_model(args[0])
        scenarios = load_scenarios(Path(args[0]) / "scenarios", m)
        cases = [load_case(p, m) for p in case_files(Path(args[0]) / "cases")]
        changed = apply_scenarios(m, scenarios)
        w = compare(m, changed, cases, WhatIfOptions(config=load_config(Path(args[0]), all_rules())), scenarios)
        out.update(
            work=time.perf_counter() - t0,
            scenarios=len(scenarios),
            cases=len(cases),
            resolved=len(w.resolved),
            new=len(w.new),
        )
    elif step == "render":
        import contextlib
        import io

        from pathways.cli.main import app

        t0 = time.perf_counter()
        out["imports"] = t0 - t_start
        buffer = io.StringIO()
        code = 0
        with contextlib.redirect_stdout(buffer):
            try:
                app(["render", "--model", args[0], "--out", args[1], "--format", "svg,png"], standalone_mode=False)
            except SystemExit as exc:
                code = exc.code or 0
            except Exception as exc:  # click's Exit carries the exit code
                code = getattr(exc, "exit_code", 1)
        written = sorted(Path(args[1]).glob("*.svg"))
        out.update(
            work=time.perf_counter() - t0,
            exit_code=code,
            diagrams=len(written),
            national=any(p.stem.startswith("national") for p in written),
            svg_bytes=sum(p.stat().st_size for p in written),
        )
    elif step == "linear":
        sys.path.insert(0, str(HERE))
        from linear import timings

        t0 = time.perf_counter()
        out.update(timings(args[0], int(args[1])))
        out["work"] = time.perf_counter() - t0
    elif step == "neo4j":
        from pathways.graph.build import build_graph
        from pathways.graphstore.connection import Settings, connect
        from pathways.graphstore.store import push
        from pathways.model.load import load_model

        m = load_model(args[0])
        G = build_graph(m)
        settings = Settings.from_env()
        with connect(settings) as driver:
            t0 = time.perf_counter()
            r = push(driver, G, f"bench-{m.meta.id}", settings.database)
            out.update(work=time.perf_counter() - t0, result=str(r))
    else:
        raise SystemExit(f"unknown step {step}")
    out.update(peak_kb=_peak_kb(), cpu=_cpu())
    result.write_text(json.dumps(out), encoding="utf-8")


# --------------------------------------------------------------------------- parent side
def run_step(step: str, args: list[str], timeout: float) -> dict:
    """Run ``step`` in a fresh process; its measurements, or ``error`` / ``timeout``."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        result = Path(f.name)
    cmd = [PYTHON, str(Path(__file__).resolve()), "--child", step, "--result", str(result), "--", *args]
    env = dict(os.environ, COLUMNS="200")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as an installed tool runs: compiled modules cached
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, text=True
    )
    try:
        _, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        result.unlink(missing_ok=True)
        return {"step": step, "timeout": timeout, "wall": time.perf_counter() - start}
    wall = time.perf_counter() - start
    try:
        data = json.loads(result.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {"error": (stderr or f"exit {proc.returncode}").strip().splitlines()[-1][:300]}
    result.unlink(missing_ok=True)
    data.update(step=step, wall=wall)
    return data


NEO4J_SCALES = ("dalarna", "national")


def ten_pushes(model_dir: Path, out: Path) -> dict:
    """``neo4j_pushes.py``: ten pushes of changed content under one name, on a fresh test server."""
    cmd = [PYTHON, str(HERE / "neo4j_pushes.py"), str(model_dir), "--pushes", "10", "--warm-up", "2", "--out", str(out)]
    try:
        proc = subprocess.run(cmd, check=False, cwd=ROOT, capture_output=True, text=True, timeout=3600)
    except subprocess.TimeoutExpired:
        return {"timeout": 3600}
    if proc.returncode != 0:
        return {"error": (proc.stderr or "failed").strip().splitlines()[-1][:300]}
    return json.loads(out.read_text(encoding="utf-8"))


def test_server() -> object | None:
    """The project's Neo4j test server, started, when NEO4J_URI names no server; the children use it."""
    if os.environ.get("NEO4J_URI"):
        return None
    sys.path.insert(0, str(ROOT))
    from tests.neo4j_server.server import Neo4jTestServer

    server = Neo4jTestServer()
    server.start()
    os.environ.update(NEO4J_URI=server.uri, NEO4J_USERNAME=server.user, NEO4J_PASSWORD=server.password)
    return server


def neo4j_reachable() -> str | None:
    """None when a Neo4j server answers at NEO4J_URI (or the default), else why not."""
    try:
        from pathways.graphstore.connection import Settings, StoreError, connect
    except ImportError:
        return "pathways.graphstore is not available"
    settings = Settings.from_env(timeout=5)
    try:
        with connect(settings):
            return None
    except StoreError as exc:
        return str(exc)


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], check=False, cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "status", "--porcelain", "--untracked-files=no"],
                check=False,
                cwd=ROOT,
                capture_output=True,
                text=True,
            ).stdout.strip()
        )
    except OSError:
        commit, dirty = "unknown", False
    dot = (
        subprocess.run(["dot", "-V"], check=False, capture_output=True, text=True).stderr.strip()
        if shutil_which("dot")
        else "not installed"
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": ram,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "graphviz": dot,
        "load_before": os.getloadavg(),
    }


def shutil_which(name: str) -> str | None:
    return shutil.which(name)


def fmt_s(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}"


def fmt_mb(kb: int | None) -> str:
    return "" if kb is None else f"{kb / 1024:.0f}"


def ratio(r: dict, floor: dict) -> str:
    """Wall over the floor's wall, and CPU over the floor's CPU: ``4.65 / 5.66``."""
    if "wall" not in r or "error" in r or "timeout" in r or "wall" not in floor:
        return ""
    cpu = f" / {r['cpu'] / floor['cpu']:.2f}" if r.get("cpu") and floor.get("cpu") else ""
    return f"{r['wall'] / floor['wall']:.2f}{cpu}"


def row(scale: str, name: str, r: dict, note: str = "", floor: dict | None = None) -> str:
    if "timeout" in r:
        return f"| {scale} | {name} | > {r['timeout']:.0f} (stopped) | | | | | {note or 'did not finish'} |"
    if "error" in r:
        return f"| {scale} | {name} | | | | | | error: {r['error']} |"
    if "skipped" in r:
        return f"| {scale} | {name} | | | | | | {r['skipped']} |"
    return (
        f"| {scale} | {name} | {fmt_s(r.get('wall'))} | {ratio(r, floor or {})} | {fmt_s(r.get('work'))} | "
        f"{fmt_s(r.get('cpu'))} | {fmt_mb(r.get('peak_kb'))} | {note} |"
    )


def pushes_row(scale: str, r: dict) -> str:
    if "pushes" not in r:
        return row(scale, "neo4j x10", r)
    times = [p["seconds"] for p in r["pushes"]]
    last = r["pushes"][-1]
    return (
        f"| {scale} | neo4j x10 | {sum(times):.2f} | | | | | after {len(r.get('warm_up', []))} warm-up pushes "
        f"({r.get('warm_up')} s), ten re-pushes of changed content under one name "
        f"({r['model']}, {last['nodes']} nodes, {last['relationships']} relationships): {times} s, "
        f"{r.get('min_ratio', 1.0):.2f}x to {r['max_ratio']:.2f}x the first (CPU of client and server: {r.get('cpu_ratios')}); "
        f"trend {r.get('trend_percent')} % per push (CPU {r.get('cpu_trend_percent')} %); {last['nodes_on_store']} nodes left on the store, "
        f"store {r['pushes'][0]['store_mb']} -> {last['store_mb']} MB"
        + (
            f", transaction logs {r['pushes'][0]['tx_logs_mb']} -> {last['tx_logs_mb']} MB"
            if "tx_logs_mb" in last
            else ""
        )
        + " |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="Dalarna and national only; 'gaps' once.")
    parser.add_argument(
        "--repeat", type=int, default=None, help="Runs of the 'gaps' step per scale (default 3, --quick 1)."
    )
    parser.add_argument("--scales", nargs="+", choices=list(SCALES), help="Only these scales.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--note", default="", help="A note on the machine's load for the results file.")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "pathways-bench")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="Results file (default benchmarks/RESULTS.md, --quick: RESULTS-quick.md).",
    )
    parser.add_argument("--render-timeout", type=float, default=600)
    parser.add_argument(
        "--rewrite", action="store_true", help="Only rewrite the Markdown from results.json (or results-quick.json)."
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    a = parser.parse_args()
    if a.child:
        child(a.child, a.rest, a.result)
        return
    repeat = a.repeat or (1 if a.quick else 3)
    scales = a.scales or (["dalarna", "national"] if a.quick else list(SCALES))
    out_md = a.out or HERE / ("RESULTS-quick.md" if a.quick else "RESULTS.md")
    raw = HERE / ("results-quick.json" if a.quick else "results.json")
    if a.rewrite:
        saved = json.loads(raw.read_text(encoding="utf-8"))
        if a.note:
            saved["machine"]["note"] = a.note
            raw.write_text(json.dumps(saved, indent=1, default=str) + "\n", encoding="utf-8")
        out_md.write_text(
            markdown(saved["machine"], saved["results"], saved["machine"].get("repeat", repeat)), encoding="utf-8"
        )
        print(f"wrote {out_md}")
        return
    a.work.mkdir(parents=True, exist_ok=True)
    info = machine()
    info.update(repeat=repeat, note=a.note)
    server = test_server()
    neo4j = neo4j_reachable()
    info["neo4j"] = "the project's test server (tests/neo4j_server, Neo4j 5.26 embedded)" if server else "NEO4J_URI"
    results: dict[str, dict] = {}
    for scale in scales:
        print(f"== {scale}", flush=True)
        res: dict[str, dict] = {}
        if SCALES[scale] is None:
            model_dir = ROOT / "model"
            region_dir = model_dir
        else:
            regions, municipalities = SCALES[scale]
            model_dir = a.work / scale
            region_dir = a.work / f"{scale}-region"
            split = str(SPLIT.get(scale, 0))
            res["synth"] = run_step(
                "synth", [str(regions), str(municipalities), str(a.seed), str(model_dir), split], 900
            )
            if scale == "national":
                res["subset"] = run_step(
                    "subset", [str(regions), str(municipalities), str(a.seed), str(region_dir)], 600
                )
        res["floor"] = run_step("floor", [str(model_dir)], 600)
        res["load"] = run_step("load", [str(model_dir)], 600)
        res["build"] = run_step("build", [str(model_dir)], 600)
        runs = [run_step("gaps", [str(model_dir)], 900) for _ in range(repeat)]
        ok = [r for r in runs if "wall" in r and "error" not in r and "timeout" not in r]
        gaps = dict(min(ok, key=lambda r: r["wall"])) if ok else runs[0]
        if ok:
            for key in ("wall", "work", "cpu", "imports"):
                gaps[key] = statistics.median(r[key] for r in ok)
            gaps["peak_kb"] = max(r["peak_kb"] for r in ok)
            gaps["walls"] = [round(r["wall"], 2) for r in ok]
        res["gaps"] = gaps
        if SCALES[scale] is not None:
            res["verify"] = run_step("verify", [str(model_dir)], 900)
        if (model_dir / "scenarios").is_dir():
            res["whatif"] = run_step("whatif", [str(model_dir)], 1800)
        else:
            res["whatif"] = {"skipped": "no scenarios in the model directory"}
        if SCALES[scale] is not None:
            res["linear"] = run_step("linear", [str(model_dir), str(LINEAR_REPEAT)], 1800)
        if shutil_which("dot"):
            diagrams = a.work / f"{scale}-diagrams"
            shutil.rmtree(diagrams, ignore_errors=True)
            res["render"] = run_step("render", [str(model_dir), str(diagrams)], a.render_timeout)
        else:
            res["render"] = {"skipped": "Graphviz dot is not installed"}
        if neo4j:
            res["neo4j"] = {"skipped": f"not measured: {neo4j}"}
        elif scale in NEO4J_SCALES:
            res["neo4j"] = run_step("neo4j", [str(model_dir)], 3600)
        else:
            res["neo4j"] = {
                "skipped": f"not run at this scale (only {', '.join(NEO4J_SCALES)}: a push is minutes here)"
            }
        if scale == "national" and not neo4j:
            res["pushes"] = ten_pushes(region_dir, a.work / "pushes.json")
        results[scale] = res
        for name, r in res.items():
            print(
                f"   {name:7s} {json.dumps({k: v for k, v in r.items() if k not in ('missing', 'extra')})[:200]}",
                flush=True,
            )
    if server is not None:
        server.stop()
    info["load_after"] = os.getloadavg()
    raw.write_text(json.dumps({"machine": info, "results": results}, indent=1, default=str) + "\n", encoding="utf-8")
    out_md.write_text(markdown(info, results, repeat), encoding="utf-8")
    print(f"wrote {out_md}")


def markdown(info: dict, results: dict, repeat: int) -> str:
    lines = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/run.py`; do not edit by hand (profiles and fixes: `benchmarks/PROFILE.md`).",
        "",
        f"- Date: {info['date']}; commit {info['commit']}",
        f"- Machine: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM; {info['platform']}",
        f"- Python {info['python']}; {info['graphviz']}",
        f"- Load average (1, 5, 15 min) before: {', '.join(f'{x:.1f}' for x in info['load_before'])}; "
        f"after: {', '.join(f'{x:.1f}' for x in info['load_after'])}. The machine is shared: a load above "
        f"{info['cores']} means other processes took turns with the benchmark, which inflates wall time more than CPU time."
        + (f" {info['note']}" if info.get("note") else ""),
        "",
        f"- Neo4j: {info.get('neo4j', 'NEO4J_URI')}",
        "",
        "Columns: **wall** = the whole process (interpreter start, imports, work), as a user waits; "
        "**x floor** = wall over the floor's wall, and CPU over the floor's CPU, at the same scale in the same run (the floor: "
        "`benchmarks/floor.py`, reading the files, plain-dict adjacency and one SCC pass, as a whole process); "
        "**work** = after the imports, measured inside the process; **CPU** = user + system time of "
        "the process and its children; **peak** = the process's peak resident memory (MB), a fresh "
        f"process per step. `gaps` is `pathways gaps --model DIR --format json` (load, validation, all rules; no typed graph), "
        f"median of {repeat} run(s).",
        "",
    ]
    for scale, res in results.items():
        lines += [
            f"## {SCALE_NAMES[scale]}",
            "",
            "| scale | step | wall (s) | x floor (wall / CPU) | work (s) | CPU (s) | peak (MB) | notes |",
            "|---|---|---:|---:|---:|---:|---:|---|",
        ]
        for name, r in res.items():
            if name == "subset":
                continue
            if name == "pushes":
                lines.append(pushes_row(scale, r))
                continue
            note = ""
            if name == "floor" and "elements" in r:
                note = f"read + plain-dict adjacency ({r['references']} references) + one SCC pass ({r['components']} components)"
            elif name == "synth" and "elements" in r:
                note = f"{r['elements']} elements, {r['plants']} planted gaps"
            elif name == "load" and "elements" in r:
                note = f"{r['elements']} elements"
            elif name == "build" and "nodes" in r:
                note = f"{r['nodes']} nodes, {r['edges']} edges"
            elif name == "gaps" and "work" in r:
                note = f"{r.get('findings')} findings; imports {r.get('imports', 0):.2f} s; walls {r.get('walls')}"
            elif name == "verify" and "summary" in r:
                note = ("exact: " if r["exact"] else "NOT EXACT: ") + r["summary"]
            elif name == "whatif" and "scenarios" in r:
                note = (
                    f"{r['scenarios']} scenarios, {r['cases']} cases: {r['resolved']} findings resolved, {r['new']} new"
                )
            elif name == "neo4j" and "result" in r:
                note = r["result"]
            elif name == "render" and "diagrams" in r:
                kind = "per county (national diagrams)" if r["national"] else "unit by unit"
                note = f"`pathways render` of the whole model, {kind}: {r['diagrams']} diagrams, SVG and PNG; SVG {r['svg_bytes'] // 1024} kB"
            elif name == "linear" and "catchments" in r:
                note = (
                    "least CPU of " + str(LINEAR_REPEAT) + ": " + ", ".join(f"{k} {r[k] * 1000:.1f} ms" for k in LINEAR)
                )
            lines.append(row(scale, name, r, note, res.get("floor")))
        lines.append("")
    lines += linear_table(results)
    lines += targets(results)
    return "\n".join(lines) + "\n"


def linear_table(results: dict) -> list[str]:
    """catchments, the handover index, PW114 and PW115 at each synthetic scale, with the ratios."""
    scales = [s for s in ("national", "double", "quad") if "catchments" in results.get(s, {}).get("linear", {})]
    if len(scales) < 2:
        return []
    rows = [results[s]["linear"] for s in scales]
    floors = [results[s].get("floor", {}) for s in scales]
    lines = [
        "## Linear in the measured sense",
        "",
        f"Least CPU time of {LINEAR_REPEAT} runs of each function on the loaded model, garbage collector paused "
        "(`benchmarks/linear.py`); in brackets, the ratio to the floor's CPU time at the same scale. "
        f"Linear: each doubling of the model at most {TARGETS['linear_ratio']}x the time.",
        "",
        "| function | "
        + " | ".join(f"{s} ({r['units']} units, {r['handovers']} handovers)" for s, r in zip(scales, rows, strict=True))
        + " | ratios |",
        "|---|" + "---:|" * len(scales) + "---|",
    ]
    for name in LINEAR:
        ratios = [b[name] / a[name] for a, b in itertools.pairwise(rows)]
        cells = " | ".join(
            f"{r[name] * 1000:.1f} ms" + (f" ({r[name] / f['cpu']:.3f}x)" if f.get("cpu") else "")
            for r, f in zip(rows, floors, strict=True)
        )
        ok = all(x <= TARGETS["linear_ratio"] for x in ratios)
        lines.append(
            f"| {name} | {cells} | {', '.join(f'{x:.2f}x' for x in ratios)} ({'linear' if ok else '**above**'}) |"
        )
    return [*lines, ""]


def _ok(r: dict) -> bool:
    return "wall" in r and "error" not in r and "timeout" not in r


def targets(results: dict) -> list[str]:
    lines = ["## Targets", "", "| target | measured | |", "|---|---|---|"]

    def verdict(ok: bool) -> str:
        return "met" if ok else "**missed**"

    def get(scale: str, step: str) -> dict:
        return results.get(scale, {}).get(step, {})

    nat, nat_floor = get("national", "gaps"), get("national", "floor")
    if _ok(nat):
        lines.append(
            f"| national `gaps` <= {TARGETS['national_gaps_s']:.0f} s (wall, whole command) | {nat['wall']:.2f} s "
            f"(CPU {nat['cpu']:.2f} s) | {verdict(nat['wall'] <= TARGETS['national_gaps_s'])} |"
        )
        lines.append(
            f"| national `gaps` <= 2 GB peak | {nat['peak_kb'] / 1024:.0f} MB | "
            f"{verdict(nat['peak_kb'] <= TARGETS['national_gaps_mb'] * 1024)} |"
        )
    if _ok(nat) and _ok(nat_floor):
        x = nat["wall"] / nat_floor["wall"]
        lines.append(
            f"| national `gaps` <= {TARGETS['national_gaps_floor']}x the floor | {x:.2f}x ({nat['wall']:.2f} s / "
            f"{nat_floor['wall']:.2f} s; CPU {nat['cpu'] / nat_floor['cpu']:.2f}x) | "
            f"{verdict(x <= TARGETS['national_gaps_floor'])} |"
        )
    for small, big, key in (("national", "double", "double_ratio"), ("double", "quad", "quad_ratio")):
        a, b = get(small, "gaps"), get(big, "gaps")
        if _ok(a) and _ok(b):
            lines.append(
                f"| {big} `gaps` <= {TARGETS[key]}x {small} | {b['wall'] / a['wall']:.2f}x wall, "
                f"{b['cpu'] / a['cpu']:.2f}x CPU ({b['wall']:.2f} s / {a['wall']:.2f} s) | "
                f"{verdict(b['wall'] / a['wall'] <= TARGETS[key])} |"
            )
    for scale in ("national", "double", "quad"):
        w, g = get(scale, "whatif"), get(scale, "gaps")
        if _ok(w) and _ok(g):
            lines.append(
                f"| {scale} `whatif` (every scenario) <= {TARGETS['whatif_gaps']}x `gaps` | "
                f"{w['wall'] / g['wall']:.2f}x ({w['wall']:.2f} s / {g['wall']:.2f} s) | "
                f"{verdict(w['wall'] / g['wall'] <= TARGETS['whatif_gaps'])} |"
            )
    dal = get("dalarna", "gaps")
    if _ok(dal):
        lines.append(
            f"| Dalarna `gaps` <= {TARGETS['dalarna_gaps_wall_s']} s whole process | {dal['wall']:.2f} s "
            f"(imports {dal['imports']:.2f} s, work {dal['work']:.2f} s) | "
            f"{verdict(dal['wall'] <= TARGETS['dalarna_gaps_wall_s'])} |"
        )
    pushes = get("national", "pushes")
    if "max_ratio" in pushes:
        low = pushes.get("min_ratio", 1.0)
        cpu = [x for x in pushes.get("cpu_ratios", []) if x is not None]
        cpu_text = f"; CPU {min(cpu):.2f}x to {max(cpu):.2f}x" if cpu else ""
        lines.append(
            f"| ten re-pushes under one name each within 10 % of the first | wall {low:.2f}x to "
            f"{pushes['max_ratio']:.2f}x{cpu_text}; trend {pushes.get('trend_percent')} % per push | "
            f"{verdict(pushes['max_ratio'] <= 1.1 and low >= 0.9)} (wall)"
            + (f", {verdict(max(cpu) <= 1.1 and min(cpu) >= 0.9)} (CPU)" if cpu else "")
            + " |"
        )
    for scale in ("national",):
        r = get(scale, "render")
        if _ok(r) and "diagrams" in r:
            lines.append(
                f"| {scale} `pathways render` <= {TARGETS['render_s']:.0f} s (wall, whole command) | {r['wall']:.2f} s "
                f"(CPU {r['cpu']:.2f} s, {r.get('diagrams')} diagrams) | {verdict(r['wall'] <= TARGETS['render_s'])} |"
            )
    for small, big in (("national", "double"), ("double", "quad")):
        a, b = get(small, "linear"), get(big, "linear")
        if "catchments" in a and "catchments" in b:
            worst = max((b[k] / a[k], k) for k in LINEAR)
            lines.append(
                f"| {big} vs {small}: catchments, handover index, PW114, PW115 each <= {TARGETS['linear_ratio']}x | "
                f"at most {worst[0]:.2f}x ({worst[1]}) | {verdict(worst[0] <= TARGETS['linear_ratio'])} |"
            )
    for scale in ("national", "double", "quad"):
        v = get(scale, "verify")
        if "exact" in v:
            lines.append(f"| {scale}: planted gaps found exactly | {v['summary']} | {verdict(v['exact'])} |")
    lines.append("")
    return lines


if __name__ == "__main__":
    main()
