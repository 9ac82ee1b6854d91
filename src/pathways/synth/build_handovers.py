"""The handovers of a region and of each of its municipalities."""

from __future__ import annotations

from pathways.synth import catalogue as cat
from pathways.synth.parts import BuilderBase, Municipality, Region, S


class HandoversPart(BuilderBase):
    """The handovers of a region and of each of its municipalities."""

    def handovers(self, region: Region) -> None:
        rh = region.handovers
        for h in region.hospitals:
            for ward in h.wards:
                rh.setdefault("ward_rehab_ward", []).append(
                    self.handover(
                        region,
                        ward,
                        h.rehab_ward,
                        "remiss",
                        "referral",
                        ["rehabbedomning", "behandling"],
                        ["information", "rehab_plan"],
                        {},
                        "fysioterapeut",
                        "Rehabiliteringsavdelningen tar emot patienten.",
                        "Remiss från vårdavdelning till rehabiliteringsavdelning",
                        "Referral from a ward to the rehab ward",
                        S("seed-001", "1. Bakgrund"),
                    )
                )
            for clinic in h.clinics:
                rh.setdefault("clinic_home_rehab", []).append(
                    self.handover(
                        region,
                        clinic,
                        h.home_rehab,
                        "remiss",
                        "referral",
                        ["behandling"],
                        ["information", "rehab_plan"],
                        {"alder": ["vuxen"], "besok": ["kan-inte"], "diagnos": ["somatisk"]},
                        "fysioterapeut",
                        "Komplexa behov som kräver det specialiserade teamet.",
                        "Specialistmottagning till specialiserad hemrehabilitering",
                        "Specialised clinic to specialised home rehabilitation",
                        S("seed-001", "1. Bakgrund"),
                    )
                )
        rh["hab_18"] = [
            self.handover(
                region,
                region.hab_children,
                region.hab_adults,
                "remiss",
                "referral",
                ["rehabplan", "uppfoljning"],
                ["information", "rehab_plan", "devices"],
                {"alder": ["vuxen"], "diagnos": ["habilitering"]},
                "lakare",
                "Vuxenhabiliteringen tar emot unga vuxna inom målgruppen.",
                "Barnhabiliteringen överlämnar till vuxenhabiliteringen vid 18 år",
                "Child habilitation hands over to adult habilitation at 18",
                S("seed-004", "Vad är nytt?"),
                crosses=[region.boundaries["18"]],
            )
        ]
        for m in region.municipalities:
            self.municipal_handovers(region, m)

    def municipal_handovers(self, region: Region, m: Municipality) -> None:
        hos = m.hospital
        mh = m.handovers
        enrolled = {"besok": ["kan-inte"], "hemsjukvard": ["inskriven"]}
        at_home_rehab = {"besok": ["kan-inte"], "diagnos": list(cat.NOT_HAB)}

        def add(role: str, *args, **kwargs) -> str:
            hid = self.handover(region, *args, **kwargs)
            mh.setdefault(role, []).append(hid)
            return hid

        def care_request(role: str, sender: str, section: str) -> None:
            """A written care request from ``sender`` to each home healthcare unit (route 1 or 2)."""
            for d in m.home_care:
                add(
                    role,
                    sender,
                    d,
                    "vardbegaran",
                    "written_care_request",
                    ["egenvardsbedomning"],
                    ["information", "medical_plan"],
                    enrolled,
                    "kommunal-sjukskoterska",
                    "Kommunen bedömer om vården kan utföras patientsäkert i hemmet.",
                    f"{self.name(sender, 'sv')} till {self.name(d, 'sv')}",
                    f"{self.name(sender, 'en')} to {self.name(d, 'en')}",
                    S("seed-004", section),
                    status="peer_region",
                )

        for hc in m.health_centres:
            care_request("hc_home_care", hc, "Tre vägar in")
            add(
                "hc_rehab",
                hc,
                m.rehab_ordinary,
                "vardbegaran",
                "written_care_request",
                ["rehabbedomning"],
                ["information"],
                {"boende": ["ordinart"], **at_home_rehab},
                "arbetsterapeut",
                "Kommunens rehab bedömer om insatsen hör till kommunen.",
                f"{self.name(hc, 'sv')} till kommunal rehab med skriftlig vårdbegäran",
                f"{self.name(hc, 'en')} to municipal rehab by written care request",
                S("seed-002", "Inkomna frågeställningar"),
            )
            add(
                "hc_pcr",
                hc,
                m.pc_rehab,
                "remiss",
                "referral",
                ["rehabbedomning"],
                ["information"],
                {"besok": ["kan"], "diagnos": list(cat.NOT_HAB)},
                "fysioterapeut",
                "Bedömning av remissen.",
                f"{self.name(hc, 'sv')} till primärvårdsrehab",
                f"{self.name(hc, 'en')} to primary-care rehab",
                S("seed-001", "1. Bakgrund"),
            )
            for clinic in hos.clinics:
                add(
                    "hc_clinic",
                    hc,
                    clinic,
                    "remiss",
                    "referral",
                    ["rehabbedomning", "kroppsfunktion"],
                    ["information"],
                    {"besok": ["kan"], "diagnos": ["somatisk"]},
                    "lakare",
                    "Remissbedömning.",
                    f"Remiss från {self.name(hc, 'sv')} till {self.name(clinic, 'sv')}",
                    f"Referral from {self.name(hc, 'en')} to {self.name(clinic, 'en')}",
                    S("seed-002", "Samverkan och samplanering"),
                )
            add(
                "hc_psychiatry",
                hc,
                hos.psychiatry,
                "remiss",
                "referral",
                ["rehabbedomning"],
                ["information"],
                {"alder": ["vuxen"], "besok": ["kan"], "diagnos": ["psykiatrisk", "npf"]},
                "lakare",
                "Remissbedömning.",
                f"Remiss från {self.name(hc, 'sv')} till vuxenpsykiatrin",
                f"Referral from {self.name(hc, 'en')} to adult psychiatry",
                S("seed-002", "Inkomna frågeställningar"),
            )
            for hab, age in ((region.hab_children, "barn"), (region.hab_adults, "vuxen")):
                add(
                    "hc_hab",
                    hc,
                    hab,
                    "remiss",
                    "referral",
                    ["rehabbedomning"],
                    ["information"],
                    {"alder": [age], "diagnos": ["habilitering"]},
                    "lakare",
                    "Habiliteringen bedömer om personen tillhör dess målgrupp.",
                    f"Remiss från {self.name(hc, 'sv')} till {self.name(hab, 'sv')}",
                    f"Referral from {self.name(hc, 'en')} to {self.name(hab, 'en')}",
                    S("seed-002", "Inkomna frågeställningar"),
                )
        for ward in [*hos.wards, hos.rehab_ward]:
            for d in m.home_care:
                add(
                    "discharge_home_care",
                    ward,
                    d,
                    "utskrivning",
                    "discharge_notice",
                    ["egenvardsbedomning"],
                    ["information", "medical_plan", "devices"],
                    enrolled,
                    "kommunal-sjukskoterska",
                    "Kommunen bedömer om vården kan utföras patientsäkert i hemmet.",
                    f"Utskrivning från {self.name(ward, 'sv')} till {self.name(d, 'sv')}",
                    f"Discharge from {self.name(ward, 'en')} to {self.name(d, 'en')}",
                    S("lag-2017-612"),
                    status="law",
                )
            add(
                "discharge_rehab",
                ward,
                m.rehab_ordinary,
                "utskrivning",
                "discharge_notice",
                ["rehabbedomning", "rehabplan", "behandling", "hjm-instruktion", "hjm-uppfoljning"],
                ["information", "rehab_plan", "devices", "temporary_prescription_limit"],
                {"boende": ["ordinart"], **at_home_rehab},
                "arbetsterapeut",
                "Kommunens rehab bedömer att fortsatt träning kan ges i hemmet.",
                f"Utskrivning från {self.name(ward, 'sv')} till kommunal rehab, {m.name}",
                f"Discharge from {self.name(ward, 'en')} to municipal rehab, {m.name}",
                S("seed-001", "1. Bakgrund"),
            )
            add(
                "discharge_special",
                ward,
                m.rehab_special,
                "utskrivning",
                "discharge_notice",
                ["rehabbedomning", "behandling"],
                ["information", "rehab_plan"],
                {"boende": ["sarskilt"], **at_home_rehab},
                "arbetsterapeut",
                "Kommunens rehab tar emot den boende.",
                f"Utskrivning från {self.name(ward, 'sv')} till rehab i särskilt boende, {m.name}",
                f"Discharge from {self.name(ward, 'en')} to rehab in special housing, {m.name}",
                S("seed-001", "1. Bakgrund"),
            )
        for clinic in hos.clinics:
            care_request("clinic_home_care", clinic, "Från specialiserad öppenvård till hemsjukvård")
        add(
            "rehab_pcr",
            m.rehab_ordinary,
            m.pc_rehab,
            "vardbegaran",
            "written_care_request",
            ["behandling", "uppfoljning"],
            ["information", "rehab_plan"],
            {"boende": ["ordinart"], "besok": ["kan"], "diagnos": list(cat.NOT_HAB)},
            "fysioterapeut",
            "Primärvårdsrehab bedömer att patienten kan tas emot på mottagning.",
            f"Kommunal rehab till primärvårdsrehab, {m.name}",
            f"Municipal rehab to primary-care rehab, {m.name}",
            S("seed-002", "Samverkan och samplanering"),
        )
        for sender in (m.rehab_ordinary, m.rehab_special, m.pc_rehab, *m.privates):
            add(
                "device_order",
                sender,
                region.device_centre,
                "forskrivning",
                "device_order",
                ["hjm-utprovning"],
                ["information", "devices", "cost_responsibility"],
                {},
                "arbetsterapeut",
                "Beställningen är komplett.",
                f"{self.name(sender, 'sv')} beställer hjälpmedel",
                f"{self.name(sender, 'en')} orders devices",
                S("hslf-fs-2021-52"),
            )
        for d in m.home_care:
            add(
                "home_care_social",
                d,
                m.needs_assessment,
                "sip-mote",
                "referral",
                ["sip"],
                ["information"],
                {"besok": ["kan-inte"], "social": ["ja"]},
                "bistandshandlaggare",
                "Ansökan om bistånd enligt SoL.",
                f"{self.name(d, 'sv')} kontaktar biståndshandläggaren",
                f"{self.name(d, 'en')} contacts the needs assessor",
                S("hsl-16-4"),
                status="law",
            )
        add(
            "psychiatry_pcr",
            hos.psychiatry,
            m.pc_rehab,
            "avslut",
            "referral",
            ["uppfoljning"],
            ["information", "rehab_plan"],
            {"alder": ["vuxen"], "besok": ["kan"], "diagnos": ["psykiatrisk", "npf"]},
            "fysioterapeut",
            "Primärvårdsrehab tar emot patienten för fortsatt uppföljning.",
            f"Vuxenpsykiatrin avslutar och patienten går till primärvårdsrehab, {m.name}",
            f"Adult psychiatry ends the contact and the patient goes to primary-care rehab, {m.name}",
            S("seed-002", "Inkomna frågeställningar"),
        )
