"""The parts of the Dalarna model that every synthetic region shares, copied from ``model/``.

Sources, care levels, roles, needs, profile dimensions, settings, events and grey zones
are national (the law and the rehabilitation process are the same everywhere), so a
synthetic model holds them once. They are data, in a model file's format, in
``national.yaml`` beside this module (a synthetic model is generated from an installed
package, where ``model/`` is not at hand; a test proves the copy still matches). The
need ``bmb`` (an open question of the Dalarna agreement, deliberately without an owner)
is left out: a synthetic model is clean except for the gaps planted in it. So are the
nursing needs of home healthcare (``sarvard``, ``lakemedel``): the bundled model leaves them
without an owner for children (its sources do not say who has them), and the generator's
units do no nursing care.
"""

from __future__ import annotations

from importlib.resources import files

import yaml

_NATIONAL: dict[str, list[dict]] = yaml.load(
    files("pathways.synth").joinpath("national.yaml").read_text(encoding="utf-8"),
    Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
)

SOURCES: list[dict] = _NATIONAL["sources"]
CARE_LEVELS: list[dict] = _NATIONAL["care_levels"]
ROLES: list[dict] = _NATIONAL["roles"]
NEEDS: list[dict] = _NATIONAL["needs"]
DIMENSIONS: list[dict] = _NATIONAL["dimensions"]
SETTINGS: list[dict] = _NATIONAL["settings"]
EVENTS: list[dict] = _NATIONAL["events"]
GREY_ZONES: list[dict] = _NATIONAL["grey_zones"]

SYNTH_SOURCE = {
    "id": "synth",
    "kind": "web",
    "title": "Syntetisk modell skapad av 'pathways synth' efter Dalarnamodellens struktur (inte verkliga verksamheter)",
    "ref": "pathways synth",
}
"""The document every generated element cites besides the Dalarna source it copies."""

INPATIENT_NEEDS = [
    "egenvardsbedomning",
    "rehabbedomning",
    "rehabplan",
    "behandling",
    "kroppsfunktion",
    "aktivitet",
    "hjm-behovsbedomning",
    "hjm-utprovning",
    "hjm-instruktion",
]
"""Needs owned during an inpatient stay (those that exist in the setting ``inneliggande``)."""

REHAB_NEEDS = ["rehabbedomning", "rehabplan", "behandling", "uppfoljning", "kroppsfunktion", "aktivitet", "delaktighet"]
DEVICE_NEEDS = ["hjm-behovsbedomning", "hjm-utprovning", "hjm-instruktion", "hjm-uppfoljning", "hjm-hyra"]
ALL_CARE_NEEDS = ["egenvardsbedomning", *REHAB_NEEDS, *DEVICE_NEEDS]
NOT_HAB = ["somatisk", "psykiatrisk", "npf"]
"""Diagnosis groups outside habilitation."""
