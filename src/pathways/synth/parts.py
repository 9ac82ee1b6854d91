"""The parts a synthetic model is built of: its regions, municipalities and hospitals, the
model itself (:class:`Synth`), and the builder's helpers that add elements
(:class:`BuilderBase`); :mod:`pathways.synth.generate` builds the model from them."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[str, int, int], None]
"""``progress(task, done, total)``: called as work advances; the CLI draws it as a bar."""

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


class BuilderBase:
    """The state of one build and the helpers that add units, responsibilities and handovers."""

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
