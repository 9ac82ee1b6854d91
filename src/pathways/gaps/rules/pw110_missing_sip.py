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

Cost: O(U * C_u + R * L + H + SP * (P_sp + C_sp)) bit-set operations for U units in
C_u catchments each, R routes of L handovers, H handovers, SP SIP points with P_sp
parties and C_sp catchments left without an assessor (a unit's catchments are one bit
set), plus the cube cover, O(prod(|values|+1) * P / 64) for a profile space of P
profiles, once per distinct profile set of the findings (memoised per analysis).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from pathways.analysis.handover_graph import cubes_of, handover_index, named
from pathways.gaps.core import Context, Hit, Rule
from pathways.gaps.cypher import (
    CATCHMENTS,
    DIMS,
    LANGS,
    SPACE,
    VERSION,
    positions,
    principal_kind,
    sparse,
    within,
)

BOTH = {"region", "municipality"}
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


def check(ctx: Context) -> Iterator[Hit]:
    model = ctx.model
    space = ctx.space
    index = handover_index(ctx)
    kind_of = index.principal_kind
    social = social_profiles(ctx)
    handovers = {h.id: h for h in model.handovers}
    sips_at: dict[str, list] = defaultdict(list)
    for sp in model.sip_points:
        sips_at[sp.at].append(sp)

    def covered(places) -> int:
        mask = 0
        for place in places:
            for sp in sips_at.get(place, ()):
                mask |= space.mask(sp.profile)
        return mask

    # (a) routes
    in_route = set()
    if social:
        for route in model.routes:
            chain = [handovers[h] for h in route.handovers]
            in_route.update(route.handovers)
            units = list(dict.fromkeys(u for h in chain for u in (h.from_, h.to)))
            if not {kind_of.get(u) for u in units} >= BOTH:
                continue
            profiles = space.mask(route.profile) & social
            for h in chain:
                profiles &= space.mask(h.profile)
            missing = profiles & ~covered([*route.handovers, *units])
            if not missing:
                continue
            cubes, texts = cubes_of(ctx, missing)
            text, text_en = texts["sv"], texts["en"]
            yield Hit(
                key=("route", route.id),
                elements=[route.id, *route.handovers],
                message={
                    "sv": (
                        f"'{ctx.label(route.id, 'sv')}' går mellan region och kommun, men ingen SIP-punkt finns vid "
                        f"vägens överlämningar eller verksamheter för patienter med socialtjänstinsatser: {text}"
                    ),
                    "en": (
                        f"'{ctx.label(route.id, 'en')}' runs between region and municipality, but there is no SIP point "
                        f"at the route's handovers or units for patients with social-care interventions: {text_en}"
                    ),
                },
                profiles=cubes,
                data={"part": "route", "route": route.id, "handovers": list(route.handovers), "units": units},
            )
        # (a) handovers outside routes
        for h in model.handovers:
            if h.id in in_route or not h.needs or h.mode == "device_order":
                continue
            if {kind_of.get(h.from_), kind_of.get(h.to)} != BOTH:
                continue
            missing = space.mask(h.profile) & social & ~covered((h.id, h.from_, h.to))
            if not missing:
                continue
            cubes, texts = cubes_of(ctx, missing)
            text, text_en = texts["sv"], texts["en"]
            yield Hit(
                key=("handover", h.id),
                elements=[h.id, h.from_, h.to],
                message={
                    "sv": (
                        f"Överlämningen '{ctx.label(h.id, 'sv')}' för över ansvar från '{ctx.label(h.from_, 'sv')}' "
                        f"till '{ctx.label(h.to, 'sv')}', mellan region och kommun, men ingen SIP-punkt finns vid "
                        f"överlämningen, hos avsändaren eller hos mottagaren för patienter med socialtjänstinsatser: {text}"
                    ),
                    "en": (
                        f"The handover '{ctx.label(h.id, 'en')}' transfers responsibility from "
                        f"'{ctx.label(h.from_, 'en')}' to '{ctx.label(h.to, 'en')}', between region and municipality, "
                        f"but there is no SIP point at the handover, the sender or the receiver for patients with "
                        f"social-care interventions: {text_en}"
                    ),
                },
                profiles=cubes,
                data={"part": "handover", "handover": h.id, "needs": list(h.needs)},
            )

    # (b) SIP points that leave out a party
    catchments = ctx.catchments
    unit_catchments: dict[str, int] = defaultdict(int)
    assessors: dict[int, list[str]] = defaultdict(list)
    unit_kind = {u.id: u.kind for u in model.units}
    for i, c in enumerate(catchments):
        for u in c.units:
            unit_catchments[u] |= 1 << i
            if unit_kind.get(u) == "needs_assessment":
                assessors[i].append(u)
    with_assessor = sum(1 << i for i in assessors)
    for sp in model.sip_points:
        at = handovers.get(sp.at)
        if at is not None:
            required = [(at.from_, "sender"), (at.to, "receiver")]
            profiles = space.mask(sp.profile) & space.mask(at.profile)
        else:
            required = [(sp.at, "unit")]
            profiles = space.mask(sp.profile)
        present = set(sp.participants) | {sp.called_by}
        missing: list[tuple[tuple, list[str], str, int]] = [
            (("participant", sp.id, u), [u], why, profiles) for u, why in required if u not in present
        ]
        if profiles & social:
            where = with_assessor
            for u, _ in required:
                where &= unit_catchments.get(u, 0)
            for p in present:
                if unit_kind.get(p) == "needs_assessment":
                    where &= ~unit_catchments.get(p, 0)
            lacking_set: set[str] = set()
            while where:
                low = where & -where
                lacking_set.update(assessors[low.bit_length() - 1])
                where ^= low
            lacking = sorted(lacking_set - present)
            if lacking:
                missing.append((("assessor", sp.id), lacking, "assessor", profiles & social))
        for key, units, why, mask in missing:
            cubes, texts = cubes_of(ctx, mask)
            yield Hit(
                key=key,
                elements=[sp.id, *units],
                message={
                    lang: PARTY[lang].format(
                        sip=ctx.label(sp.id, lang),
                        at=ctx.label(sp.at, lang),
                        unit=named(ctx, units, lang, sep=" / "),
                        why=WHY[why][lang],
                        profiles=texts[lang],
                    )
                    for lang in ("sv", "en")
                },
                profiles=cubes,
                data={"part": "participant", "sip_point": sp.id, "at": sp.at, "missing": units, "role": why},
            )


