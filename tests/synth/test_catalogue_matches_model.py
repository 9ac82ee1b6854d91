"""synth/national.yaml (read by synth/catalogue.py) copies the national parts of model/: this proves the copy still matches.

A synthetic model is generated from an installed package, where model/ is not at hand, so
the generator keeps its copy; when model/ changes, this test names what to copy over.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pathways.synth import catalogue

MODEL = Path(__file__).resolve().parents[2] / "model"

LEFT_OUT = {"needs": {"bmb", "sarvard", "lakemedel"}}
"""Elements the catalogue leaves out on purpose (see its docstring)."""

COPIES = {
    "sources": catalogue.SOURCES,
    "care_levels": catalogue.CARE_LEVELS,
    "roles": catalogue.ROLES,
    "needs": catalogue.NEEDS,
    "dimensions": catalogue.DIMENSIONS,
    "settings": catalogue.SETTINGS,
    "events": catalogue.EVENTS,
    "grey_zones": catalogue.GREY_ZONES,
}


def _bundled(collection: str) -> list[dict]:
    items: list[dict] = []
    for path in sorted(MODEL.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        items += doc.get(collection, [])
    return [e for e in items if e.get("id") not in LEFT_OUT.get(collection, set())]


@pytest.mark.parametrize("collection", sorted(COPIES))
def test_catalogue_holds_the_bundled_elements(collection):
    bundled = {e["id"]: e for e in _bundled(collection)}
    copied = {e["id"]: e for e in COPIES[collection]}
    assert sorted(copied) == sorted(bundled), f"{collection}: ids differ from model/"
    for element_id, element in bundled.items():
        assert copied[element_id] == element, f"{collection} {element_id}: copy differs from model/"
