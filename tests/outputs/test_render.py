"""Every diagram renders with the real Graphviz, and reads on A4 paper."""

from __future__ import annotations

import re

import pytest

from pathways.outputs.render import SVG_SLACK
from pathways.outputs.style import A4_LANDSCAPE, A4_PORTRAIT
from pathways.stamp import content_hash

from .conftest import MODEL, png_pixels, svg_measure

MAGIC = {"svg": b"<?xml", "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
MIN_BYTES = {"svg": 3000, "png": 15000, "pdf": 8000}


def test_every_kind_of_diagram_is_there(bundled_diagrams, bundled):
    kinds = {d.kind for d in bundled_diagrams}
    assert kinds == {"overview", "gaps", "route", "matrix", "case", "whatif"}
    assert sum(d.kind == "route" for d in bundled_diagrams) == len(bundled["model"].routes)
    assert sum(d.kind == "case" for d in bundled_diagrams) == len(bundled["traces"])
    assert sum(d.kind == "whatif" for d in bundled_diagrams) == len(bundled["whatifs"])


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_renders_to_each_format(rendered, bundled_diagrams, fmt):
    for d in bundled_diagrams:
        data = (rendered / f"{d.name}.{fmt}").read_bytes()
        assert data.startswith(MAGIC[fmt]), d.name
        assert len(data) > MIN_BYTES[fmt], f"{d.name}.{fmt}: only {len(data)} bytes"
        if fmt == "svg":
            assert b"<svg" in data[:2000]


def test_png_is_a4_at_150_dpi(rendered, bundled_diagrams):
    """The PNG is what goes on paper: at 150 dpi it is no larger than A4 with 10 mm margins."""
    import struct

    for d in bundled_diagrams:
        w, h = struct.unpack(">II", (rendered / f"{d.name}.png").read_bytes()[16:24])
        w_in, h_in = w / 150, h / 150
        assert any(w_in <= a + 0.05 and h_in <= b + 0.05 for a, b in (A4_LANDSCAPE, A4_PORTRAIT)), (d.name, w_in, h_in)


def test_png_is_a_picture_not_a_blank(rendered):
    width, height, pixels = png_pixels((rendered / "route_1.png").read_bytes())
    assert width > 800 and height > 400
    ink = sum(1 for p in pixels[::7] if p != (255, 255, 255))
    assert ink > len(pixels[::7]) * 0.05


def test_readable_on_a4(rendered, bundled_diagrams):
    """Each diagram fits A4 (10 mm margins), landscape or portrait, with no text under 10 pt;
    the gap map, which carries its list of causes on the same page, no text under 8 pt."""
    problems = []
    for d in bundled_diagrams:
        m = svg_measure((rendered / f"{d.name}.svg").read_text(encoding="utf-8"))
        m["width"] /= 1 + SVG_SLACK  # the room fix_svg adds on the right for browsers
        fits = any(m["width"] <= w + 0.1 and m["height"] <= h + 0.1 for w, h in (A4_LANDSCAPE, A4_PORTRAIT))
        effective = m["min_font"] * m["scale"]
        least = 8 if d.name == "gaps" else 10
        if not fits or effective < least - 1e-6:
            problems.append(f"{d.name}: {m['width']:.2f}x{m['height']:.2f} in, smallest text {effective:.1f} pt")
    assert not problems, "\n".join(problems)


def test_every_diagram_has_title_legend_version_and_source(bundled_diagrams, bundled):
    meta, stamp = bundled["model"].meta, content_hash(MODEL)
    for d in bundled_diagrams:
        src = d.source
        assert "Teckenförklaring" in src, d.name
        assert f"version\u00a0{meta.version}" in src and f"modell\u00a0{stamp}" in src, d.name
        assert "Källa:" in src, d.name
        assert re.search(r'POINT-SIZE="15"><B>[^<]+', src), d.name


def test_swedish_characters_and_font(rendered):
    svg = (rendered / "overview.svg").read_text(encoding="utf-8")
    assert ("Vårdavdelning" in svg and "Särskilt" in svg) or "särskilt" in svg
    assert 'font-family="DejaVu Sans,' in svg  # with fallbacks of similar width
    assert "Times" not in svg


def test_colour_is_never_the_only_cue(bundled_diagrams):
    """The routes differ by line style and a label too; gap marks carry a shape and a letter."""
    src = next(d for d in bundled_diagrams if d.name == "overview").source
    assert "style=dashed" in src and 'color="#009E73:white:#009E73"' in src
    assert "Väg 1" in src and "Väg 2" in src and "Väg 3" in src
    gaps = next(d for d in bundled_diagrams if d.name == "gaps").source
    assert re.search(r">●\u00a0[A-Z]+", gaps) and re.search(r">▲\u00a0[A-Z]+", gaps), "a shape and a letter"
