"""Benchmark pathways at Dalarna, national and twice national scale; write benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py            # Dalarna, national (21/290), 2x national (42/580)
    .venv/bin/python benchmarks/run.py --quick    # Dalarna and national, 'gaps' once: a few minutes

Every measurement runs in a fresh Python process, so its peak memory (``ru_maxrss`` of
that process, plus of any ``dot`` it starts) belongs to that step alone. Three times are
reported per step:

* **wall**: the whole process as a user would wait for it: interpreter start, imports, work;
* **work**: from after the imports to the end of the work, measured inside the process;
* **CPU**: user + system time of the process and its children (on a shared machine, wall
  time also counts other processes' turns; CPU time does not).

Steps: ``synth`` (write the synthetic model), ``load`` (read and validate), ``build``
(the typed graph), ``gaps`` (``pathways gaps --model DIR --format json``, the command itself,
including load, validation and graph build; run ``--repeat`` times, median reported),
``verify`` (the planted gaps found exactly, no more and no fewer), ``whatif`` (every
scenario of the model at once: the bundled ones for Dalarna, the national analogues that
``pathways synth`` writes for synthetic models), ``render`` (the overview diagram to SVG
with Graphviz ``dot``: the whole model for Dalarna, one region, of median size, at
national scales), ``neo4j`` (push the graph, when a server answers at NEO4J_URI).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
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
}
SCALE_NAMES = {
    "dalarna": "Dalarna (bundled model)",
    "national": "national (21 regions, 290 municipalities)",
    "double": "2x national (42 regions, 580 municipalities)",
}
TARGETS = {"national_gaps_s": 10.0, "national_gaps_mb": 2048, "double_ratio": 2.2, "dalarna_gaps_work_s": 0.5}


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
    if step == "synth":
        from pathways.synth import synthesize, write_synth

        regions, municipalities, seed, directory = int(args[0]), int(args[1]), int(args[2]), args[3]
        t0 = time.perf_counter()
        s = synthesize(regions, municipalities, seed)
        write_synth(s, directory)
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
        from pathways.model.load import load_model
        from pathways.outputs.overview import overview
        from pathways.outputs.render import Diagram, render_one

        m = load_model(args[0])
        t0 = time.perf_counter()
        g = overview(m, "sv")
        target = Path(args[1])
        target.mkdir(parents=True, exist_ok=True)
        paths = render_one(Diagram("overview", "overview", g), target, ("svg",))
        out.update(work=time.perf_counter() - t0, units=len(m.units), svg_bytes=paths[-1].stat().st_size)
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
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "status", "--porcelain", "--untracked-files=no"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            ).stdout.strip()
        )
    except OSError:
        commit, dirty = "unknown", False
    dot = (
        subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False).stderr.strip()
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
    import shutil

    return shutil.which(name)


def fmt_s(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}"


def fmt_mb(kb: int | None) -> str:
    return "" if kb is None else f"{kb / 1024:.0f}"


def row(scale: str, name: str, r: dict, note: str = "") -> str:
    if "timeout" in r:
        return f"| {scale} | {name} | > {r['timeout']:.0f} (stopped) | | | | {note or 'did not finish'} |"
    if "error" in r:
        return f"| {scale} | {name} | | | | | error: {r['error']} |"
    if "skipped" in r:
        return f"| {scale} | {name} | | | | | {r['skipped']} |"
    return (
        f"| {scale} | {name} | {fmt_s(r.get('wall'))} | {fmt_s(r.get('work'))} | {fmt_s(r.get('cpu'))} | "
        f"{fmt_mb(r.get('peak_kb'))} | {note} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="Dalarna and national only; 'gaps' once.")
    parser.add_argument(
        "--repeat", type=int, default=None, help="Runs of the 'gaps' step per scale (default 3, --quick 1)."
    )
    parser.add_argument("--seed", type=int, default=0)
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
    scales = ["dalarna", "national"] if a.quick else list(SCALES)
    out_md = a.out or HERE / ("RESULTS-quick.md" if a.quick else "RESULTS.md")
    raw = HERE / ("results-quick.json" if a.quick else "results.json")
    if a.rewrite:
        saved = json.loads(raw.read_text(encoding="utf-8"))
        out_md.write_text(markdown(saved["machine"], saved["results"], repeat), encoding="utf-8")
        print(f"wrote {out_md}")
        return
    a.work.mkdir(parents=True, exist_ok=True)
    info = machine()
    neo4j = neo4j_reachable()
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
            res["synth"] = run_step("synth", [str(regions), str(municipalities), str(a.seed), str(model_dir)], 600)
            res["subset"] = run_step("subset", [str(regions), str(municipalities), str(a.seed), str(region_dir)], 600)
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
        if shutil_which("dot"):
            res["render"] = run_step("render", [str(region_dir), str(a.work / f"{scale}-diagram")], a.render_timeout)
        else:
            res["render"] = {"skipped": "Graphviz dot is not installed"}
        res["neo4j"] = {"skipped": f"not measured: {neo4j}"} if neo4j else run_step("neo4j", [str(model_dir)], 3600)
        results[scale] = res
        for name, r in res.items():
            print(
                f"   {name:7s} {json.dumps({k: v for k, v in r.items() if k not in ('missing', 'extra')})[:200]}",
                flush=True,
            )
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
        f"{info['cores']} means other processes took turns with the benchmark, which inflates wall time more than CPU time.",
        "",
        "Columns: **wall** = the whole process (interpreter start, imports, work), as a user waits; "
        "**work** = after the imports, measured inside the process; **CPU** = user + system time of "
        "the process and its children; **peak** = the process's peak resident memory (MB), a fresh "
        f"process per step. `gaps` is `pathways gaps --model DIR --format json` (load, validation, graph, all rules), "
        f"median of {repeat} run(s).",
        "",
    ]
    for scale, res in results.items():
        lines += [
            f"## {SCALE_NAMES[scale]}",
            "",
            "| scale | step | wall (s) | work (s) | CPU (s) | peak (MB) | notes |",
            "|---|---|---:|---:|---:|---:|---|",
        ]
        for name, r in res.items():
            if name == "subset":
                continue
            note = ""
            if name == "synth" and "elements" in r:
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
            elif name == "render":
                sub = res.get("subset", {})
                where = (
                    "whole model"
                    if scale == "dalarna"
                    else f"one region ({sub.get('region')}, {sub.get('municipalities')} municipalities, {sub.get('units')} units, {sub.get('handovers')} handovers)"
                )
                note = where + (f"; SVG {r['svg_bytes'] // 1024} kB" if "svg_bytes" in r else "")
            lines.append(row(scale, name, r, note))
        lines.append("")
    lines += targets(results)
    return "\n".join(lines) + "\n"


def targets(results: dict) -> list[str]:
    lines = ["## Targets", "", "| target | measured | |", "|---|---|---|"]

    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else ("met" if ok else "**missed**")

    nat = results.get("national", {}).get("gaps", {})
    if "wall" in nat:
        lines.append(
            f"| national `gaps` <= {TARGETS['national_gaps_s']:.0f} s (wall, whole command) | {nat['wall']:.2f} s "
            f"(CPU {nat['cpu']:.2f} s) | {verdict(nat['wall'] <= TARGETS['national_gaps_s'])} |"
        )
        lines.append(
            f"| national `gaps` <= 2 GB peak | {nat['peak_kb'] / 1024:.0f} MB | "
            f"{verdict(nat['peak_kb'] <= TARGETS['national_gaps_mb'] * 1024)} |"
        )
    dbl = results.get("double", {}).get("gaps", {})
    if "wall" in nat and "wall" in dbl:
        ratio_wall = dbl["wall"] / nat["wall"]
        ratio_cpu = dbl["cpu"] / nat["cpu"]
        lines.append(
            f"| 2x national <= {TARGETS['double_ratio']}x national time | {ratio_wall:.2f}x wall, {ratio_cpu:.2f}x CPU "
            f"({dbl['wall']:.2f} s / {nat['wall']:.2f} s) | {verdict(ratio_wall <= TARGETS['double_ratio'])} |"
        )
    dal = results.get("dalarna", {}).get("gaps", {})
    if "work" in dal:
        lines.append(
            f"| Dalarna `gaps` <= {TARGETS['dalarna_gaps_work_s']} s beyond interpreter start and imports | "
            f"{dal['work']:.2f} s (imports {dal['imports']:.2f} s, whole command {dal['wall']:.2f} s) | "
            f"{verdict(dal['work'] <= TARGETS['dalarna_gaps_work_s'])} |"
        )
    for scale in ("national", "double"):
        v = results.get(scale, {}).get("verify", {})
        if "exact" in v:
            lines.append(f"| {scale}: planted gaps found exactly | {v['summary']} | {verdict(v['exact'])} |")
    lines.append("")
    return lines


if __name__ == "__main__":
    main()
