"""The collector of cross-element problems (:class:`Checker`): where a field stands, whether
a reference names an element of the right kind ("did you mean"), profiles, sources; and
the cycles among ids. The checks themselves are in :mod:`pathways.model.validate`."""

from __future__ import annotations

import difflib
import graphlib
from collections.abc import Iterable

from pathways.model.errors import Problem
from pathways.model.model import Model

KIND_NAMES = {
    "sources": "a source document",
    "principals": "a principal",
    "principal_groups": "a principal group",
    "care_levels": "a care level",
    "units": "a unit",
    "roles": "a role",
    "needs": "a need",
    "dimensions": "a dimension",
    "settings": "a setting",
    "events": "an event",
    "cost_rules": "a cost rule",
    "handovers": "a handover",
    "escalation_paths": "an escalation path",
    "boundaries": "a boundary",
    "grey_zones": "a grey zone",
}


def cycles(edges: list[tuple[str, str]]) -> list[set[str]]:
    """The groups of ids that wait for each other through ``edges`` (an edge to itself
    counts), in networkx's order. The usual answer, none, comes from the standard
    library's :mod:`graphlib`; networkx is imported only when there is a cycle to name.

    >>> cycles([("a", "b"), ("b", "c")])
    []
    >>> [sorted(comp) for comp in cycles([("a", "b"), ("b", "a"), ("c", "c")])]
    [['a', 'b'], ['c']]
    """
    order: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for before, after in edges:
        order.add(after, before)
    try:
        order.prepare()
    except graphlib.CycleError:
        import networkx as nx

        graph = nx.DiGraph(edges)
        return [
            comp
            for comp in nx.strongly_connected_components(graph)
            if len(comp) > 1 or any(graph.has_edge(x, x) for x in comp)
        ]
    return []


class Checker:
    def __init__(self, model: Model):
        self.m = model
        self.problems: list[Problem] = []
        self.dims = {d.id: {v.id for v in d.values} for d in model.dimensions}
        self.good_profiles: set[tuple] = set()

    def add(self, element_id: str, path: tuple, message: str) -> None:
        if element_id == self.m.meta.id and self.m.meta_origin is not None:
            origin = self.m.meta_origin
        else:
            origin = self.m.origin(element_id)
        line, col = origin.where(*path)
        self.problems.append(Problem(origin.file, line, col, element_id, message))

    def ref(self, element_id: str, path: tuple, value: str | None, *kinds: str) -> bool:
        """Check that ``value`` names an element of one of ``kinds``."""
        if value is None:
            return True
        kind = self.m.kind_of.get(value)
        if kind in kinds:
            return True
        wanted = " or ".join(KIND_NAMES.get(k, k) for k in kinds)
        if kind is None:
            pool = [e.id for k in kinds for e in self.m.collections[k]]
            close = difflib.get_close_matches(value, pool, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            self.add(element_id, path, f"'{value}' is not defined; expected the id of {wanted}{hint}")
        else:
            self.add(element_id, path, f"'{value}' is {KIND_NAMES.get(kind, kind)}, but {wanted} is expected here")
        return False

    def refs(self, element_id: str, field: str, values: Iterable[str], *kinds: str) -> None:
        kind_of = self.m.kind_of
        for index, value in enumerate(values):
            if kind_of.get(value) not in kinds:  # fast path: ``ref`` says more only when this fails
                self.ref(element_id, (field, index), value, *kinds)

    def profile(self, element_id: str, field: str | tuple, profile: dict[str, list[str]]) -> None:
        if not profile:
            return
        key = tuple([(dim, tuple(values)) for dim, values in profile.items()])  # a list: faster than a generator
        if key in self.good_profiles:  # the same profile, checked before without a problem
            return
        before = len(self.problems)
        self._profile(element_id, field, profile)
        if len(self.problems) == before:
            self.good_profiles.add(key)

    def _profile(self, element_id: str, field: str | tuple, profile: dict[str, list[str]]) -> None:
        base = field if isinstance(field, tuple) else (field,)
        for dim, values in profile.items():
            if dim not in self.dims:
                close = difflib.get_close_matches(dim, list(self.dims), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else f"; dimensions: {', '.join(self.dims)}"
                self.add(element_id, (*base, dim), f"unknown profile dimension '{dim}'{hint}")
                continue
            if not values:
                self.add(
                    element_id, (*base, dim), f"'{dim}' lists no values; leave the dimension out to mean any value"
                )
            for index, value in enumerate(values):
                if value not in self.dims[dim]:
                    self.add(
                        element_id,
                        (*base, dim, index),
                        f"'{value}' is not a value of '{dim}'; values: {', '.join(sorted(self.dims[dim]))}",
                    )
            if len(set(values)) != len(values):
                self.add(element_id, (*base, dim), f"'{dim}' lists a value twice")

    def source(self, element_id: str, source, path: tuple = ()) -> None:
        if self.m.kind_of.get(source.doc) != "sources":  # fast path: ``ref`` says more only when this fails
            self.ref(element_id, (*path, "source", "doc"), source.doc, "sources")
