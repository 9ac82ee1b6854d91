"""PW108 receiver-does-not-own: patients are handed to a unit that is not responsible for them.

Definition: for each handover with needs, the profiles it sends (its ``profile``) for which
the receiver owns none, or not all, of the transferred needs. The receiver owns a need
for a profile when one of its responsibilities names the need and the profile, in a
setting where the responsibility applies (its ``settings``, or every setting where the
receiver works): a unit that works only in the home does not own patients who can visit
a clinic. Profiles for which a need does not exist (its ``applies_to`` and ``settings``)
are left out for that need. Time windows are ignored (PW103 judges time). The finding
reports the affected profiles as minimal cubes, per need and overall, and those for
which the receiver owns nothing at all. One finding per handover.

Cost: O(R * N_r * S_r) to index what each unit owns, then O(H) look-ups and O(K * N_h)
bit-set operations for K distinct (receiver, needs, profiles sent) among H handovers, plus one cube cover per finding (bounded by prod(|values|+1)).
"""

from __future__ import annotations

from collections.abc import Iterator
from weakref import WeakKeyDictionary

from pathways.gaps.core import Context, Hit, Rule

_OWNED: WeakKeyDictionary = WeakKeyDictionary()


def owned_masks(ctx: Context) -> dict[tuple[str, str], int]:
    """(unit, need) -> the profiles the unit owns the need for, in the settings it applies in.

    Built once per context (PW106 asks too); read it, do not change it."""
    found = _OWNED.get(ctx)
    if found is None:
        found = _OWNED[ctx] = _owned_masks(ctx)
    return found


def _owned_masks(ctx: Context) -> dict[tuple[str, str], int]:
    model, space = ctx.model, ctx.space
    setting_mask = {s.id: space.mask(s.profile) for s in model.settings}
    unit_of = {u.id: u for u in model.units}
    owned: dict[tuple[str, str], int] = {}
    for r in model.responsibilities:
        owner = unit_of.get(r.owner)
        if owner is None:
            continue
        where = 0
        for s in r.settings or owner.settings:
            where |= setting_mask.get(s, 0)
        mask = space.mask(r.profile) & where
        for n in r.needs:
            owned[(r.owner, n)] = owned.get((r.owner, n), 0) | mask
    return owned


def need_masks(ctx: Context) -> dict[str, int]:
    """need -> the profiles for which the need exists (``applies_to`` within its settings)."""
    model, space = ctx.model, ctx.space
    setting_mask = {s.id: space.mask(s.profile) for s in model.settings}
    result = {}
    for n in model.needs:
        mask = space.mask(n.applies_to)
        if n.settings:
            where = 0
            for s in n.settings:
                where |= setting_mask.get(s, 0)
            mask &= where
        result[n.id] = mask
    return result


def cube_cover(space):
    """``space.minimal_cubes`` remembered per profile set (national models repeat the same sets).

    The lists returned are shared between calls: read them, do not change them.
    """
    memo: dict[int, list] = {}

    def cover(mask: int) -> list[dict[str, list[str]]]:
        found = memo.get(mask)
        if found is None:
            found = memo[mask] = space.minimal_cubes(mask)
        return found

    return cover


def cube_text(ctx: Context, cover):
    """The cubes of a profile set in words (``a | b``), remembered per set and language."""
    memo: dict[tuple[int, str], str] = {}

    def text(mask: int, lang: str) -> str:
        found = memo.get((mask, lang))
        if found is None:
            found = memo[(mask, lang)] = " | ".join(ctx.describe(c, lang) for c in cover(mask))
        return found

    return text


def _lacking(
    to: str, needs: list[str], sent: int, owned: dict[tuple[str, str], int], exists: dict[str, int]
) -> tuple[dict[str, int], int]:
    """The profiles sent for which ``to`` does not own each need (needs it owns for all left out),
    and those for which it owns none of them."""
    missing_by_need = {}
    owns_any = 0
    required_any = 0
    for n in dict.fromkeys(needs):
        required = sent & exists.get(n, 0)
        mine = owned.get((to, n), 0)
        required_any |= required
        owns_any |= required & mine
        if required & ~mine:
            missing_by_need[n] = required & ~mine
    return missing_by_need, required_any & ~owns_any


