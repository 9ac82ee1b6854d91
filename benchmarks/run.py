"""Benchmark pathways at Dalarna, national, twice and four times national scale; write benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py            # Dalarna, national (21/290), 2x (42/580), 4x (84/1160)
    .venv/bin/python benchmarks/run.py --quick    # Dalarna and national, one round: a few minutes

``floor``, ``gaps`` and ``whatif`` run in turn for ``--repeat`` rounds (floor, gaps, whatif,
floor, gaps, ...) and their medians are reported, so that a change in the machine's load
falls on the step and its floor alike.

Every measurement runs in a fresh Python process (``benchmarks/steps.py``), so its peak
memory (``ru_maxrss`` of that process, plus of any ``dot`` it starts) belongs to that step
alone. Three times are reported per step:

* **wall**: the whole process as a user would wait for it: interpreter start, imports, work;
* **work**: from after the imports to the end of the work, measured inside the process;
* **CPU**: user + system time of the process and its children (on a shared machine, wall
  time also counts other processes' turns; CPU time does not).

Every step is also given as a ratio to the *floor* at the same scale in the same run
(``benchmarks/floor.py``: reading the files, plain-dict adjacency, one SCC pass, as a
whole process), so that a shared machine's load, which slows both, cancels out; and with
the load average when it ended (``benchmarks/report.py`` writes the tables).

Every step runs with the model cache off (``PATHWAYS_CACHE=off``): the cold figures.
Steps: ``floor``, ``synth`` (write the synthetic model; 4x national over a folder per kind),
``load`` (read and validate), ``build`` (the typed graph), ``gaps`` (``pathways gaps --model
DIR --format json``, the command itself, including load, validation and graph build),
``gaps (warm cache)`` (the same with the model cache on, in a cache directory under the work directory, ``PATHWAYS_CACHE_DIR``: a first run
fills it, the second is reported), ``verify`` (the planted gaps found exactly, no more and
no fewer), ``whatif`` (every scenario of the model at once: the bundled ones for Dalarna,
the national analogues that ``pathways synth`` writes for synthetic models), ``linear``
(catchments, the handover index, PW114 and PW115, least CPU time of repeated runs,
``benchmarks/linear.py``; at the synthetic scales, after them all, their runs in turn), ``gaps (scales
in turn)`` (after every scale's steps, ``gaps`` on the synthetic scales in turn: what the doubling
targets compare), ``render`` (``pathways render --format
svg,png`` of the whole model: unit by unit for Dalarna, per county past the size threshold,
as at national scales), ``neo4j`` (push the graph to the server at NEO4J_URI or, when that
is unset, to the project's test server, ``tests/neo4j_server``, which the benchmark starts;
at Dalarna and national scale), at Dalarna ``pathways --help``, ``pathways validate`` and
``pathways gaps`` (``benchmarks/startup.py``: whole processes, the least of several runs: what
the start-up targets, Dalarna ``gaps`` among them, are read against), and at national
scale ``neo4j x10`` (``benchmarks/neo4j_pushes.py``: on a fresh test server, warm-up
pushes until three in a row are within 10 %, then ten re-pushes of changed content under one
name, one region, with the floor of that region beside them).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
sys.path.insert(0, str(HERE))

from machine import machine  # noqa: E402
from report import IN_TURN, LINEAR_REPEAT, markdown  # noqa: E402
from startup import commands, measure  # noqa: E402
from steps import child  # noqa: E402

SCALES = {
    "dalarna": None,
    "national": (21, 290),
    "double": (42, 580),
    "quad": (84, 1160),
}
SPLIT = dict.fromkeys(("national", "double", "quad"), 20000)
"""Elements per file in a folder per kind, per scale. 4x national's handovers are 80 MB as one
file; every scale is written the same way, as a model read from one big file leaves another
heap behind than one read from a folder (benchmarks/LINEAR.md), which made 2x against 1x and
4x compare two layouts."""
NEO4J_SCALES = ("dalarna", "national")
COLD = {"PATHWAYS_CACHE": "off"}
"""The environment of every step but the warm-cache one: the model cache off."""


def run_step(step: str, args: list[str], timeout: float, env: dict[str, str | None] | None = None) -> dict:
    """Run ``step`` in a fresh process (``env`` on top of :data:`COLD`, None unsets); its measurements, or ``error`` / ``timeout``."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        result = Path(f.name)
    cmd = [PYTHON, str(Path(__file__).resolve()), "--child", step, "--result", str(result), "--", *args]
    environ = dict(os.environ, COLUMNS="200", **COLD)
    for key, value in (env or {}).items():
        if value is None:
            environ.pop(key, None)
        else:
            environ[key] = value
    environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as an installed tool runs: compiled modules cached
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, text=True
    )
    try:
        _, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        result.unlink(missing_ok=True)
        return {"step": step, "timeout": timeout, "wall": time.perf_counter() - start, "load": os.getloadavg()[0]}
    wall = time.perf_counter() - start
    try:
        data = json.loads(result.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {"error": (stderr or f"exit {proc.returncode}").strip().splitlines()[-1][:300]}
    result.unlink(missing_ok=True)
    data.update(step=step, wall=wall, load=os.getloadavg()[0])
    return data


def _usable(r: dict) -> bool:
    return "wall" in r and "error" not in r and "timeout" not in r


TIMEOUTS = {"floor": 600, "gaps": 900, "whatif": 1800}


def in_turn(jobs: dict[str, tuple[str, Path]], repeat: int) -> dict[str, dict]:
    """``jobs`` (key -> the step and the model directory it runs on) in turn for ``repeat``
    rounds (floor, gaps, whatif, floor, gaps, ...), cold: the median run of each key.

    A change in the machine's load then falls on every job alike, and the ratios of the
    medians hold better than those of single runs.
    """
    runs: dict[str, list[dict]] = {key: [] for key in jobs}
    for _ in range(repeat):
        for key, (step, model_dir) in jobs.items():
            runs[key].append(run_step(step, [str(model_dir)], TIMEOUTS[step]))
    return {key: median_run(r) for key, r in runs.items()}


def median_run(runs: list[dict]) -> dict:
    """The median wall, work, CPU and imports of ``runs``, the highest peak, and every wall."""
    ok = [r for r in runs if _usable(r)]
    if not ok:
        return runs[0]
    out = dict(min(ok, key=lambda r: r["wall"]))
    for key in ("wall", "work", "cpu", "imports"):
        if all(key in r for r in ok):
            out[key] = statistics.median(r[key] for r in ok)
    if all("peak_kb" in r for r in ok):
        out["peak_kb"] = max(r["peak_kb"] for r in ok)
    out["walls"] = [round(r["wall"], 2) for r in ok]
    return out


def warm_gaps(model_dir: Path, cache: Path) -> dict:
    """``gaps`` with the model cache on, in ``cache``: a first run fills it, the second is the figure."""
    shutil.rmtree(cache, ignore_errors=True)
    env: dict[str, str | None] = {"PATHWAYS_CACHE": None, "PATHWAYS_CACHE_DIR": str(cache)}
    filling = run_step("gaps", [str(model_dir)], 900, env)
    warm = run_step("gaps", [str(model_dir)], 900, env)
    if _usable(filling):
        warm["filling"] = filling["wall"]
    return warm


def startup(model_dir: Path, repeat: int) -> dict[str, dict]:
    """``pathways --help`` and ``pathways validate``, whole processes, cold: the least of ``repeat`` runs each."""
    out = {}
    for name, argv in commands(model_dir).items():
        try:
            r = measure(argv, repeat)
        except (OSError, subprocess.CalledProcessError) as exc:
            out[name] = {"error": str(exc)[:300]}
            continue
        out[name] = {
            "wall": r["wall_min"],
            "cpu": r["cpu_min"],
            "wall_median": r["wall_median"],
            "cpu_median": r["cpu_median"],
            "runs": repeat,
            "load": os.getloadavg()[0],
        }
    return out


def ten_pushes(model_dir: Path, out: Path) -> dict:
    """``neo4j_pushes.py``: warm-ups until settled, then ten pushes of changed content under one name, on a fresh test server."""
    cmd = [PYTHON, str(HERE / "neo4j_pushes.py"), str(model_dir), "--pushes", "10", "--out", str(out)]
    try:
        proc = subprocess.run(cmd, check=False, cwd=ROOT, capture_output=True, text=True, timeout=3600)
    except subprocess.TimeoutExpired:
        return {"timeout": 3600}
    if proc.returncode != 0:
        return {"error": (proc.stderr or "failed").strip().splitlines()[-1][:300]}
    return json.loads(out.read_text(encoding="utf-8")) | {"load": os.getloadavg()[0]}


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


class Run:
    """One benchmark run: its options, the Neo4j it pushes to, and the results per scale."""

    def __init__(self, a: argparse.Namespace, repeat: int) -> None:
        self.a, self.repeat = a, repeat
        self.neo4j: str | None = None

    def model(self, scale: str, res: dict) -> tuple[Path, Path]:
        """The model directory of ``scale`` (written for the synthetic ones) and the one region pushed ten times."""
        if SCALES[scale] is None:
            return ROOT / "model", ROOT / "model"
        regions, municipalities = SCALES[scale]
        model_dir, region_dir = self.a.work / scale, self.a.work / f"{scale}-region"
        args = [str(regions), str(municipalities), str(self.a.seed)]
        res["synth"] = run_step("synth", [*args, str(model_dir), str(SPLIT.get(scale, 0))], 900)
        if scale == "national":
            res["subset"] = run_step("subset", [*args, str(region_dir)], 600)
        return model_dir, region_dir

    def scale(self, scale: str) -> dict[str, dict]:
        res: dict[str, dict] = {}
        model_dir, region_dir = self.model(scale, res)
        synthetic = SCALES[scale] is not None
        scenarios = (model_dir / "scenarios").is_dir()
        steps = ["floor", "gaps", "whatif"] if scenarios else ["floor", "gaps"]
        timed = in_turn({step: (step, model_dir) for step in steps}, self.repeat)
        res["floor"] = timed["floor"]
        res["load"] = run_step("load", [str(model_dir)], 600)
        res["build"] = run_step("build", [str(model_dir)], 600)
        res["gaps"] = timed["gaps"]
        res["gaps (warm cache)"] = warm_gaps(model_dir, self.a.work / f"{scale}-cache")
        if not synthetic:
            res.update(startup(model_dir, 5 if self.a.quick else 15))
        if synthetic:
            res["verify"] = run_step("verify", [str(model_dir)], 900)
        res["whatif"] = timed.get("whatif", {"skipped": "no scenarios in the model directory"})
        res["render"] = self.render(scale, model_dir)
        res["neo4j"] = self.push(scale, model_dir)
        if scale == "national" and not self.neo4j:
            res["floor (one region)"] = run_step("floor", [str(region_dir)], 600)
            res["pushes"] = ten_pushes(region_dir, self.a.work / "pushes.json")
        return res

    def render(self, scale: str, model_dir: Path) -> dict:
        if not shutil.which("dot"):
            return {"skipped": "Graphviz dot is not installed"}
        diagrams = self.a.work / f"{scale}-diagrams"
        shutil.rmtree(diagrams, ignore_errors=True)
        return run_step("render", [str(model_dir), str(diagrams)], self.a.render_timeout)

    def push(self, scale: str, model_dir: Path) -> dict:
        if self.neo4j:
            return {"skipped": f"not measured: {self.neo4j}"}
        if scale not in NEO4J_SCALES:
            return {"skipped": f"not run at this scale (only {', '.join(NEO4J_SCALES)}: a push is minutes here)"}
        return run_step("neo4j", [str(model_dir)], 3600)

    def all(self, scales: list[str]) -> tuple[dict, dict]:
        self.a.work.mkdir(parents=True, exist_ok=True)
        info = machine()
        info.update(repeat=self.repeat, note=self.a.note)
        server = test_server()
        self.neo4j = neo4j_reachable()
        info["neo4j"] = "the project's test server (tests/neo4j_server, Neo4j 5.26 embedded)" if server else "NEO4J_URI"
        results: dict[str, dict] = {}
        try:
            for scale in scales:
                print(f"== {scale}", flush=True)
                results[scale] = self.scale(scale)
                for name, r in results[scale].items():
                    shown = {k: v for k, v in r.items() if k not in ("missing", "extra", "pushes")}
                    print(f"   {name:7s} {json.dumps(shown, default=str)[:200]}", flush=True)
            self.scales_in_turn(scales, results)
            self.linear(scales, results)
        finally:
            if server is not None:
                server.stop()
        info["load_after"] = os.getloadavg()
        return info, results

    def scales_in_turn(self, scales: list[str], results: dict[str, dict]) -> None:
        """``gaps`` on every synthetic scale of the run, the scales in turn (national, double, quad,
        national, ...) for as many rounds as the other steps: the doubling targets compare these
        medians, which saw the machine's speed of the same minutes (each scale's own ``gaps``
        ran in its own phase, minutes apart)."""
        synthetic = [s for s in scales if SCALES[s] is not None and s in results]
        if len(synthetic) < 2:
            return
        print(f"== gaps ({', '.join(synthetic)} in turn)", flush=True)
        timed = in_turn({s: ("gaps", self.a.work / s) for s in synthetic}, self.repeat)
        for s in synthetic:
            results[s][IN_TURN] = {**timed[s], "in_turn": synthetic}
            print(f"   {s:7s} {json.dumps(results[s][IN_TURN])[:200]}", flush=True)

    def linear(self, scales: list[str], results: dict[str, dict]) -> None:
        """``benchmarks/linear.py`` over every synthetic scale of the run at once, the scales'
        runs taken in turn: each scale then sees the machine's speed of the same moments, which
        the least of the runs cuts out, so that the ratios between scales are the code's."""
        synthetic = [s for s in scales if SCALES[s] is not None and s in results]
        if not synthetic:
            return
        from linear import interleaved  # here: run.py is each step's child too, which must not import networkx

        print(f"== linear ({', '.join(synthetic)} in turn)", flush=True)
        rows = interleaved([str(self.a.work / s) for s in synthetic], LINEAR_REPEAT)["this"]
        for scale, r in zip(synthetic, rows, strict=True):
            results[scale]["linear"] = {**r, "in_turn": synthetic, "load": os.getloadavg()[0]}
            print(f"   {scale:7s} {json.dumps(r)[:200]}", flush=True)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="Dalarna and national only; 'gaps' once.")
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="Rounds of floor, gaps and whatif per scale, in turn (default 3, --quick 1).",
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
    return parser.parse_args(argv)


