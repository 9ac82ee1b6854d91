"""Baselines that stay honest: written from today's findings, stale entries reported."""

from __future__ import annotations

from pathlib import Path

from pathways.files import write_text
from pathways.gaps.config import Baseline
from pathways.gaps.core import Finding
from pathways.model.errors import Problem

HEADER = """\
# Accepterade fynd / accepted findings. Skriv varför varje fynd accepteras (justification);
# en post utan motivering är ett fel. Write why each finding is accepted; an empty one is an error.
accepted:
"""


def baseline_text(findings: list[Finding], keep: dict[str, str] | None = None, lang: str = "sv") -> str:
    """A baseline of ``findings``: justifications from ``keep`` where there is one, else empty."""
    import yaml  # here, not at the top: ``pathways gaps`` imports this module and rarely writes a baseline

    keep = keep or {}
    lines = [HEADER]
    for f in findings:
        message = " ".join(f.message.get(lang, "").split())
        lines.append(f"  # {f.rule} {f.severity}: {message}\n")
        lines.append(f"  - id: {f.id}\n")
        why = yaml.safe_dump(keep.get(f.id, ""), allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()
        lines.append(f"    justification: {why}\n")
    if not findings:
        lines[0] = HEADER.replace("accepted:\n", "accepted: []\n")
    return "".join(lines)


def write_baseline(path: Path, text: str) -> None:
    """Write the whole file or nothing (a temporary file renamed into place)."""
    write_text(path, text)


def stale_entries(baseline: Baseline, findings: list[Finding], codes: set[str] | None = None) -> list[Problem]:
    """Entries whose finding no longer exists (among the rules that ran: ``codes``, or every rule)."""
    present = {f.id for f in findings}
    out = []
    for fid, (file, line, col) in baseline.where.items():
        rule = fid.split("-", 1)[0]
        if fid in present or (codes is not None and rule not in codes):
            continue
        out.append(
            Problem(
                file,
                line,
                col,
                fid,
                "no such finding any more (resolved, or its elements changed); remove the entry / fyndet finns inte längre, ta bort posten",
            )
        )
    return out
