"""Read both sides of a diff (folders or git revisions) and compare them."""

from __future__ import annotations

from pathlib import Path

from pathways.cases.load import CASES_DIR, case_files, load_case
from pathways.gaps.config import load_config
from pathways.gaps.rules import all_rules
from pathways.model.errors import ModelError
from pathways.model.load import load_model
from pathways.revision.diff import Diff, diff_models
from pathways.revision.sources import Side, open_side, shown_problems
from pathways.scenarios.whatif import WhatIfOptions


def _load(side: Side):
    try:
        return load_model(side.path)
    except ModelError as exc:
        raise shown_problems(exc, side) from None


def _cases(side: Side, model) -> tuple[list, list[str]]:
    cases, notes = [], []
    for path in case_files(side.path / CASES_DIR):
        try:
            cases.append(load_case(path, model, display=side.display(str(path))))
        except ModelError as exc:
            notes += [f"{p} (fallet jämförs inte / case left out)" for p in exc.problems]
    return cases, notes


def run_diff(old: str, new: str, model_dir: Path, *, calendar: bool = True, cwd: Path | None = None) -> Diff:
    """Compare OLD and NEW (each a model directory or a git revision holding ``model_dir``).

    The bundled cases are OLD's, read against OLD; the rules are configured by NEW's rules.yaml.
    """
    with open_side(old, model_dir, cwd) as a, open_side(new, model_dir, cwd) as b:
        before, after = _load(a), _load(b)
        cases, notes = _cases(a, before)
        try:
            config = load_config(b.path, all_rules())
        except ModelError as exc:
            raise shown_problems(exc, b) from None
        result = diff_models(before, after, cases, (a, b), WhatIfOptions(calendar=calendar, config=config))
    result.result.notes += notes
    return result
