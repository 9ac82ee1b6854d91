"""The responsibility matrix as a grid (needs × profile group × units) and the scenario an edited grid means.

A cell is owned when a responsibility of the unit names the need and covers the group (a
value of one profile dimension, e.g. ``alder=barn``); ``partial`` when every such
responsibility holds only for some patients of the group (other dimensions) or for a time.
An edited grid becomes scenario changes: a new responsibility where a mark was added; where
one was removed, the need leaves the responsibility and comes back for the other groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from pathways.files import replacing
from pathways.model.model import Model
from pathways.model.schema import Responsibility
from pathways.scenarios.apply import apply_scenarios, dump_element
from pathways.scenarios.load import load_scenario

MARK, PARTIAL = "x", "x*"
SHEET = "Ansvar"
HEAD = ("behov", "namn", "grupp")
FIRST_ROW = 3
"""The sheet's layout: headings in row 1 (unit ids from column D), unit names in row 2, needs from row 3."""


@dataclass(frozen=True)
class Group:
    dimension: str
    value: str

    @property
    def key(self) -> str:
        return f"{self.dimension}={self.value}"


def groups(model: Model, dimension: str) -> list[Group]:
    dim = next(d for d in model.dimensions if d.id == dimension)
    return [Group(dim.id, v.id) for v in dim.values]


def _covers(r: Responsibility, g: Group) -> bool:
    return g.dimension not in r.profile or g.value in r.profile[g.dimension]


def _full(r: Responsibility, g: Group) -> bool:
    return r.window is None and not (set(r.profile) - {g.dimension})


def grid(model: Model, dimension: str) -> dict[tuple[str, str, str], str]:
    """(need, group key, unit) -> ``x`` or ``x*`` for every owned cell."""
    cells: dict[tuple[str, str, str], str] = {}
    for g in groups(model, dimension):
        for r in model.responsibilities:
            if not _covers(r, g):
                continue
            for need in r.needs:
                key = (need, g.key, r.owner)
                if _full(r, g) or cells.get(key) == MARK:
                    cells[key] = MARK
                else:
                    cells[key] = PARTIAL
    return cells


def _new_id(model: Model, base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken or model.get(candidate) is not None:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _pruned(data):
    """Plain data without empty fields (None, [], {}), as a person would write it."""
    if isinstance(data, dict):
        return {k: _pruned(v) for k, v in data.items() if v not in (None, [], {})}
    return data


def matrix_changes(model: Model, dimension: str, owned: set[tuple[str, str, str]], note: str) -> list[dict]:
    """Scenario changes that make the model own exactly ``owned`` (need, group key, unit) for these groups."""
    before = set(grid(model, dimension))
    added, removed = sorted(owned - before), sorted(before - owned)
    values = [g.value for g in groups(model, dimension)]
    changes: list[dict] = []
    taken: set[str] = set()
    source = model.meta.source.model_dump(mode="json", exclude_none=True)
    for need, key, unit in added:
        value = key.split("=", 1)[1]
        element = {
            "id": _new_id(model, f"matris-{unit}-{need}-{value}", taken),
            "label": {"sv": f"Ändrat i ansvarsmatrisen: {need}", "en": f"Changed in the responsibility matrix: {need}"},
            "needs": [need],
            "owner": unit,
            "profile": {dimension: [value]},
            "source": source,
            "status": "assumption",
            "note": note,
        }
        changes.append({"add": "responsibilities", "element": element})
    lost: dict[tuple[str, str], set[str]] = {}
    for need, key, unit in removed:
        lost.setdefault((unit, need), set()).add(key.split("=", 1)[1])
    for r in model.responsibilities:
        gone = {n for n in r.needs if (r.owner, n) in lost}
        if not gone:
            continue
        kept = [n for n in r.needs if n not in gone]
        changes.append({"set": r.id, "field": "needs", "value": kept} if kept else {"remove": r.id})
        for need in r.needs:
            if need not in gone:
                continue
            covered = r.profile.get(dimension, values)
            rest = [v for v in covered if v not in lost[(r.owner, need)]]
            if not rest:
                continue
            element = dump_element(r) | {
                "id": _new_id(model, f"{r.id}-{need}", taken),
                "needs": [need],
                "profile": {**r.profile, dimension: rest},
                "status": "assumption",
                "note": note,
            }
            changes.append(
                {"add": "responsibilities", "element": {k: v for k, v in element.items() if v not in (None, [], {})}}
            )
    return changes


def scenario_text(scenario_id: str, model: Model, changes: list[dict], sheet: str) -> str:
    """A scenario file (YAML) holding ``changes``; ``pathways whatif FILE`` takes it."""
    doc = {
        "id": scenario_id,
        "label": {"sv": f"Ansvarsmatrisen ändrad i {sheet}", "en": f"The responsibility matrix as edited in {sheet}"},
        "source": model.meta.source.model_dump(mode="json", exclude_none=True),
        "status": "assumption",
        "note": "Ändringar gjorda i ansvarsmatrisen i Excel; bekräfta innan modellen ändras.",
        "rationale": f"Importerad från {sheet} med pathways matrix import.",
        "changes": changes,
    }
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)


def write_scenario(out: Path, text: str, model: Model) -> None:
    """Write the scenario only if it loads and applies to ``model`` (whole file or nothing)."""
    with replacing(out) as tmp:
        tmp.write_text(text, encoding="utf-8")
        apply_scenarios(model, [load_scenario(tmp, model, display=str(out))])
