"""A revision of the bundled model made as a user would: an owner added, a handover removed, a time limit changed."""

from __future__ import annotations

import shutil
from pathlib import Path

MODEL = Path("model")

ADDED = "ansvar-bmb-slutenvard"
REMOVED = "ho-vc-specialistmottagning"
CHANGED = "ho-utskrivning-kommunal-rehab"

OWNER = f"""  - id: {ADDED}
    label: {{sv: Vårdavdelningen äger BMB under vårdtiden, en: The ward owns BMB during the stay}}
    needs: [bmb]
    owner: vardavdelning
    settings: [inneliggande]
    source: {{doc: seed-001}}
    status: assumption
    note: En revision att pröva.
"""


def copy_model(target: Path) -> Path:
    shutil.copytree(MODEL, target)
    return target


def revise(model_dir: Path) -> None:
    """Apply the three edits to a copy of the bundled model, in place."""
    resp = model_dir / "responsibilities.yaml"
    text = resp.read_text(encoding="utf-8")
    anchor = "  - id: ansvar-rehabavdelning\n"
    assert anchor in text
    resp.write_text(text.replace(anchor, OWNER + anchor, 1), encoding="utf-8")
    ho = model_dir / "handovers.yaml"
    lines = ho.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - id: {REMOVED}\n")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id: "))
    del lines[start:end]
    block = lines.index(f"  - id: {CHANGED}\n")
    limit = next(i for i in range(block, len(lines)) if lines[i].strip().startswith("receiver_from:"))
    lines[limit] = "    receiver_from: 0\n"
    ho.write_text("".join(lines), encoding="utf-8")


def line_of(path: Path, text: str, after: str | None = None) -> int:
    """The 1-based line of the first line holding ``text`` (after the line holding ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i in range(start, len(lines)) if text in lines[i]) + 1
