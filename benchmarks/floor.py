"""The floor the benchmark compares pathways with: the least work any tool does on a model.

Read every model file (the C ``json`` parser for JSON-formed files, as the loader's fast
path; libyaml otherwise), build plain-dict adjacency of every reference between
elements (an element -> each other element whose id one of its fields names, in lists
and nested mappings too), and find the strongly connected components once (the iterative
Tarjan PW115 uses, ``pathways.analysis.components``). No validation, no typed graph, no
rules: what ``pathways gaps`` costs above this is the price of what it does on top.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from pathways.analysis.components import strong_components

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read(model_dir: Path) -> dict[str, dict]:
    """Element id -> element, from every YAML file of the directory and its folders per kind."""
    elements: dict[str, dict] = {}
    files = sorted(model_dir.glob("*.yaml")) + sorted(model_dir.glob("*/*.yaml"))
    for path in files:
        if path.parent.name in ("scenarios", "cases") or path.stem == "rules":
            continue
        text = path.read_text(encoding="utf-8")
        try:
            doc = json.loads("\n".join(line for line in text.splitlines() if not line.startswith("#")))
        except ValueError:
            doc = yaml.load(text, Loader=Loader)
        for items in (doc or {}).values():
            if isinstance(items, list):
                for item in items:
                    if isinstance(item, dict) and "id" in item:
                        elements[item["id"]] = item
    return elements


def _strings(value, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, list):
        for v in value:
            _strings(v, out)
    elif isinstance(value, dict):
        for v in value.values():
            _strings(v, out)


def adjacency(elements: dict[str, dict]) -> dict[str, list[str]]:
    adj: dict[str, list[str]] = {}
    for eid, element in elements.items():
        found: list[str] = []
        for key, value in element.items():
            if key not in ("id", "label", "note"):
                _strings(value, found)
        adj[eid] = [s for s in found if s in elements and s != eid]
    return adj


def floor(model_dir: str | Path) -> dict:
    elements = read(Path(model_dir))
    adj = adjacency(elements)
    return {
        "elements": len(elements),
        "references": sum(len(v) for v in adj.values()),
        "components": sum(1 for _ in strong_components(adj)),
    }
