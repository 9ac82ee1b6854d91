"""Random valid models for the Cypher rules' tests: region and municipal units, groups,
catchments (or none), SIP needs or not, loops, routes and SIP points, and ids with quotes,
backslashes, braces, Cypher and characters outside the Basic Multilingual Plane."""

from __future__ import annotations

import random

from pathways.model.model import Model
from pathways.model.schema import COLLECTIONS, Meta
from pathways.model.validate import check_model
from tests.gaps.fixture import SRC

ODD = [
    "",
    "'q",
    '"dq',
    "`bt",
    "{b}",
    " MATCH (n) DETACH DELETE n //",
    "\\",
    "\U0001f600",
    "\ue000",
    "ä",
    '", "label": {',
]


class _Draw:
    """Random choices for :func:`random_model`, all from one ``random.Random(seed)`` in a fixed order."""

    def __init__(self, seed: int):
        self.rnd = random.Random(seed)
        self.dims: list[tuple[str, list[str]]] = []

    def ident(self, base: str) -> str:
        return base + (self.rnd.choice(ODD) if self.rnd.random() < 0.35 else "")

    @staticmethod
    def label(text: str) -> dict:
        return {"label": {"sv": text, "en": text + " (en)"}}

    def subset(self, items, low=0, p=0.5):
        rnd = self.rnd
        chosen = [x for x in items if rnd.random() < p]
        while len(chosen) < low:
            chosen.append(rnd.choice([x for x in items if x not in chosen]))
        return chosen

    def cube(self, p_any=0.45):
        if self.rnd.random() < p_any:
            return {}
        return {d: self.subset(vs, 1) for d, vs in self.dims if self.rnd.random() < 0.45}

    def dimensions(self) -> None:
        rnd = self.rnd
        dims = [
            (self.ident("alder"), [self.ident("barn"), self.ident("vuxen")]),
            (self.ident("besok"), [self.ident("kan"), self.ident("kan-inte")]),
            ("social", ["ja", "nej"])
            if rnd.random() < 0.6
            else (self.ident("soc"), [self.ident("ja"), self.ident("nej")]),
        ]
        if rnd.random() < 0.5:
            dims.append((self.ident("diagnos"), [self.ident("som"), self.ident("psyk"), self.ident("npf")]))
        rnd.shuffle(dims)
        self.dims = dims

    def principals(self) -> tuple[list[str], list[dict], list[dict], list[dict], dict[str, str], list[str]]:
        rnd = self.rnd
        counties = [self.ident("lan-a"), self.ident("lan-b")]
        regions = [
            {"id": self.ident(f"region{i}"), "kind": "region", "county": counties[i], **self.label(f"Region {i}")}
            for i in range(rnd.choice((1, 2)))
        ]
        munis = [
            {
                "id": self.ident(f"kommun{i}"),
                "kind": "municipality",
                "county": rnd.choice(counties[: len(regions)]),
                **self.label(f"Kommun {i}"),
            }
            for i in range(rnd.randint(0, 4))
        ]
        groups = []
        if len(munis) >= 2 and rnd.random() < 0.7:
            groups.append(
                {
                    "id": self.ident("kommunerna"),
                    "members": [m["id"] for m in self.subset(munis, 2, 0.7)],
                    **self.label("Kommunerna"),
                }
            )
        if len(regions) == 2 and rnd.random() < 0.3:
            groups.append(
                {"id": self.ident("regionerna"), "members": [r["id"] for r in regions], **self.label("Regionerna")}
            )
        kind_of = {p["id"]: p["kind"] for p in regions + munis}
        for g in groups:
            kind_of[g["id"]] = kind_of[g["members"][0]]
        owners = [p["id"] for p in regions + munis] + [g["id"] for g in groups]
        return counties, regions, munis, groups, kind_of, owners

    def units(self, kind_of: dict, owners: list[str], munis: list[dict]) -> tuple[list[dict], list[dict]]:
        rnd = self.rnd
        settings = [
            {"id": self.ident("mottagning"), **self.label("Mottagning")},
            {"id": self.ident("hemmet"), "profile": self.cube(0.3), **self.label("Hemmet")},
        ]
        if rnd.random() < 0.5:
            settings.append({"id": self.ident("overallt"), **self.label("Överallt")})
        setting_ids = [s["id"] for s in settings]
        kinds = [
            "health_centre",
            "primary_care_rehab",
            "home_healthcare",
            "municipal_rehab_ordinary",
            "needs_assessment",
            "device_centre",
            "specialist_clinic",
        ]
        units = []
        for i in range(rnd.randint(4, 9)):
            principal = rnd.choice(owners)
            kind = "home_healthcare" if i == 0 else "needs_assessment" if i == 1 and munis else rnd.choice(kinds)
            unit = {
                "id": self.ident(f"u{i}"),
                "kind": kind,
                "principal": principal,
                "settings": self.subset(setting_ids, 1),
                **self.label(f"Verksamhet {i}" + (" SIP" if rnd.random() < 0.1 else "")),
            }
            if kind not in ("needs_assessment", "device_centre") or rnd.random() < 0.5:
                unit["care_level"] = "lvl-region" if kind_of[principal] == "region" else "lvl-kommun"
            if rnd.random() < 0.3:
                unit["entry"] = True
            units.append(unit)
        return settings, units

    def needs(self, setting_ids: list[str]) -> list[dict]:
        rnd = self.rnd
        needs = [
            {
                "id": self.ident(f"n{i}"),
                "category": rnd.choice(["icf", "pathway_step", "device_step", "coordination"]),
                "applies_to": self.cube(),
                "settings": self.subset(setting_ids, 0, 0.3),
                **self.label(f"Behov {i}"),
            }
            for i in range(rnd.randint(2, 5))
        ]
        if rnd.random() < 0.6:
            needs.append(
                {
                    "id": rnd.choice(["sip", "SIP", self.ident("plan")]),
                    "category": "coordination",
                    "applies_to": self.cube(0.2),
                    **self.label(rnd.choice(["SIP", "Samordnad plan (SIP)", "SIPlan", "Plan"])),
                }
            )
        return needs

    def responsibilities(self, units: list[dict], need_ids: list[str]) -> list[dict]:
        rnd = self.rnd
        resps = []
        for i in range(rnd.randint(2, 9)):
            owner = rnd.choice(units)
            resps.append(
                {
                    "id": self.ident(f"r{i}"),
                    "needs": self.subset(need_ids, 1, 0.4),
                    "owner": owner["id"],
                    "profile": self.cube(),
                    "settings": self.subset(owner["settings"], 0, 0.3),
                    **self.label(f"Ansvar {i}"),
                }
            )
        return resps

    def handovers(self, unit_ids: list[str], need_ids: list[str]) -> list[dict]:
        rnd = self.rnd
        handovers = []
        for i in range(rnd.randint(3, 12)):
            a, b = rnd.sample(unit_ids, 2)
            h = {
                "id": self.ident(f"h{i}"),
                "from": a,
                "to": b,
                "trigger": "ev",
                "needs": self.subset(need_ids, 0, 0.4),
                "profile": self.cube(),
                "mode": rnd.choice(
                    ["written_care_request", "referral", "guidance", "discharge_notice", "device_order"]
                ),
                **self.label(f"Överlämning {i}"),
            }
            if rnd.random() < 0.5:
                h["gate"] = {"by": "roll", "criteria": "Kriterier"}
            r = rnd.random()
            if r < 0.5:
                h["on_reject"] = (
                    {"to": rnd.choice(unit_ids)}
                    if r < 0.3
                    else {"escalation": "esk"}
                    if r < 0.4
                    else {"to": rnd.choice(unit_ids), "escalation": "esk"}
                )
            handovers.append(h)
        for i in range(rnd.randint(0, 3)):
            loop = rnd.sample(unit_ids, rnd.randint(2, min(4, len(unit_ids))))
            need = rnd.choice(need_ids)
            for j, a in enumerate(loop):
                handovers.append(
                    {
                        "id": self.ident(f"l{i}-{j}"),
                        "from": a,
                        "to": loop[(j + 1) % len(loop)],
                        "trigger": "ev",
                        "mode": "referral",
                        "needs": [need],
                        "profile": self.cube(),
                        **self.label(f"Slinga {i}.{j}"),
                    }
                )
        return handovers

    def routes_and_sips(self, units: list[dict], unit_ids: list[str], handovers: list[dict]) -> tuple[list, list]:
        rnd = self.rnd
        routes = []
        into = [h for h in handovers if h["to"] in {u["id"] for u in units if u["kind"] == "home_healthcare"}]
        for i, last in enumerate(rnd.sample(into, min(len(into), rnd.randint(0, 2)))):
            chain = [last]
            before = [h for h in handovers if h["to"] == last["from"] and h is not last]
            if before and rnd.random() < 0.6:
                chain.insert(0, rnd.choice(before))
            routes.append(
                {
                    "id": self.ident(f"route{i}"),
                    "number": i + 1,
                    "handovers": [h["id"] for h in chain],
                    "profile": self.cube(),
                    **self.label(f"Väg {i}"),
                }
            )
        sips = [
            {
                "id": self.ident(f"sip{i}"),
                "at": rnd.choice(unit_ids + [h["id"] for h in handovers]),
                "called_by": rnd.choice(unit_ids),
                "participants": self.subset(unit_ids, 1, 0.3),
                "profile": self.cube(),
                **self.label(f"SIP-punkt {i}"),
            }
            for i in range(rnd.randint(0, 5))
        ]
        return routes, sips


