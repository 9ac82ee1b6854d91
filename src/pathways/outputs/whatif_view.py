"""What the what-if diagram shows, before it is drawn: the changes, the gaps resolved and
new, and the marks each unit and arrow carries in each panel (:mod:`pathways.outputs.whatif`)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from pathways.model.model import Model
from pathways.outputs.numbering import Anchors, Numbered, anchors
from pathways.outputs.overview import gap_rows
from pathways.outputs.style import BLUE, GREEN, VERMILLION, esc, ranges, t
from pathways.outputs.whatif_text import ChangeNote, change_notes
from pathways.scenarios.whatif import WhatIf


def badge(text: str, colour: str, ink: str = "white") -> str:
    return f'<TR><TD BGCOLOR="{colour}" ALIGN="LEFT"><FONT COLOR="{ink}"><B>{esc(text)}</B></FONT></TD></TR>'


@dataclass
class Marks:
    """The rows under an element's name or on its arrow, per panel (b: today, a: the scenario)."""

    b: list[str] = field(default_factory=list)
    a: list[str] = field(default_factory=list)

    def union(self) -> list[str]:
        """What the layout reserves room for: each row slot as the longer of the two."""
        rows = []
        for x, y in itertools.zip_longest(self.b, self.a, fillvalue=""):
            rows.append(x if len(x) >= len(y) else y)
        return rows


@dataclass
class View:
    base: Model
    changed: Model
    lang: str
    notes: list[ChangeNote]
    resolved: list[Numbered]
    new: list[Numbered]
    units: set[str]
    handovers: set[str]
    unit_marks: dict[str, Marks]
    edge_marks: dict[str, Marks]
    resolved_at: set[str]
    """Units and handovers where a gap goes away (outlined in today's panel)."""
    whatif: WhatIf


def _place_of_sip(model: Model, other: Model, sip: str) -> tuple[str, str] | None:
    """A SIP's mark goes on its handover's arrow or on its unit: ("handovers" | "units", id)."""
    sp = model.get(sip) or other.get(sip)
    if sp is None:
        return None
    kind = model.kind_of.get(sp.at) or other.kind_of.get(sp.at)
    return (kind, sp.at) if kind in ("handovers", "units") else None


def _anchor_places(anc: Anchors, model: Model, other: Model) -> dict[tuple[str, str], list[int]]:
    """Where each gap number goes: ("handovers" | "units", id) -> numbers (a SIP's on its place)."""
    out: dict[tuple[str, str], list[int]] = defaultdict(list)
    for h, nums in anc.handovers.items():
        out[("handovers", h)] += nums
    for u, nums in anc.units.items():
        out[("units", u)] += nums
    for s, nums in anc.sips.items():
        place = _place_of_sip(model, other, s)
        if place is not None:
            out[place] += nums
    return out


def _note_places(notes: list[ChangeNote], changed: Model, base: Model) -> dict[tuple[str, str], list[int]]:
    """Where each change's ◆ number goes."""
    out: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number, note in enumerate(notes, 1):
        places = [("handovers", h) for h in note.handovers] + [("units", u) for u in note.units]
        places += [p for s in note.sips if (p := _place_of_sip(changed, base, s)) is not None]
        for place in places:
            out[place].append(number)
    return out


def whatif_view(base: Model, changed: Model, whatif: WhatIf, numbers: dict[str, int], lang: str) -> View:
    """The changes, the gaps resolved (numbered as in the gap map) and new, and every mark."""
    notes = change_notes(base, changed, whatif, lang)
    resolved = [Numbered(numbers.get(f.id, 0), f) for f in whatif.resolved]
    new = [Numbered(i, f) for i, f in enumerate(whatif.new, 1)]
    marks: dict[str, dict[str, Marks]] = {"handovers": defaultdict(Marks), "units": defaultdict(Marks)}
    anc_resolved = anchors(base, resolved)
    for (kind, element), nums in _anchor_places(anc_resolved, base, changed).items():
        marks[kind][element].b.append(gap_rows(sorted(nums), 4, anc_resolved.severity))
        marks[kind][element].a.append(badge("✓ " + ranges(sorted(nums)), GREEN))
    for (kind, element), nums in _anchor_places(anchors(changed, new), changed, base).items():
        marks[kind][element].a.append(badge(f"⚠ {t(lang, 'new_short')} {ranges(sorted(nums))}", VERMILLION))
    for (kind, element), nums in _note_places(notes, changed, base).items():
        row = badge("◆ " + ranges(sorted(set(nums))), BLUE)
        marks[kind][element].b.append(row)
        marks[kind][element].a.append(row)
    resolved_at = {e for kind, e in _anchor_places(anc_resolved, base, changed)}
    return View(
        base=base,
        changed=changed,
        lang=lang,
        notes=notes,
        resolved=resolved,
        new=new,
        units=set(marks["units"]),
        handovers=set(marks["handovers"]),
        unit_marks=dict(marks["units"]),
        edge_marks=dict(marks["handovers"]),
        resolved_at=resolved_at,
        whatif=whatif,
    )


def union_model(base: Model, changed: Model) -> Model:
    """The changed model with the elements the scenario removes put back: what the layout draws."""
    collections = {name: list(items) for name, items in changed.collections.items()}
    for name, items in base.collections.items():
        collections[name] += [e for e in items if changed.get(getattr(e, "id", "")) is None]
    return Model(
        meta=changed.meta,
        collections=collections,
        origins=changed.origins,
        meta_origin=changed.meta_origin,
        root=changed.root,
    )