PARTY = {
    "sv": "SIP-punkten '{sip}' (vid '{at}') saknar {unit} bland deltagarna: {why} Gäller: {profiles}",
    "en": "The SIP point '{sip}' (at '{at}') leaves out {unit}: {why} Applies to: {profiles}",
}
WHY = {
    "sender": {
        "sv": "den som lämnar över patienten måste vara med och planera.",
        "en": "the unit that hands the patient over must take part in the plan.",
    },
    "receiver": {
        "sv": "den som tar emot patienten måste vara med och planera.",
        "en": "the unit that receives the patient must take part in the plan.",
    },
    "unit": {
        "sv": "verksamheten där SIP:en kallas måste vara med.",
        "en": "the unit where the SIP is called must take part.",
    },
    "assessor": {
        "sv": "patienter med socialtjänstinsatser behöver socialtjänstens biståndshandläggare i planen.",
        "en": "patients with social-care interventions need social services' needs assessor in the plan.",
    },
}


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
            "SIP-punkter där avsändaren, mottagaren eller socialtjänstens biståndshandläggare inte är med. "
            "För patienten betyder det att ingen plan säger vem som gör vad och vem som har helhetsansvaret, "
            "och att hjälpmedel eller insatser i hemmet kan saknas vid hemgång. Källa: HSL 16 kap. 4 § och "
            "SoL 2 kap. 7 §; lag (2017:612) (SIP inom 3 dagar efter utskrivning); seed 002 (SIP, gråzon 1 "
            'och 2: "borde biståndshandläggaren ha varit med i SIP?"). Åtgärd i överenskommelsen: ange en '
            "SIP-punkt vid överlämningen eller vägen (vem kallar, inom hur lång tid, med vilka deltagare), "
            "eller lägg till de deltagare som saknas."
        ),
        "en": (
            "A patient who gets interventions from both the region and the municipality and has social-care "
            "interventions must have a coordinated individual plan (SIP). The rule finds (a) routes and "
            "handovers between region and municipality where no SIP is to be called for patients with social "
            "care, and (b) SIP points that leave out the sender, the receiver or social services' needs "
            "assessor. For the patient: no plan says who does what and who holds the overall responsibility, "
            "and devices or interventions at home may be missing at discharge. Source: HSL 16:4 and SoL 2:7; "
            "Act 2017:612 (SIP within 3 days of discharge); seed 002 (SIP, grey zones 1 and 2: should the "
            "needs assessor have been in the SIP?). Fix in the agreement: add a SIP point at the handover or "
            "route (who calls it, within how long, with whom), or add the missing participants."
        ),
    },
    source="hsl-16-4; lag-2017-612; seed-002 SIP, Inkomna frågeställningar",
    complexity="O(U*C_u + R*L + H + SP*(P_sp + C_sp)) bit-set operations; cube cover once per distinct profile set",
    check=check,
)