def random_model(seed: int) -> Model:
    """A valid model with region and municipal units, groups, catchments (or none), SIP needs or
    not, loops, routes and SIP points, and ids with quotes, backslashes, braces and Cypher."""
    draw = _Draw(seed)
    label = draw.label
    draw.dimensions()
    dims = draw.dims
    counties, regions, munis, groups, kind_of, owners = draw.principals()
    settings, units = draw.units(kind_of, owners, munis)
    unit_ids = [u["id"] for u in units]
    needs = draw.needs([s["id"] for s in settings])
    need_ids = [n["id"] for n in needs]
    resps = draw.responsibilities(units, need_ids)
    handovers = draw.handovers(unit_ids, need_ids)
    routes, sips = draw.routes_and_sips(units, unit_ids, handovers)
    for element in units[:2] + handovers[:2]:
        element["grey_zones"] = ["gz1"]
    principals = regions + munis
    docs = {
        "sources": [{"id": "src", "kind": "seed", "title": "Källa", "ref": "test"}],
        "principals": principals,
        "principal_groups": groups,
        "units": units,
        "needs": needs,
        "care_levels": [
            {"id": "lvl-region", "principal_kind": "region", **label("Regionnivå")},
            {"id": "lvl-kommun", "principal_kind": "municipality", **label("Kommunnivå")},
        ],
        "roles": [{"id": "roll", **label("Roll")}],
        "settings": settings,
        "events": [{"id": "ev", **label("Händelse")}],
        "dimensions": [{"id": d, "values": [{"id": v, **label(v)} for v in vs], **label(d)} for d, vs in dims],
        "responsibilities": resps,
        "handovers": handovers,
        "routes": routes,
        "sip_points": sips,
        "escalation_paths": [
            {
                "id": "esk",
                "between": [principals[0]["id"], (principals * 2)[1]["id"]],
                "body": "Möte",
                **label("Oenighet"),
            }
        ],
        "grey_zones": [{"id": "gz1", "number": 1, **label("Gråzon"), "source": {"doc": "src"}}],
    }
    collections = {
        name: [
            COLLECTIONS[name].model_validate(item if name in ("sources", "grey_zones") else {**SRC, **item})
            for item in items
        ]
        for name, items in docs.items()
    }
    meta = Meta.model_validate(
        {
            "id": f"rand-{seed:03d}",
            "label": {"sv": "Slump", "en": "Random"},
            "version": "1",
            "date": "2026-01-01",
            "county": counties[0],
            "source": {"doc": "src"},
        }
    )
    model = Model(meta=meta, collections=collections)
    assert check_model(model) == [], f"seed {seed} makes an invalid model"
    return model
