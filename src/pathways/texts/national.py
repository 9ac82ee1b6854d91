"""The texts of the national diagrams, and unit kinds in words (plural)."""

from __future__ import annotations

NATIONAL: dict[str, dict[str, str]] = {
    "sv": {
        "national_title": "Landet: län, verksamheter, överlämningar och glapp",
        "national_note": (
            "En ruta per län: hur många kommuner, verksamheter och överlämningar det har, länets vägar in i "
            "hemsjukvården (summerade över kommunerna) och dess glapp per slag. Pilar mellan län: överlämningar "
            "från ett län till ett annat."
        ),
        "page": "sida {n} av {of}",
        "municipalities_n": "{n} kommuner",
        "units_n": "{n} verksamheter",
        "handovers_n": "{n} överlämningar",
        "routes_n": "Väg {k}: {n} kommuner",
        "all_routes_n": "Väg 1–{last}: {n} kommuner",
        "no_findings": "inga glapp",
        "findings_n": "{n} glapp",
        "to_other_counties": "{n} till andra län",
        "crossing_n": "{n} överl.",
        "crossing_legend": "överlämningar från ett län till ett annat (antal)",
        "region_title": "{name}: verksamheter och överlämningar, per slag",
        "region_gaps_title": "{name}: glappen, per slag av verksamhet",
        "region_note": (
            "Verksamheter av samma slag är en ruta (hur många, i hur många kommuner); en pil är alla "
            "överlämningar från ett slag till ett annat, med antalet."
        ),
        "region_side": "{name}",
        "municipal_side": "Kommunerna ({n})",
        "in_towns": "i {n} kommuner",
        "units_short": "{n} st",
        "route_flow": "Väg {k} ({n})",
        "flow_n": "{n}",
        "arrow_count": "n överlämningar",
        "other_places": "Glapp utan en ruta eller pil i kartan",
        "elsewhere": "i andra län",
        "heatmap_title": "Glapp per kommun och slag av regel",
        "heatmap_note": (
            "Antal glapp per kommun och slag; ju mörkare, desto fler. Raden Regionen: glapp hos regionens "
            "egna verksamheter som ingen kommun berörs av. Kommuner utan glapp står på en rad per län."
        ),
        "region_row": "Regionen",
        "quiet_row": "övriga {n} kommuner: inga glapp",
        "municipality": "Kommun",
        "total": "Alla",
        "fam_ownership": "Ansvar",
        "fam_handover": "Överlämning",
        "fam_time": "Tid och SIP",
        "fam_flow": "Flöde",
        "fam_devices": "Hjälpmedel, kostnad",
        "fam_boundary": "Gränser",
        "fam_other": "Övrigt",
    },
    "en": {
        "national_title": "The country: counties, units, handovers and gaps",
        "national_note": (
            "One box per county: how many municipalities, units and handovers it has, its routes into home "
            "healthcare (summed over the municipalities) and its gaps by kind. Arrows between counties: "
            "handovers from one county to another."
        ),
        "page": "page {n} of {of}",
        "municipalities_n": "{n} municipalities",
        "units_n": "{n} units",
        "handovers_n": "{n} handovers",
        "routes_n": "Route {k}: {n} municipalities",
        "all_routes_n": "Routes 1–{last}: {n} municipalities",
        "no_findings": "no gaps",
        "findings_n": "{n} gaps",
        "to_other_counties": "{n} to other counties",
        "crossing_n": "{n} handovers",
        "crossing_legend": "handovers from one county to another (their number)",
        "region_title": "{name}: units and handovers, by kind",
        "region_gaps_title": "{name}: the gaps, by kind of unit",
        "region_note": (
            "Units of one kind are one box (how many, in how many municipalities); an arrow is every handover "
            "from one kind to another, with their number."
        ),
        "region_side": "{name}",
        "municipal_side": "The municipalities ({n})",
        "in_towns": "in {n} municipalities",
        "units_short": "{n}",
        "route_flow": "Route {k} ({n})",
        "flow_n": "{n}",
        "arrow_count": "n handovers",
        "other_places": "Gaps with no box or arrow on the map",
        "elsewhere": "in other counties",
        "heatmap_title": "Gaps per municipality and kind of rule",
        "heatmap_note": (
            "Number of gaps per municipality and kind; the darker, the more. The row Region: gaps at the "
            "region's own units that concern no municipality. Municipalities without gaps share one row per county."
        ),
        "region_row": "Region",
        "quiet_row": "the other {n} municipalities: no gaps",
        "municipality": "Municipality",
        "total": "All",
        "fam_ownership": "Ownership",
        "fam_handover": "Handover",
        "fam_time": "Time and SIP",
        "fam_flow": "Flow",
        "fam_devices": "Devices, cost",
        "fam_boundary": "Boundaries",
        "fam_other": "Other",
    },
}
"""Texts of the national diagrams (pathways.outputs.national, national_region)."""

UNIT_KINDS: dict[str, dict[str, str]] = {
    "sv": {
        "inpatient_rehab_ward": "Rehabiliteringsavdelningar",
        "inpatient_ward": "Vårdavdelningar",
        "specialist_clinic": "Specialistmottagningar",
        "specialist_home_rehab": "Specialiserad hemrehabilitering",
        "health_centre": "Vårdcentraler",
        "primary_care_rehab": "Primärvårdsrehabilitering",
        "private_provider": "Privata vårdgivare",
        "home_healthcare": "Hemsjukvård",
        "municipal_rehab_ordinary": "Rehabilitering, ordinärt boende",
        "municipal_rehab_special_housing": "Rehabilitering, särskilt boende",
        "habilitation": "Habilitering",
        "adult_psychiatry": "Vuxenpsykiatri",
        "device_centre": "Hjälpmedelscentral",
        "needs_assessment": "Biståndshandläggning",
    },
    "en": {
        "inpatient_rehab_ward": "Inpatient rehabilitation wards",
        "inpatient_ward": "Inpatient wards",
        "specialist_clinic": "Specialist clinics",
        "specialist_home_rehab": "Specialist home rehabilitation",
        "health_centre": "Health centres",
        "primary_care_rehab": "Primary care rehabilitation",
        "private_provider": "Private providers",
        "home_healthcare": "Home healthcare",
        "municipal_rehab_ordinary": "Rehabilitation, ordinary housing",
        "municipal_rehab_special_housing": "Rehabilitation, special housing",
        "habilitation": "Habilitation",
        "adult_psychiatry": "Adult psychiatry",
        "device_centre": "Assistive device centre",
        "needs_assessment": "Needs assessment",
    },
}
"""Unit kinds in words, plural: the boxes of a county's overview."""