def check(ctx: Context) -> Iterator[Hit]:
    space = ctx.space
    owned = owned_masks(ctx)
    exists = need_masks(ctx)
    cover = cube_cover(space)
    words = cube_text(ctx, cover)
    seen: dict[tuple, tuple[dict[str, int], int]] = {}  # (receiver, needs, profiles sent): many handovers alike
    for h, sent in zip(ctx.model.handovers, ctx.handover_masks, strict=True):
        if not h.needs:
            continue
        key = (h.to, tuple(h.needs), sent)
        found = seen.get(key)
        if found is None:
            found = seen[key] = _lacking(h.to, h.needs, sent, owned, exists)
        missing_by_need, none = found
        if not missing_by_need:
            continue
        not_all = 0
        for m in missing_by_need.values():
            not_all |= m
        cubes = cover(not_all)
        per_need = {n: cover(m) for n, m in missing_by_need.items()}
        none_cubes = cover(none)

        def text(lang: str, missing_by_need: dict = missing_by_need) -> str:
            return "; ".join(f"{ctx.label(n, lang)} ({words(m, lang)})" for n, m in missing_by_need.items())

        if none == not_all:
            lead = {
                "sv": f"{ctx.label(h.to, 'sv')} äger inget av de överlämnade behoven för en del av patienterna som skickas dit",
                "en": f"{ctx.label(h.to, 'en')} owns none of the handed-over needs for some of the patients sent there",
            }
        else:
            lead = {
                "sv": f"{ctx.label(h.to, 'sv')} äger inte alla överlämnade behov för en del av patienterna som skickas dit",
                "en": f"{ctx.label(h.to, 'en')} does not own all handed-over needs for some of the patients sent there",
            }
        yield Hit(
            key=(h.id,),
            elements=[h.id, h.to, h.from_],
            message={
                "sv": f"{ctx.label(h.id, 'sv')}: {lead['sv']}. Saknas: {text('sv')}",
                "en": f"{ctx.label(h.id, 'en')}: {lead['en']}. Missing: {text('en')}",
            },
            profiles=cubes,
            data={
                "handover": h.id,
                "receiver": h.to,
                "needs": per_need,
                "owns_none": none_cubes,
            },
        )


RULE = Rule(
    code="PW108",
    name="receiver-does-not-own",
    severity="warning",
    title={"sv": "Mottagaren ansvarar inte för patienten", "en": "The receiver is not responsible"},
    explanation={
        "sv": (
            "Överlämningen skickar patienter till en verksamhet som enligt ansvarsfördelningen inte äger "
            "behoven för dem (t.ex. patienter som kan besöka mottagning skickas till rehab i hemmet). För "
            "patienten betyder det att hen kan bli avvisad, skickas tillbaka eller få insatsen av fel "
            'vårdnivå, och att tiden går. Källa: seed 002, klinikernas fråga "Hänvisas ofta till oss på '
            'kommunrehab när de egentligen kan få hjälp på vårdcentralen" (gråzon 6), och ICF-indelningen '
            "av ansvaret. Åtgärd i överenskommelsen: begränsa överlämningen till de profiler mottagaren "
            "ansvarar för, skicka övriga till rätt verksamhet, eller utvidga mottagarens ansvar."
        ),
        "en": (
            "The handover sends patients to a unit that, by the split of responsibility, does not own the "
            "needs for them (e.g. patients who can visit a clinic sent to rehab at home). For the patient: "
            "they may be turned away, sent back, or treated at the wrong care level, and time passes. "
            "Source: seed 002, the clinicians' remark that patients are often sent to municipal rehab when "
            "the health centre could help them (grey zone 6), and the ICF split. Fix in the agreement: "
            "restrict the handover to the profiles the receiver is responsible for, send the others to the "
            "right unit, or widen the receiver's responsibility."
        ),
    },
    source="seed-002 Inkomna frågeställningar; seed-002 ICF-indelning",
    complexity="O(R*N_r*S_r + H + K*N_h) bit-set operations, K distinct (receiver, needs, profiles); cube cover per finding",
    check=check,
)
