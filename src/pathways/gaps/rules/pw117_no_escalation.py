"""PW117 no-escalation: two principals hand patients to each other with nowhere to take a dispute.

Two principals are *partners* when a unit of one hands patients over to a unit of the
other (either direction). A unit whose principal is a group stands for one unit in
each member, and a patient meets the instances of their own municipality and of their
county's region (as in :mod:`pathways.analysis.coverage`). So the handover's ends are
resolved to pairs of principals as follows:

* neither end's principal is a group: the pair of the two principals, as modelled
  (explicit handovers between two municipalities or two regions count);
* one end or both are groups: every pair of a member (or the principal) of one end and
  a member (or the principal) of the other that are of different kinds (a region and a
  municipality) and of the same county. Two members of the same kind are not paired:
  the patient meets their own municipality's instance of a group unit, not another's.

An escalation path *covers* a pair when both principals are in its ``between``,
directly or as members of a group named there. Each uncovered pair is a finding.

One finding per unordered pair; ``Hit.key`` is ``(principal id, principal id)``,
sorted. ``Hit.elements`` is the two principals and the handovers between their units
(sorted).

Cost: O(H + P_pairs * M_g^2 + E * M_e): one pass over the unit-level handover edges,
then over the distinct pairs of (possibly group) principals, expanding group members
(M_g per group), and over the escalation paths' members; coverage of a pair is one
bit-set intersection.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pathways.analysis.handover_graph import handover_index, members, named
from pathways.gaps.core import Context, Hit, Rule


def principal_pairs(ctx: Context) -> dict[tuple[str, str], set[str]]:
    """Sorted pairs of partner principals, each with the handovers between them."""
    model = ctx.model
    index = handover_index(ctx)
    principal_of = {u.id: u.principal for u in model.units}
    principal = [principal_of[u] for u in index.units]
    raw: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sender, receiver, h in zip(index.senders, index.receivers, index.handovers, strict=True):
        raw[(principal[sender], principal[receiver])].add(h)
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (pu, pv), handovers in raw.items():
        for a, b in _instance_pairs(model, pu, pv):
            pairs[(a, b) if a < b else (b, a)].update(handovers)
    return pairs


def _instance_pairs(model, pu: str, pv: str) -> set[tuple[str, str]]:
    if model.kind_of[pu] != "principal_groups" and model.kind_of[pv] != "principal_groups":
        return {(pu, pv)} if pu != pv else set()
    found = set()
    for a in members(model, pu):
        pa = model.by_id[a]
        for b in members(model, pv):
            pb = model.by_id[b]
            if a != b and pa.kind != pb.kind and pa.county == pb.county:
                found.add((a, b))
    return found


def check(ctx: Context) -> Iterator[Hit]:
    model = ctx.model
    paths_of: dict[str, int] = defaultdict(int)
    for i, path in enumerate(model.escalation_paths):
        for party in path.between:
            for m in members(model, party):
                paths_of[m] |= 1 << i
    for (a, b), handovers in sorted(principal_pairs(ctx).items()):
        if paths_of.get(a, 0) & paths_of.get(b, 0):
            continue
        hs = sorted(handovers)
        yield Hit(
            key=(a, b),
            elements=[a, b, *hs],
            message={
                "sv": (
                    f"{ctx.label(a, 'sv')} och {ctx.label(b, 'sv')} lämnar över patienter till varandra "
                    f"({named(ctx, hs, 'sv')}), men ingen eskaleringsväg finns för när de är oeniga om insats "
                    f"eller ansvar."
                ),
                "en": (
                    f"{ctx.label(a, 'en')} and {ctx.label(b, 'en')} hand patients over to each other "
                    f"({named(ctx, hs, 'en')}), but there is no escalation path for when they disagree on an "
                    f"intervention or on who is responsible."
                ),
            },
            data={"principals": [a, b], "handovers": hs},
        )


RULE = Rule(
    code="PW117",
    name="no-escalation",
    severity="warning",
    title={"sv": "Ingen väg vid oenighet", "en": "No escalation path"},
    explanation={
        "sv": (
            "Två huvudmän lämnar över patienter till varandra, men överenskommelsen säger inte vart de vänder "
            "sig när de är oeniga om insatsen eller om vem som ansvarar. För patienten betyder det att en "
            "tvist mellan huvudmännen kan bli liggande medan ingen av dem gör insatsen. Källa: seed 000 "
            "(det ska finnas information om hur man lyfter ett ärende där man är oeniga om insats och vem som "
            "ansvarar); seed 004 (Region Örebro läns oenighetsgrupp). Åtgärd i överenskommelsen: ange en "
            "eskaleringsväg (rutin, chefsnivå, oenighetsgrupp) mellan de två huvudmännen."
        ),
        "en": (
            "Two principals hand patients over to each other, but the agreement does not say where they turn "
            "when they disagree on the intervention or on who is responsible. For the patient: a dispute "
            "between the principals may lie unresolved while neither acts. Source: seed 000 (how to raise a "
            "case where the parties disagree on the intervention and on responsibility); seed 004 (Region "
            "Örebro län's dispute group). Fix in the agreement: name an escalation path (routine, managers, "
            "dispute group) between the two principals."
        ),
    },
    source="seed-000 5.6.2.1 Spår 1; seed-004 oenighetsgrupp",
    complexity="O(H + P*M_g^2 + E*M_e): one pass over handover edges, group members expanded per distinct pair",
    check=check,
)
