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
from collections.abc import Callable

from pathways.synth.parts import L, S, Synth
from pathways.synth.plant_base import catchment_of, expect
from pathways.synth.plant_paths import PathPlantings


class _Planter(PathPlantings):
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
            [expect("PW101", (need, "hemmet", catchment_of(m)), [need, "hemmet"], catchment_of(m))],
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
                expect(
                    "PW102",
                    ("municipal_rehab_ordinary", "needs_assessment", catchment_of(m)),
                    [m.needs_assessment, m.rehab_ordinary, rid],
                    catchment_of(m),
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
            [expect("PW103", (hid,), [hid])],
        )

    def missing_items(self) -> None:
        """PW104: a discharge to home healthcare no longer passes the devices the receiver needs."""
        m = self.municipality()
        hid = self.pick(m.handovers["discharge_home_care"])
        if hid is None:
            return
        self.s.by_id[hid]["passes"].remove("devices")
        self.record("missing-items", m.id, f"'{hid}' does not pass 'devices'", [hid], [expect("PW104", (hid,), [hid])])

    def no_gate(self) -> None:
        """PW105: a written care request to municipal rehab has no acceptance gate."""
        m = self.municipality()
        hid = self.pick(m.handovers["hc_rehab"])
        if hid is None:
            return
        del self.s.by_id[hid]["gate"]
        self.record("no-acceptance-gate", m.id, f"'{hid}' has no gate", [hid], [expect("PW105", (hid,), [hid])])

    def no_rejection_path(self) -> None:
        """PW106: a referral to primary-care rehab says nothing about a refusal."""
        m = self.municipality()
        hid = self.pick(m.handovers["hc_pcr"])
        if hid is None:
            return
        del self.s.by_id[hid]["on_reject"]
        self.record("no-rejection-path", m.id, f"'{hid}' has no on_reject", [hid], [expect("PW106", (hid,), [hid])])

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
            "guidance-without-request", m.id, f"new guidance handover '{hid}'", [hid], [expect("PW107", (hid,), [hid])]
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
            [expect("PW108", (hid,), [hid])],
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
            [expect("PW110", ("assessor", sid), [sid, m.needs_assessment])],
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
            [expect("PW111", (new,), [new, m.rehab_ordinary])],
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
            [expect("PW112", (rid,), [rid, m.rehab_special, m.region.id])],
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
