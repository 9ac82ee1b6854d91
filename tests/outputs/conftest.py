"""Shared fixtures: the bundled model with its cases and scenarios, built once; a copy of
the model with hostile labels; a folder of rendered diagrams; helpers to read SVG and PNG."""

from __future__ import annotations

import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
import yaml

from pathways.cases.load import load_cases
from pathways.model.load import load_model
from pathways.outputs.render import build, render
from pathways.pipeline import analyse
from pathways.scenarios.load import load_scenarios

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "model"
DIAGRAMS = ROOT / "diagrams"

NASTY = "Enhet <b>&amp; \"x\"] [color=red] <script>alert(1)</script> & 'y'"
"""A label that would break DOT or HTML if it were not escaped."""


@pytest.fixture(scope="session")
def bundled():
    """The bundled model analysed with its cases and scenarios (one pipeline run)."""
    model = load_model(MODEL)
    cases = load_cases(MODEL / "cases", model)
    scenarios = load_scenarios(MODEL / "scenarios", model)
    analysis = analyse(model, cases, scenarios, model_dir=MODEL)
    return {
        "analysis": analysis,
        "model": model,
        "findings": analysis.findings,
        "traces": analysis.traces,
        "whatifs": analysis.comparisons,
    }


@pytest.fixture(scope="session")
def full_report(bundled, tmp_path_factory):
    """The bundled model's report in every format (HTML, PDF, Word, Excel, Markdown)."""
    from pathways.outputs.report import FORMATS, write_report

    return write_report(bundled["analysis"], tmp_path_factory.mktemp("report"), "sv", FORMATS)


@pytest.fixture(scope="session")
def bundled_diagrams(bundled):
    return build(bundled["analysis"], "sv")


@pytest.fixture(scope="session")
def rendered(bundled_diagrams, tmp_path_factory):
    """Every diagram of the bundled model rendered to SVG, PNG and PDF."""
    out = tmp_path_factory.mktemp("rendered")
    render(bundled_diagrams, out, ("svg", "png", "pdf"))
    return out


def copy_model(dest: Path) -> Path:
    """The bundled model files (no cases, no scenarios) in ``dest/model``."""
    target = dest / "model"
    target.mkdir(parents=True)
    for p in MODEL.glob("*.yaml"):
        shutil.copy(p, target / p.name)
    return target


def edit_yaml(path: Path, edit) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="session")
def nasty_model_dir(tmp_path_factory) -> Path:
    """The bundled model with NASTY in the model's name, a unit, a route, a need and a note."""
    d = copy_model(tmp_path_factory.mktemp("nasty"))

    def meta(doc):
        doc["model"]["label"]["sv"] = NASTY
        doc["model"]["label"]["en"] = NASTY

    def units(doc):
        for u in doc["units"]:
            if u["id"] == "vardcentral":
                u["label"]["sv"] = NASTY
                u["label"]["en"] = NASTY
            if u["id"] == "hjalpmedel-dalarna":
                u["note"] = NASTY

    def routes(doc):
        doc["routes"][0]["label"]["sv"] = "Väg 1: " + NASTY

    def needs(doc):
        for n in doc["needs"]:
            if n["id"] == "bmb":
                n["label"]["sv"] = NASTY

    edit_yaml(d / "model.yaml", meta)
    edit_yaml(d / "units.yaml", units)
    edit_yaml(d / "routes.yaml", routes)
    edit_yaml(d / "needs.yaml", needs)
    return d


# --- reading rendered files ---


def svg_measure(svg: str) -> dict:
    """Size in inches, the scale Graphviz applied, and the smallest font size of an SVG."""
    w = float(re.search(r'<svg width="([\d.]+)pt"', svg).group(1))
    h = float(re.search(r'height="([\d.]+)pt"', svg).group(1))
    m = re.search(r'class="graph" transform="scale\(([\d.]+)', svg)
    scale = float(m.group(1)) if m else 1.0
    fonts = [float(x) for x in re.findall(r'font-size="([\d.]+)"', svg)]
    return {"width": w / 72, "height": h / 72, "scale": scale, "min_font": min(fonts) if fonts else 0.0}


def png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and pixels of an 8-bit RGB or RGBA PNG (no Pillow needed)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and colour in (2, 6) and interlace == 0, "only 8-bit RGB/RGBA, not interlaced"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        f = raw[i]
        line = bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    pixels = [tuple(r[x : x + 3]) for r in rows for x in range(0, stride, channels)]
    return width, height, pixels
