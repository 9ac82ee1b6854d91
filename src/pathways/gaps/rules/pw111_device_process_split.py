"""PW111 device-process-split: a device responsibility ends and nobody takes the rest of the process.

Definition: for each responsibility R that names device steps (needs of category
``device_step``, the prescription process of HSLF-FS 2021:52) and whose ``window`` has an
``end_day`` (it ends at an event E: discharge, end of contact), the steps still to do after
R ends are R's own device steps and every device step later in ``order`` than the first
of them. A step is taken over, for a profile, by another responsibility of a different
owner in the same catchment that names the step for that profile in a setting where it
applies, and either has no window or has a window counted from E that holds on day
``end_day + 1`` (plain days). The profiles are R's (its ``profile`` within its settings)
for which the step exists (``applies_to`` and ``settings`` of the step). Handovers do not
count: a step must be owned by a responsibility; the handovers from R's owner at E that
transfer an uncovered step for some of its profiles are named as involved (their grey
zones tag the finding). One finding per R, with the steps and
minimal profiles nobody takes over; with several catchments, the union, and
``data["catchments"]`` lists those affected.

Cost: O(R) to find device responsibilities with an end; O(K * D * E_d) once to index, per
block of units (:func:`~pathways.analysis.coverage.blocks`), device step and (event, day),
the profiles each unit owns then (E_d entries per step), and O(C * D * B) to unite the B
blocks of each catchment; then O(D) per such responsibility and catchment (O(D * U_d) when its
owner also owns the step then); bit-set operations, plus one cube cover per step reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from pathways.gaps.core import Context, Hit, Rule
from pathways.gaps.rules.pw108_receiver_does_not_own import cube_cover, cube_text, need_masks


def _active(window, event: str, day: int) -> bool:
    if window is None:
        return True
    if window.event != event:
        return False
    return (window.start_day is None or window.start_day <= day) and (window.end_day is None or window.end_day >= day)


class _Split:
    """What the check looks up for every device responsibility: coverage by catchment, who
    owns each step when, and the handovers from each unit at each event."""

    def __init__(self, ctx: Context, steps: list):
        model, space = ctx.model, ctx.space
        self.ctx, self.model, self.space, self.steps = ctx, model, space, steps
        self.resp = {r.id: r for r in model.responsibilities}
        self.unit_of = {u.id: u for u in model.units}
        self.setting_mask = {s.id: space.mask(s.profile) for s in model.settings}
        self.exists = need_masks(ctx)
        self.cover = cube_cover(space)
        self.words = cube_text(ctx, self.cover)
        self.blocks = ctx.blocks
        of_block: list[list] = [[] for _ in self.blocks.cells]
        for index, (catchment, mine) in enumerate(zip(ctx.catchments, self.blocks.of_catchment, strict=True)):
            for b in mine:
                of_block[b].append((index, catchment))
        # unit -> (index, catchment) of each catchment that holds it, in order: those of its block
        self.in_catchments = {u: of_block[b] for u, b in self.blocks.block_of.items()}
        self.active: dict[tuple, tuple[int, int]] = {}
        self.block_active: dict[tuple, tuple[int, int, dict[str, int]]] = {}
        self.handovers_at: dict[tuple[str, str], list] = {}
        for h in model.handovers:
            self.handovers_at.setdefault((h.from_, h.trigger), []).append(h)

    def _block_share(self, block: int, need: str, event: str, after: int) -> tuple[int, int, dict[str, int]]:
        """What the units of one block own of ``need`` on day ``after`` of ``event``: all of it,
        the profiles two or more of them own, and each unit's share; remembered."""
        key = (block, need, event, after)
        found = self.block_active.get(key)
        if found is None:
            cells = self.blocks.cells[block]
            per_unit = dict[str, int]()
            for s in self.model.settings:
                for rid, unit, profiles in cells.get((need, s.id), ()):
                    if _active(self.resp[rid].window, event, after):
                        per_unit[unit] = per_unit.get(unit, 0) | profiles
            total = shared = 0
            for profiles in per_unit.values():
                shared |= total & profiles
                total |= profiles
            found = self.block_active[key] = (total, shared, per_unit)
        return found

    def taken_by_others(self, index: int, need: str, event: str, after: int, owner: str) -> int:
        """The profiles of ``need`` that units other than ``owner`` own on day ``after`` of ``event``
        in the ``index``-th catchment.

        The union over the catchment's blocks (a unit lies in one), remembered per (catchment,
        need, event, day) with the profiles two or more units own: a profile of the owner's
        share is another unit's too exactly when two or more own it.
        """
        key = (index, need, event, after)
        found = self.active.get(key)
        if found is None:
            total = shared = 0
            for block in self.blocks.of_catchment[index]:
                block_total, block_shared, _ = self._block_share(block, need, event, after)
                shared |= block_shared | (total & block_total)
                total |= block_total
            found = self.active[key] = (total, shared)
        total, shared = found
        own = self._block_share(self.blocks.block_of[owner], need, event, after)[2].get(owner)
        if own is None:
            return total
        return (total & ~own) | (shared & own)

    def hit(self, r) -> Hit | None:
        """The finding of one responsibility, or None when its device steps are taken over."""
        steps, space = self.steps, self.space
        own = [n for n in steps if n.id in r.needs]
        if not own:
            return None
        first = min((n.order for n in own if n.order is not None), default=None)
        todo = [n for n in steps if n.id in r.needs or (first is not None and n.order is not None and n.order > first)]
        owner = self.unit_of.get(r.owner)
        where = 0
        for s in r.settings or (owner.settings if owner else ()):
            where |= self.setting_mask.get(s, 0)
        mine = space.mask(r.profile) & where
        event, after = r.window.event, r.window.end_day + 1
        uncovered, affected = self._uncovered(r, todo, mine, event, after)
        if not uncovered:
            return None
        order = [n.id for n in todo if n.id in uncovered]
        splitting = [
            h.id
            for h in self.handovers_at.get((r.owner, event), ())
            if any(uncovered.get(n, 0) & space.mask(h.profile) for n in h.needs)
        ]
        total = 0
        for m in uncovered.values():
            total |= m
        return Hit(
            key=(r.id,),
            elements=[r.id, r.owner, *order, *splitting],
            message=self._message(r, event, uncovered, order),
            profiles=self.cover(total),
            data={
                "responsibility": r.id,
                "owner": r.owner,
                "event": event,
                "end_day": r.window.end_day,
                "steps": {n: self.cover(uncovered[n]) for n in order},
                "taken_over_by": sorted(self._takers(r, todo, mine, event, after)),
                "handovers": splitting,
                "catchments": affected,
            },
        )

    def _uncovered(self, r, todo: list, mine: int, event: str, after: int) -> tuple[dict[str, int], list[str]]:
        """The profiles of each step nobody else owns after ``r`` ends, and the catchments where."""
        uncovered: dict[str, int] = {}
        affected = []
        for index, catchment in self.in_catchments.get(r.owner, ()):
            hit = False
            for n in todo:
                needed = mine & self.exists.get(n.id, 0)
                if not needed:
                    continue
                left = needed & ~self.taken_by_others(index, n.id, event, after, r.owner)
                if left:
                    uncovered[n.id] = uncovered.get(n.id, 0) | left
                    hit = True
            if hit:
                affected.append(catchment.id)
        return uncovered, affected

    def _takers(self, r, todo: list, mine: int, event: str, after: int) -> set[str]:
        """The responsibilities that take over some of the steps, for the finding."""
        takers: set[str] = set()
        for index, _ in self.in_catchments.get(r.owner, ()):
            for n in todo:
                needed = mine & self.exists.get(n.id, 0)
                if not needed:
                    continue
                for block in self.blocks.of_catchment[index]:
                    cells = self.blocks.cells[block]
                    for s in self.model.settings:
                        for rid, unit, profiles in cells.get((n.id, s.id), ()):
                            if unit != r.owner and profiles & needed and _active(self.resp[rid].window, event, after):
                                takers.add(rid)
        return takers

    def _message(self, r, event: str, uncovered: dict[str, int], order: list[str]) -> dict[str, str]:
        ctx = self.ctx

        def text(lang: str) -> str:
            return "; ".join(f"{ctx.label(n, lang)} ({self.words(uncovered[n], lang)})" for n in order)

        when = {
            "sv": f"{ctx.label(event, 'sv').lower()}" + (f" {r.window.end_day:+d} dagar" if r.window.end_day else ""),
            "en": f"{ctx.label(event, 'en').lower()}" + (f" {r.window.end_day:+d} days" if r.window.end_day else ""),
        }
        return {
            "sv": (
                f"{ctx.label(r.id, 'sv')}: ansvaret för hjälpmedlen upphör vid {when['sv']}, och ingen annan "
                f"verksamhet tar över stegen i förskrivningsprocessen efter det. Utan ägare: {text('sv')}"
            ),
            "en": (
                f"{ctx.label(r.id, 'en')}: the responsibility for devices ends at {when['en']}, and no other unit "
                f"takes over the steps of the prescription process after that. Without an owner: {text('en')}"
            ),
        }


