"""What every planting of :mod:`pathways.synth.plant` shares: the places it draws from, the
manifest it writes to, and the expected findings it records."""

from __future__ import annotations

import random

from pathways.gaps.core import finding_id
from pathways.synth.parts import Municipality, Synth


def catchment_of(m: Municipality) -> str:
    """The catchment id of a municipality (``pathways.analysis.coverage.catchments``)."""
    region = m.region
    if len(region.municipalities) == 1:
        return region.county
    return f"{region.county}/{m.id}"


def expect(rule: str, key: tuple, elements: list[str], catchment: str | None = None) -> dict:
    """An expected finding: its rule, key and id, the elements it names, and its catchment if per catchment."""
    found = {"rule": rule, "key": list(key), "id": finding_id(rule, tuple(key)), "elements": elements}
    if catchment:
        found["catchment"] = catchment
    return found


class PlanterBase:
    """The state of one planting run: the seeded draw of places and the elements already changed."""

    def __init__(self, synth: Synth, per_kind: int):
        self.s = synth
        self.rng = random.Random(synth.seed * 7919 + 17)
        self.per_kind = per_kind
        self.pool: list[Municipality] = []
        self.touched: set[str] = set()

    # --- places ---------------------------------------------------------------------------
    def municipality(self) -> Municipality:
        if not self.pool:
            self.pool = self.s.municipalities()
            self.rng.shuffle(self.pool)
        return self.pool.pop()

    def pick(self, candidates: list[str]) -> str | None:
        free = [c for c in candidates if c not in self.touched]
        if not free:
            return None
        chosen = self.rng.choice(free)
        self.touched.add(chosen)
        return chosen

    def record(self, kind: str, where: str, description: str, changed: list[str], findings: list[dict]) -> None:
        self.s.planted.append(
            {"plant": kind, "where": where, "description": description, "changed": changed, "findings": findings}
        )
