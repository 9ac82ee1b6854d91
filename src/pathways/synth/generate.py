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

from pathways.synth.build_handovers import HandoversPart
from pathways.synth.build_responsibilities import ResponsibilitiesPart
from pathways.synth.build_routes import RoutesPart
from pathways.synth.build_units import UnitsPart
from pathways.synth.parts import Progress, Synth

DEFAULT_REGIONS = 21
DEFAULT_MUNICIPALITIES = 290


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """Split ``total`` municipalities over ``parts`` regions: at least one each, uneven like Sweden's."""
    if total < parts:
        raise ValueError(f"{total} municipalities cannot be spread over {parts} regions (at least one each)")
    weights = [rng.lognormvariate(0.0, 0.6) for _ in range(parts)]
    sizes = [1] * parts
    for index in rng.choices(range(parts), weights=weights, k=total - parts):
        sizes[index] += 1
    return sizes


class _Builder(UnitsPart, ResponsibilitiesPart, HandoversPart, RoutesPart):
    """Builds one model: each part adds its kinds of elements, in the order :func:`build` calls them."""


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
