"""How `pathways explain` prints a finding or a grey zone."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from pathways.cli.common import console
from pathways.revision.explain import FindingExplanation, GreyZoneExplanation
from pathways.texts import t as text

T = {
    "sv": {
        "severity": "Allvarsgrad",
        "rule": "Regel",
        "profiles": "Gäller",
        "elements": "Element att ändra",
        "fix": "Det som löser fyndet",
        "gone": "Fyndet försvinner ur `pathways gaps` (och syns som löst i `pathways diff`) när ändringen är gjord.",
        "zone": "Gråzon",
        "source": "Källa",
        "tagged": "Element i gråzonen",
        "findings": "Fynd som rör gråzonen",
        "none": "inga",
        "where": "var",
        "kind": "slag",
        "label": "namn",
    },
    "en": {
        "severity": "Severity",
        "rule": "Rule",
        "profiles": "For",
        "elements": "Elements to edit",
        "fix": "What would resolve it",
        "gone": "The finding leaves `pathways gaps` (and shows as resolved in `pathways diff`) once the change is made.",
        "zone": "Grey zone",
        "source": "Source",
        "tagged": "Elements in the grey zone",
        "findings": "Findings touching the grey zone",
        "none": "none",
        "where": "where",
        "kind": "kind",
        "label": "label",
    },
}


def _places(title: str, rows, t) -> Table:
    table = Table(title=title, title_justify="left")
    for col in ("id", t["kind"], t["label"], t["where"]):
        table.add_column(col, overflow="fold")
    for p in rows:
        table.add_row(p.id, p.kind, Text(p.label), p.where)
    return table


def print_finding_explanation(x: FindingExplanation, lang: str) -> None:
    t, f = T[lang], x.finding
    console.print(Text(f"{f.id}: {f.message[lang]}", style="bold"))
    console.print(
        Text(
            f"{t['severity']}: {text(lang, 'sev_' + f.severity)} · {t['rule']}: {f.rule} {f.name}: {x.rule.title[lang]}"
        )
    )
    for p in f.profiles_text[lang]:
        console.print(Text(f"{t['profiles']}: {p}"))
    console.print(_places(t["elements"], x.elements, t))
    console.print(Text(f"{t['fix']}: ", style="bold") + Text(x.fix))
    console.print(Text(t["gone"], style="dim"))
    console.print(Text(f"{t['source']}: {x.rule.source}", style="dim"))


def print_grey_zone_explanation(z: GreyZoneExplanation, lang: str) -> None:
    t = T[lang]
    console.print(Text(f"{t['zone']} {z.number} ({z.id}): {z.label}", style="bold"))
    console.print(Text(f"{t['source']}: {z.source} · {z.where}"))
    console.print(_places(t["tagged"], z.elements, t) if z.elements else Text(f"{t['tagged']}: {t['none']}"))
    if not z.findings:
        console.print(Text(f"{t['findings']}: {t['none']}"))
        return
    table = Table(title=t["findings"], title_justify="left")
    for col in ("id", t["severity"], ""):
        table.add_column(col, overflow="fold")
    for f in z.findings:
        table.add_row(f.id, text(lang, "sev_" + f.severity), Text(f.message[lang]))
    console.print(table)
