"""Build every diagram of a model, and render them with Graphviz.

:func:`build` makes the diagrams as :class:`graphviz.Digraph` objects (pure and
deterministic: the same model gives byte-identical DOT); :func:`render` writes the DOT
source of each and runs Graphviz ``dot`` to make SVG, PNG and PDF, several diagrams at
a time. One ``dot`` run lays a diagram out and writes SVG and PDF together; PNG gets a
run of its own at 150 dpi (a resolution does not belong in the SVG).

Diagram files are named by what they show: ``overview``, ``gaps``, ``route_1``..,
``matrix`` or ``matrix_1``.., ``case_<case id>``, ``whatif_<scenario id>``.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import graphviz

from pathways.outputs.gapmap import gap_map
from pathways.outputs.heatmap import uncovered_heatmap
from pathways.outputs.journey import journey_diagram
from pathways.outputs.matrix import matrix_diagrams
from pathways.outputs.national import aggregated, national_diagrams, small_whatif
from pathways.outputs.numbering import numbered
from pathways.outputs.overview import overview
from pathways.outputs.routes import route_diagrams
from pathways.outputs.style import FONT, PNG_DPI, SVG_FONT_FALLBACK, dot_binary
from pathways.outputs.whatif import whatif_diagram
from pathways.pipeline import Analysis

FORMATS = ("svg", "png", "pdf")
DEFAULT_FORMATS = ("svg", "png")


@dataclass
class Diagram:
    name: str
    """File stem: overview, gaps, route_1, matrix_1, case_<id>, whatif_<id>."""
    kind: str
    """overview, gaps, route, matrix, case, whatif."""
    graph: graphviz.Digraph
    title: dict[str, str] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return self.graph.source


def build(analysis: Analysis, lang: str = "sv") -> list[Diagram]:
    """Every diagram of an analysed model: overview, gap overlay, routes, matrix, then one per
    case trace and one per what-if comparison. A model past
    :data:`pathways.outputs.national.AGGREGATE_HANDOVERS` handovers gets the national
    diagrams (per county, :mod:`pathways.outputs.national`) instead of the first four."""
    model = analysis.model
    items = numbered(analysis.findings)
    if aggregated(model):
        out = [Diagram(name, kind, g) for name, kind, g in national_diagrams(model, analysis.summary, items, lang)]
    else:
        out = [
            Diagram("overview", "overview", overview(model, lang)),
            Diagram("gaps", "gaps", gap_map(analysis, items, lang)),
        ]
        if any(i.finding.rule == "PW101" for i in items):
            out.append(Diagram("gaps_uncovered", "gaps", uncovered_heatmap(analysis, items, lang)))
        out += [Diagram(name, "route", g) for name, g in route_diagrams(model, lang, items)]
        out += [Diagram(name, "matrix", g) for name, g in matrix_diagrams(model, lang, items)]
    for tr in analysis.traces:
        out.append(
            Diagram(f"case_{safe_name(tr.case)}", "case", journey_diagram(model, tr, lang, items), dict(tr.label))
        )
    for c in analysis.comparisons:
        if aggregated(model) and not small_whatif(c.whatif):
            continue
        name = f"whatif_{safe_name(c.id)}"
        graph = whatif_diagram(model, c.changed, c.whatif, lang, items, name, c.label.get(lang, c.id))
        out.append(Diagram(name, "whatif", graph, dict(c.label)))
    return out


def safe_name(text: str) -> str:
    """A file-name-safe form of an id (letters, digits, - and _ kept)."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", text).strip(".") or "_"


SVG_SLACK = 0.04
"""Room added on the right of an SVG: a browser sets text a few per cent wider than
Graphviz measured it, and the longest lines of a legend would otherwise be cut."""


