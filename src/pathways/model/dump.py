"""Write a model back to YAML files, one per concern (the layout of ``model.FILES``)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml

from pathways.model.model import FILES, Model

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def model_documents(model: Model) -> dict[str, dict]:
    """File name -> the mapping that file holds, collections in schema order."""
    docs: dict[str, dict] = {FILES["model"]: {"model": model.meta.model_dump(mode="json", exclude_defaults=True)}}
    for name, items in model.collections.items():
        if items:
            docs.setdefault(FILES[name], {})[name] = [
                e.model_dump(mode="json", by_alias=True, exclude_defaults=True) for e in items
            ]
    return docs


def dump_model(model: Model, out_dir: Path) -> list[Path]:
    """Write the model into ``out_dir`` (created); all files appear at once or none do.

    The files are written to a temporary folder beside ``out_dir`` and moved into place
    only when all are written, so an interrupted dump leaves nothing half-way.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        written = []
        for file_name, doc in model_documents(model).items():
            text = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
            (staging / file_name).write_text(text, encoding="utf-8")
            written.append(out_dir / file_name)
        out_dir.mkdir(exist_ok=True)
        for path in sorted(staging.iterdir()):
            path.replace(out_dir / path.name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
