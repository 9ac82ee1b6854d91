"""Running Graphviz: finding ``dot``, measuring a drawing, choosing the layout that fits a page."""

from __future__ import annotations

import json
import shutil
import subprocess

import graphviz

from pathways.outputs.page import Page


def natural_size(g: graphviz.Digraph) -> tuple[float, float]:
    """The drawing's size in inches before Graphviz shrinks it to ``size`` (runs ``dot -Tjson``)."""
    out = subprocess.run(
        [dot_binary(), "-Tjson", "-Gsize=1000,1000"], input=g.source.encode("utf-8"), capture_output=True, check=True
    ).stdout
    bb = json.loads(out)["bb"].split(",")
    return float(bb[2]) / 72, float(bb[3]) / 72


def dot_binary() -> str:
    """The Graphviz ``dot`` program the graphviz package would run."""
    found = shutil.which("dot")
    if not found:
        raise RuntimeError("Graphviz 'dot' is not installed (Debian: apt-get install graphviz)")
    return found


def page_scale(g: graphviz.Digraph, page: Page) -> float:
    """How much Graphviz will shrink ``g`` to fit ``page`` (1.0: not at all), with a hair of margin."""
    w, h = natural_size(g)
    return min(1.0, (page.width - 0.15) / w, (page.height - 0.15) / h)


def first_fit(candidates) -> graphviz.Digraph:
    """The first graph of ``candidates`` ((build, page) pairs; ``build()`` makes a graph for
    that page) that fits its page without shrinking; else the one that shrinks least."""
    best = None
    for build, page in candidates:
        g = build()
        scale = page_scale(g, page)
        if scale >= 1.0:
            return g
        if best is None or scale > best[0] + 1e-9:
            best = (scale, g)
    if best is None:
        raise ValueError("first_fit needs at least one candidate")
    return best[1]
