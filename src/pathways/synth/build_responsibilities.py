"""Who owns which need: the responsibilities and coordination rules of a region."""

from __future__ import annotations

from pathways.synth import catalogue as cat
from pathways.synth.parts import SOCIAL, BuilderBase, L, Region, S


class ResponsibilitiesPart(BuilderBase):
    """Who owns which need: the responsibilities and coordination rules of a region."""

    def responsibilities(self, region: Region) -> None:
        window = {"event": "utskrivning", "end_day": 0}
        for h in region.hospitals:
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
        for m in region.municipalities:
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
        c = region.code
        munis = region.municipalities
        wards = [w for h in region.hospitals for w in h.wards]
        rehab_wards = [h.rehab_ward for h in region.hospitals]
        clinics = [x for h in region.hospitals for x in h.clinics]
        home_rehab = [h.home_rehab for h in region.hospitals]
        psych = [h.psychiatry for h in region.hospitals]
        habs = [region.hab_children, region.hab_adults]
        hcs = [x for m in munis for x in m.health_centres]
        pcrs = [m.pc_rehab for m in munis]
        privates = [x for m in munis for x in m.privates]
        hhc = [x for m in munis for x in m.home_care]
        rehab_ord = [m.rehab_ordinary for m in munis]
        rehab_sabo = [m.rehab_special for m in munis]
        bistand = [m.needs_assessment for m in munis]
        rules = [
            (
                "slutenvard",
                [*cat.INPATIENT_NEEDS, "sip"],
                [*wards, *rehab_wards],
                None,
                L("Den avdelning där patienten vårdas ansvarar", "The ward where the patient stays is responsible"),
                "Patienten vårdas på en avdelning i taget; den avdelningen äger behoven.",
                S("seed-001", "1. Bakgrund"),
            ),
            (
                "listning",
                [*cat.REHAB_NEEDS, *cat.DEVICE_NEEDS],
                [*pcrs, *privates],
                None,
                L("Patientens val av vårdgivare avgör", "The patient's choice of provider decides"),
                "Patienten väljer primärvårdsrehab eller en privat vårdgivare med regionavtal; den valda äger behoven.",
                S("domain", "Principals and care levels"),
            ),
            (
                "remiss",
                ["rehabbedomning", "kroppsfunktion", "behandling"],
                [*clinics, *pcrs, *privates],
                None,
                L(
                    "Remiss avgör om specialiserad vård tar över",
                    "A referral decides whether specialised care takes over",
                ),
                "Specialiserad vård tar över efter remiss.",
                S("seed-002", "Samverkan och samplanering"),
            ),
            (
                "psykiatri",
                ["rehabbedomning", "rehabplan", "behandling", "kroppsfunktion", "aktivitet"],
                [*psych, *pcrs],
                {"diagnos": ["psykiatrisk", "npf"]},
                L(
                    "Vuxenpsykiatri och primärvård vid psykiatrisk och neuropsykiatrisk diagnos",
                    "Adult psychiatry and primary care for psychiatric and neuropsychiatric diagnoses",
                ),
                "Vuxenpsykiatrin tar de svårare tillstånden efter remiss; övriga följs i primärvården.",
                S("seed-003", "Målgrupper och behov"),
            ),
            (
                "hemrehab",
                ["rehabbedomning", "kroppsfunktion", "behandling"],
                [*home_rehab, *rehab_ord, *rehab_sabo, *habs],
                None,
                L(
                    "Specialiserad hemrehab vid komplexa behov, annars kommunen eller habiliteringen",
                    "Specialised home rehab for complex needs, otherwise the municipality or habilitation",
                ),
                "Specialiserad hemrehabilitering tar patienter med komplexa behov; övriga har kommunal rehab eller habilitering.",
                S("seed-001", "1. Bakgrund"),
            ),
            (
                "egenvard",
                ["egenvardsbedomning"],
                [*hhc, *rehab_ord, *rehab_sabo, *hcs, *habs],
                None,
                L(
                    "Den som ger insatsen gör egenvårdsbedömningen",
                    "Whoever gives the intervention does the self-care assessment",
                ),
                "Egenvårdsbedömningen görs av den profession som ska ge insatsen.",
                S("seed-002", "ICF-indelning"),
            ),
            (
                "sip",
                ["sip"],
                [*hcs, *wards, *bistand],
                None,
                L(
                    "En huvudmans bedömning att SIP behövs förpliktar båda",
                    "One principal judging a SIP necessary binds both",
                ),
                "När en huvudman bedömer att SIP behövs ska båda huvudmännen upprätta planen tillsammans.",
                S("hsl-16-4"),
            ),
            (
                "hjalpmedel",
                ["hjm-utprovning"],
                [region.device_centre, *wards, *rehab_wards, *pcrs, *privates, *habs, *rehab_ord, *rehab_sabo],
                None,
                L(
                    "Förskrivaren beställer, hjälpmedelscentralen anpassar",
                    "The prescriber orders, the device centre adapts",
                ),
                "Förskrivaren äger utprovningen; hjälpmedelscentralen gör specialanpassning på beställning.",
                S("hslf-fs-2021-52"),
            ),
            (
                "hab-vuxenvard",
                ["rehabbedomning", "uppfoljning"],
                [region.hab_adults, *pcrs],
                {"diagnos": ["habilitering", "somatisk"]},
                L("Från vuxenhabilitering till primärvårdsrehab", "From adult habilitation to primary-care rehab"),
                "Vuxenhabiliteringen överlämnar till primärvårdsrehab när habiliteringsinsatserna avslutas.",
                S("seed-002", "Inkomna frågeställningar"),
            ),
        ]
        for name, needs, owners, profile, label, text, source in rules:
            if len(owners) < 2:
                continue  # one owner: nothing to coordinate (a county with one municipality and no private provider)
            element = {"id": f"samordning-{name}-r{c}", "label": label, "needs": needs, "owners": owners}
            if profile:
                element["profile"] = profile
            element["text"] = text
            element["source"] = source
            element["status"] = "agreement"
            self.s.add("coordination_rules", element)

    # --- handovers, routes, SIP -----------------------------------------------------------
