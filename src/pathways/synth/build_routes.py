"""The routes into home healthcare, SIP points, the rest of a region, and boundaries."""

from __future__ import annotations

from pathways.synth.parts import SOCIAL, BuilderBase, L, Municipality, Region, S


class RoutesPart(BuilderBase):
    """The routes into home healthcare, SIP points, the rest of a region, and boundaries."""

    def routes_and_sip(self, region: Region, m: Municipality) -> None:
        """The municipality's three routes into home healthcare, then its SIP points."""
        self.routes(m)
        self.sip_points(m)

    def routes(self, m: Municipality) -> None:
        """Route 1 (primary care), 2 (specialised care) and 3 (discharge, with the steps of Lag 2017:612)
        into the municipality's first home healthcare unit."""
        hos = m.hospital
        hc1, hhc1, ward1, clinic1 = m.health_centres[0], m.home_care[0], hos.wards[0], hos.clinics[0]
        code = m.code
        for number, (handover, sv, en, source) in enumerate(
            (
                (
                    f"ho-{hc1}-{hhc1}",
                    "från regional primärvård till kommunal hemsjukvård",
                    "from regional primary care to municipal home healthcare",
                    S("seed-004", "Tre vägar in"),
                ),
                (
                    f"ho-{clinic1}-{hhc1}",
                    "från specialiserad vård till kommunal hemsjukvård",
                    "from specialised care to municipal home healthcare",
                    S("seed-004", "Tre vägar in"),
                ),
                (
                    f"ho-{ward1}-{hhc1}",
                    "utskrivning från slutenvård",
                    "discharge from inpatient care",
                    S("seed-004", "Tre vägar in"),
                ),
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
                element["steps"] = _discharge_steps(code, ward1, hhc1)
            self.s.add("routes", element)

    def sip(
        self,
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
        """A SIP point at handover ``at``; ``days``: called within 3 days of the ready-for-discharge notice."""
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
        self.s.add("sip_points", element)

    def sip_points(self, m: Municipality) -> None:
        """The SIP points of a municipality: at discharge (route 3 and to municipal rehab), at
        enrolment from a clinic, and where home healthcare or rehab and social services both intervene."""
        s, hos = self.s, m.hospital
        hc1, hhc1, ward1, clinic1 = m.health_centres[0], m.home_care[0], hos.wards[0], hos.clinics[0]
        self.sip(
            f"ho-{ward1}-{hhc1}",
            hc1,
            "fast-vardkontakt",
            [ward1, hc1, hhc1, m.rehab_ordinary, m.needs_assessment],
            f"SIP efter utskrivning, {m.name}",
            f"SIP after discharge, {m.name}",
            S("lag-2017-612"),
            "law",
            days=True,
        )
        self.sip(
            f"ho-{clinic1}-{hhc1}",
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
            self.sip(
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
            self.sip(
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


_STEPS = (
    (
        "inskrivningsmeddelande",
        "Inskrivningsmeddelande",
        "Admission notice",
        "ward",
        "inskrivning",
        {"within_hours": 24},
    ),
    (
        "fast-vardkontakt",
        "Fast vårdkontakt utses i öppenvården",
        "Named care contact appointed",
        "fast-vardkontakt",
        "utskrivning",
        {"within_days": 0, "not_before": "inskrivningsmeddelande"},
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
        "ward",
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
        "home_care",
        "utskrivningsklar",
        {"within_days": 3},
    ),
)
"""The steps of a discharge route (Lag 2017:612): id, labels, actor (``ward`` and ``home_care``
stand for the route's units), the event they follow, their limit."""


def _discharge_steps(code: str, ward: str, home_care: str) -> list[dict]:
    """The steps of municipality ``code``'s discharge route from ``ward`` to ``home_care``."""
    units = {"ward": ward, "home_care": home_care}
    return [
        {
            "id": f"steg-{code}-{sid}",
            "label": L(sv, en),
            "actor": units.get(actor, actor),
            "after": after,
            **limit,
            "source": S("lag-2017-612"),
            "status": "law",
        }
        for sid, sv, en, actor, after, limit in _STEPS
    ]
