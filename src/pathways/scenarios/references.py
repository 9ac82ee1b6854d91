"""Who points at an element: the references a removal would leave dangling, and dropping them.

A reference is any field of an element whose value is another element's id: a scalar
(``owner``, ``gate.by``, ``source.doc``), an item of a list (``needs.2``, ``handovers.0``)
or, for a dimension, a key of a profile (``profile.alder``). Free texts (``label``,
``note``) and the values of a profile (values of a dimension, not elements) are not
references.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

TEXT_FIELDS = frozenset({"id", "label", "note", "rationale", "quote", "section"})
PROFILE_FIELDS = frozenset({"profile", "applies_to"})


@dataclass(frozen=True)
class Reference:
    """``element`` (in ``collection``) points at the removed id through ``path``."""

    element: str
    collection: str
    path: tuple[str | int, ...]

    @property
    def field(self) -> str:
        return ".".join(str(p) for p in self.path)


def _walk(data: Any, target: str, path: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if not path and key in TEXT_FIELDS:
                continue
            if key in PROFILE_FIELDS and isinstance(value, dict):
                yield from ((*path, key, dim) for dim in value if dim == target)
                continue
            yield from _walk(value, target, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, target, (*path, index))
    elif data == target:
        yield path


def references(collections: dict[str, list[dict]], target: str) -> list[Reference]:
    """Every field of every element (as plain data, per collection) that names ``target``."""
    return [
        Reference(item["id"], name, path)
        for name, items in collections.items()
        for item in items
        if item.get("id") != target
        for path in _walk(item, target, ())
    ]


def drop(data: dict, paths: list[tuple[str | int, ...]]) -> dict:
    """``data`` (changed in place and returned) without the references at ``paths``: a list
    item is taken out, a profile dimension left out, a scalar field cleared (``None``)."""
    for path in sorted(paths, key=lambda p: [(0, s) if isinstance(s, int) else (1, str(s)) for s in p], reverse=True):
        container: Any = data
        for step in path[:-1]:
            container = container[step]
        last = path[-1]
        if isinstance(container, list) or path[-2:-1] in (("profile",), ("applies_to",)):
            del container[last]
        else:
            container[last] = None
    return data
