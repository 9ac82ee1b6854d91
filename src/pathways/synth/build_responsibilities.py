"""Who owns which need: the responsibilities and coordination rules of a region."""

from __future__ import annotations

from pathways.synth import catalogue as cat
from pathways.synth.parts import SOCIAL, BuilderBase, Hospital, L, Municipality, Region, S


class ResponsibilitiesPart(BuilderBase):
    """Who owns which need: the responsibilities and coordination rules of a region."""

    def responsibilities(self, region: Region) -> None:
        """The responsibilities of the region's hospitals, its habilitation and device centre, then of each municipality."""
        window = {"event": "utskrivning", "end_day": 0}
        for h in region.hospitals:
            self.hospital_responsibilities(h, window)
        self.county_responsibilities(region)
        for m in region.municipalities:
            self.municipal_responsibilities(m)

    def hospital_responsibilities(self, h: Hospital, window: dict) -> None:
        """A hospital's: wards (during the stay, ``window``; the SIP), clinics, home rehab, psychiatry."""
        for ward in [*h.wards, h.rehab_ward]:
            self.resp(
                f"ans-{ward}",
                ward,
                cat.INPATIENT_NEEDS,
                f"{self.name(ward, 'sv')} ansvarar för rehab och hjälpmedel under vårdtiden",
                f"{self.name(ward, 'en')} owns rehab and devices during the stay",
                S("seed-001", "1. Bakgrund"),
                window=window,
            )
        for ward in h.wards:
            self.resp(
                f"ans-{ward}-sip",
                ward,
                ["sip"],
                f"{self.name(ward, 'sv')} bidrar till SIP under vårdtiden",
                f"{self.name(ward, 'en')} takes part in the SIP during the stay",
                S("lag-2017-612"),
                profile=dict(SOCIAL),
                status="law",
            )
        for clinic in h.clinics:
            self.resp(
                f"ans-{clinic}",
                clinic,
                ["rehabbedomning", "kroppsfunktion", "behandling"],
                f"{self.name(clinic, 'sv')} utreder och behandlar kroppsfunktion",
                f"{self.name(clinic, 'en')} assesses and treats body functions",
                S("seed-002", "ICF-indelning"),
                profile={"diagnos": ["somatisk"]},
            )
        self.resp(
            f"ans-{h.home_rehab}",
            h.home_rehab,
            ["rehabbedomning", "kroppsfunktion", "behandling"],
            f"{self.name(h.home_rehab, 'sv')} vid komplexa behov",
            f"{self.name(h.home_rehab, 'en')} for complex needs",
            S("seed-001", "1. Bakgrund"),
            profile={"alder": ["vuxen"]},
        )
        self.resp(
            f"ans-{h.psychiatry}",
            h.psychiatry,
            ["rehabbedomning", "rehabplan", "behandling", "kroppsfunktion", "aktivitet"],
            f"{self.name(h.psychiatry, 'sv')} ansvarar för rehab vid psykiatrisk och neuropsykiatrisk diagnos",
            f"{self.name(h.psychiatry, 'en')} owns rehab for psychiatric and neuropsychiatric diagnoses",
            S("seed-002", "Inkomna frågeställningar"),
            profile={"alder": ["vuxen"], "diagnos": ["psykiatrisk", "npf"]},
        )

    def county_responsibilities(self, region: Region) -> None:
        """The region's own: child and adult habilitation, the device centre."""
        for hab, age in ((region.hab_children, "barn"), (region.hab_adults, "vuxen")):
            self.resp(
                f"ans-{hab}",
                hab,
                cat.ALL_CARE_NEEDS,
                f"{self.name(hab, 'sv')} ansvarar för personer inom habiliteringen",
                f"{self.name(hab, 'en')} owns people it serves",
                S("domain", "Principals and care levels"),
                profile={"alder": [age], "diagnos": ["habilitering"]},
            )
        self.resp(
            f"ans-{region.device_centre}",
            region.device_centre,
            ["hjm-utprovning"],
            f"{self.name(region.device_centre, 'sv')} gör specialanpassning",
            f"{self.name(region.device_centre, 'en')} does custom adaptation",
            S("hslf-fs-2021-52"),
            status="law",
        )

    def municipal_responsibilities(self, m: Municipality) -> None:
        """A municipality's area: health centres, primary-care rehab, private providers, home healthcare,
        municipal rehab, the needs assessor."""
        for hc in m.health_centres:
            self.resp(
                f"ans-{hc}",
                hc,
                ["egenvardsbedomning", "sip"],
                f"{self.name(hc, 'sv')} gör egenvårdsbedömning och är fast vårdkontakt",
                f"{self.name(hc, 'en')} does the self-care assessment and is the named care contact",
                S("lag-2017-612"),
                status="law",
            )
        for age in ("vuxen", "barn"):
            self.resp(
                f"ans-{m.pc_rehab}-{age}",
                m.pc_rehab,
                [*cat.REHAB_NEEDS, *cat.DEVICE_NEEDS],
                f"{self.name(m.pc_rehab, 'sv')} ansvarar för {'vuxna' if age == 'vuxen' else 'barn'} som kan besöka mottagning",
                f"{self.name(m.pc_rehab, 'en')} owns {'adults' if age == 'vuxen' else 'children'} who can visit a clinic",
                S("seed-002", "ICF-indelning"),
                profile={"alder": [age], "diagnos": list(cat.NOT_HAB)},
            )
        for p in m.privates:
            self.resp(
                f"ans-{p}",
                p,
                [*cat.REHAB_NEEDS, *cat.DEVICE_NEEDS],
                f"{self.name(p, 'sv')} ansvarar som primärvårdsrehab",
                f"{self.name(p, 'en')} acts as primary-care rehab",
                S("domain", "Principals and care levels"),
                profile={"alder": ["vuxen"], "diagnos": ["somatisk"]},
            )
        for d in m.home_care:
            self.resp(
                f"ans-{d}",
                d,
                ["egenvardsbedomning"],
                f"{self.name(d, 'sv')} gör egenvårdsbedömning för inskrivna",
                f"{self.name(d, 'en')} does the self-care assessment for enrolled patients",
                S("seed-002", "ICF-indelning"),
                profile={"hemsjukvard": ["inskriven"]},
            )
        for unit, housing in ((m.rehab_ordinary, "ordinart"), (m.rehab_special, "sarskilt")):
            self.resp(
                f"ans-{unit}",
                unit,
                cat.ALL_CARE_NEEDS,
                f"{self.name(unit, 'sv')} ansvarar i hemmet",
                f"{self.name(unit, 'en')} owns care at home",
                S("seed-002", "ICF-indelning"),
                profile={"boende": [housing], "diagnos": list(cat.NOT_HAB)},
            )
        self.resp(
            f"ans-{m.needs_assessment}",
            m.needs_assessment,
            ["sip"],
            f"{self.name(m.needs_assessment, 'sv')} deltar i och kan kalla till SIP",
            f"{self.name(m.needs_assessment, 'en')} takes part in and can call a SIP",
            S("hsl-16-4"),
            profile=dict(SOCIAL),
            status="law",
        )

    def coordination(self, region: Region) -> None:
        """The region's coordination rules (:data:`COORDINATION`), each over the region's units of its kinds."""
        units = _units_by_kind(region)
        for name, needs, kinds, profile, (sv, en), text, source in COORDINATION:
            owners = [u for kind in kinds for u in units[kind]]
            if len(owners) < 2:
                continue  # one owner: nothing to coordinate (a county with one municipality and no private provider)
            element = {
                "id": f"samordning-{name}-r{region.code}",
                "label": L(sv, en),
                "needs": list(needs),
                "owners": owners,
            }
            if profile:
                element["profile"] = {dim: list(values) for dim, values in profile.items()}
            element["text"] = text
            element["source"] = S(*source)
            element["status"] = "agreement"
            self.s.add("coordination_rules", element)