# --- on Neo4j: the same rule as Cypher, run by pathways.graphstore.gaps -----------------

_PW110_HEAD = (
    VERSION
    + DIMS
    + SPACE
    + """
CALL (v, dims) {
  MATCH (n:Need {build: v.build, category: $coordination})
  WHERE toLower(n.id) = $sip_id OR (n.label_sv + ' ' + n.label_en) =~ $sip_word
  RETURN collect("""
    + sparse("n", "applies_to")
    + """) AS sip_cubes
}
WITH *, CASE WHEN size(sip_cubes) > 0 THEN sip_cubes ELSE
  [k IN range(0, size(dims) - 1) WHERE dims[k].id = $social_dim AND $social_value IN dims[k].values | [[k, [$social_value]]]]
  END AS social_cubes
WITH *, [p IN space WHERE any(sc IN social_cubes WHERE """
    + within("sc", "p")
    + """)] AS social
"""
)
"""``social``, the profiles of PW110's patients with social care: the SIP needs' ``applies_to``
(category coordination, id ``sip`` or "SIP" in the label), else ``{social: [ja]}`` if the model
has it, else none; also as cubes, ``social_cubes``."""

PW110_ROUTES = (
    _PW110_HEAD
    + """
WITH * WHERE size(social) > 0
CALL (v, dims) {
  MATCH (r:Route {build: v.build})
  CALL (r) {
    MATCH (r)-[:INCLUDES]->(h:Handover)
    MATCH (a:Unit)-[:SENDS]->(h)-[:TO]->(b:Unit)
    RETURN collect(DISTINCT h) AS hs, collect([h.id, a.id, b.id]) AS chain, collect(DISTINCT a) + collect(DISTINCT b) AS us
  }
  CALL (us) {
    UNWIND us AS u
    MATCH (u)-[:BELONGS_TO]->(o)
    WITH DISTINCT o
    """
    + principal_kind("o", "pk")
    + """
    RETURN collect(DISTINCT pk) AS kinds
  }
  WITH * WHERE $region IN kinds AND $municipality IN kinds
  CALL (hs, dims) {
    UNWIND hs AS h
    WITH DISTINCT """
    + sparse("h")
    + """ AS hc ORDER BY hc
    RETURN collect(hc) AS hcs
  }
  CALL (hs, us, dims) {
    UNWIND hs + us AS place
    MATCH (sp:SipPoint)-[:AT]->(place)
    WITH DISTINCT """
    + sparse("sp")
    + """ AS sc ORDER BY sc
    RETURN collect(sc) AS sips
  }
  WITH """
    + sparse("r")
    + """ AS rc, hcs, sips, collect({route: r.id, handovers: r.handovers, chain: chain}) AS same
  RETURN collect({rc: rc, hcs: hcs, sips: sips, same: same}) AS groups
}
UNWIND groups AS g
WITH dims, g, [p IN social WHERE """
    + within("g.rc", "p")
    + """
  AND all(hc IN g.hcs WHERE """
    + within("hc", "p")
    + """)
  AND none(sc IN g.sips WHERE """
    + within("sc", "p")
    + """)] AS missing
WHERE size(missing) > 0
UNWIND g.same AS x
RETURN x.route AS route, x.handovers AS handovers, x.chain AS chain, [d IN dims | d.id] AS dims, missing
"""
)
"""PW110 (a), routes: a route whose handovers' units span region and municipality, and the
social-care profiles that pass all of it (the route's and each handover's ``profile``) with no
SIP point at one of its handovers or units. Cost: O(L + S_L) per route for L handovers and S_L
SIP points; routes with the same cubes share one O(P * D * (L + S_L)) comparison."""

