"""Plant gaps at seeded places of a clean synthetic model, and say what the rules must find.

Each planting changes a few elements, the way a revision of an agreement could go
wrong, and returns the findings it must cause: the rule code, the finding's key (the
element ids and values the rule's finding id is a hash of; see each rule's ``Hit.key``)
and the finding id :func:`pathways.gaps.core.finding_id` gives for it. The rest of the
model stays clean for every planted rule, so ``find_gaps`` must find exactly the
planted findings for the planted rule codes, no more and no fewer.

Places are drawn from ``random.Random`` seeded with the model's seed, spread over the
municipalities (each kind of planting takes its places from a shuffled cycle of them)
and never on an element another planting changed.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable

from pathways.gaps.core import finding_id
from pathways.synth.parts import L, Municipality, S, Synth


def _catchment(m: Municipality) -> str:
    """The catchment id of a municipality (``pathways.analysis.coverage.catchments``)."""
    region = m.region
    if len(region.municipalities) == 1:
        return region.county
    return f"{region.county}/{m.id}"


def _expect(rule: str, key: tuple, elements: list[str], catchment: str | None = None) -> dict:
    """An expected finding: its rule, key and id, the elements it names, and its catchment if per catchment."""
    found = {"rule": rule, "key": list(key), "id": finding_id(rule, tuple(key)), "elements": elements}
    if catchment:
        found["catchment"] = catchment
    return found


class _Planter:
    def __init__(self, synth: Synth, per_kind: int):
        self.s = synth
        self.rng = random.Random(synth.seed * 7919 + 17)
        self.per_kind = per_kind
        self.pool: list[Municipality] = []
        self.touched: set[str] = set()

    # --- places ---------------------------------------------------------------------------
    def municipality(self) -> Municipality:
        if not self.pool:
            self.pool = self.s.municipalities()
            self.rng.shuffle(self.pool)
        return self.pool.pop()

    def pick(self, candidates: list[str]) -> str | None:
        free = [c for c in candidates if c not in self.touched]
        if not free:
            return None
        chosen = self.rng.choice(free)
        self.touched.add(chosen)
        return chosen

    def record(self, kind: str, where: str, description: str, changed: list[str], findings: list[dict]) -> None:
        self.s.planted.append(
            {"plant": kind, "where": where, "description": description, "changed": changed, "findings": findings}
        )

    # --- plantings ---------------------------------------------------------------------------
    def uncovered_need(self) -> None:
        """PW101: a municipal rehab unit's responsibility loses a need nobody else there owns."""
        m = self.municipality()
        unit = self.rng.choice([m.rehab_ordinary, m.rehab_special])
        rid = f"ans-{unit}"
        needs = self.s.by_id[rid]["needs"]
        choices = [
            n for n in (["delaktighet", "aktivitet"] if unit == m.rehab_special else ["delaktighet"]) if n in needs
        ]
        if not choices:
            return
        need = self.rng.choice(choices)
        needs.remove(need)
        self.record(
            "uncovered-need",
            m.id,
            f"'{rid}' no longer names '{need}'",
            [rid],
            [_expect("PW101", (need, "hemmet", _catchment(m)), [need, "hemmet"], _catchment(m))],
        )

    def overlap(self) -> None:
        """PW102: social services also take on 'aktivitet' at home, with no coordination rule."""
        m = self.municipality()
        rid = f"ans-{m.needs_assessment}-aktivitet"
        if rid in self.s.by_id:
            return
        self.s.add(
            "responsibilities",
            {
                "id": rid,
                "label": L(
                    "Biståndshandläggningen tar också ansvar för aktivitet i hemmet",
                    "Needs assessment also takes on activity at home",
                ),
                "needs": ["aktivitet"],
                "owner": m.needs_assessment,
                "profile": {"boende": ["ordinart"], "diagnos": ["somatisk"], "social": ["ja"]},
                "source": S("seed-002", "Inkomna frågeställningar"),
                "status": "agreement",
            },
        )
        self.touched.add(rid)
        self.record(
            "overlap",
            m.id,
            f"'{m.needs_assessment}' owns 'aktivitet' beside municipal rehab",
            [rid],
            [
                _expect(
                    "PW102",
                    ("municipal_rehab_ordinary", "needs_assessment", _catchment(m)),
                    [m.needs_assessment, m.rehab_ordinary, rid],
                    _catchment(m),
                )
            ],
        )

    def time_gap(self) -> None:
        """PW103: municipal rehab takes over three working days after discharge; the ward lets go on day 0."""
        m = self.municipality()
        hid = self.pick(m.handovers["discharge_rehab"])
        if hid is None:
            return
        h = self.s.by_id[hid]
        h["receiver_from"], h["days"] = 3, "working"
        self.record(
            "time-gap",
            m.id,
            f"'{hid}': receiver_from 3 working days, sender_until 0",
            [hid],
            [_expect("PW103", (hid,), [hid])],
        )

    def missing_items(self) -> None:
        """PW104: a discharge to home healthcare no longer passes the devices the receiver needs."""
        m = self.municipality()
        hid = self.pick(m.handovers["discharge_home_care"])
        if hid is None:
            return
        self.s.by_id[hid]["passes"].remove("devices")
        self.record("missing-items", m.id, f"'{hid}' does not pass 'devices'", [hid], [_expect("PW104", (hid,), [hid])])

    def no_gate(self) -> None:
        """PW105: a written care request to municipal rehab has no acceptance gate."""
        m = self.municipality()
        hid = self.pick(m.handovers["hc_rehab"])
        if hid is None:
            return
        del self.s.by_id[hid]["gate"]
        self.record("no-acceptance-gate", m.id, f"'{hid}' has no gate", [hid], [_expect("PW105", (hid,), [hid])])

    def no_rejection_path(self) -> None:
        """PW106: a referral to primary-care rehab says nothing about a refusal."""
        m = self.municipality()
        hid = self.pick(m.handovers["hc_pcr"])
        if hid is None:
            return
        del self.s.by_id[hid]["on_reject"]
        self.record("no-rejection-path", m.id, f"'{hid}' has no on_reject", [hid], [_expect("PW106", (hid,), [hid])])

    def guidance(self) -> None:
        """PW107: a health centre guides patients to municipal rehab instead of a written care request."""
        m = self.municipality()
        hc = self.rng.choice(m.health_centres)
        hid = f"ho-{hc}-{m.rehab_ordinary}-hanvisning"
        if hid in self.s.by_id:
            return
        base = self.s.by_id[f"ho-{hc}-{m.rehab_ordinary}"]
        element = copy.deepcopy(base)
        element.update(
            {
                "id": hid,
                "trigger": "hanvisning",
                "mode": "guidance",
                "label": L(
                    "Vårdcentralen hänvisar till kommunal rehab utan vårdbegäran",
                    "The health centre guides the patient to municipal rehab without a care request",
                ),
                "source": S("seed-002", "Inkomna frågeställningar"),
            }
        )
        element["gate"] = (
            dict(base["gate"]) if "gate" in base else {"by": "arbetsterapeut", "criteria": "Kommunens rehab bedömer."}
        )
        element["on_reject"] = {"to": hc, "escalation": m.region.escalation}
        self.s.add("handovers", element)
        self.touched.add(hid)
        self.record(
            "guidance-without-request", m.id, f"new guidance handover '{hid}'", [hid], [_expect("PW107", (hid,), [hid])]
        )

    def receiver_does_not_own(self) -> None:
        """PW108: a care request to municipal rehab also sends patients who can visit a clinic."""
        m = self.municipality()
        hid = self.pick(m.handovers["hc_rehab"])
        if hid is None:
            return
        del self.s.by_id[hid]["profile"]["besok"]
        self.record(
            "receiver-does-not-own",
            m.id,
            f"'{hid}' sends every 'besok' value to a home-only unit",
            [hid],
            [_expect("PW108", (hid,), [hid])],
        )

    def missing_sip_party(self) -> None:
        """PW110: the SIP at a discharge to municipal rehab leaves out social services."""
        m = self.municipality()
        hid = self.pick(m.handovers["discharge_rehab"])
        if hid is None:
            return
        sid = f"sip-{hid[3:]}"
        self.touched.add(sid)
        self.s.by_id[sid]["participants"].remove(m.needs_assessment)
        self.record(
            "missing-sip-party",
            m.id,
            f"'{sid}' has no '{m.needs_assessment}'",
            [sid],
            [_expect("PW110", ("assessor", sid), [sid, m.needs_assessment])],
        )

    def device_split(self) -> None:
        """PW111: municipal rehab also says it follows up devices and pays the rent only until the contact ends.

        Its standing responsibility keeps the steps (so every other owner's steps stay taken
        over and no need is uncovered), but the rule asks for *another* owner after the end.
        """
        m = self.municipality()
        rid = f"ans-{m.rehab_ordinary}"
        new = f"{rid}-hjm-till-avslut"
        if new in self.s.by_id:
            return
        self.s.add(
            "responsibilities",
            {
                "id": new,
                "label": L(
                    "Kommunal rehab följer upp hjälpmedel och betalar hyran tills kontakten avslutas",
                    "Municipal rehab follows up devices and pays the rent until the contact ends",
                ),
                "needs": ["hjm-uppfoljning", "hjm-hyra"],
                "owner": m.rehab_ordinary,
                "profile": copy.deepcopy(self.s.by_id[rid]["profile"]),
                "window": {"event": "avslut", "end_day": 0},
                "source": S("seed-002", "Inkomna frågeställningar"),
                "status": "agreement",
            },
        )
        self.touched.add(new)
        self.record(
            "device-process-split",
            m.id,
            f"'{new}' ends at 'avslut' and no other unit takes over",
            [new],
            [_expect("PW111", (new,), [new, m.rehab_ordinary])],
        )

    def cost_shifting(self) -> None:
        """PW112: the region pays for municipal rehab in special housing, and no cost rule says so."""
        m = self.municipality()
        rid = f"ans-{m.rehab_special}"
        if "payer" in self.s.by_id[rid]:
            return
        self.s.by_id[rid]["payer"] = m.region.id
        self.record(
            "cost-shifting",
            m.id,
            f"'{rid}' is paid by '{m.region.id}'",
            [rid],
            [_expect("PW112", (rid,), [rid, m.rehab_special, m.region.id])],
        )

    def dead_end(self) -> None:
        """PW113: health centres send patients to a day-rehab unit that owns nothing and sends nobody on."""
        m = self.municipality()
        hc = self.rng.choice(m.health_centres)
        uid = f"r{m.code[:-3]}-k{m.code[-2:]}-dagrehab"
        if uid in self.s.by_id:
            return
        region = m.region
        self.s.add(
            "units",
            {
                "id": uid,
                "label": L(f"Dagrehabilitering, {m.name}", f"Day rehabilitation, {m.name}"),
                "kind": "primary_care_rehab",
                "principal": region.id,
                "care_level": "regional-primarvard",
                "settings": ["mottagning"],
                "source": S("seed-001", "1. Bakgrund"),
                "status": "assumption",
                "note": "Planterad lucka: enheten tar emot patienter men har inget ansvar i överenskommelsen.",
            },
        )
        hid = f"ho-{hc}-{uid}"
        self.s.add(
            "handovers",
            {
                "id": hid,
                "label": L(
                    "Vårdcentralen skickar till dagrehabilitering", "The health centre sends to day rehabilitation"
                ),
                "from": hc,
                "to": uid,
                "trigger": "remiss",
                "mode": "referral",
                "needs": [],
                "passes": ["information"],
                "receiver_needs": ["information"],
                "profile": {"besok": ["kan"]},
                "gate": {"by": "fysioterapeut", "criteria": "Bedömning av remissen."},
                "on_reject": {"to": hc, "escalation": region.escalation},
                "source": S("seed-001", "1. Bakgrund"),
                "status": "agreement",
            },
        )
        self.touched.update((uid, hid))
        self.record(
            "dead-end",
            m.id,
            f"'{uid}' receives '{hid}' but owns nothing and sends nobody on",
            [uid, hid],
            [_expect("PW113", ("unit", uid), [uid, hid])],
        )

    def unreachable(self) -> None:
        """PW114: a specialised clinic that no referral leads to and patients cannot contact themselves."""
        m = self.municipality()
        hospital = m.hospital
        region = m.region
        uid = f"r{region.code}-s{hospital.number}-mott-ny"
        if uid in self.s.by_id:
            return
        template = self.s.by_id[hospital.clinics[0]]
        self.s.add(
            "units",
            {
                **copy.deepcopy(template),
                "id": uid,
                "label": L(
                    f"Ny specialistmottagning, sjukhus {hospital.number}, {region.name}",
                    f"New specialised clinic, hospital {hospital.number}, {region.name}",
                ),
            },
        )
        base = self.s.by_id[f"ans-{hospital.clinics[0]}"]
        self.s.add(
            "responsibilities",
            {
                **copy.deepcopy(base),
                "id": f"ans-{uid}",
                "owner": uid,
            },
        )
        self.touched.update((uid, f"ans-{uid}"))
        self.record(
            "unreachable-unit",
            region.id,
            f"'{uid}' has no entry and no handover leads there",
            [uid, f"ans-{uid}"],
            [_expect("PW114", (uid,), [uid])],
        )

    def referral_loop(self) -> None:
        """PW115: two health centres refer the rehab plan to each other; neither owns it (PW108 twice too)."""
        m = self.municipality()
        a, b = sorted(self.rng.sample(m.health_centres, 2))
        ids = [f"ho-{a}-{b}-rehabplan", f"ho-{b}-{a}-rehabplan"]
        if any(i in self.s.by_id for i in ids):
            return
        for hid, frm, to in ((ids[0], a, b), (ids[1], b, a)):
            self.s.add(
                "handovers",
                {
                    "id": hid,
                    "label": L(
                        "Rehabplanen skickas vidare till en annan vårdcentral",
                        "The rehab plan is passed to another health centre",
                    ),
                    "from": frm,
                    "to": to,
                    "trigger": "remiss",
                    "mode": "referral",
                    "needs": ["rehabplan"],
                    "passes": ["information", "rehab_plan"],
                    "receiver_needs": ["information", "rehab_plan"],
                    "profile": {"besok": ["kan"]},
                    "gate": {"by": "lakare", "criteria": "Remissbedömning."},
                    "on_reject": {"to": frm, "escalation": m.region.escalation},
                    "source": S("seed-002", "Inkomna frågeställningar"),
                    "status": "agreement",
                },
            )
        self.touched.update(ids)
        self.record(
            "referral-loop",
            m.id,
            f"'{a}' and '{b}' refer 'rehabplan' to each other",
            ids,
            [
                _expect("PW115", ("rehabplan", a, b), ["rehabplan", a, b, *ids]),
                _expect("PW108", (ids[0],), [ids[0]]),
                _expect("PW108", (ids[1],), [ids[1]]),
            ],
        )

    def boundary(self) -> None:
        """PW116: the handover from child to adult habilitation no longer says it crosses the 18-year boundary."""
        m = self.municipality()
        region = m.region
        hid = region.handovers["hab_18"][0]
        if hid in self.touched:
            return
        self.touched.add(hid)
        del self.s.by_id[hid]["crosses"]
        self.record(
            "boundary",
            region.id,
            f"'{hid}' no longer crosses '{region.boundaries['18']}'",
            [hid],
            [_expect("PW116", (region.boundaries["18"],), [region.boundaries["18"]])],
        )

    def no_escalation(self) -> None:
        """PW117: a ward discharges patients to another county's municipality, with no escalation path between them."""
        m = self.municipality()
        regions = [r for r in self.s.regions if r is not m.region]
        if not regions:
            self.leave_group(m)
            return
        other = self.rng.choice(regions)
        ward = self.rng.choice([w for h in other.hospitals for w in h.wards])
        d = m.home_care[0]
        hid = f"ho-{ward}-{d}"
        if hid in self.s.by_id:
            return
        base = self.s.by_id[f"ho-{m.hospital.wards[0]}-{d}"]
        element = copy.deepcopy(base)
        element.update(
            {
                "id": hid,
                "from": ward,
                "label": L(
                    "Utskrivning till en kommun i ett annat län", "Discharge to a municipality of another county"
                ),
                "on_reject": {"to": ward, "escalation": other.escalation},
            }
        )
        element["passes"] = list(element["receiver_needs"])
        self.s.add("handovers", element)
        self.touched.add(hid)
        a, b = sorted((other.id, m.id))
        self.record(
            "no-escalation",
            m.id,
            f"'{ward}' of {other.id} discharges to '{d}'; no path between {other.id} and {m.id}",
            [hid],
            [_expect("PW117", (a, b), [a, b, hid])],
        )

    def leave_group(self, m: Municipality) -> None:
        """PW117 with one region: a municipality is left out of the county's group, so of its escalation path."""
        group = self.s.by_id[m.region.group]
        if len(group["members"]) < 2 or m.id not in group["members"]:
            return
        group["members"].remove(m.id)
        self.touched.add(m.region.group)
        a, b = sorted((m.region.id, m.id))
        self.record(
            "no-escalation",
            m.id,
            f"'{m.id}' is not a member of '{m.region.group}', the only escalation path's party",
            [m.region.group],
            [_expect("PW117", (a, b), [a, b])],
        )


PLANTINGS: tuple[Callable[[_Planter], None], ...] = (
    _Planter.uncovered_need,
    _Planter.overlap,
    _Planter.time_gap,
    _Planter.missing_items,
    _Planter.no_gate,
    _Planter.no_rejection_path,
    _Planter.guidance,
    _Planter.receiver_does_not_own,
    _Planter.missing_sip_party,
    _Planter.device_split,
    _Planter.cost_shifting,
    _Planter.dead_end,
    _Planter.unreachable,
    _Planter.referral_loop,
    _Planter.boundary,
    _Planter.no_escalation,
)
"""Every kind of planting, in the order they are drawn."""


def plant_gaps(synth: Synth, per_kind: int | None = None) -> list[dict]:
    """Plant ``per_kind`` gaps of each kind (default: one per seven regions, at least one); return the manifest rows."""
    per_kind = per_kind if per_kind is not None else max(1, round(synth.regions_n / 7))
    planter = _Planter(synth, per_kind)
    for planting in PLANTINGS:
        for _ in range(per_kind):
            planting(planter)
    return synth.planted
