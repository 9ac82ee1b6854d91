"""Generate a synthetic national model with the structure of the Dalarna model.

Each region gets its principal, hospitals (inpatient wards, a rehabilitation ward,
specialised clinics, specialised home rehabilitation, adult psychiatry), habilitation
for children and for adults, an assistive-device centre, and per municipality of its
county health centres, primary-care rehab and private providers. Each municipality gets
its principal and its own units: home-healthcare districts, municipal rehab in ordinary
and in special housing, and social services' needs assessment. Responsibilities,
coordination rules, handovers (referrals, written care requests, discharge notices,
device orders), the three routes into home healthcare per municipality, SIP points,
boundaries, cost rules and an escalation path per county follow the Dalarna model.

The model is built *clean* for the gap rules it plants for (no uncovered need, every
overlap coordinated, every handover gated, passing what its receiver needs, to a
receiver that owns what it transfers, ...): :mod:`pathways.synth.plant` then plants gaps
at seeded places and records them in a manifest.

Everything is drawn from one ``random.Random(seed)`` in a fixed order and kept in lists,
so the same arguments give the same model, byte for byte.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from pathways.synth import catalogue as cat

Progress = Callable[[str, int, int], None]
"""``progress(task, done, total)``: called as work advances; the CLI draws it as a bar."""

DEFAULT_REGIONS = 21
DEFAULT_MUNICIPALITIES = 290

COLLECTION_ORDER = (
    "sources",
    "principals",
    "principal_groups",
    "care_levels",
    "units",
    "roles",
    "needs",
    "dimensions",
    "settings",
    "events",
    "responsibilities",
    "cost_rules",
    "coordination_rules",
    "handovers",
    "routes",
    "sip_points",
    "escalation_paths",
    "boundaries",
    "grey_zones",
)


def L(sv: str, en: str) -> dict:
    return {"sv": sv, "en": en}


def S(doc: str, section: str | None = None) -> dict:
    return {"doc": doc, "section": section} if section else {"doc": doc}


SOCIAL = {"social": ["ja"]}


@dataclass
class Hospital:
    number: int
    wards: list[str]
    rehab_ward: str
    clinics: list[str]
    home_rehab: str
    psychiatry: str


@dataclass
class Municipality:
    id: str
    code: str
    name: str
    region: Region
    hospital: Hospital
    health_centres: list[str]
    pc_rehab: str
    privates: list[str]
    home_care: list[str]
    rehab_ordinary: str
    rehab_special: str
    needs_assessment: str
    handovers: dict[str, list[str]] = field(default_factory=dict)
    """Handover ids by their role in the structure (``hc_rehab``, ``discharge_rehab``, ...)."""


@dataclass
class Region:
    id: str
    code: str
    county: str
    name: str
    group: str
    escalation: str
    hospitals: list[Hospital] = field(default_factory=list)
    municipalities: list[Municipality] = field(default_factory=list)
    hab_children: str = ""
    hab_adults: str = ""
    device_centre: str = ""
    boundaries: dict[str, str] = field(default_factory=dict)
    handovers: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Synth:
    """A generated model: collections of plain dicts, the topology, and the planted gaps."""

    regions_n: int
    municipalities_n: int
    seed: int
    meta: dict
    collections: dict[str, list[dict]]
    regions: list[Region]
    by_id: dict[str, dict]
    planted: list[dict] = field(default_factory=list)

    def add(self, collection: str, element: dict) -> dict:
        if element["id"] in self.by_id:
            raise ValueError(f"duplicate synthetic id {element['id']}")
        self.collections[collection].append(element)
        self.by_id[element["id"]] = element
        return element

    def municipalities(self) -> list[Municipality]:
        return [m for r in self.regions for m in r.municipalities]

    def count(self) -> int:
        return sum(len(v) for v in self.collections.values())


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """Split ``total`` municipalities over ``parts`` regions: at least one each, uneven like Sweden's."""
    if total < parts:
        raise ValueError(f"{total} municipalities cannot be spread over {parts} regions (at least one each)")
    weights = [rng.lognormvariate(0.0, 0.6) for _ in range(parts)]
    sizes = [1] * parts
    for index in rng.choices(range(parts), weights=weights, k=total - parts):
        sizes[index] += 1
    return sizes


