"""The steps of ``benchmarks/run.py``, each run in a fresh process (the child side).

``run.py --child STEP --result FILE -- ARGS`` calls :func:`child`, which runs one step and
writes its measurements as JSON: ``work`` (seconds after the imports), ``peak_kb`` (the
process's peak resident memory, and of any child it started) and ``cpu`` (user + system
time of the process and its children), and what the step found.
"""

from __future__ import annotations

import contextlib
import io
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _peak_kb() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _command(argv: list[str], t_start: float) -> tuple[dict, str]:
    """Run ``pathways ARGV`` in this process as the command line does; its measurements and output."""
    from pathways.cli.main import app

    t0 = time.perf_counter()
    out: dict = {"imports": t0 - t_start}
    buffer = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(buffer):
        try:
            app(argv, standalone_mode=False)
        except SystemExit as exc:
            code = exc.code or 0
        except Exception as exc:  # click's Exit carries the exit code
            code = getattr(exc, "exit_code", 1)
    out.update(work=time.perf_counter() - t0, exit_code=code)
    return out, buffer.getvalue()


def floor_step(args: list[str], t_start: float) -> dict:
    sys.path.insert(0, str(HERE))
    from floor import floor

    t0 = time.perf_counter()
    out = floor(args[0])
    out["work"] = time.perf_counter() - t0
    return out


def synth_step(args: list[str], t_start: float) -> dict:
    from pathways.synth import synthesize, write_synth

    regions, municipalities, seed, directory = int(args[0]), int(args[1]), int(args[2]), args[3]
    t0 = time.perf_counter()
    s = synthesize(regions, municipalities, seed)
    write_synth(s, directory, split=int(args[4]))
    return {"work": time.perf_counter() - t0, "elements": s.count(), "plants": len(s.planted)}


def subset_step(args: list[str], t_start: float) -> dict:
    from pathways.synth import synthesize, write_synth
    from pathways.synth.subset import region_subset

    regions, municipalities, seed, directory = int(args[0]), int(args[1]), int(args[2]), args[3]
    s = synthesize(regions, municipalities, seed)
    ordered = sorted(s.regions, key=lambda r: (len(r.municipalities), r.id))
    region = ordered[len(ordered) // 2]
    sub = region_subset(s, region)
    write_synth(sub, directory, scenarios=False)
    return {
        "work": 0.0,
        "region": region.id,
        "municipalities": len(region.municipalities),
        "units": len(sub.collections["units"]),
        "handovers": len(sub.collections["handovers"]),
    }


def load_step(args: list[str], t_start: float) -> dict:
    from pathways.model.load import load_model

    t0 = time.perf_counter()
    m = load_model(args[0])
    return {"work": time.perf_counter() - t0, "elements": len(m.by_id)}


def build_step(args: list[str], t_start: float) -> dict:
    from pathways.graph.build import build_graph
    from pathways.model.load import load_model

    m = load_model(args[0])
    t0 = time.perf_counter()
    G = build_graph(m)
    return {"work": time.perf_counter() - t0, "nodes": G.number_of_nodes(), "edges": G.number_of_edges()}


def gaps_step(args: list[str], t_start: float) -> dict:
    out, printed = _command(["gaps", "--model", args[0], "--format", "json"], t_start)
    try:
        doc = json.loads(printed)
        out["findings"] = len(doc["findings"] if isinstance(doc, dict) else doc)
    except (ValueError, KeyError, TypeError):
        out["findings"] = None
    return out


def verify_step(args: list[str], t_start: float) -> dict:
    from pathways.gaps.analyze import find_gaps
    from pathways.model.load import load_model
    from pathways.synth.compare import compare

    manifest = json.loads((Path(args[0]) / "planted.json").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    m = load_model(args[0])
    found = find_gaps(m, codes=set(manifest["rules"]))
    c = compare(manifest, found)
    return {
        "work": time.perf_counter() - t0,
        "exact": c.exact,
        "summary": c.summary(),
        "expected": c.expected,
        "found": c.found,
        "rules": len(c.rules),
        "missing": [e["id"] for e in c.missing],
        "extra": [f.id for f in c.extra],
    }


def whatif_step(args: list[str], t_start: float) -> dict:
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
    return {
        "work": time.perf_counter() - t0,
        "scenarios": len(scenarios),
        "cases": len(cases),
        "resolved": len(w.resolved),
        "new": len(w.new),
    }


def render_step(args: list[str], t_start: float) -> dict:
    out, _ = _command(["render", "--model", args[0], "--out", args[1], "--format", "svg,png"], t_start)
    written = sorted(Path(args[1]).glob("*.svg"))
    out.update(
        diagrams=len(written),
        national=any(p.stem.startswith("national") for p in written),
        svg_bytes=sum(p.stat().st_size for p in written),
    )
    return out


def neo4j_step(args: list[str], t_start: float) -> dict:
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
        return {"work": time.perf_counter() - t0, "result": str(r)}


STEPS: dict[str, Callable[[list[str], float], dict]] = {
    "floor": floor_step,
    "synth": synth_step,
    "subset": subset_step,
    "load": load_step,
    "build": build_step,
    "gaps": gaps_step,
    "verify": verify_step,
    "whatif": whatif_step,
    "render": render_step,
    "neo4j": neo4j_step,
}


def child(step: str, args: list[str], result: Path) -> None:
    """Run one step in this (fresh) process and write its measurements to ``result``."""
    t_start = time.perf_counter()
    if step not in STEPS:
        raise SystemExit(f"unknown step {step}")
    out = STEPS[step](args, t_start)
    out.update(peak_kb=_peak_kb(), cpu=_cpu())
    result.write_text(json.dumps(out), encoding="utf-8")
