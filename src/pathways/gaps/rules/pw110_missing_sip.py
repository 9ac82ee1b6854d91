"""PW110 missing-sip: a journey across principals with social care has no SIP, or a SIP leaves out a party.

A SIP (samordnad individuell plan, HSL 16 kap. 4 §, SoL 2 kap. 7 §) is required when a
person needs interventions from both health care and social services. The rule reads
"needs social care" from the model, in this order (the first that applies):

1. the profiles of the *SIP needs*: needs of category ``coordination`` whose id is
   ``sip`` or whose label names "SIP"; the union of their ``applies_to`` (an empty
   ``applies_to`` means every profile). This is the model's own statement of when a
   SIP is needed, so it is preferred;
2. otherwise the profiles ``{social: [ja]}``, if the model has that dimension and value;
3. otherwise none: the model does not say who needs social care, and the rule is quiet.

Below, *S* is that set of profiles, and a SIP point covers the profiles of its
``profile`` (empty: every profile).

(a) *missing SIP*. A journey is

* a route: its units (every sender and receiver of its handovers) span both principal
  kinds (region and municipality); its profiles are the route's ``profile`` and the
  ``profile`` of each of its handovers (the patient passes them all), within S. A SIP
  point counts when its ``at`` is one of the route's handovers or units;
* a handover in no route that transfers needs (``needs`` not empty) between a region
  unit and a municipality unit, other than a ``device_order`` (an order to the device
  centre: the patient stays with the prescriber). Its profiles are its ``profile``
  within S. A SIP point counts when its ``at`` is the handover, its sender or its
  receiver. A handover in a route is judged with its route only.

The profiles of a journey that no counting SIP point covers are a finding.
``Hit.key`` is ``("route", route id)`` or ``("handover", handover id)``.
``Hit.elements`` is the route and its handovers, or the handover and its two units.

(b) *missing party*. A SIP point at a handover must have its sender and receiver among
the parties (``participants`` and ``called_by``); a SIP point at a unit, that unit. One
finding per SIP point and missing unit: ``Hit.key`` is ``("participant", sip point id,
unit id)``; ``Hit.elements`` is the SIP point and the unit. When the SIP point's
profiles (with the handover's, if at one) meet S, it must also have a needs-assessment
unit (kind ``needs_assessment``) of each catchment that holds the journey's units and
has one; if not, one finding per SIP point: ``Hit.key`` is ``("assessor", sip point
id)``; ``Hit.elements`` is the SIP point and the needs-assessment units of the
catchments left without one (a region-internal handover serves the patients of many
municipalities, so one finding names them all rather than one finding each).

(c) *deadline*. When the model has the ready-for-discharge event (``utskrivningsklar``),
a SIP point at a handover triggered by the discharge (``utskrivning``) whose profiles (with
the handover's) meet S must count its limit as Lag (2017:612) does: the named care contact
calls the SIP within 3 days after the ready-for-discharge notice, so ``after:
utskrivningsklar``, ``deadline_for: call`` and ``within_days`` of at most 3 (calendar days).
Otherwise one finding per SIP point: ``Hit.key`` is ``("deadline", sip point id)``;
``Hit.elements`` is the SIP point and its handover.

Cost: O(U * C_u + R * L + H + SP * (P_sp + C_sp)) bit-set operations for U units in
C_u catchments each, R routes of L handovers, H handovers, SP SIP points with P_sp
parties and C_sp catchments left without an assessor (a unit's catchments are one bit
set), plus the cube cover, O(prod(|values|+1) * P / 64) for a profile space of P
profiles, once per distinct profile set of the findings (memoised per analysis).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from pathways.analysis.handover_graph import cubes_of, handover_index, named
from pathways.gaps.core import Context, Hit, Rule
from pathways.gaps.cypher import LANGS, positions
from pathways.gaps.rules.pw110_cypher import CYPHER
from pathways.gaps.rules.pw110_texts import DEADLINE, DEADLINE_WHY, PARTY, WHY
from pathways.model.schema import Handover

__all__ = ["CYPHER", "RULE", "check", "from_rows", "sip_needs", "social_profiles"]

BOTH = {"region", "municipality"}
DISCHARGE = "utskrivning"
"""The discharge event: a handover it triggers is a discharge (Lag 2017:612)."""
READY = "utskrivningsklar"
"""The ready-for-discharge notice the SIP call counts from."""
LAW_DAYS = 3
"""Lag (2017:612): the call to the SIP within 3 days after the ready-for-discharge notice."""
SIP_WORD = re.compile(r"\bSIP\b")


def sip_needs(ctx: Context) -> list[str]:
    """Ids of the needs that stand for a SIP (category ``coordination``, id ``sip`` or "SIP" in the label)."""
    return [
        n.id
        for n in ctx.model.needs
        if n.category == "coordination" and (n.id.lower() == "sip" or SIP_WORD.search(f"{n.label.sv} {n.label.en}"))
    ]


def social_profiles(ctx: Context) -> int:
    """The profiles that need social care, as a bit set (see the module docstring)."""
    needs = sip_needs(ctx)
    if needs:
        mask = 0
        for nid in needs:
            mask |= ctx.space.mask(ctx.model.by_id[nid].applies_to)
        return mask
    for d in ctx.model.dimensions:
        if d.id == "social" and any(v.id == "ja" for v in d.values):
            return ctx.space.mask({"social": ["ja"]})
    return 0


# --- the hits, shared by the in-memory rule and the server's rows ---------------------------


def route_hit(ctx: Context, route: str, handovers: list[str], units: list[str], mask: int) -> Hit:
    cubes, texts = cubes_of(ctx, mask)
    return Hit(
        key=("route", route),
        elements=[route, *handovers],
        message={
            "sv": (
                f"'{ctx.label(route, 'sv')}' går mellan region och kommun, men ingen SIP-punkt finns vid "
                f"vägens överlämningar eller verksamheter för patienter med socialtjänstinsatser: {texts['sv']}"
            ),
            "en": (
                f"'{ctx.label(route, 'en')}' runs between region and municipality, but there is no SIP point "
                f"at the route's handovers or units for patients with social-care interventions: {texts['en']}"
            ),
        },
        profiles=cubes,
        data={"part": "route", "route": route, "handovers": list(handovers), "units": units},
    )


def handover_hit(ctx: Context, h: str, a: str, b: str, needs: list[str], mask: int) -> Hit:
    cubes, texts = cubes_of(ctx, mask)
    return Hit(
        key=("handover", h),
        elements=[h, a, b],
        message={
            "sv": (
                f"Överlämningen '{ctx.label(h, 'sv')}' för över ansvar från '{ctx.label(a, 'sv')}' "
                f"till '{ctx.label(b, 'sv')}', mellan region och kommun, men ingen SIP-punkt finns vid "
                f"överlämningen, hos avsändaren eller hos mottagaren för patienter med socialtjänstinsatser: {texts['sv']}"
            ),
            "en": (
                f"The handover '{ctx.label(h, 'en')}' transfers responsibility from "
                f"'{ctx.label(a, 'en')}' to '{ctx.label(b, 'en')}', between region and municipality, "
                f"but there is no SIP point at the handover, the sender or the receiver for patients with "
                f"social-care interventions: {texts['en']}"
            ),
        },
        profiles=cubes,
        data={"part": "handover", "handover": h, "needs": list(needs)},
    )


def party_hit(ctx: Context, sp: str, at: str, key: tuple, units: list[str], why: str, mask: int) -> Hit:
    cubes, texts = cubes_of(ctx, mask)
    return Hit(
        key=key,
        elements=[sp, *units],
        message={
            lang: PARTY[lang].format(
                sip=ctx.label(sp, lang),
                at=ctx.label(at, lang),
                unit=named(ctx, units, lang, sep=" / "),
                why=WHY[why][lang],
                profiles=texts[lang],
            )
            for lang in LANGS
        },
        profiles=cubes,
        data={"part": "participant", "sip_point": sp, "at": at, "missing": units, "role": why},
    )


def deadline_hit(ctx: Context, sp: str, at: str, problem: str, mask: int) -> Hit:
    cubes, texts = cubes_of(ctx, mask)
    return Hit(
        key=("deadline", sp),
        elements=[sp, at],
        message={
            lang: DEADLINE[lang].format(
                sip=ctx.label(sp, lang), at=ctx.label(at, lang), why=DEADLINE_WHY[problem][lang], profiles=texts[lang]
            )
            for lang in LANGS
        },
        profiles=cubes,
        data={"part": "deadline", "sip_point": sp, "at": at, "problem": problem},
    )


def deadline_problem(after: str | None, within_days: int | None, deadline_for: str) -> str | None:
    """What is wrong with a discharge SIP point's limit under Lag (2017:612), or None."""
    if within_days is None or after is None:
        return "none"
    if after != READY:
        return "after"
    if deadline_for != "call":
        return "meeting"
    return "days" if within_days > LAW_DAYS else None


