"""The results file of ``benchmarks/run.py``: tables per scale, the linear table and the targets.

Every step is given beside the *floor* at its scale in the same run (wall over the floor's
wall, CPU over the floor's CPU), so that a shared machine's load, which slows both,
cancels out; each row also says the load average (1 min) when the step ended.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

SCALE_NAMES = {
    "dalarna": "Dalarna (bundled model)",
    "national": "national (21 regions, 290 municipalities; a folder per kind, 20,000 elements a file)",
    "double": "2x national (42 regions, 580 municipalities; a folder per kind, 20,000 elements a file)",
    "quad": "4x national (84 regions, 1160 municipalities; a folder per kind, 20,000 elements a file)",
}
SYNTHETIC = ("national", "double", "quad")
LINEAR_REPEAT = 9
"""Runs of each function in the ``linear`` step; the least CPU time is kept."""
LINEAR = ("catchments", "handover index", "PW114", "PW115")
STARTUP = ("pathways --help", "pathways validate")
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
    "startup_s": 0.25,
    "push_ratio": 0.10,
}

IN_TURN = "gaps (scales in turn)"
"""The results' step of ``gaps`` run with the other synthetic scales' in turn (``run.py``), which the doubling targets read."""


def ok(r: dict) -> bool:
    return "wall" in r and "error" not in r and "timeout" not in r


def fmt_s(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}"


def fmt_mb(kb: int | None) -> str:
    return "" if kb is None else f"{kb / 1024:.0f}"


def ratio(r: dict, floor: dict) -> str:
    """Wall over the floor's wall, and CPU over the floor's CPU: ``4.65 / 5.66``."""
    if not ok(r) or "wall" not in floor:
        return ""
    cpu = f" / {r['cpu'] / floor['cpu']:.2f}" if r.get("cpu") and floor.get("cpu") else ""
    return f"{r['wall'] / floor['wall']:.2f}{cpu}"


def row(scale: str, name: str, r: dict, note: str = "", floor: dict | None = None) -> str:
    if "timeout" in r:
        return f"| {scale} | {name} | > {r['timeout']:.0f} (stopped) | | | | | | {note or 'did not finish'} |"
    if "error" in r:
        return f"| {scale} | {name} | | | | | | | error: {r['error']} |"
    if "skipped" in r:
        return f"| {scale} | {name} | | | | | | | {r['skipped']} |"
    load = f"{r['load']:.1f}" if "load" in r else ""
    return (
        f"| {scale} | {name} | {fmt_s(r.get('wall'))} | {ratio(r, floor or {})} | {fmt_s(r.get('work'))} | "
        f"{fmt_s(r.get('cpu'))} | {fmt_mb(r.get('peak_kb'))} | {load} | {note} |"
    )


def pushes_row(scale: str, r: dict, floor: dict | None) -> str:
    if "pushes" not in r:
        return row(scale, "neo4j x10", r)
    times = [p["seconds"] for p in r["pushes"]]
    cpus = [p["cpu"] for p in r["pushes"]]
    first, last = r["pushes"][0], r["pushes"][-1]
    settled = "" if r.get("settled", True) else " (NOT settled within the bound)"
    return (
        f"| {scale} | neo4j x10 | {sum(times):.2f} | "
        f"{ratio({'wall': sum(times) / len(times), 'cpu': sum(cpus) / len(cpus)}, floor or {})} "
        f"| | {sum(cpus):.2f} | | {r.get('load', 0):.1f} | "
        f"after {len(r.get('warm_up', []))} warm-up pushes{settled} ({r.get('warm_up')} s, until {r.get('window', 3)} in a "
        f"row were within {r.get('settle', 0.1):.0%} in CPU), ten re-pushes of changed content under one name ({r['model']}, {last['nodes']} nodes, "
        f"{last['relationships']} relationships): {times} s, {r.get('min_ratio', 1.0):.2f}x to {r['max_ratio']:.2f}x "
        f"the first (CPU of client and server: {r.get('cpu_ratios')}); trend {r.get('trend_percent')} "
        f"± {r.get('trend_error_percent')} % per push (CPU {r.get('cpu_trend_percent')} ± {r.get('cpu_trend_error_percent')} %); "
        + (
            f"the client's own CPU, the same work each push, {r['client_cpu_ratios']} (trend "
            f"{r['client_cpu_trend_percent']} ± {r['client_cpu_trend_error_percent']} %), CPU per the client's "
            f"{r['cpu_per_client_ratios']} (trend {r['cpu_per_client_trend_percent']} ± "
            f"{r['cpu_per_client_trend_error_percent']} %); over the last warm-ups {r['step_from_warm_up']}; "
            f"steal {r['steal_cpu']} s; "
            if "cpu_per_client_ratios" in r
            else ""
        )
        + f"server GC {r.get('gc_ms')} ms, JIT {r.get('jit_ms')} ms; database hits of profiled pushes after them "
        f"{[w['db_hits'] for w in r.get('work', [])]}; {last['nodes_on_store']} nodes in {last.get('builds_on_store', '?')} "
        f"build(s) left on the store, store {first['store_mb']} -> {last['store_mb']} MB"
        + (f" (indexes {first['index_mb']} -> {last['index_mb']} MB)" if "index_mb" in last else "")
        + (
            f", Neo4j's buffer of freed ids {first['id_buffer_mb']} -> {last['id_buffer_mb']} MB"
            if "id_buffer_mb" in last
            else ""
        )
        + (f", transaction logs {first['tx_logs_mb']} -> {last['tx_logs_mb']} MB" if "tx_logs_mb" in last else "")
        + (
            f", the server's live heap {first['live_heap_mb']} -> {last['live_heap_mb']} MB"
            if last.get("live_heap_mb") is not None
            else ""
        )
        + "; x floor: the mean push over the floor of the region pushed |"
    )


def _note(name: str, r: dict) -> str:
    """What a row says beside its figures."""
    notes: dict[str, Callable[[dict], str]] = {
        "floor": lambda r: (
            f"read + plain-dict adjacency ({r['references']} references) + one SCC pass ({r['components']} components)"
        ),
        "synth": lambda r: f"{r['elements']} elements, {r['plants']} planted gaps",
        "load": lambda r: f"{r['elements']} elements",
        "build": lambda r: f"{r['nodes']} nodes, {r['edges']} edges",
        "gaps": lambda r: f"{r.get('findings')} findings; imports {r.get('imports', 0):.2f} s",
        IN_TURN: lambda r: f"the same command, with the other scales' in turn ({', '.join(r['in_turn'])})",
        "gaps (warm cache)": lambda r: (
            f"{r.get('findings')} findings; second run with the model cache on (PATHWAYS_CACHE_DIR in the work "
            f"directory; the first, filling it: {r.get('filling', 0):.2f} s); imports {r.get('imports', 0):.2f} s"
        ),
        "verify": lambda r: ("exact: " if r["exact"] else "NOT EXACT: ") + r["summary"],
        "whatif": lambda r: (
            f"{r['scenarios']} scenarios, {r['cases']} cases: {r['resolved']} findings resolved, {r['new']} new"
        ),
        "neo4j": lambda r: r["result"],
        "render": lambda r: (
            f"`pathways render` of the whole model, {'per county (national diagrams)' if r['national'] else 'unit by unit'}: "
            f"{r['diagrams']} diagrams, SVG and PNG; SVG {r['svg_bytes'] // 1024} kB"
        ),
    }
    if not ok(r):
        return ""
    if name in STARTUP:
        return f"whole process, least of {r['runs']} runs (median {r['wall_median']:.3f} s, CPU median {r['cpu_median']:.3f} s)"
    if name not in notes:
        return ""
    walls = f"; walls {r['walls']}" if len(r.get("walls", [])) > 1 else ""
    try:
        return notes[name](r) + walls
    except KeyError:
        return ""


def scale_table(scale: str, res: dict) -> list[str]:
    lines = [
        f"## {SCALE_NAMES[scale]}",
        "",
        "| scale | step | wall (s) | x floor (wall / CPU) | work (s) | CPU (s) | peak (MB) | load | notes |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, r in res.items():
        if name in ("subset", "linear"):  # linear: a table of its own, the scales' runs in turn
            continue
        if name == "pushes":
            lines.append(pushes_row(scale, r, res.get("floor")))
            continue
        lines.append(row(scale, name, r, _note(name, r), res.get("floor")))
    return [*lines, ""]


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
        "- Model cache: every step runs with `PATHWAYS_CACHE=off` (cold), except `gaps (warm cache)`.",
        "",
        "Columns: **wall** = the whole process (interpreter start, imports, work), as a user waits; "
        "**x floor** = wall over the floor's wall, and CPU over the floor's CPU, at the same scale in the same run (the floor: "
        "`benchmarks/floor.py`, reading the files, plain-dict adjacency and one SCC pass, as a whole process); "
        "**work** = after the imports, measured inside the process; **CPU** = user + system time of "
        "the process and its children; **peak** = the process's peak resident memory (MB), a fresh "
        "process per step; **load** = the load average (1 min) when the step ended. "
        "`gaps` is `pathways gaps --model DIR --format json` (load, validation, all rules; no typed graph). "
        f"`floor`, `gaps` and `whatif` ran in turn, {repeat} round(s): their medians, and every run's wall.",
        "",
    ]
    for scale, res in results.items():
        lines += scale_table(scale, res)
    lines += linear_table(results)
    lines += targets(results)
    return "\n".join(lines) + "\n"


def linear_table(results: dict) -> list[str]:
    """catchments, the handover index, PW114 and PW115 at each synthetic scale, with the ratios."""
    scales = [s for s in SYNTHETIC if "catchments" in results.get(s, {}).get("linear", {})]
    if len(scales) < 2:
        return []
    rows = [results[s]["linear"] for s in scales]
    floors = [results[s].get("floor", {}) for s in scales]
    lines = [
        "## Linear in the measured sense",
        "",
        f"Least CPU time of {LINEAR_REPEAT} runs of each function on the loaded model, garbage collector paused "
        "(`benchmarks/linear.py`), the scales' runs taken in turn after every scale's other steps; in "
        "brackets, the ratio to the floor's CPU time at the same scale. "
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
        linear = all(x <= TARGETS["linear_ratio"] for x in ratios)
        lines.append(
            f"| {name} | {cells} | {', '.join(f'{x:.2f}x' for x in ratios)} ({'linear' if linear else '**above**'}) |"
        )
    return [*lines, ""]


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


class Targets:
    """The rows of the targets table, each from the results of this run."""

    def __init__(self, results: dict) -> None:
        self.results = results

    def get(self, scale: str, step: str) -> dict:
        return self.results.get(scale, {}).get(step, {})

    def national_gaps(self) -> list[str]:
        nat, floor = self.get("national", "gaps"), self.get("national", "floor")
        if not ok(nat):
            return []
        lines = [
            f"| national `gaps` <= {TARGETS['national_gaps_s']:.0f} s (wall, whole command) | {nat['wall']:.2f} s "
            f"(CPU {nat['cpu']:.2f} s) | {verdict(nat['wall'] <= TARGETS['national_gaps_s'])} |",
            f"| national `gaps` <= 2 GB peak | {nat['peak_kb'] / 1024:.0f} MB | "
            f"{verdict(nat['peak_kb'] <= TARGETS['national_gaps_mb'] * 1024)} |",
        ]
        if ok(floor):
            x = nat["wall"] / floor["wall"]
            lines.append(
                f"| national `gaps` <= {TARGETS['national_gaps_floor']}x the floor | {x:.2f}x ({nat['wall']:.2f} s / "
                f"{floor['wall']:.2f} s; CPU {nat['cpu'] / floor['cpu']:.2f}x) | "
                f"{verdict(x <= TARGETS['national_gaps_floor'])} |"
            )
        return lines

    def doubling(self) -> list[str]:
        """Each doubling's ``gaps`` ratio: of the scales' runs in turn (:data:`IN_TURN`) when the
        run has them, with the ratio of each scale's own ``gaps`` (minutes apart) beside it."""
        lines = []
        for small, big, key in (("national", "double", "double_ratio"), ("double", "quad", "quad_ratio")):
            a, b = self.get(small, IN_TURN), self.get(big, IN_TURN)
            apart = ""
            if ok(a) and ok(b):
                own_a, own_b = self.get(small, "gaps"), self.get(big, "gaps")
                if ok(own_a) and ok(own_b):
                    apart = f"; each in its own phase {own_b['wall'] / own_a['wall']:.2f}x"
                how = f"the scales in turn, medians of {len(b.get('walls', []))}{apart}"
            else:
                a, b, how = self.get(small, "gaps"), self.get(big, "gaps"), "each in its own phase"
            if ok(a) and ok(b):
                lines.append(
                    f"| {big} `gaps` <= {TARGETS[key]}x {small} | {b['wall'] / a['wall']:.2f}x wall, "
                    f"{b['cpu'] / a['cpu']:.2f}x CPU ({b['wall']:.2f} s / {a['wall']:.2f} s; {how}) | "
                    f"{verdict(b['wall'] / a['wall'] <= TARGETS[key])} |"
                )
        return lines

    def whatif(self) -> list[str]:
        lines = []
        for scale in SYNTHETIC:
            w, g = self.get(scale, "whatif"), self.get(scale, "gaps")
            if ok(w) and ok(g):
                lines.append(
                    f"| {scale} `whatif` (every scenario) <= {TARGETS['whatif_gaps']}x `gaps` | "
                    f"{w['wall'] / g['wall']:.2f}x ({w['wall']:.2f} s / {g['wall']:.2f} s) | "
                    f"{verdict(w['wall'] / g['wall'] <= TARGETS['whatif_gaps'])} |"
                )
        return lines

    def dalarna(self) -> list[str]:
        lines = []
        dal, least = self.get("dalarna", "gaps"), self.get("dalarna", "pathways gaps")
        if ok(least) and ok(dal):
            lines.append(
                f"| Dalarna `gaps` <= {TARGETS['dalarna_gaps_wall_s']} s whole process | {least['wall']:.3f} s "
                f"(least of {least['runs']}, as `--help` and `validate`; median {least['wall_median']:.3f} s; "
                f"the median in turn with the floor {dal['wall']:.2f} s: imports {dal['imports']:.2f} s, "
                f"work {dal['work']:.2f} s) | {verdict(least['wall'] <= TARGETS['dalarna_gaps_wall_s'])} |"
            )
        warm = self.get("dalarna", "gaps (warm cache)")
        if ok(warm):
            lines.append(
                f"| Dalarna `gaps` with a warm model cache <= {TARGETS['dalarna_gaps_wall_s']} s whole process | "
                f"{warm['wall']:.2f} s (imports {warm['imports']:.2f} s, work {warm['work']:.2f} s) | "
                f"{verdict(warm['wall'] <= TARGETS['dalarna_gaps_wall_s'])} |"
            )
        for name in STARTUP:
            r = self.get("dalarna", name)
            if ok(r):
                lines.append(
                    f"| `{name}` on Dalarna <= {TARGETS['startup_s']} s whole process | {r['wall']:.3f} s "
                    f"(least of {r['runs']}; median {r['wall_median']:.3f} s) | {verdict(r['wall'] <= TARGETS['startup_s'])} |"
                )
        return lines

    def pushes(self) -> list[str]:
        pushes = self.get("national", "pushes")
        if "max_ratio" not in pushes:
            return []
        low, high, band = pushes.get("min_ratio", 1.0), pushes["max_ratio"], TARGETS["push_ratio"]
        cpu = [x for x in pushes.get("cpu_ratios", []) if x is not None]
        cpu_text = f"; CPU {min(cpu):.2f}x to {max(cpu):.2f}x" if cpu else ""
        last = pushes["pushes"][-1]
        return [
            f"| ten re-pushes under one name each within 10 % of the first | wall {low:.2f}x to {high:.2f}x{cpu_text}; "
            f"trend {pushes.get('trend_percent')} % per push (CPU {pushes.get('cpu_trend_percent')} %) | "
            f"{verdict(high <= 1 + band and low >= 1 - band)} (wall)"
            + (f", {verdict(max(cpu) <= 1 + band and min(cpu) >= 1 - band)} (CPU)" if cpu else "")
            + " |",
            f"| re-pushes leave one build; the store does not grow | {last['nodes_on_store']} nodes in "
            f"{pushes.get('builds_on_store', '?')} build(s); store {pushes['pushes'][0]['store_mb']} -> "
            f"{last['store_mb']} MB | {verdict(pushes.get('builds_on_store') == 1 and last['store_mb'] <= pushes['pushes'][0]['store_mb'] * (1 + band))} |",
        ]

    def render(self) -> list[str]:
        r = self.get("national", "render")
        if not (ok(r) and "diagrams" in r):
            return []
        return [
            f"| national `pathways render` <= {TARGETS['render_s']:.0f} s (wall, whole command) | {r['wall']:.2f} s "
            f"(CPU {r['cpu']:.2f} s, {r.get('diagrams')} diagrams) | {verdict(r['wall'] <= TARGETS['render_s'])} |"
        ]

    def linear(self) -> list[str]:
        lines = []
        for small, big in itertools.pairwise(SYNTHETIC):
            a, b = self.get(small, "linear"), self.get(big, "linear")
            if "catchments" in a and "catchments" in b:
                worst = max((b[k] / a[k], k) for k in LINEAR)
                lines.append(
                    f"| {big} vs {small}: catchments, handover index, PW114, PW115 each <= {TARGETS['linear_ratio']}x | "
                    f"at most {worst[0]:.2f}x ({worst[1]}) | {verdict(worst[0] <= TARGETS['linear_ratio'])} |"
                )
        return lines

    def verify(self) -> list[str]:
        return [
            f"| {scale}: planted gaps found exactly | {v['summary']} | {verdict(v['exact'])} |"
            for scale in SYNTHETIC
            if "exact" in (v := self.get(scale, "verify"))
        ]


def targets(results: dict) -> list[str]:
    t = Targets(results)
    rows = [
        *t.national_gaps(),
        *t.doubling(),
        *t.whatif(),
        *t.dalarna(),
        *t.pushes(),
        *t.render(),
        *t.linear(),
        *t.verify(),
    ]
    return ["## Targets", "", "| target | measured | |", "|---|---|---|", *rows, ""]
