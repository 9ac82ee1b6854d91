"""The loaded model: every element by kind and by id, and where each came from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pathways.model.positions import LazyNode, PosDict, PosList
from pathways.model.schema import COLLECTIONS, Identified, Meta

FILES: dict[str, str] = {
    "model": "model.yaml",
    "sources": "sources.yaml",
    "principals": "principals.yaml",
    "principal_groups": "principals.yaml",
    "care_levels": "care_levels.yaml",
    "units": "units.yaml",
    "roles": "roles.yaml",
    "needs": "needs.yaml",
    "dimensions": "profiles.yaml",
    "settings": "profiles.yaml",
    "events": "events.yaml",
    "responsibilities": "responsibilities.yaml",
    "cost_rules": "costs.yaml",
    "coordination_rules": "responsibilities.yaml",
    "handovers": "handovers.yaml",
    "routes": "routes.yaml",
    "sip_points": "sip.yaml",
    "escalation_paths": "escalation.yaml",
    "boundaries": "boundaries.yaml",
    "grey_zones": "grey_zones.yaml",
}
"""The file each collection is written to by ``dump_model``; the loader reads any layout."""


def same_elements(before: list, after: list) -> bool:
    """Whether two collections hold the same element objects in the same order: a changed
    model shares its base's elements where scenarios left a collection as it was.

    >>> a, b = object(), object()
    >>> same_elements([a, b], [a, b]), same_elements([a, b], [b, a]), same_elements([a], [a, b])
    (True, False, False)
    """
    return len(before) == len(after) and all(x is y for x, y in zip(before, after, strict=True))


@dataclass(frozen=True)
class Origin:
    """Where an element stands: its file and the position-carrying mapping it was read from."""

    file: str
    node: PosDict | LazyNode | None
    """The element's mapping; a :class:`LazyNode` when the file was read without positions (JSON)."""

    def where(self, *path: str | int) -> tuple[int, int]:
        """(line, col) of a field inside the element, or of the element itself."""
        node: object = self.node.resolve() if isinstance(self.node, LazyNode) else self.node
        if not isinstance(node, PosDict | PosList):
            return (1, 1)
        line_col = node.start
        for step in path:
            found = _step(node, step)
            if found is None:
                break
            line_col, node = found
        return line_col


def _step(node: object, step: str | int) -> tuple[tuple[int, int], object] | None:
    """The position of ``step`` in a position-carrying mapping or list, and what stands there."""
    if isinstance(node, PosDict):
        return (node.where(step), node[step]) if step in node else None
    if isinstance(node, PosList) and isinstance(step, int) and step < len(node):
        return node.where(step), node[step]
    return None


@dataclass
class Model:
    """A whole model. Collections hold pydantic elements in file order."""

    meta: Meta
    collections: dict[str, list[Identified]]
    origins: dict[str, Origin] = field(default_factory=dict)
    meta_origin: Origin | None = None
    root: str = "model"

    def __post_init__(self) -> None:
        for name in COLLECTIONS:
            self.collections.setdefault(name, [])
        self.by_id: dict[str, Any] = {}
        """Elements of every kind by id; a caller knows the kind an id names (``kind_of`` says it)."""
        self.kind_of: dict[str, str] = {}
        for name, items in self.collections.items():
            for item in items:
                self.by_id.setdefault(item.id, item)
                self.kind_of.setdefault(item.id, name)

    def __getattr__(self, name: str) -> list:
        if name in COLLECTIONS:
            return self.__dict__["collections"][name]
        raise AttributeError(name)

    def get(self, element_id: str) -> Any | None:
        return self.by_id.get(element_id)

    def origin(self, element_id: str) -> Origin:
        return self.origins.get(element_id, Origin(f"{self.root}/?", None))

    def elements(self) -> Iterator[tuple[str, Identified]]:
        """Every element with its collection name, in a stable order."""
        for name in COLLECTIONS:
            for item in self.collections[name]:
                yield name, item
