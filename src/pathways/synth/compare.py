"""Compare what ``find_gaps`` found with the manifest of planted gaps."""

from __future__ import annotations

from dataclasses import dataclass, field

from pathways.gaps.core import Finding


@dataclass
class Comparison:
    """Planted findings matched to found ones, by id and by the elements they name."""

    rules: list[str]
    expected: int
    found: int
    missing: list[dict] = field(default_factory=list)
    """Expected findings with no found finding naming their elements."""
    extra: list[Finding] = field(default_factory=list)
    """Found findings of a planted rule that match no planted one."""
    id_mismatch: list[tuple[dict, str]] = field(default_factory=list)
    """Matched by elements but with another id (a rule's key changed): (expected, found id)."""

    @property
    def exact(self) -> bool:
        return not self.missing and not self.extra and not self.id_mismatch

    def summary(self) -> str:
        return (
            f"{self.expected} planted, {self.found} found for {', '.join(self.rules)}: "
            f"{len(self.missing)} missing, {len(self.extra)} extra, {len(self.id_mismatch)} with another id"
        )


def _names(expected: dict, finding: Finding) -> bool:
    if finding.rule != expected["rule"] or not set(expected["elements"]) <= set(finding.elements):
        return False
    catchment = expected.get("catchment")
    return (
        catchment is None
        or finding.data.get("catchment") == catchment
        or catchment in finding.data.get("catchments", ())
    )


def compare(manifest: dict, findings: list[Finding]) -> Comparison:
    """Match the manifest's expected findings to ``findings`` (of the planted rules only).

    A finding matches an expected one when it has the expected id, or else names all of
    its elements (and its catchment); each finding matches at most one expected finding.
    """
    rules = list(manifest["rules"])
    expected = [f for p in manifest["plants"] for f in p["findings"]]
    pool = [f for f in findings if f.rule in rules]
    result = Comparison(rules, len(expected), len(pool))
    by_id = {f.id: f for f in pool}
    used: set[str] = set()
    rest = []
    for e in expected:
        if e["id"] in by_id and e["id"] not in used:
            used.add(e["id"])
        else:
            rest.append(e)
    for e in rest:
        match = next((f for f in pool if f.id not in used and _names(e, f)), None)
        if match is None:
            result.missing.append(e)
        else:
            used.add(match.id)
            result.id_mismatch.append((e, match.id))
    result.extra = [f for f in pool if f.id not in used]
    return result