def check(ctx: Context) -> Iterator[Hit]:
    steps = sorted(
        (n for n in ctx.model.needs if n.category == "device_step"),
        key=lambda n: (n.order if n.order is not None else 10**6, n.id),
    )
    if not steps:
        return
    split = _Split(ctx, steps)
    for r in ctx.model.responsibilities:
        if r.window is None or r.window.end_day is None:
            continue
        found = split.hit(r)
        if found is not None:
            yield found


RULE = Rule(
    code="PW111",
    name="device-process-split",
    severity="error",
    title={"sv": "Förskrivningsprocessen bryts", "en": "The device process is split"},
    explanation={
        "sv": (
            "En verksamhets ansvar för hjälpmedel upphör vid en händelse (utskrivning, avslutad kontakt), men "
            "ingen annan verksamhet äger de steg i förskrivningsprocessen som återstår: behovsbedömning, "
            "utprovning, instruktion, uppföljning, hyra. För patienten betyder det att hjälpmedlen inte kommer "
            "på plats i hemmet, att ingen följer upp dem och att ingen vet vem som betalar hyran. Källa: "
            "Socialstyrelsens föreskrift HSLF-FS 2021:52 (förskrivningsprocessens steg; hur ett steg lämnas "
            "över ska vara tydligt), seed 001 (hjälpmedel hinner inte bli klara före hemgång) och seed 002 "
            "(gråzon 1, 3 och 8). Åtgärd i överenskommelsen: ange vem som tar över varje steg efter "
            "händelsen för de profiler som nämns, eller låt ansvaret gälla tills stegen är klara."
        ),
        "en": (
            "A unit's responsibility for assistive devices ends at an event (discharge, end of contact), but no "
            "other unit owns the steps of the prescription process that remain: needs assessment, try-out, "
            "instruction, follow-up, rent. For the patient: the devices are not in place at home, nobody follows "
            "them up, and nobody knows who pays the rent. Source: HSLF-FS 2021:52 (the steps of the prescription "
            "process; how a step is handed over must be clear), seed 001 (devices not ready at discharge) and "
            "seed 002 (grey zones 1, 3 and 8). Fix in the agreement: name who takes over each step after the "
            "event for the profiles listed, or let the responsibility last until the steps are done."
        ),
    },
    source="hslf-fs-2021-52; seed-001 1. Bakgrund; seed-002 Inkomna frågeställningar",
    complexity="O(R + R_d*C_r*D*E_d) bit-set operations; cube cover per step reported",
    check=check,
)
