"""The handovers of a region and of each of its municipalities."""

from __future__ import annotations

from dataclasses import dataclass, field

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
        """Every handover of a municipality, in a fixed order (the handover ids and the planted
        changes depend on it): from its health centres, at discharge, from the clinics, within it."""
        at = _Municipal(self, region, m)
        for hc in m.health_centres:
            at.from_health_centre(hc)
        for ward in [*m.hospital.wards, m.hospital.rehab_ward]:
            at.discharges(ward)
        for clinic in m.hospital.clinics:
            at.care_request("clinic_home_care", clinic, "Från specialiserad öppenvård till hemsjukvård")
        at.within()


@dataclass
class _Municipal:
    """The handovers of municipality ``m`` of ``region``, made by ``builder``. The profiles
    ``enrolled`` and ``at_home_rehab`` are one object each for all the municipality's handovers."""

    builder: HandoversPart
    region: Region
    m: Municipality
    enrolled: dict = field(default_factory=lambda: {"besok": ["kan-inte"], "hemsjukvard": ["inskriven"]})
    at_home_rehab: dict = field(default_factory=lambda: {"besok": ["kan-inte"], "diagnos": list(cat.NOT_HAB)})

    def name(self, unit: str, lang: str) -> str:
        return self.builder.name(unit, lang)

    def add(self, role: str, *args, **kwargs) -> str:
        """A handover of the region (``BuilderBase.handover``), listed under ``role`` in the municipality."""
        hid = self.builder.handover(self.region, *args, **kwargs)
        self.m.handovers.setdefault(role, []).append(hid)
        return hid

    def care_request(self, role: str, sender: str, section: str) -> None:
        """A written care request from ``sender`` to each home healthcare unit (route 1 or 2)."""
        for d in self.m.home_care:
            self.add(
                role,
                sender,
                d,
                "vardbegaran",
                "written_care_request",
                ["egenvardsbedomning"],
                ["information", "medical_plan"],
                self.enrolled,
                "kommunal-sjukskoterska",
                "Kommunen bedömer om vården kan utföras patientsäkert i hemmet.",
                f"{self.name(sender, 'sv')} till {self.name(d, 'sv')}",
                f"{self.name(sender, 'en')} to {self.name(d, 'en')}",
                S("seed-004", section),
                status="peer_region",
            )

    def from_health_centre(self, hc: str) -> None:
        """A health centre's care requests and referrals: home care, rehab, clinics, psychiatry, habilitation."""
        m, hos = self.m, self.m.hospital
        self.care_request("hc_home_care", hc, "Tre vägar in")
        self.add(
            "hc_rehab",
            hc,
            m.rehab_ordinary,
            "vardbegaran",
            "written_care_request",
            ["rehabbedomning"],
            ["information"],
            {"boende": ["ordinart"], **self.at_home_rehab},
            "arbetsterapeut",
            "Kommunens rehab bedömer om insatsen hör till kommunen.",
            f"{self.name(hc, 'sv')} till kommunal rehab med skriftlig vårdbegäran",
            f"{self.name(hc, 'en')} to municipal rehab by written care request",
            S("seed-002", "Inkomna frågeställningar"),
        )
        self.add(
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
            self.add(
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
        self.add(
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
        for hab, age in ((self.region.hab_children, "barn"), (self.region.hab_adults, "vuxen")):
            self.add(
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

    def discharges(self, ward: str) -> None:
        """A ward's discharges: to each home healthcare unit (Lag 2017:612), to municipal rehab, to special housing."""
        m = self.m
        for d in m.home_care:
            self.add(
                "discharge_home_care",
                ward,
                d,
                "utskrivning",
                "discharge_notice",
                ["egenvardsbedomning"],
                ["information", "medical_plan", "devices"],
                self.enrolled,
                "kommunal-sjukskoterska",
                "Kommunen bedömer om vården kan utföras patientsäkert i hemmet.",
                f"Utskrivning från {self.name(ward, 'sv')} till {self.name(d, 'sv')}",
                f"Discharge from {self.name(ward, 'en')} to {self.name(d, 'en')}",
                S("lag-2017-612"),
                status="law",
            )
        self.add(
            "discharge_rehab",
            ward,
            m.rehab_ordinary,
            "utskrivning",
            "discharge_notice",
            ["rehabbedomning", "rehabplan", "behandling", "hjm-instruktion", "hjm-uppfoljning"],
            ["information", "rehab_plan", "devices", "temporary_prescription_limit"],
            {"boende": ["ordinart"], **self.at_home_rehab},
            "arbetsterapeut",
            "Kommunens rehab bedömer att fortsatt träning kan ges i hemmet.",
            f"Utskrivning från {self.name(ward, 'sv')} till kommunal rehab, {m.name}",
            f"Discharge from {self.name(ward, 'en')} to municipal rehab, {m.name}",
            S("seed-001", "1. Bakgrund"),
        )
        self.add(
            "discharge_special",
            ward,
            m.rehab_special,
            "utskrivning",
            "discharge_notice",
            ["rehabbedomning", "behandling"],
            ["information", "rehab_plan"],
            {"boende": ["sarskilt"], **self.at_home_rehab},
            "arbetsterapeut",
            "Kommunens rehab tar emot den boende.",
            f"Utskrivning från {self.name(ward, 'sv')} till rehab i särskilt boende, {m.name}",
            f"Discharge from {self.name(ward, 'en')} to rehab in special housing, {m.name}",
            S("seed-001", "1. Bakgrund"),
        )

    def within(self) -> None:
        """Handovers within the municipality's area: rehab to primary care, device orders, the
        needs assessor, psychiatry ending its contact."""
        m = self.m
        self.add(
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
            self.add(
                "device_order",
                sender,
                self.region.device_centre,
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
            self.add(
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
        self.add(
            "psychiatry_pcr",
            m.hospital.psychiatry,
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
