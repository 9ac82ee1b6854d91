"""Rule configuration (``rules.yaml`` in the model directory) and baselines of accepted findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pathways.gaps.core import SEVERITIES, Rule
from pathways.model.errors import ModelError, Problem
from pathways.model.positions import PosDict, PosList

CONFIG_FILE = "rules.yaml"


@dataclass(frozen=True)
class RuleConfig:
    """Which rules run, and at which severity."""

    disabled: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)

    def select(self, rules: list[Rule]) -> list[Rule]:
        return [r for r in rules if r.code not in self.disabled]


def load_config(model_dir: Path, rules: list[Rule]) -> RuleConfig:
    """Read ``rules.yaml`` of a model directory; a missing file means the defaults.

    The file::

        rules:
          PW102: {severity: info}
          PW115: {enabled: false}
    """
    path = Path(model_dir) / CONFIG_FILE
    if not path.exists():
        return RuleConfig()
    name = str(path)
    from pathways.model.yamlio import load_yaml  # only when there is a file to read

    doc = load_yaml(path, name)
    problems: list[Problem] = []
    codes = {r.code for r in rules}
    disabled, severity = set(), {}
    if doc is None:
        return RuleConfig()
    if not isinstance(doc, PosDict) or set(doc) - {"rules"}:
        raise ModelError([Problem(name, 1, 1, "", "rules.yaml holds one mapping, 'rules:', of rule codes to settings")])
    entries = doc.get("rules") or PosDict()
    if not isinstance(entries, PosDict):
        line, col = doc.where("rules")
        raise ModelError(
            [Problem(name, line, col, "", "'rules' must map rule codes to settings, e.g. PW102: {severity: info}")]
        )
    for code, setting in entries.items():
        line, col = entries.where(code)
        if code not in codes:
            problems.append(
                Problem(name, line, col, str(code), f"unknown rule code; known: {', '.join(sorted(codes))}")
            )
            continue
        if not isinstance(setting, PosDict) or set(setting) - {"enabled", "severity"}:
            problems.append(
                Problem(
                    name, line, col, code, "settings are 'enabled' (true/false) and 'severity' (info/warning/error)"
                )
            )
            continue
        if "enabled" in setting and not isinstance(setting["enabled"], bool):
            sl, sc = setting.where("enabled")
            problems.append(Problem(name, sl, sc, code, "'enabled' is true or false"))
        elif setting.get("enabled") is False:
            disabled.add(code)
        if "severity" in setting:
            if setting["severity"] not in SEVERITIES:
                sl, sc = setting.where("severity")
                problems.append(Problem(name, sl, sc, code, f"'severity' is one of {', '.join(SEVERITIES)}"))
            else:
                severity[code] = setting["severity"]
    if problems:
        raise ModelError(problems)
    return RuleConfig(frozenset(disabled), severity)


class Baseline(dict):
    """Accepted findings, finding id -> justification; ``where`` holds each entry's (file, line, col)."""

    def __init__(self, accepted: dict[str, str], where: dict[str, tuple[str, int, int]]):
        super().__init__(accepted)
        self.where = where


def load_baseline(path: Path) -> Baseline:
    """Accepted findings: finding id -> the written justification.

    The file::

        accepted:
          - id: PW102-8ec597433c
            justification: Gränsen mellan psykiatri och primärvård utreds i målbildsarbetet.
    """
    name = str(path)
    from pathways.model.yamlio import load_yaml

    doc = load_yaml(Path(path), name)
    if not isinstance(doc, PosDict) or not isinstance(doc.get("accepted"), PosList):
        raise ModelError([Problem(name, 1, 1, "", "a baseline holds 'accepted:', a list of {id, justification}")])
    accepted: dict[str, str] = {}
    where: dict[str, tuple[str, int, int]] = {}
    problems = []
    items = doc["accepted"]
    for index, item in enumerate(items):
        line, col = items.where(index)
        if not isinstance(item, PosDict) or set(item) != {"id", "justification"}:
            problems.append(Problem(name, line, col, "", "each accepted finding has exactly 'id' and 'justification'"))
            continue
        fid, why = item["id"], item["justification"]
        if not isinstance(why, str) or not why.strip():
            problems.append(
                Problem(name, line, col, str(fid), "the justification is empty; say why the finding is accepted")
            )
            continue
        accepted[str(fid)] = why.strip()
        where[str(fid)] = (name, line, col)
    if problems:
        raise ModelError(problems)
    return Baseline(accepted, where)
