"""DOT output: deterministic, stable when the model changes a little, escaped."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

from pathways.model.load import load_model
from pathways.outputs.overview import overview
from pathways.outputs.render import build
from pathways.outputs.style import dot_binary
from pathways.pipeline import analyse
from pathways.stamp import content_hash

from .conftest import MODEL, ROOT, copy_model, edit_yaml

DIGEST_SCRIPT = """
import hashlib, sys
from pathways.cases.load import load_cases
from pathways.model.load import load_model
from pathways.outputs.render import build
from pathways.pipeline import analyse
from pathways.pipeline import analyse
from pathways.scenarios.load import load_scenarios
m = load_model(sys.argv[1])
c = load_cases(sys.argv[1] + "/cases", m)
s = load_scenarios(sys.argv[1] + "/scenarios", m)
for d in build(analyse(m, c, s), "sv"):
    print(d.name, hashlib.sha256(d.source.encode("utf-8")).hexdigest())
"""


def test_dot_is_byte_identical_across_runs(bundled, bundled_diagrams):
    again = build(bundled["analysis"], "sv")
    assert [d.name for d in again] == [d.name for d in bundled_diagrams]
    for a, b in zip(bundled_diagrams, again, strict=True):
        assert a.source == b.source, a.name


def test_dot_is_byte_identical_across_processes_and_hash_seeds(bundled_diagrams):
    """A fresh interpreter with another hash seed than this one makes the same DOT."""
    here = "\n".join(f"{d.name} {hashlib.sha256(d.source.encode('utf-8')).hexdigest()}" for d in bundled_diagrams)
    seed = "1" if os.environ.get("PYTHONHASHSEED") == "4242" else "4242"
    out = subprocess.run(
        [sys.executable, "-c", DIGEST_SCRIPT, str(MODEL)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONHASHSEED=seed),
        cwd=ROOT,
        check=True,
    ).stdout.strip()
    assert out == here


def _layout(source: str) -> dict[str, tuple[float, float]]:
    """Node name -> (x, y) from Graphviz's plain output."""
    plain = subprocess.run(
        [dot_binary(), "-Tplain"], input=source.encode("utf-8"), capture_output=True, check=True
    ).stdout.decode("utf-8")
    pos = {}
    for line in plain.splitlines():
        if line.startswith("node "):
            parts = line.split(" ")
            pos[parts[1].strip('"')] = (float(parts[2]), float(parts[3]))
    return pos


def _add_unit(model_dir: Path) -> None:
    def edit(doc):
        doc["units"].append(
            {
                "id": "ny-testenhet",
                "label": {"sv": "Ny testenhet", "en": "New test unit"},
                "kind": "municipal_rehab_ordinary",
                "principal": "dalarnas-kommuner",
                "care_level": "kommunal-primarvard",
                "settings": ["hemmet"],
                "entry": True,
                "source": {"doc": "domain"},
                "status": "assumption",
                "note": "Bara för testet.",
            }
        )

    edit_yaml(model_dir / "units.yaml", edit)


def test_adding_an_unrelated_unit_keeps_the_others_in_place(tmp_path):
    base_dir = copy_model(tmp_path / "a")
    changed_dir = copy_model(tmp_path / "b")
    _add_unit(changed_dir)
    base, changed = load_model(base_dir), load_model(changed_dir)
    src_a, src_b = overview(base).source, overview(changed).source

    # DOT: every statement of the first is in the second, in the same order
    lines_a = [x for x in src_a.splitlines() if x.strip()]
    lines_b = [x for x in src_b.splitlines() if x.strip()]
    in_b = set(lines_b)
    missing = [x for x in lines_a if x not in in_b]
    stamp = content_hash(base_dir)
    assert all("rank=same" in x or stamp in x for x in missing), missing  # the new unit's row, the stamp
    kept = [x for x in lines_a if x in in_b]
    it = iter(lines_b)
    assert all(any(x == y for y in it) for x in kept), "the statements keep their order"

    # layout: same rows, same left-to-right order of the units in each row
    pa, pb = _layout(src_a), _layout(src_b)
    units = sorted(n for n in pa if n.startswith("u_"))
    assert "u_ny_testenhet_" in "".join(pb) or any(n.startswith("u_ny") for n in pb)

    def rows(pos):
        by_y: dict[float, list[str]] = {}
        for n in units:
            by_y.setdefault(round(pos[n][1], 1), []).append(n)
        return [sorted(ns, key=lambda n: pos[n][0]) for _, ns in sorted(by_y.items(), reverse=True)]

    assert rows(pa) == rows(pb)


def test_overview_draws_each_unit_and_handover_once(bundled):
    model = bundled["model"]
    src = overview(model).source
    for u in model.units:
        name = re.escape(u.id).replace("\\-", "[-_]")
        assert len(re.findall(rf"^\s*u_{name}(_[0-9a-f]{{6}})? \[", src, re.M)) == 1, u.id
    arrows = len(re.findall(r" -> ", src))
    assert arrows >= len(model.handovers)


def test_english_labels(bundled):
    src = overview(bundled["model"], "en").source
    assert "Health centre" in src and "Route 1" in src and "Legend" in src
    assert "Vårdcentral" not in src and "Väg 1" not in src


def test_hostile_label_is_text_in_dot_and_svg(nasty_model_dir, tmp_path):
    """A label with <, &, quotes and "] is shown as text: Graphviz parses every DOT file,
    every SVG is well-formed XML with no element made from the label, and the label's
    text comes out unchanged."""
    import xml.etree.ElementTree as ET

    from pathways.outputs.render import render

    from .conftest import NASTY

    model = load_model(nasty_model_dir)
    diagrams = build(analyse(model), "sv")
    render(diagrams, tmp_path, ("svg",))  # raises if dot cannot parse a file
    shown = 0
    for d in diagrams:
        assert "<script>" not in d.source and "<b>&" not in d.source, d.name
        root = ET.fromstring((tmp_path / f"{d.name}.svg").read_bytes())
        assert not [e for e in root.iter() if e.tag.endswith(("script", "}b"))], d.name
        texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
        if any(NASTY in t for t in texts):
            shown += 1
    assert shown == len(diagrams), "the model's name (hostile here) is in every diagram's subtitle, as text"
