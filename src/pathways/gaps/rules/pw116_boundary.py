"""PW116 boundary: a profile boundary where responsibility changes hands with no handover and no rule.

A boundary (``boundaries``) is a change of one profile dimension from ``from_value``
to ``to_value`` (a child turns 18, a habilitation patient moves to adult care) with
units on either side. The agreement handles it when

* some handover ``crosses`` it (the patient is handed over at the boundary), or
* a coordination rule *covers* it: at least two of its ``owners`` are units of the
  boundary, and its ``profile`` speaks of the boundary - it constrains the boundary's
  dimension and allows ``from_value`` or ``to_value``.

The second condition is this rule's reading, chosen so that a rule written for other
patients does not count: a coordination rule with no profile (every patient, such as
"the prescriber orders, the device centre adapts") applies alike on both sides and says
nothing about who takes over when the value changes, and a rule for psychiatric
diagnoses does not settle the autism boundary between habilitation and psychiatry.

One finding per boundary that is neither crossed nor covered; ``Hit.key`` is
``(boundary id,)``. ``Hit.elements`` is the boundary and its units; ``Hit.profiles``
the two sides, ``{dimension: [from_value]}`` and ``{dimension: [to_value]}``.

Cost: O(B + H * X_h + K * O_k) for B boundaries, H handovers crossing X_h boundaries
each and K coordination rules with O_k owners each: set look-ups, one pass each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pathways.analysis.handover_graph import named
from pathways.gaps.core import Context, Hit, Rule


def _speaks_of(rule, boundary) -> bool:
    values = rule.profile.get(boundary.dimension)
    return values is not None and (boundary.from_value in values or boundary.to_value in values)


def check(ctx: Context) -> Iterator[Hit]:
    model = ctx.model
    crossed = {b for h in model.handovers for b in h.crosses}
    rules_of_unit: dict[str, list] = defaultdict(list)
    for rule in model.coordination_rules:
        for owner in dict.fromkeys(rule.owners):
            rules_of_unit[owner].append(rule)
    for boundary in model.boundaries:
        if boundary.id in crossed:
            continue
        shared: dict[str, int] = defaultdict(int)
        for unit in dict.fromkeys(boundary.units):
            for rule in rules_of_unit.get(unit, ()):
                shared[rule.id] += 1
        by_id = {r.id: r for r in model.coordination_rules if shared.get(r.id, 0) >= 2}
        if any(_speaks_of(rule, boundary) for rule in by_id.values()):
            continue
        units = list(dict.fromkeys(boundary.units))
        sides = [{boundary.dimension: [boundary.from_value]}, {boundary.dimension: [boundary.to_value]}]
        who = {lang: named(ctx, units, lang, shown=8) or NOBODY[lang] for lang in ("sv", "en")}
        side = {
            lang: f"'{ctx.describe(sides[0], lang)}' {TO[lang]} '{ctx.describe(sides[1], lang)}'"
            for lang in ("sv", "en")
        }
        others = sorted(by_id)
        note = {lang: (" " + OTHERS[lang] + named(ctx, others, lang) + "." if others else "") for lang in ("sv", "en")}
        yield Hit(
            key=(boundary.id,),
            elements=[boundary.id, *units],
            message={
                "sv": (
                    f"Gränsen '{ctx.label(boundary.id, 'sv')}' ({side['sv']}) mellan {who['sv']} har ingen "
                    f"överlämning och ingen samordningsregel för patienterna vid gränsen: ingen säger vem som tar "
                    f"över när patienten går över den.{note['sv']}"
                ),
                "en": (
                    f"The boundary '{ctx.label(boundary.id, 'en')}' ({side['en']}) between {who['en']} has no "
                    f"handover and no coordination rule for the patients at the boundary: nothing says who takes "
                    f"over when the patient crosses it.{note['en']}"
                ),
            },
            profiles=sides,
            data={
                "boundary": boundary.id,
                "dimension": boundary.dimension,
                "from_value": boundary.from_value,
                "to_value": boundary.to_value,
                "units": units,
                "rules_not_for_boundary": others,
            },
        )


TO = {"sv": "till", "en": "to"}
OTHERS = {
    "sv": "Det finns samordningsregler mellan verksamheterna, men ingen av dem är skriven för gränsen (gränsens dimension i regelns profil): ",
    "en": "Coordination rules between the units exist, but none is written for this boundary (its dimension in the rule's profile): ",
}
NOBODY = {"sv": "(inga verksamheter angivna)", "en": "(no units given)"}


RULE = Rule(
    code="PW116",
    name="boundary",
    severity="warning",
    title={"sv": "Gräns utan överlämning eller samordning", "en": "Boundary without handover or coordination"},
    explanation={
        "sv": (
            "Vid en gräns i patientprofilen (18 år, från habilitering till vuxenvård, autism mellan "
            "habilitering, psykiatri och primärvård) byter ansvaret händer, men ingen överlämning går över "
            "gränsen och ingen samordningsregel mellan verksamheterna på ömse sidor gäller just de patienterna. "
            "För patienten betyder det att kontakten kan upphöra vid gränsen utan att någon annan tar vid, "
            'eller att verksamheterna hänvisar till varandra. Källa: seed 002, klinikernas frågor ("autism och '
            'gränsdragningen mellan hab, psykiatrin och primärvården", gråzon 4; habiliteringen avslutar, '
            "gråzon 3); seed 004 (barn under 18 år). Åtgärd i överenskommelsen: beskriv överlämningen vid "
            "gränsen (och ange den i överlämningens 'crosses'), eller skriv en samordningsregel mellan "
            "verksamheterna med gränsens dimension i regelns profil."
        ),
        "en": (
            "At a boundary in the patient profile (age 18, habilitation to adult care, autism between "
            "habilitation, psychiatry and primary care) responsibility changes hands, but no handover crosses "
            "the boundary and no coordination rule between the units on either side applies to those patients. "
            "For the patient: contact may end at the boundary with nobody taking over, or the units refer the "
            "patient to each other. Source: seed 002, the clinicians' questions (autism, grey zone 4; "
            "habilitation ends contact, grey zone 3); seed 004 (children under 18). Fix in the agreement: "
            "describe the handover at the boundary (and list it in the handover's 'crosses'), or write a "
            "coordination rule between the units with the boundary's dimension in the rule's profile."
        ),
    },
    source="seed-002 Inkomna frågeställningar; seed-004 Vad är nytt?",
    complexity="O(B + H*X_h + K*O_k): one pass over boundaries, handovers and coordination rules",
    check=check,
)
