"""The space of patient profiles, as bit sets.

A profile takes one value in each dimension of the model; the space is their
product (128 profiles for the Dalarna model). A set of profiles is a Python int
used as a bit set, so unions and intersections of whole sets cost one machine
operation per 64 profiles. A *cube* is a profile constraint ``{dim: [values]}``
(a dimension left out means any value); :meth:`ProfileSpace.minimal_cubes` turns
a set back into a few cubes for people to read ("barn, kan inte besöka mottagning").
"""

from __future__ import annotations

import itertools
from itertools import product
from math import prod

from pathways.model.model import Model

OR = {"sv": " eller ", "en": " or "}

MAX_PROFILES = 1 << 16
"""Largest profile space analysed (the product of the dimensions' sizes)."""


class ProfileSpace:
    """Profiles of a model as bit positions (mixed radix over the dimensions).

    >>> space = ProfileSpace([("alder", ["barn", "vuxen"]), ("besok", ["kan", "kan-inte"])])
    >>> space.size
    4
    >>> space.minimal_cubes(space.mask({"alder": ["barn"]}))
    [{'alder': ['barn']}]
    """

    def __init__(self, dims: list[tuple[str, list[str]]]):
        self.dims = [(d, list(vs)) for d, vs in dims]
        self.size = prod(len(vs) for _, vs in self.dims) if self.dims else 1
        if self.size > MAX_PROFILES:
            raise ValueError(f"the profile space has {self.size} profiles; at most {MAX_PROFILES} are analysed")
        self.full = (1 << self.size) - 1
        self._index = {d: {v: i for i, v in enumerate(vs)} for d, vs in self.dims}
        self._stride = {}
        stride = 1
        for d, vs in reversed(self.dims):
            self._stride[d] = stride
            stride *= len(vs)
        self._value_masks = {(d, v): self._mask_of_value(d, i) for d, vs in self.dims for i, v in enumerate(vs)}
        self._cubes: list[tuple[int, dict[str, list[str]], int]] | None = None
        self._mask_cache: dict[tuple, int] = {}

    @classmethod
    def of(cls, model: Model) -> ProfileSpace:
        return cls([(d.id, [v.id for v in d.values]) for d in model.dimensions])

    def _mask_of_value(self, dim: str, index: int) -> int:
        radix = len(self._index[dim])
        stride = self._stride[dim]
        return sum(1 << p for p in range(self.size) if (p // stride) % radix == index)

    def mask(self, constraint: dict[str, list[str]]) -> int:
        """The set of profiles a constraint allows (an empty constraint allows all).

        Cached by the constraint as written (dimensions and values in its order): a model
        has a few hundred distinct constraints and the rules ask a million times."""
        if not constraint:
            return self.full
        key = tuple([(d, tuple(vs)) for d, vs in constraint.items()])
        found = self._mask_cache.get(key)
        if found is None:
            found = self.full
            for d, vs in key:
                found &= sum(self._value_masks[(d, v)] for v in vs)
            self._mask_cache[key] = found
        return found

    def profile(self, position: int) -> dict[str, str]:
        """The profile at one bit position."""
        return {d: vs[(position // self._stride[d]) % len(vs)] for d, vs in self.dims}

    def _all_cubes(self) -> list[tuple[int, dict[str, list[str]], int]]:
        """Every cube that fixes each dimension to one value or leaves it free, largest first."""
        if self._cubes is None:
            options = [[None, *vs] for _, vs in self.dims]
            cubes = []
            for choice in product(*options):
                constraint = {d: [v] for (d, _), v in zip(self.dims, choice, strict=True) if v is not None}
                cubes.append((self.mask(constraint), constraint, len(constraint)))
            cubes.sort(key=lambda c: c[2])
            self._cubes = cubes
        return self._cubes

    def minimal_cubes(self, subset: int) -> list[dict[str, list[str]]]:
        """A short list of cubes whose union is exactly ``subset``, most general first.

        Greedy cover by maximal cubes (those inside ``subset`` with no larger cube inside
        it that contains them); values of one dimension that go together are merged.
        Cost: O(prod(|values|+1) * size / 64) big-int operations, bounded by MAX_PROFILES.
        """
        subset &= self.full
        if not subset:
            return []
        if subset == self.full:
            return [{}]
        inside = [(m, c, n) for m, c, n in self._all_cubes() if m & subset == m]
        maximal = [
            (m, c)
            for i, (m, c, n) in enumerate(inside)
            if not any(m2 != m and m2 & m == m for m2, _, n2 in inside[:i] if n2 < n)
        ]
        chosen, left = [], subset
        while left:
            m, c = max(maximal, key=lambda mc: (bin(mc[0] & left).count("1"), -len(mc[1])))
            chosen.append((m, c))
            left &= ~m
        return self._merge([c for _, c in chosen])

    def _merge(self, cubes: list[dict[str, list[str]]]) -> list[dict[str, list[str]]]:
        """Merge cubes that differ in one dimension's values only (barn+somatisk, barn+psykiatrisk)."""
        cubes = [dict(c) for c in cubes]
        merged = True
        while merged:
            merged = False
            for i, j in itertools.combinations(range(len(cubes)), 2):
                a, b = cubes[i], cubes[j]
                diff = [d for d in a if a[d] != b.get(d)]
                if a.keys() == b.keys() and len(diff) == 1:
                    d = diff[0]
                    order = self._index[d]
                    a[d] = sorted(set(a[d]) | set(b[d]), key=order.__getitem__)
                    del cubes[j]
                    merged = True
                    break
        return cubes

    def describe(self, constraint: dict[str, list[str]], labels: dict[tuple[str, str], str], lang: str = "sv") -> str:
        """A constraint in words, with the values' labels; empty means every profile.

        >>> ProfileSpace([("a", ["x", "y", "z"])]).describe({"a": ["x", "y"]}, {}, "en")
        'x or y'
        """
        if not constraint:
            return labels.get(("*", "*"), "alla profiler" if lang == "sv" else "every profile")
        parts = []
        for d, _ in self.dims:
            if d in constraint:
                parts.append(OR[lang].join(labels.get((d, v), v) for v in constraint[d]))
        return ", ".join(parts)
