"""diagrams/ holds the rendered diagrams of the bundled model; this fails when they are stale.

Regenerate them with the one command (docs/diagrams.md)::

    .venv/bin/pathways render --out diagrams --stamp model   (make diagrams)
"""

from __future__ import annotations

from pathways.outputs.render import stale

from .conftest import DIAGRAMS

REGENERATE = (
    "diagrams/ is stale; regenerate with: make diagrams (.venv/bin/pathways render --out diagrams --stamp model)"
)


def test_committed_dot_matches_a_fresh_build(bundled_diagrams):
    assert DIAGRAMS.is_dir(), REGENERATE
    bad = stale(bundled_diagrams, DIAGRAMS)
    assert not bad, f"{REGENERATE}\nstale or missing: {', '.join(bad)}"


def test_each_committed_dot_has_its_svg_and_png(bundled_diagrams):
    for d in bundled_diagrams:
        for ext in ("svg", "png"):
            path = DIAGRAMS / f"{d.name}.{ext}"
            assert path.exists() and path.stat().st_size > 1000, f"{path.name} missing; {REGENERATE}"
            assert path.stat().st_mtime >= (DIAGRAMS / f"{d.name}.dot").stat().st_mtime - 5, (
                f"{path.name} is older than its DOT; {REGENERATE}"
            )


def test_stale_is_detected(bundled_diagrams, tmp_path):
    d = bundled_diagrams[0]
    (tmp_path / f"{d.name}.dot").write_text(d.source.replace("Region", "Regionen", 1), encoding="utf-8")
    (tmp_path / "old_diagram.dot").write_text("digraph {}", encoding="utf-8")
    bad = stale(bundled_diagrams, tmp_path)
    assert d.name in bad and "old_diagram" in bad
