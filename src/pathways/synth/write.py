"""Write a synthetic model into a directory: the model files and the manifest of planted gaps."""

from __future__ import annotations

import json
from pathlib import Path

from pathways.model.model import FILES
from pathways.synth.emit import file_text
from pathways.synth.parts import COLLECTION_ORDER, Progress, Synth

MANIFEST = "planted.json"
"""The manifest's file name. JSON, not YAML: the loader reads every ``*.yaml`` of the directory."""


class OutDirError(Exception):
    """The output directory holds files that are not an earlier synthetic model."""


def file_texts(synth: Synth, split: int = 0) -> dict[str, str]:
    """File name -> text, in the layout of ``pathways.model.model.FILES``.

    With ``split``, a kind of more than ``split`` elements goes into a folder of its own
    instead, ``split`` elements a file (``handovers/0001.yaml``, ...), which the loader
    reads as one list.
    """
    parts: dict[str, list[tuple[str, object]]] = {FILES["model"]: [("model", synth.meta)]}
    for name in COLLECTION_ORDER:
        items = synth.collections[name]
        if split and len(items) > split:
            for number, start in enumerate(range(0, len(items), split), 1):
                parts[f"{name}/{number:04d}.yaml"] = [(name, items[start : start + split])]
        elif items:
            parts.setdefault(FILES[name], []).append((name, items))
    return {name: file_text(items, COMMENT) for name, items in parts.items()}


COMMENT = "Syntetisk modell (pathways synth), inte verkliga verksamheter. JSON-formad YAML: ett element per rad."


def manifest(synth: Synth) -> dict:
    rules = sorted({p["rule"] for p in synth.planted for p in p["findings"]} if synth.planted else set())
    return {
        "model": synth.meta["id"],
        "regions": synth.regions_n,
        "municipalities": synth.municipalities_n,
        "seed": synth.seed,
        "rules": rules,
        "plants": synth.planted,
    }


def _prepare(out_dir: Path) -> None:
    if out_dir.exists():
        if not out_dir.is_dir():
            raise OutDirError(f"{out_dir} is not a directory")
        present = list(out_dir.iterdir())
        if present and not (out_dir / MANIFEST).exists():
            raise OutDirError(
                f"{out_dir} is not empty and holds no earlier synthetic model ({MANIFEST}); choose another --out"
            )
        for p in present:
            if p.suffix in (".yaml", ".yml") or p.name == MANIFEST:
                p.unlink()
        for folder in ("scenarios", *COLLECTION_ORDER):
            if (out_dir / folder).is_dir():
                for p in (out_dir / folder).glob("*.yaml"):
                    p.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)


def write_synth(
    synth: Synth, out_dir: str | Path, progress: Progress | None = None, scenarios: bool = True, split: int = 0
) -> list[Path]:
    """Write the model files, ``scenarios/`` (unless ``scenarios`` is false) and ``planted.json``; return the paths.

    ``split``: elements per file in a folder per kind (see :func:`file_texts`); 0, one file per kind.

    An earlier synthetic model in ``out_dir`` is replaced; any other non-empty directory is refused.
    """
    out_dir = Path(out_dir)
    _prepare(out_dir)
    texts = file_texts(synth, split)
    written = []
    total = sum(len(t) for t in texts.values())
    done = 0
    for name in sorted(texts):
        path = out_dir / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(texts[name], encoding="utf-8")
        written.append(path)
        done += len(texts[name])
        if progress:
            progress("write", done, total)
    if scenarios:
        from pathways.synth.scenarios import SCENARIO_DIR
        from pathways.synth.scenarios import scenarios as make_scenarios

        folder = out_dir / SCENARIO_DIR
        folder.mkdir(exist_ok=True)
        for scenario in make_scenarios(synth):
            path = folder / f"{scenario['id']}.yaml"
            path.write_text(json.dumps(scenario, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            written.append(path)
    path = out_dir / MANIFEST
    path.write_text(json.dumps(manifest(synth), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    written.append(path)
    return written