# --- in memory -----------------------------------------------------------------------------


def _coverage(ctx: Context) -> Callable[[Iterable[str]], int]:
    """The profiles the SIP points at any of some places (handovers, units) cover."""
    at_place: dict[str, int] = defaultdict(int)
    """The profiles the SIP points at each place cover (a unit is a place of many handovers)."""
    for sp in ctx.model.sip_points:
        at_place[sp.at] |= ctx.space.mask(sp.profile)

    def covered(places: Iterable[str]) -> int:
        mask = 0
        for place in places:
            mask |= at_place.get(place, 0)
        return mask

    return covered


def _route_hits(
    ctx: Context, social: int, covered: Callable[[Iterable[str]], int], handovers: dict[str, Handover]
) -> Iterator[Hit]:
    """(a) for routes: the social-care profiles that pass a whole route with no SIP point on it."""
    kind_of = handover_index(ctx).principal_kind
    for route in ctx.model.routes:
        chain = [handovers[h] for h in route.handovers]
        units = list(dict.fromkeys(u for h in chain for u in (h.from_, h.to)))
        if not {kind_of.get(u) for u in units} >= BOTH:
            continue
        profiles = ctx.space.mask(route.profile) & social
        for h in chain:
            profiles &= ctx.space.mask(h.profile)
        missing = profiles & ~covered([*route.handovers, *units])
        if missing:
            yield route_hit(ctx, route.id, list(route.handovers), units, missing)


