"""Plantings in the shape of the pathways: dead ends, unreachable units, referral loops,
boundaries without a handover, principals without an escalation path."""

from __future__ import annotations

import copy

from pathways.synth.parts import L, Municipality, S
from pathways.synth.plant_base import PlanterBase, expect


class PathPlantings(PlanterBase):
    """Gaps in the shape of the pathways (PW113 to PW117)."""

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
            [expect("PW113", ("unit", uid), [uid, hid])],
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
            [expect("PW114", (uid,), [uid])],
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
                expect("PW115", ("rehabplan", a, b), ["rehabplan", a, b, *ids]),
                expect("PW108", (ids[0],), [ids[0]]),
                expect("PW108", (ids[1],), [ids[1]]),
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
            [expect("PW116", (region.boundaries["18"],), [region.boundaries["18"]])],
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
            [expect("PW117", (a, b), [a, b, hid])],
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
            [expect("PW117", (a, b), [a, b])],
        )