PW110_HANDOVERS = (
    _PW110_HEAD
    + """
WITH * WHERE size(social) > 0
CALL (v, dims) {
  MATCH (ao)<-[:BELONGS_TO]-(a:Unit)-[:SENDS]->(h:Handover {build: v.build})-[:TO]->(b:Unit)-[:BELONGS_TO]->(bo)
  WHERE NOT EXISTS { (:Route)-[:INCLUDES]->(h) } AND EXISTS { (h)-[:TRANSFERS]->() } AND h.mode <> $device_order
  WITH dims, ao, bo, collect([h, a, b]) AS pairs
  """
    + principal_kind("ao", "ka")
    + principal_kind("bo", "kb")
    + """
  WITH * WHERE (ka = $region AND kb = $municipality) OR (ka = $municipality AND kb = $region)
  UNWIND pairs AS t
  WITH dims, t[0] AS h, t[1] AS a, t[2] AS b
  CALL (h, a, b, dims) {
    UNWIND [h, a, b] AS place
    MATCH (sp:SipPoint)-[:AT]->(place)
    WITH DISTINCT """
    + sparse("sp")
    + """ AS sc ORDER BY sc
    RETURN collect(sc) AS sips
  }
  WITH """
    + sparse("h")
    + """ AS hc, sips, collect({handover: h.id, sender: a.id, receiver: b.id, needs: h.needs}) AS same
  RETURN collect({hc: hc, sips: sips, same: same}) AS groups
}
UNWIND groups AS g
WITH dims, g, [p IN social WHERE """
    + within("g.hc", "p")
    + """
  AND none(sc IN g.sips WHERE """
    + within("sc", "p")
    + """)] AS missing
WHERE size(missing) > 0
UNWIND g.same AS x
RETURN x.handover AS handover, x.sender AS sender, x.receiver AS receiver, x.needs AS needs,
       [d IN dims | d.id] AS dims, missing
"""
)
"""PW110 (a), handovers in no route that transfer needs between a region unit and a municipality
unit (not device orders): their social-care profiles with no SIP point at the handover, its
sender or its receiver. Cost: O(H * S_h); handovers with the same cubes share one
O(P * D * S_h) comparison."""