def fix_svg(svg: str) -> str:
    """An SVG from Graphviz with a font fallback list (a reader without DejaVu Sans gets a
    font of about the same width, Verdana, instead of a serif), spaces in texts kept
    (``xml:space="preserve"``: a browser would fold runs of spaces) and a little room on the right."""
    svg = svg.replace(f'font-family="{FONT}"', f'font-family="{SVG_FONT_FALLBACK}"')

    def widen(m: re.Match) -> str:
        w, h, vx, vy, vw, vh = (float(m.group(i)) for i in range(1, 7))
        k = 1 + SVG_SLACK
        return f'<svg width="{w * k:.0f}pt" height="{h:.0f}pt"\n viewBox="{vx:.2f} {vy:.2f} {vw * k:.2f} {vh:.2f}"'

    svg = re.sub(
        r'<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"',
        widen,
        svg,
        count=1,
    )
    return re.sub(r'(<svg [^>]*?viewBox="[^"]*")', r'\1 xml:space="preserve"', svg, count=1)


def with_metadata(svg: str, stamp: str) -> str:
    """An SVG with the revision stamp as its ``<metadata>`` (right after the ``<svg>`` tag).

    >>> with_metadata('<svg a="1"><g/></svg>', "modell 1a2b & c")
    '<svg a="1"><metadata>modell 1a2b &amp; c</metadata><g/></svg>'
    """
    if not stamp:
        return svg
    return re.sub(r"(<svg\b[^>]*>)", lambda m: f"{m.group(1)}<metadata>{html.escape(stamp)}</metadata>", svg, count=1)


def _run(args: list[str], source: str) -> None:
    proc = subprocess.run(args, input=source.encode("utf-8"), capture_output=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"Graphviz failed ({' '.join(args[:2])}): {proc.stderr.decode('utf-8', 'replace').strip()}")


def render_one(
    diagram: Diagram, out_dir: Path, formats: tuple[str, ...] = DEFAULT_FORMATS, stamp: str = ""
) -> list[Path]:
    """Write ``<name>.dot`` and the requested formats for one diagram; ``stamp`` goes into the SVG's metadata."""
    out_dir = Path(out_dir)
    dot = dot_binary()
    source = diagram.source
    paths = []
    dot_path = out_dir / f"{diagram.name}.dot"
    dot_path.write_text(source, encoding="utf-8")
    paths.append(dot_path)
    vector = [f for f in formats if f in ("svg", "pdf")]
    if vector:
        args = [dot]
        for f in vector:
            args += [f"-T{f}", "-o", str(out_dir / f"{diagram.name}.{f}")]
        _run(args, source)
        if "svg" in vector:
            svg_path = out_dir / f"{diagram.name}.svg"
            svg_path.write_text(with_metadata(fix_svg(svg_path.read_text(encoding="utf-8")), stamp), encoding="utf-8")
        paths += [out_dir / f"{diagram.name}.{f}" for f in vector]
    if "png" in formats:
        _run([dot, f"-Gdpi={PNG_DPI}", "-Tpng", "-o", str(out_dir / f"{diagram.name}.png")], source)
        paths.append(out_dir / f"{diagram.name}.png")
    return paths


def render(
    diagrams: list[Diagram],
    out_dir: str | Path,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    workers: int | None = None,
    stamp: str = "",
) -> list[Path]:
    """Render every diagram into ``out_dir`` (created); several ``dot`` runs at a time.

    ``stamp`` (the whole revision stamp, :meth:`pathways.stamp.Stamp.text`) goes into each
    SVG's ``<metadata>``; the drawing itself carries only the content hash."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; formats: {', '.join(FORMATS)}")
    workers = workers or min(8, (os.cpu_count() or 2) * 2)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda d: render_one(d, out, tuple(formats), stamp), diagrams))
    return [p for paths in results for p in paths]


def stale(diagrams: list[Diagram], out_dir: str | Path) -> list[str]:
    """Names of diagrams whose committed DOT in ``out_dir`` differs from a fresh one (or is missing),
    and DOT files there that no diagram makes any more."""
    out = Path(out_dir)
    names = {d.name for d in diagrams}
    bad = []
    for d in diagrams:
        path = out / f"{d.name}.dot"
        if not path.exists() or path.read_text(encoding="utf-8") != d.source:
            bad.append(d.name)
    bad += sorted(p.stem for p in out.glob("*.dot") if p.stem not in names)
    return bad