class _Builder:
    def __init__(self, regions: int, municipalities: int, seed: int):
        self.rng = random.Random(seed)
        self.regions_n, self.municipalities_n, self.seed = regions, municipalities, seed
        self.width = max(2, len(str(regions)))
        meta = {
            "id": f"synth-r{regions}-k{municipalities}-s{seed}",
            "label": L(
                f"Syntetisk modell: {regions} regioner, {municipalities} kommuner (frö {seed})",
                f"Synthetic model: {regions} regions, {municipalities} municipalities (seed {seed})",
            ),
            "version": f"synth-{seed}",
            "date": "2026-01-01",
            "county": "sverige",
            "source": S("synth"),
        }
        self.s = Synth(regions, municipalities, seed, meta, {c: [] for c in COLLECTION_ORDER}, [], {})
        self.route_number = 0

    # --- helpers -------------------------------------------------------------------
    def unit(
        self,
        uid: str,
        kind: str,
        principal: str,
        level: str | None,
        settings: list[str],
        sv: str,
        en: str,
        source: dict,
        entry: bool = False,
    ) -> str:
        element: dict[str, object] = {"id": uid, "label": L(sv, en), "kind": kind, "principal": principal}
        if level:
            element["care_level"] = level
        element["settings"] = settings
        if entry:
            element["entry"] = True
        element["source"] = source
        element["status"] = "agreement"
        self.s.add("units", element)
        return uid

    def resp(
        self,
        rid: str,
        owner: str,
        needs: list[str],
        sv: str,
        en: str,
        source: dict,
        profile: dict | None = None,
        window: dict | None = None,
        status: str = "agreement",
    ) -> str:
        element = {"id": rid, "label": L(sv, en), "needs": list(needs), "owner": owner}
        if profile:
            element["profile"] = profile
        if window:
            element["window"] = window
        element["source"] = source
        element["status"] = status
        self.s.add("responsibilities", element)
        return rid

    def handover(
        self,
        region: Region,
        frm: str,
        to: str,
        trigger: str,
        mode: str,
        needs: list[str],
        items: list[str],
        profile: dict,
        gate_by: str,
        criteria: str,
        sv: str,
        en: str,
        source: dict,
        status: str = "agreement",
        suffix: str = "",
        crosses: list[str] | None = None,
    ) -> str:
        hid = f"ho-{frm}-{to}{suffix}"
        element = {
            "id": hid,
            "label": L(sv, en),
            "from": frm,
            "to": to,
            "trigger": trigger,
            "mode": mode,
            "needs": list(needs),
            "passes": list(items),
            "receiver_needs": list(items),
        }
        if profile:
            element["profile"] = profile
        element["gate"] = {"by": gate_by, "criteria": criteria}
        element["on_reject"] = {"to": frm, "escalation": region.escalation}
        if crosses:
            element["crosses"] = crosses
        element["source"] = source
        element["status"] = status
        self.s.add("handovers", element)
        return hid

    def name(self, uid: str, lang: str) -> str:
        return self.s.by_id[uid]["label"][lang]

    # --- the model -----------------------------------------------------------------
    def shared(self) -> None:
        s = self.s
        for doc in [*cat.SOURCES, cat.SYNTH_SOURCE]:
            s.add("sources", dict(doc))
        for name, items in (
            ("care_levels", cat.CARE_LEVELS),
            ("roles", cat.ROLES),
            ("needs", cat.NEEDS),
            ("dimensions", cat.DIMENSIONS),
            ("settings", cat.SETTINGS),
            ("events", cat.EVENTS),
            ("grey_zones", cat.GREY_ZONES),
        ):
            for item in items:
                s.add(name, dict(item))

    def region(self, index: int, size: int) -> Region:
        rng, w = self.rng, self.width
        code = f"{index:0{w}d}"
        region = Region(
            id=f"region-{code}",
            code=code,
            county=f"lan-{code}",
            name=f"Region {code}",
            group=f"kommuner-{code}",
            escalation=f"oenighet-r{code}",
        )
        self.s.regions.append(region)
        self.s.add(
            "principals",
            {
                "id": region.id,
                "label": L(region.name, region.name),
                "kind": "region",
                "county": region.county,
                "source": S("domain", "Principals and care levels"),
                "status": "agreement",
            },
        )
        r = f"r{code}"
        # hospitals: about one per four to five municipalities
        for k in range(1, max(1, min(size, round(size / 4.5))) + 1):
            where_sv, where_en = f"sjukhus {k}, {region.name}", f"hospital {k}, {region.name}"
            wards = [
                self.unit(
                    f"{r}-s{k}-avd{w}",
                    "inpatient_ward",
                    region.id,
                    "slutenvard",
                    ["inneliggande"],
                    f"Vårdavdelning {w}, {where_sv}",
                    f"Inpatient ward {w}, {where_en}",
                    S("seed-001", "1. Bakgrund"),
                    entry=True,
                )
                for w in range(1, rng.randint(4, 7) + 1)
            ]
            hospital = Hospital(
                number=k,
                wards=wards,
                rehab_ward=self.unit(
                    f"{r}-s{k}-rehabavd",
                    "inpatient_rehab_ward",
                    region.id,
                    "slutenvard",
                    ["inneliggande"],
                    f"Rehabiliteringsavdelning, {where_sv}",
                    f"Inpatient rehabilitation ward, {where_en}",
                    S("seed-001", "1. Bakgrund"),
                ),
                clinics=[
                    self.unit(
                        f"{r}-s{k}-mott{c}",
                        "specialist_clinic",
                        region.id,
                        "specialiserad-oppenvard",
                        ["mottagning"],
                        f"Specialistmottagning {c}, {where_sv}",
                        f"Specialised clinic {c}, {where_en}",
                        S("seed-001", "1. Bakgrund"),
                    )
                    for c in range(1, rng.randint(3, 5) + 1)
                ],
                home_rehab=self.unit(
                    f"{r}-s{k}-hemrehab",
                    "specialist_home_rehab",
                    region.id,
                    "specialiserad-vard",
                    ["hemmet"],
                    f"Specialiserad hemrehabilitering, {where_sv}",
                    f"Specialised home rehabilitation, {where_en}",
                    S("seed-001", "1. Bakgrund"),
                ),
                psychiatry=self.unit(
                    f"{r}-s{k}-psyk",
                    "adult_psychiatry",
                    region.id,
                    "specialiserad-oppenvard",
                    ["mottagning"],
                    f"Vuxenpsykiatri, {where_sv}",
                    f"Adult psychiatry, {where_en}",
                    S("seed-003", "Referensgrupp"),
                ),
            )
            region.hospitals.append(hospital)
        region.hab_children = self.unit(
            f"{r}-hab-barn",
            "habilitation",
            region.id,
            "specialiserad-vard",
            ["mottagning", "hemmet"],
            f"Barn- och ungdomshabiliteringen, {region.name}",
            f"Child habilitation, {region.name}",
            S("seed-003", "Referensgrupp"),
        )
        region.hab_adults = self.unit(
            f"{r}-hab-vuxen",
            "habilitation",
            region.id,
            "specialiserad-vard",
            ["mottagning", "hemmet"],
            f"Vuxenhabiliteringen, {region.name}",
            f"Adult habilitation, {region.name}",
            S("seed-003", "Referensgrupp"),
        )
        region.device_centre = self.unit(
            f"{r}-hjm",
            "device_centre",
            region.id,
            None,
            ["mottagning", "hemmet"],
            f"Hjälpmedelscentralen, {region.name}",
            f"Assistive-device centre, {region.name}",
            S("seed-003", "Arbetsgrupp"),
        )
        # municipalities, each served by one hospital (contiguous blocks)
        hospitals = region.hospitals
        for j in range(1, size + 1):
            self.municipality(region, j, hospitals[(j - 1) * len(hospitals) // size])
        return region

    def municipality(self, region: Region, j: int, hospital: Hospital) -> Municipality:
        rng, s = self.rng, self.s
        code = f"{region.code}-{j:02d}"
        mid, name = f"kommun-{code}", f"Kommun {code}"
        name_en = f"Municipality {code}"
        s.add(
            "principals",
            {
                "id": mid,
                "label": L(name, name_en),
                "kind": "municipality",
                "county": region.county,
                "source": S("domain", "Principals and care levels"),
                "status": "agreement",
            },
        )
        r = f"r{region.code}-k{j:02d}"
        k = f"k{code}"
        hcs = [
            self.unit(
                f"{r}-vc{n}",
                "health_centre",
                region.id,
                "regional-primarvard",
                ["mottagning"],
                f"Vårdcentral {n}, {name}",
                f"Health centre {n}, {name_en}",
                S("seed-001", "1. Bakgrund"),
                entry=True,
            )
            for n in range(1, rng.randint(2, 6) + 1)
        ]
        pcr = self.unit(
            f"{r}-pvrehab",
            "primary_care_rehab",
            region.id,
            "regional-primarvard",
            ["mottagning"],
            f"Primärvårdsrehab, {name}",
            f"Primary-care rehabilitation, {name_en}",
            S("seed-001", "1. Bakgrund"),
            entry=True,
        )
        privates = [
            self.unit(
                f"{r}-privat{p}",
                "private_provider",
                region.id,
                "regional-primarvard",
                ["mottagning"],
                f"Privat vårdgivare {p} med regionavtal, {name}",
                f"Private provider {p} with a regional agreement, {name_en}",
                S("seed-001", "1. Bakgrund"),
                entry=True,
            )
            for p in range(1, rng.randint(0, 2) + 1)
        ]
        home_care = [
            self.unit(
                f"{k}-hsv{d}",
                "home_healthcare",
                mid,
                "kommunal-primarvard",
                ["hemmet"],
                f"Hemsjukvård, distrikt {d}, {name}",
                f"Home healthcare, district {d}, {name_en}",
                S("seed-002", "Historik"),
            )
            for d in range(1, rng.randint(1, 3) + 1)
        ]
        m = Municipality(
            id=mid,
            code=code,
            name=name,
            region=region,
            hospital=hospital,
            health_centres=hcs,
            pc_rehab=pcr,
            privates=privates,
            home_care=home_care,
            rehab_ordinary=self.unit(
                f"{k}-rehab-ord",
                "municipal_rehab_ordinary",
                mid,
                "kommunal-primarvard",
                ["hemmet"],
                f"Kommunal rehabilitering i ordinärt boende, {name}",
                f"Municipal rehabilitation in ordinary housing, {name_en}",
                S("seed-001", "1. Bakgrund"),
            ),
            rehab_special=self.unit(
                f"{k}-rehab-sabo",
                "municipal_rehab_special_housing",
                mid,
                "kommunal-primarvard",
                ["hemmet"],
                f"Kommunal rehabilitering i särskilt boende, {name}",
                f"Municipal rehabilitation in special housing, {name_en}",
                S("seed-001", "1. Bakgrund"),
            ),
            needs_assessment=self.unit(
                f"{k}-bistand",
                "needs_assessment",
                mid,
                None,
                ["hemmet"],
                f"Biståndshandläggning, {name}",
                f"Social services needs assessment, {name_en}",
                S("seed-002", "Målsättning"),
                entry=True,
            ),
        )
        region.municipalities.append(m)
        return m

    def groups(self) -> None:
        for region in self.s.regions:
            self.s.add(
                "principal_groups",
                {
                    "id": region.group,
                    "label": L(f"Kommunerna i {region.county} (var och en)", f"Each municipality of {region.county}"),
                    "members": [m.id for m in region.municipalities],
                    "source": S("seed-001", "1. Bakgrund"),
                    "status": "agreement",
                },
            )

    # --- responsibilities -------------------------------------------------------------
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

        for hc in m.health_centres:
            for d in m.home_care:
                add(
                    "hc_home_care",
                    hc,
                    d,
                    "vardbegaran",
                    "written_care_request",
                    ["egenvardsbedomning"],
                    ["information", "medical_plan"],
                    enrolled,
                    "kommunal-sjukskoterska",
                    "Kommunen bedömer om vården kan utföras patientsäkert i hemmet.",
                    f"{self.name(hc, 'sv')} till {self.name(d, 'sv')}",
                    f"{self.name(hc, 'en')} to {self.name(d, 'en')}",
                    S("seed-004", "Tre vägar in"),
                    status="peer_region",
                )
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
            for d in m.home_care:
                add(
                    "clinic_home_care",
                    clinic,
                    d,
                    "vardbegaran",
                    "written_care_request",
                    ["egenvardsbedomning"],
                    ["information", "medical_plan"],
                    enrolled,
                    "kommunal-sjukskoterska",
                    "Kommunen bedömer om vården kan utföras patientsäkert i hemmet.",
                    f"{self.name(clinic, 'sv')} till {self.name(d, 'sv')}",
                    f"{self.name(clinic, 'en')} to {self.name(d, 'en')}",
                    S("seed-004", "Från specialiserad öppenvård till hemsjukvård"),
                    status="peer_region",
                )
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

    def routes_and_sip(self, region: Region, m: Municipality) -> None:
        hos, s = m.hospital, self.s
        hc1, hhc1, ward1, clinic1 = m.health_centres[0], m.home_care[0], hos.wards[0], hos.clinics[0]
        route1 = f"ho-{hc1}-{hhc1}"
        route2 = f"ho-{clinic1}-{hhc1}"
        route3 = f"ho-{ward1}-{hhc1}"
        code = m.code
        for number, (handover, sv, en, source) in enumerate(
            (
                (
                    route1,
                    "från regional primärvård till kommunal hemsjukvård",
                    "from regional primary care to municipal home healthcare",
                    S("seed-004", "Tre vägar in"),
                ),
                (
                    route2,
                    "från specialiserad vård till kommunal hemsjukvård",
                    "from specialised care to municipal home healthcare",
                    S("seed-004", "Tre vägar in"),
                ),
                (route3, "utskrivning från slutenvård", "discharge from inpatient care", S("seed-004", "Tre vägar in")),
            ),
            start=1,
        ):
            self.route_number += 1
            element = {
                "id": f"vag-{code}-{number}",
                "number": self.route_number,
                "label": L(f"Väg {number}, {m.name}: {sv}", f"Route {number}, {m.name}: {en}"),
                "handovers": [handover],
                "source": source,
                "status": "peer_region",
            }
            if number == 3:
                element["steps"] = [
                    {
                        "id": f"steg-{code}-{sid}",
                        "label": L(lsv, len_),
                        "actor": actor,
                        "after": after,
                        **limit,
                        "source": S("lag-2017-612"),
                        "status": "law",
                    }
                    for sid, lsv, len_, actor, after, limit in (
                        (
                            "inskrivningsmeddelande",
                            "Inskrivningsmeddelande",
                            "Admission notice",
                            ward1,
                            "inskrivning",
                            {"within_hours": 24},
                        ),
                        (
                            "fast-vardkontakt",
                            "Fast vårdkontakt utses i öppenvården",
                            "Named care contact appointed",
                            "fast-vardkontakt",
                            "inskrivning",
                            {"within_hours": 24},
                        ),
                        (
                            "utskrivningsklar",
                            "Meddelande om utskrivningsklar",
                            "Ready-for-discharge notice",
                            "lakare",
                            "utskrivningsklar",
                            {"within_hours": 0},
                        ),
                        (
                            "information",
                            "Information överförs senast på utskrivningsdagen",
                            "Information transferred by the day of discharge",
                            ward1,
                            "utskrivning",
                            {"within_days": 0},
                        ),
                        (
                            "sip-3-dagar",
                            "Fast vårdkontakt kallar till SIP inom 3 dagar",
                            "Named care contact calls a SIP within 3 days",
                            "fast-vardkontakt",
                            "utskrivningsklar",
                            {"within_days": 3},
                        ),
                        (
                            "betalningsansvar",
                            "Kommunens betalningsansvar efter 3 dagar",
                            "Municipal payment liability after 3 days",
                            hhc1,
                            "utskrivningsklar",
                            {"within_days": 3},
                        ),
                    )
                ]
            s.add("routes", element)

        def sip(
            at: str,
            called_by: str,
            role: str,
            participants: list[str],
            sv: str,
            en: str,
            source: dict,
            status: str,
            days: bool = False,
        ) -> None:
            element: dict[str, object] = {
                "id": f"sip-{at[3:]}",
                "label": L(sv, en),
                "at": at,
                "called_by": called_by,
                "role": role,
            }
            if days:  # Lag (2017:612): the call within 3 days after the ready-for-discharge notice
                element["within_days"] = 3
                element["after"] = "utskrivningsklar"
                element["deadline_for"] = "call"
            element["participants"] = participants
            element["profile"] = dict(SOCIAL)
            element["source"] = source
            element["status"] = status
            s.add("sip_points", element)

        sip(
            route3,
            hc1,
            "fast-vardkontakt",
            [ward1, hc1, hhc1, m.rehab_ordinary, m.needs_assessment],
            f"SIP efter utskrivning, {m.name}",
            f"SIP after discharge, {m.name}",
            S("lag-2017-612"),
            "law",
            days=True,
        )
        sip(
            route2,
            clinic1,
            "utskrivningssamordnare",
            [clinic1, hhc1, m.rehab_ordinary, m.needs_assessment],
            f"SIP när specialistmottagningen skriver in i hemsjukvård, {m.name}",
            f"SIP when the specialised clinic enrols a patient in home healthcare, {m.name}",
            S("seed-004", "Från specialiserad öppenvård till hemsjukvård"),
            "peer_region",
        )
        for hid in m.handovers["discharge_rehab"]:
            ward = s.by_id[hid]["from"]
            sip(
                hid,
                ward,
                "utskrivningssamordnare",
                [ward, hc1, hhc1, m.rehab_ordinary, m.needs_assessment],
                f"SIP vid utskrivning till kommunal rehab, {m.name}",
                f"SIP at discharge to municipal rehab, {m.name}",
                S("seed-002", "Inkomna frågeställningar"),
                "agreement",
                days=True,
            )
        for unit in (*m.home_care, m.rehab_ordinary, m.rehab_special):
            element = {
                "id": f"sip-{unit}",
                "label": L(
                    f"SIP när {self.name(unit, 'sv')} och socialtjänsten båda har insatser",
                    f"SIP when {self.name(unit, 'en')} and social services both intervene",
                ),
                "at": unit,
                "called_by": unit,
                "role": "kommunal-sjukskoterska" if unit in m.home_care else "arbetsterapeut",
                "participants": [unit, m.needs_assessment, hc1],
                "profile": dict(SOCIAL),
                "source": S("hsl-16-4"),
                "status": "law",
            }
            s.add("sip_points", element)
        for hid in m.handovers["home_care_social"]:
            d = s.by_id[hid]["from"]
            sip(
                hid,
                m.needs_assessment,
                "bistandshandlaggare",
                [m.needs_assessment, d, hc1],
                f"SIP när hemsjukvård och socialtjänst båda har insatser, {m.name}",
                f"SIP when home healthcare and social services both intervene, {m.name}",
                S("hsl-16-4"),
                "law",
            )

    def region_rest(self, region: Region) -> None:
        s, c = self.s, region.code
        s.add(
            "escalation_paths",
            {
                "id": region.escalation,
                "label": L(
                    f"Lyfta ett ärende vid oenighet, {region.name}", f"Raising a case of disagreement, {region.name}"
                ),
                "between": [region.id, region.group],
                "body": "Ärendet lyfts enligt överenskommelsens rutin till respektive chef och vidare till länsövergripande samverkan.",
                "source": S("seed-000", "5.6.2.1 Spår 1"),
                "status": "agreement",
            },
        )
        s.add(
            "cost_rules",
            {
                "id": f"kostnad-forskrivning-r{c}",
                "label": L(
                    f"Förskrivande enhet betalar vid förskrivning, {region.name}",
                    f"The prescribing unit pays at prescription, {region.name}",
                ),
                "needs": ["hjm-behovsbedomning", "hjm-utprovning"],
                "payer": region.id,
                "text": "Förskrivande enhet står för kostnaden vid förskrivningen.",
                "source": S("rd-forskrivare"),
                "status": "assumption",
                "note": "Kopierad från Dalarnamodellens antagande (bilaga 1 ingår inte i källorna).",
            },
        )

    def boundaries(self, region: Region) -> None:
        c = region.code
        pcrs = [m.pc_rehab for m in region.municipalities]
        psych = [h.psychiatry for h in region.hospitals]
        for key, bid, dim, a, b, units, label, source in (
            (
                "18",
                f"grans-18-ar-r{c}",
                "alder",
                "barn",
                "vuxen",
                [region.hab_children, region.hab_adults],
                L("Övergången vid 18 år", "The transition at age 18"),
                S("seed-004", "Vad är nytt?"),
            ),
            (
                "hab",
                f"grans-habilitering-vuxen-r{c}",
                "diagnos",
                "habilitering",
                "somatisk",
                [region.hab_adults, *pcrs],
                L("Från habilitering till vuxenvård", "From habilitation to adult care"),
                S("seed-002", "Inkomna frågeställningar"),
            ),
            (
                "npf",
                f"grans-npf-r{c}",
                "diagnos",
                "habilitering",
                "npf",
                [region.hab_adults, *psych, *pcrs],
                L(
                    "Autism: habilitering, psykiatri eller primärvård",
                    "Autism: habilitation, psychiatry or primary care",
                ),
                S("seed-002", "Inkomna frågeställningar"),
            ),
        ):
            region.boundaries[key] = bid
            self.s.add(
                "boundaries",
                {
                    "id": bid,
                    "label": L(f"{label['sv']}, {region.name}", f"{label['en']}, {region.name}"),
                    "dimension": dim,
                    "from_value": a,
                    "to_value": b,
                    "units": units,
                    "source": source,
                    "status": "agreement",
                },
            )


def build(
    regions: int = DEFAULT_REGIONS,
    municipalities: int = DEFAULT_MUNICIPALITIES,
    seed: int = 0,
    progress: Progress | None = None,
) -> Synth:
    """The clean synthetic model (no gaps planted yet)."""
    if regions < 1:
        raise ValueError("at least one region")
    b = _Builder(regions, municipalities, seed)
    b.shared()
    sizes = _split(b.rng, municipalities, regions)
    for index, size in enumerate(sizes, start=1):
        b.region(index, size)
    b.groups()
    for done, region in enumerate(b.s.regions, start=1):
        b.boundaries(region)
        b.responsibilities(region)
        b.coordination(region)
        b.region_rest(region)
        b.handovers(region)
        for m in region.municipalities:
            b.routes_and_sip(region, m)
        if progress:
            progress("build", done, len(b.s.regions))
    return b.s