PW110_SIP_POINTS = (
    _PW110_HEAD
    + CATCHMENTS
    + """
CALL (v, dims) {
  MATCH (sp:SipPoint {build: v.build})-[:AT]->(at)
  CALL (at) {
    OPTIONAL MATCH (a:Unit)-[:SENDS]->(at)-[:TO]->(b:Unit)
    OPTIONAL MATCH (a)-[:BELONGS_TO]->(ao)
    OPTIONAL MATCH (b)-[:BELONGS_TO]->(bo)
    OPTIONAL MATCH (at)-[:BELONGS_TO]->(uo)
    RETURN CASE WHEN at:Handover THEN [[a.id, $sender], [b.id, $receiver]] ELSE [[at.id, $unit]] END AS required,
           CASE WHEN at:Handover THEN [ao, bo] ELSE [uo] END AS required_owners
  }
  CALL (sp) {
    OPTIONAL MATCH (sp)-[:PARTICIPANT|CALLED_BY]->(x:Unit)
    OPTIONAL MATCH (x WHERE x.kind = $needs_assessment)-[:BELONGS_TO]->(xo)
    RETURN collect(DISTINCT x.id) AS present, collect(DISTINCT xo) AS assessor_owners
  }
  RETURN collect({sip_point: sp.id, at: at.id, required: required, required_owners: required_owners,
                  present: present, assessor_owners: assessor_owners, spc: """
    + sparse("sp")
    + """,
                  atc: CASE WHEN at:Handover THEN """
    + sparse("at")
    + """ ELSE [] END}) AS points
}
CALL (points, space, social_cubes) {
  UNWIND points AS y
  WITH space, social_cubes, y.spc AS spc, y.atc AS atc, collect(y) AS same
  WITH social_cubes, same, [p IN space WHERE """
    + within("spc", "p")
    + " AND "
    + within("atc", "p")
    + """] AS profiles
  WITH same, profiles, [p IN profiles WHERE any(sc IN social_cubes WHERE """
    + within("sc", "p")
    + """)] AS social_profiles
  UNWIND same AS y
  RETURN collect(y {.*, profiles: profiles, social_profiles: social_profiles}) AS with_profiles
}
CALL (with_profiles, catchments) {
  UNWIND with_profiles AS y
  WITH catchments, y.required_owners AS ro, y.assessor_owners AS ao, collect(y) AS same
  WITH same, CASE WHEN all(y IN same WHERE size(y.social_profiles) = 0) THEN [] ELSE reduce(acc = [], c IN catchments |
    CASE WHEN size(c.assessors) > 0 AND all(o IN ro WHERE o IN c.owners) AND none(o IN ao WHERE o IN c.owners)
         THEN acc + [z IN c.assessors WHERE NOT z IN acc] ELSE acc END) END AS assessors
  UNWIND same AS y
  RETURN collect(y {.*, assessors: assessors}) AS with_assessors
}
UNWIND with_assessors AS x
WITH dims, x, [rq IN x.required WHERE NOT rq[0] IN x.present] AS missing_parties,
     CASE WHEN size(x.social_profiles) = 0 THEN [] ELSE [z IN x.assessors WHERE NOT z IN x.present] END AS lacking
WHERE size(lacking) > 0 OR size(missing_parties) > 0
RETURN x.sip_point AS sip_point, x.at AS at, missing_parties, lacking, [d IN dims | d.id] AS dims,
       x.profiles AS profiles, x.social_profiles AS social_profiles
"""
)
"""PW110 (b): SIP points that leave out the sender or receiver of their handover (or their
unit), and, when their profiles (with the handover's) meet the social-care profiles, the
needs-assessment units of each catchment that holds all the required units (their owners), has
such units and has none of them present. Cost: O(SP * (P_sp + 1)) to read the SIP points;
SIP points are grouped by their pair of cubes, O(P * D) each for the profiles, and by their
required owners and present assessors' owners, O(C * (L_r + A) * O_c) each for the assessors
(C catchments of O_c owners, A assessors)."""

CYPHER: tuple[str, ...] = (
    PW110_ROUTES,
    PW110_HANDOVERS,
    PW110_SIP_POINTS,
)
"""The queries of this rule on the server, in order; ``from_rows`` gets their rows in the same order."""


def from_rows(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    mask_of = positions(ctx.space)
    routes, handovers, sip_points = rows
    for row in routes:
        ends = {hid: (a, b) for hid, a, b in row["chain"]}
        units = list(dict.fromkeys(u for hid in row["handovers"] for u in ends[hid]))
        cubes, texts = cubes_of(ctx, mask_of(row["dims"], row["missing"]))
        route = row["route"]
        yield Hit(
            key=("route", route),
            elements=[route, *row["handovers"]],
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
            data={"part": "route", "route": route, "handovers": list(row["handovers"]), "units": units},
        )
    for row in handovers:
        h, a, b = row["handover"], row["sender"], row["receiver"]
        cubes, texts = cubes_of(ctx, mask_of(row["dims"], row["missing"]))
        yield Hit(
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
            data={"part": "handover", "handover": h, "needs": list(row["needs"] or [])},
        )
    for row in sip_points:
        sp, at = row["sip_point"], row["at"]
        profiles = mask_of(row["dims"], row["profiles"])
        missing = [(("participant", sp, u), [u], why, profiles) for u, why in row["missing_parties"]]
        lacking = sorted(row["lacking"])
        if lacking:
            missing.append((("assessor", sp), lacking, "assessor", mask_of(row["dims"], row["social_profiles"])))
        for key, units, why, mask in missing:
            cubes, texts = cubes_of(ctx, mask)
            yield Hit(
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