def _handover_hits(ctx: Context, social: int, covered: Callable[[Iterable[str]], int]) -> Iterator[Hit]:
    """(a) for handovers in no route between region and municipality that transfer needs."""
    kind_of = handover_index(ctx).principal_kind
    in_route = {h for r in ctx.model.routes for h in r.handovers}
    for h, carried in zip(ctx.model.handovers, ctx.handover_masks, strict=True):
        if h.id in in_route or not h.needs or h.mode == "device_order":
            continue
        if {kind_of.get(h.from_), kind_of.get(h.to)} != BOTH:
            continue
        profiles = carried & social
        missing = profiles & ~covered((h.id, h.from_, h.to)) if profiles else 0
        if missing:
            yield handover_hit(ctx, h.id, h.from_, h.to, list(h.needs), missing)


class _Catchments:
    """Which catchments hold a unit (a bit set) and the needs-assessment units of each."""

    def __init__(self, ctx: Context):
        self.unit_kind = {u.id: u.kind for u in ctx.model.units}
        blocks = ctx.blocks
        in_block = [0] * len(blocks.cells)  # the catchments of each block of units, as a bit set
        within: list[list[int]] = [[] for _ in blocks.cells]
        for i, mine in enumerate(blocks.of_catchment):
            for b in mine:
                in_block[b] |= 1 << i
                within[b].append(i)
        self.of: dict[str, int] = {u: in_block[b] for u, b in blocks.block_of.items()}
        self.assessors: dict[int, list[str]] = defaultdict(list)
        for u, b in blocks.block_of.items():
            if self.unit_kind.get(u) == "needs_assessment":
                for i in within[b]:
                    self.assessors[i].append(u)
        self.with_assessor = sum(1 << i for i in self.assessors)

    def lacking(self, required: list[str], present: set[str]) -> list[str]:
        """The assessors of each catchment that holds every required unit and has none present."""
        where = self.with_assessor
        for u in required:
            where &= self.of.get(u, 0)
        for p in present:
            if self.unit_kind.get(p) == "needs_assessment":
                where &= ~self.of.get(p, 0)
        found: set[str] = set()
        while where:
            low = where & -where
            found.update(self.assessors[low.bit_length() - 1])
            where ^= low
        return sorted(found - present)


def _party_hits(ctx: Context, social: int, handovers: dict[str, Handover]) -> Iterator[Hit]:
    """(b) SIP points that leave out their sender, receiver or unit, or the needs assessor."""
    catchments = _Catchments(ctx)
    for sp in ctx.model.sip_points:
        at = handovers.get(sp.at)
        if at is not None:
            required = [(at.from_, "sender"), (at.to, "receiver")]
            profiles = ctx.space.mask(sp.profile) & ctx.space.mask(at.profile)
        else:
            required = [(sp.at, "unit")]
            profiles = ctx.space.mask(sp.profile)
        present = set(sp.participants) | {sp.called_by}
        for u, why in required:
            if u not in present:
                yield party_hit(ctx, sp.id, sp.at, ("participant", sp.id, u), [u], why, profiles)
        lacking = catchments.lacking([u for u, _ in required], present) if profiles & social else []
        if lacking:
            yield party_hit(ctx, sp.id, sp.at, ("assessor", sp.id), lacking, "assessor", profiles & social)


def _deadline_hits(ctx: Context, social: int, handovers: dict[str, Handover]) -> Iterator[Hit]:
    """(c) SIP points at a discharge that do not count the call from the ready-for-discharge notice."""
    if not social or READY not in {e.id for e in ctx.model.events}:
        return
    for sp in ctx.model.sip_points:
        at = handovers.get(sp.at)
        if at is None or at.trigger != DISCHARGE:
            continue
        mask = ctx.space.mask(sp.profile) & ctx.space.mask(at.profile) & social
        problem = deadline_problem(sp.after, sp.within_days, sp.deadline_for)
        if mask and problem:
            yield deadline_hit(ctx, sp.id, at.id, problem, mask)