def _units_by_kind(region: Region) -> dict[str, list[str]]:
    """The region's units by the kinds :data:`COORDINATION` names, each in the region's order."""
    munis, hospitals = region.municipalities, region.hospitals
    return {
        "wards": [w for h in hospitals for w in h.wards],
        "rehab_wards": [h.rehab_ward for h in hospitals],
        "clinics": [x for h in hospitals for x in h.clinics],
        "home_rehab": [h.home_rehab for h in hospitals],
        "psychiatry": [h.psychiatry for h in hospitals],
        "habilitation": [region.hab_children, region.hab_adults],
        "adult_habilitation": [region.hab_adults],
        "device_centre": [region.device_centre],
        "health_centres": [x for m in munis for x in m.health_centres],
        "pc_rehab": [m.pc_rehab for m in munis],
        "privates": [x for m in munis for x in m.privates],
        "home_care": [x for m in munis for x in m.home_care],
        "rehab_ordinary": [m.rehab_ordinary for m in munis],
        "rehab_special": [m.rehab_special for m in munis],
        "needs_assessment": [m.needs_assessment for m in munis],
    }


COORDINATION: tuple[tuple, ...] = (
    (
        "slutenvard",
        (*cat.INPATIENT_NEEDS, "sip"),
        ("wards", "rehab_wards"),
        None,
        ("Den avdelning där patienten vårdas ansvarar", "The ward where the patient stays is responsible"),
        "Patienten vårdas på en avdelning i taget; den avdelningen äger behoven.",
        ("seed-001", "1. Bakgrund"),
    ),
    (
        "listning",
        (*cat.REHAB_NEEDS, *cat.DEVICE_NEEDS),
        ("pc_rehab", "privates"),
        None,
        ("Patientens val av vårdgivare avgör", "The patient's choice of provider decides"),
        "Patienten väljer primärvårdsrehab eller en privat vårdgivare med regionavtal; den valda äger behoven.",
        ("domain", "Principals and care levels"),
    ),
    (
        "remiss",
        ("rehabbedomning", "kroppsfunktion", "behandling"),
        ("clinics", "pc_rehab", "privates"),
        None,
        ("Remiss avgör om specialiserad vård tar över", "A referral decides whether specialised care takes over"),
        "Specialiserad vård tar över efter remiss.",
        ("seed-002", "Samverkan och samplanering"),
    ),
    (
        "psykiatri",
        ("rehabbedomning", "rehabplan", "behandling", "kroppsfunktion", "aktivitet"),
        ("psychiatry", "pc_rehab"),
        {"diagnos": ("psykiatrisk", "npf")},
        (
            "Vuxenpsykiatri och primärvård vid psykiatrisk och neuropsykiatrisk diagnos",
            "Adult psychiatry and primary care for psychiatric and neuropsychiatric diagnoses",
        ),
        "Vuxenpsykiatrin tar de svårare tillstånden efter remiss; övriga följs i primärvården.",
        ("seed-003", "Målgrupper och behov"),
    ),
    (
        "hemrehab",
        ("rehabbedomning", "kroppsfunktion", "behandling"),
        ("home_rehab", "rehab_ordinary", "rehab_special", "habilitation"),
        None,
        (
            "Specialiserad hemrehab vid komplexa behov, annars kommunen eller habiliteringen",
            "Specialised home rehab for complex needs, otherwise the municipality or habilitation",
        ),
        "Specialiserad hemrehabilitering tar patienter med komplexa behov; övriga har kommunal rehab eller habilitering.",
        ("seed-001", "1. Bakgrund"),
    ),
    (
        "egenvard",
        ("egenvardsbedomning",),
        ("home_care", "rehab_ordinary", "rehab_special", "health_centres", "habilitation"),
        None,
        (
            "Den som ger insatsen gör egenvårdsbedömningen",
            "Whoever gives the intervention does the self-care assessment",
        ),
        "Egenvårdsbedömningen görs av den profession som ska ge insatsen.",
        ("seed-002", "ICF-indelning"),
    ),
    (
        "sip",
        ("sip",),
        ("health_centres", "wards", "needs_assessment"),
        None,
        ("En huvudmans bedömning att SIP behövs förpliktar båda", "One principal judging a SIP necessary binds both"),
        "När en huvudman bedömer att SIP behövs ska båda huvudmännen upprätta planen tillsammans.",
        ("hsl-16-4",),
    ),
    (
        "hjalpmedel",
        ("hjm-utprovning",),
        (
            "device_centre",
            "wards",
            "rehab_wards",
            "pc_rehab",
            "privates",
            "habilitation",
            "rehab_ordinary",
            "rehab_special",
        ),
        None,
        ("Förskrivaren beställer, hjälpmedelscentralen anpassar", "The prescriber orders, the device centre adapts"),
        "Förskrivaren äger utprovningen; hjälpmedelscentralen gör specialanpassning på beställning.",
        ("hslf-fs-2021-52",),
    ),
    (
        "hab-vuxenvard",
        ("rehabbedomning", "uppfoljning"),
        ("adult_habilitation", "pc_rehab"),
        {"diagnos": ("habilitering", "somatisk")},
        ("Från vuxenhabilitering till primärvårdsrehab", "From adult habilitation to primary-care rehab"),
        "Vuxenhabiliteringen överlämnar till primärvårdsrehab när habiliteringsinsatserna avslutas.",
        ("seed-002", "Inkomna frågeställningar"),
    ),
)
"""The coordination rules of every region: name, needs, the kinds of unit that own them
(:func:`_units_by_kind`), profile, label (sv, en), text, source (document, section)."""
