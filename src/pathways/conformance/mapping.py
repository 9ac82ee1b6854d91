"""The mapping file: each source system's local codes -> model ids.

::

    # mappning.yaml
    händelse: {INSKR: inskrivning, UTSKR: utskrivning}
    enhet: {AVD-12: vardavdelning}
    kommun: {"2080": kommun-falun}
    källsystem:
      hemtjanst-x:
        enhet: {HSV: kommunal-hemsjukvard}

Sections are the log's fields (Swedish or English names: händelse/event, enhet/unit,
överlämning/handover, kommun/municipality, behov/need); ``källsystem``/``systems`` holds
the same sections per source system (the log's ``källsystem`` column picks one; its codes
are tried before the common ones). A code that is already a model id of the right kind
needs no line. A code that maps to nothing is counted and listed, never dropped silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pathways.cases.yamlfile import suggest
from pathways.conformance.vocabulary import COLUMNS, FOLLOW_UP_KINDS, header_field
from pathways.model.errors import ModelError, Problem
from pathways.model.model import Model
from pathways.model.yamlio import PosDict, parse_yaml, read_text

MAPPED = ("kind", "unit", "handover", "municipality", "need")
_SYSTEMS = ("källsystem", "kallsystem", "systems")


def model_ids(model: Model) -> dict[str, set[str]]:
    """field -> the model ids a log value of that field may take."""
    steps = {s.id for r in model.routes for s in r.steps}
    return {
        "kind": {e.id for e in model.events} | steps | set(FOLLOW_UP_KINDS),
        "unit": {u.id for u in model.units},
        "handover": {h.id for h in model.handovers} | {s.id for s in model.sip_points},
        "municipality": {p.id for p in model.principals if p.kind == "municipality"},
        "need": {n.id for n in model.needs},
    }


@dataclass
class Mapping:
    """Codes -> ids, common and per source system; counts what it could not map."""

    common: dict[str, dict[str, str]] = field(default_factory=dict)
    systems: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    valid: dict[str, set[str]] = field(default_factory=dict)
    unmapped: Counter = field(default_factory=Counter)
    """(field, system, code) -> rows."""
    first_line: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lookup = {n: {**{v: v for v in self.valid.get(n, ())}, **self.common.get(n, {})} for n in MAPPED}

    def map(self, name: str, code: str, system: str, where: tuple[str, int]) -> str | None:
        """The model id of ``code`` in field ``name``, or None (counted, first place (file, line) kept)."""
        if system:
            own = self.systems.get(system, {}).get(name, {})
            if code in own:
                return own[code]
        found = self.lookup[name].get(code)
        if found is not None:
            return found
        key = (name, system, code)
        self.unmapped[key] += 1
        self.first_line.setdefault(key, where)
        return None

    def unmapped_rows(self) -> list[dict]:
        """Every code not mapped: field, system, code, rows, first place; most frequent first."""
        return [
            {"field": f, "system": s, "code": c, "rows": n, "first": "{}:{}".format(*self.first_line[(f, s, c)])}
            for (f, s, c), n in sorted(self.unmapped.items(), key=lambda kv: (-kv[1], kv[0]))
        ]


def _where(doc: object, key: object) -> tuple[int, int]:
    return doc.where(key) if isinstance(doc, PosDict) else (1, 1)


def _sections(doc: dict, display: str, valid: dict[str, set[str]], problems: list[Problem]) -> dict:
    sections: dict[str, dict[str, str]] = {}
    for key, table in doc.items():
        name = header_field(str(key), COLUMNS)
        line, col = _where(doc, key)
        if name not in MAPPED or not isinstance(table, dict):
            problems.append(
                Problem(
                    display,
                    line,
                    col,
                    str(key),
                    "not a section of a mapping file; sections: händelse, enhet, överlämning, kommun, behov, "
                    "källsystem (each a mapping of code: model id)",
                )
            )
            continue
        for code, target in table.items():
            where = _where(table, code)
            if not isinstance(target, str) or target not in valid[name]:
                problems.append(
                    Problem(
                        display,
                        *where,
                        str(code),
                        f"'{target}' is not a model id for {COLUMNS[name][0]}/{COLUMNS[name][1]}"
                        f"{suggest(str(target), sorted(valid[name]))}",
                    )
                )
                continue
            sections.setdefault(name, {})[str(code)] = target
    return sections


def load_mapping(path: Path | None, model: Model, display: str | None = None) -> Mapping:
    """Read a mapping file against a model (no file: model ids only); ModelError on problems."""
    valid = model_ids(model)
    if path is None:
        return Mapping(valid=valid)
    name = display or str(path)
    doc = parse_yaml(read_text(path, name), name)
    if doc is None:
        return Mapping(valid=valid)
    if not isinstance(doc, dict):
        raise ModelError([Problem(name, 1, 1, "", "a mapping file is a mapping of sections (händelse, enhet, ...)")])
    problems: list[Problem] = []
    systems_doc: object = next((doc[k] for k in _SYSTEMS if k in doc), {})
    common_doc = {k: v for k, v in doc.items() if k not in _SYSTEMS}
    positions = {k: _where(doc, k) for k in common_doc}
    common_doc = PosDict(common_doc)
    common_doc.pos = positions
    common = _sections(common_doc, name, valid, problems)
    if not isinstance(systems_doc, dict):
        systems_doc = {}
        problems.append(Problem(name, 1, 1, "källsystem", "källsystem/systems holds one mapping per source system"))
    systems = {str(s): _sections(t, name, valid, problems) for s, t in systems_doc.items() if isinstance(t, dict)}
    if problems:
        raise ModelError(problems)
    return Mapping(common, systems, valid)