def check(ctx: Context) -> Iterator[Hit]:
    social = social_profiles(ctx)
    handovers: dict[str, Handover] = {h.id: h for h in ctx.model.handovers}
    if social:
        covered = _coverage(ctx)
        yield from _route_hits(ctx, social, covered, handovers)
        yield from _handover_hits(ctx, social, covered)
    yield from _party_hits(ctx, social, handovers)
    yield from _deadline_hits(ctx, social, handovers)


RULE = Rule(
    code="PW110",
    name="missing-sip",
    severity="error",
    title={"sv": "SIP saknas eller saknar en part", "en": "Missing SIP or SIP party"},
    explanation={
        "sv": (
            "En patient som får insatser från både regionen och kommunen och har insatser från socialtjänsten "
            "ska ha en samordnad individuell plan (SIP). Regeln hittar (a) vägar och överlämningar mellan "
            "region och kommun där ingen SIP ska kallas för patienter med socialtjänstinsatser, och (b) "
            "SIP-punkter där avsändaren, mottagaren eller socialtjänstens biståndshandläggare inte är med, och (c) "
            "SIP-punkter vid en utskrivning som inte räknar kallelsen inom 3 dagar från meddelandet om "
            "utskrivningsklar. "
            "För patienten betyder det att ingen plan säger vem som gör vad och vem som har helhetsansvaret, "
            "och att hjälpmedel eller insatser i hemmet kan saknas vid hemgång. Källa: HSL 16 kap. 4 § och "
            "SoL 2 kap. 7 §; lag (2017:612) (den fasta vårdkontakten kallar till SIP inom 3 dagar efter meddelandet om utskrivningsklar, så planeringen kan ske före utskrivningen); seed 002 (SIP, gråzon 1 "
            'och 2: "borde biståndshandläggaren ha varit med i SIP?"). Åtgärd i överenskommelsen: ange en '
            "SIP-punkt vid överlämningen eller vägen (vem kallar, inom hur lång tid, med vilka deltagare), "
            "eller lägg till de deltagare som saknas."
        ),
        "en": (
            "A patient who gets interventions from both the region and the municipality and has social-care "
            "interventions must have a coordinated individual plan (SIP). The rule finds (a) routes and "
            "handovers between region and municipality where no SIP is to be called for patients with social "
            "care, (b) SIP points that leave out the sender, the receiver or social services' needs "
            "assessor, and (c) SIP points at a discharge that do not count the call within 3 days of the "
            "ready-for-discharge notice. For the patient: no plan says who does what and who holds the overall responsibility, "
            "and devices or interventions at home may be missing at discharge. Source: HSL 16:4 and SoL 2:7; "
            "Act 2017:612 (the named care contact calls the SIP within 3 days of the ready-for-discharge notice, so the planning can happen before discharge); seed 002 (SIP, grey zones 1 and 2: should the "
            "needs assessor have been in the SIP?). Fix in the agreement: add a SIP point at the handover or "
            "route (who calls it, within how long, with whom), or add the missing participants."
        ),
    },
    source="hsl-16-4; lag-2017-612; seed-002 SIP, Inkomna frågeställningar",
    complexity="O(U*C_u + R*L + H + SP*(P_sp + C_sp)) bit-set operations; cube cover once per distinct profile set",
    check=check,
)


# --- on Neo4j: the rows of CYPHER (pathways.gaps.rules.pw110_cypher) -------------------------


def from_rows(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    mask_of = positions(ctx.space)
    routes, handovers, sip_points, deadlines = rows
    for row in routes:
        ends = {hid: (a, b) for hid, a, b in row["chain"]}
        units = list(dict.fromkeys(u for hid in row["handovers"] for u in ends[hid]))
        yield route_hit(ctx, row["route"], list(row["handovers"]), units, mask_of(row["dims"], row["missing"]))
    for row in handovers:
        mask = mask_of(row["dims"], row["missing"])
        yield handover_hit(ctx, row["handover"], row["sender"], row["receiver"], list(row["needs"] or []), mask)
    for row in sip_points:
        sp, at = row["sip_point"], row["at"]
        profiles = mask_of(row["dims"], row["profiles"])
        for u, why in row["missing_parties"]:
            yield party_hit(ctx, sp, at, ("participant", sp, u), [u], why, profiles)
        lacking = sorted(row["lacking"])
        if lacking:
            social = mask_of(row["dims"], row["social_profiles"])
            yield party_hit(ctx, sp, at, ("assessor", sp), lacking, "assessor", social)
    for row in deadlines:
        problem = deadline_problem(row["after"], row["within_days"], row["deadline_for"] or "meeting")
        if problem:
            yield deadline_hit(ctx, row["sip_point"], row["at"], problem, mask_of(row["dims"], row["affected"]))
