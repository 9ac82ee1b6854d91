"""Rule fixtures: a small base model with whole collections replaced by a fixture file."""

from __future__ import annotations

from pathlib import Path

import yaml

from pathways.gaps.analyze import find_gaps
from pathways.gaps.core import Finding, Options
from pathways.model.load import load_model
from pathways.model.model import Model

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"


SRC = {"source": {"doc": "src"}, "status": "agreement"}
"""The source and status every element of a generated test model carries."""


def entry_unit(unit_id: str, label: str | None = None) -> dict:
    """A health centre of the region at primary care, an entry unit, as a model file writes it."""
    return {
        "id": unit_id,
        "kind": "health_centre",
        "principal": "region",
        "care_level": "primarvard",
        "settings": ["mottagning"],
        "entry": True,
        "label": {"sv": label or unit_id, "en": label or unit_id},
        **SRC,
    }


def fixture_model(tmp_path: Path, name: str | None = None, **collections) -> Model:
    """The base model, with the collections of ``fixtures/<name>.yaml`` and ``collections`` replacing its own."""
    doc = yaml.safe_load((HERE / "base.yaml").read_text(encoding="utf-8"))
    if name is not None:
        doc.update(yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8")) or {})
    doc.update(collections)
    directory = tmp_path / (name or "model").replace("/", "_")
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "model.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_model(directory)


def findings_of(model: Model, code: str, calendar: bool = False) -> list[Finding]:
    return find_gaps(model, codes={code}, options=Options(calendar=calendar))
