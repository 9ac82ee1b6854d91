"""What-if scenarios for a synthetic model: national analogues of the bundled Dalarna scenarios.

The bundled scenarios (``model/scenarios``) name Dalarna's elements, so they cannot be
applied to a synthetic model. These do the same kinds of revision at national scale,
and undo most of the planted gaps, so that ``pathways whatif --all`` on a synthetic
model resolves findings and changes ownership:

* ``utskrivning-7-dagar`` (like ``orebro-7-dagar``): the first region's wards keep
  every discharged patient's needs 7 days, and so do the wards of the planted time gaps;
* ``hjalpmedel-fore-utskrivning``: the discharges that lost their devices pass them again;
* ``sip-under-vardtiden``: the SIP points that lost social services get them back;
* ``samordning-bistand-rehab``: a coordination rule for social services and municipal
  rehab on 'aktivitet' (the planted overlaps);
* ``utan-dagrehab``: the planted day-rehab units, and the referrals to them, are removed.
"""

from __future__ import annotations

from pathways.synth.parts import L, S, Synth

SCENARIO_DIR = "scenarios"


def _changed(synth: Synth, plant: str) -> list[list[str]]:
    return [p["changed"] for p in synth.planted if p["plant"] == plant]


def scenarios(synth: Synth) -> list[dict]:
    """The scenarios of a synthetic model, as the mappings a scenario file holds (those with
    nothing to change left out)."""
    made = (_seven_days(synth), _devices(synth), _sip(synth), _coordination(synth), _no_day_rehab(synth))
    return [scenario for scenario in made if scenario is not None]


def _seven_days(synth: Synth) -> dict:
    """The first region's discharges, and those of the planted time gaps, keep the needs 7 days."""
    first = synth.regions[0]
    discharges = [
        hid
        for m in first.municipalities
        for role in ("discharge_home_care", "discharge_rehab", "discharge_special")
        for hid in m.handovers.get(role, ())
    ]
    discharges += [c[0] for c in _changed(synth, "time-gap") if c[0] not in discharges]
    return {
        "id": "utskrivning-7-dagar",
        "label": L(
            f"Slutenvården behåller ansvaret 7 dagar efter utskrivning ({first.name})",
            f"Inpatient care keeps responsibility for 7 days after discharge ({first.name})",
        ),
        "source": S("seed-004", "Innehåll i överenskommelsen"),
        "status": "peer_region",
        "rationale": "Som Region Örebro läns förlängda ansvar: avsändaren behåller behoven 7 dagar vid varje utskrivning.",
        "changes": [{"set": hid, "field": "sender_until", "value": 7} for hid in discharges],
    }


def _devices(synth: Synth) -> dict | None:
    """The discharges that lost their devices pass them again."""
    items = {hid: synth.by_id[hid] for (hid,) in _changed(synth, "missing-items")}
    if not items:
        return None
    return {
        "id": "hjalpmedel-fore-utskrivning",
        "label": L("Hjälpmedlen följer med vid utskrivning", "Devices go with the patient at discharge"),
        "source": S("seed-001", "1. Bakgrund"),
        "status": "assumption",
        "rationale": "Seed 001: patienter går hem utan hjälpmedel. Varje utskrivning för över hjälpmedlen.",
        "note": "Ett förslag att pröva, inte en regel i någon källa.",
        "changes": [{"set": hid, "field": "passes", "value": [*h["passes"], "devices"]} for hid, h in items.items()],
    }


def _sip(synth: Synth) -> dict | None:
    """The SIP points that lost their needs assessor get them back."""
    sips = [
        (p["changed"][0], p["findings"][0]["elements"][1]) for p in synth.planted if p["plant"] == "missing-sip-party"
    ]
    if not sips:
        return None
    return {
        "id": "sip-under-vardtiden",
        "label": L(
            "Biståndshandläggaren deltar i SIP vid utskrivning",
            "The needs assessor takes part in the SIP at discharge",
        ),
        "source": S("hsl-16-4"),
        "status": "law",
        "rationale": "HSL 16 kap. 4 §: socialtjänsten deltar när patienten har socialtjänstinsatser (gråzon 2).",
        "changes": [
            {"set": sid, "field": "participants", "value": [*synth.by_id[sid]["participants"], assessor]}
            for sid, assessor in sips
        ],
    }


def _coordination(synth: Synth) -> dict | None:
    """A coordination rule for social services and municipal rehab on 'aktivitet' (the planted overlaps)."""
    overlaps = [c[0] for c in _changed(synth, "overlap")]
    if not overlaps:
        return None
    units = []
    for rid in overlaps:
        assessor = synth.by_id[rid]["owner"]
        units += [assessor, assessor.replace("-bistand", "-rehab-ord")]
    return {
        "id": "samordning-bistand-rehab",
        "label": L(
            "Samordning mellan biståndshandläggning och kommunal rehab",
            "Coordination between needs assessment and municipal rehab",
        ),
        "source": S("seed-002", "Inkomna frågeställningar"),
        "status": "assumption",
        "rationale": "Två verksamheter äger aktivitet i hemmet; en samordningsregel säger vem som gör vad.",
        "note": "Ett förslag att pröva.",
        "changes": [
            {
                "add": "coordination_rules",
                "element": {
                    "id": "samordning-bistand-rehab",
                    "label": L(
                        "Rehab bedömer aktivitet, biståndshandläggaren insatserna",
                        "Rehab assesses activity, the assessor the interventions",
                    ),
                    "needs": ["aktivitet"],
                    "owners": units,
                    "text": "Kommunal rehab bedömer aktivitet; biståndshandläggaren beslutar om insatser enligt SoL.",
                    "source": S("seed-002", "Inkomna frågeställningar"),
                    "status": "assumption",
                    "note": "Ett förslag att pröva.",
                },
            }
        ],
    }


def _no_day_rehab(synth: Synth) -> dict | None:
    """The planted day-rehab units, and the referrals to them, are removed."""
    dead = _changed(synth, "dead-end")
    if not dead:
        return None
    return {
        "id": "utan-dagrehab",
        "label": L("Dagrehabiliteringen läggs ned", "Day rehabilitation is closed"),
        "source": S("seed-001", "1. Bakgrund"),
        "status": "assumption",
        "rationale": "Enheter som tar emot patienter utan ansvar i överenskommelsen tas bort, med remisserna dit.",
        "note": "Ett förslag att pröva.",
        "changes": [{"remove": hid} for _, hid in dead] + [{"remove": uid} for uid, _ in dead],
    }