def rewrite(raw: Path, out_md: Path, note: str, repeat: int) -> None:
    """The Markdown again from the saved results (with a new note, when given)."""
    saved = json.loads(raw.read_text(encoding="utf-8"))
    if note:
        saved["machine"]["note"] = note
        raw.write_text(json.dumps(saved, indent=1, default=str) + "\n", encoding="utf-8")
    out_md.write_text(
        markdown(saved["machine"], saved["results"], saved["machine"].get("repeat", repeat)), encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> None:
    a = parse(argv)
    if a.child:
        child(a.child, a.rest, a.result)
        return
    repeat = a.repeat or (1 if a.quick else 3)
    scales = a.scales or (["dalarna", "national"] if a.quick else list(SCALES))
    out_md = a.out or HERE / ("RESULTS-quick.md" if a.quick else "RESULTS.md")
    raw = HERE / ("results-quick.json" if a.quick else "results.json")
    if a.rewrite:
        rewrite(raw, out_md, a.note, repeat)
    else:
        os.environ.update(COLD)
        info, results = Run(a, repeat).all(scales)
        raw.write_text(
            json.dumps({"machine": info, "results": results}, indent=1, default=str) + "\n", encoding="utf-8"
        )
        out_md.write_text(markdown(info, results, repeat), encoding="utf-8")
    print(f"wrote {out_md}")


if __name__ == "__main__":
    main()
