"""The principals, care levels and units of each region and municipality."""

from __future__ import annotations

from pathways.synth import catalogue as cat
from pathways.synth.parts import BuilderBase, Hospital, L, Municipality, Region, S


class UnitsPart(BuilderBase):
    """The principals, care levels and units of each region and municipality."""

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
        """Region ``index`` with ``size`` municipalities: its principal, hospitals, county units, municipalities."""
        w = self.width
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
        # hospitals: about one per four to five municipalities
        for k in range(1, max(1, min(size, round(size / 4.5))) + 1):
            region.hospitals.append(self.hospital(region, k))
        self.county_units(region)
        # municipalities, each served by one hospital (contiguous blocks)
        hospitals = region.hospitals
        for j in range(1, size + 1):
            self.municipality(region, j, hospitals[(j - 1) * len(hospitals) // size])
        return region

    def hospital(self, region: Region, k: int) -> Hospital:
        """Hospital ``k`` of a region: 4-7 wards, a rehab ward, 3-5 clinics, home rehab, psychiatry."""
        rng, r = self.rng, f"r{region.code}"
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
        return Hospital(
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

    def county_units(self, region: Region) -> None:
        """The region's habilitation (children, adults) and its device centre."""
        r = f"r{region.code}"
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

    def municipality(self, region: Region, j: int, hospital: Hospital) -> Municipality:
        """Municipality ``j`` of a region, served by ``hospital``: its principal, the region's units in its
        area, its own units."""
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
        hcs, pcr, privates = self.regional_units_in(region, j, name, name_en)
        k = f"k{code}"
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

    def regional_units_in(self, region: Region, j: int, name: str, name_en: str) -> tuple[list[str], str, list[str]]:
        """The region's units in municipality ``j``'s area: 2-6 health centres, primary-care rehab,
        0-2 private providers."""
        rng, r = self.rng, f"r{region.code}-k{j:02d}"
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
        return hcs, pcr, privates

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
