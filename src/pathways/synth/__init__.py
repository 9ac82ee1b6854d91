"""Synthetic models at any scale, with the structure of the Dalarna model and planted gaps.

>>> from pathways.synth import synthesize, write_synth
>>> s = synthesize(regions=2, municipalities=6, seed=1)
>>> sorted({f["rule"] for p in s.planted for f in p["findings"]})[:3]
['PW101', 'PW102', 'PW103']
>>> # write_synth(s, "out/synth")  writes the model files and planted.json
"""

from __future__ import annotations

from pathways.synth.generate import DEFAULT_MUNICIPALITIES, DEFAULT_REGIONS, build
from pathways.synth.parts import Progress, Synth
from pathways.synth.write import MANIFEST, write_synth


def synthesize(
    regions: int = DEFAULT_REGIONS,
    municipalities: int = DEFAULT_MUNICIPALITIES,
    seed: int = 0,
    plant: bool = True,
    per_kind: int | None = None,
    progress: Progress | None = None,
) -> Synth:
    """Build a synthetic model and, unless ``plant`` is false, plant ``per_kind`` gaps of each kind."""
    synth = build(regions, municipalities, seed, progress)
    if plant:
        from pathways.synth.plant import plant_gaps

        plant_gaps(synth, per_kind)
    return synth


__all__ = ["DEFAULT_MUNICIPALITIES", "DEFAULT_REGIONS", "MANIFEST", "Synth", "build", "synthesize", "write_synth"]
