"""Findings printed as a table, and rule names read from the command line: shared by `gaps` and `neo4j gaps`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from pathways.cli.common import console
from pathways.cli.errors import CommandError

if TYPE_CHECKING:
    from pathways.gaps.core import Finding

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def rule_codes(selected: list[str]) -> set[str] | None:
    """The codes of the rules named by code or name; None when none is named (every rule)."""
    from pathways.gaps.rules import find_rule

    if not selected:
        return None
    codes = set()
    for key in selected:
        rule = find_rule(key)
        if rule is None:
            raise CommandError(f"unknown rule '{key}'; `pathways rules` lists them")
        codes.add(rule.code)
    return codes


def print_findings(
    findings: list[Finding], accepted: dict[str, str], lang: str, where: dict[str, dict[str, str]] | None = None
) -> None:
    """The findings as a table; ``where`` gives each finding's elements with their ``file:line``."""
    from pathways.gaps.core import SEVERITIES
    from pathways.texts import t

    sv = lang == "sv"
    table = Table(title="Glapp i vårdkedjan" if sv else "Gaps in the care pathway", show_lines=True)
    table.add_column("Nr" if sv else "No", justify="right")
    table.add_column("Regel" if sv else "Rule", overflow="fold", max_width=18)
    table.add_column("Gråzon" if sv else "Grey zone", max_width=7)
    table.add_column("Fynd" if sv else "Finding", overflow="fold", ratio=1)
    for index, f in enumerate(findings, start=1):
        who = "\n".join(f"• {_escape(p)}" for p in f.profiles_text[lang])
        note = (
            f"\n[italic]{'Accepterat' if sv else 'Accepted'}: {_escape(accepted[f.id])}[/italic]"
            if f.id in accepted
            else ""
        )
        table.add_row(
            str(index),
            f"{f.rule} [{SEVERITY_STYLE[f.severity]}]{t(lang, 'sev_' + f.severity)}[/]\n{f.name}",
            ", ".join(str(g) for g in f.grey_zones),
            f"{_escape(f.message[lang])}"
            + (f"\n{who}" if who else "")
            + "".join(f"\n[dim]→ {_escape(e)}: {_escape(at)}[/dim]" for e, at in (where or {}).get(f.id, {}).items())
            + f"\n[dim]{f.id}[/dim]"
            + note,
        )
    console.print(table)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in reversed(SEVERITIES)}
    summary = ", ".join(f"{n} {t(lang, 'sev_' + s)}" for s, n in counts.items())
    if accepted:
        summary += f" ({sum(1 for f in findings if f.id in accepted)} {'accepterade' if sv else 'accepted'})"
    console.print(summary, markup=False)


def _escape(text: str) -> str:
    return text.replace("[", "\\[")
