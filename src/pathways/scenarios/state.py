"""The model while a scenario's changes apply: its collections, origins and where each id is.

Also who can refer to an element: a removal looks for references in every element of the
model. The ids the run removes are known when it starts, so each collection is read once,
when it is first searched, for the elements that can name any of them (:mod:`naming`'s
test, no dump); the elements put into it later are read one by one, and only the elements
that can name the removed id are dumped and walked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from pathways.model.model import Model, Origin
from pathways.model.schema import COLLECTIONS
from pathways.scenarios.naming import namer

_ID = attrgetter("id")


def dump_element(element) -> dict:
    """An element as plain data with every field (the form changes work on)."""
    return element.model_dump(mode="json", by_alias=True)


@dataclass
class State:
    """The model being changed. Its collections change only through :meth:`insert`,
    :meth:`put` and :meth:`delete` (the search for referrers relies on it)."""

    model: Model
    sought: frozenset[str] = frozenset()
    """The ids the run removes (a removal of another id reads the whole collection)."""
    collections: dict[str, list] = field(init=False)
    origins: dict[str, Origin] = field(init=False)
    where: dict[str, str] = field(init=False)
    _naming: dict[str, list[Any]] = field(init=False, default_factory=dict)
    """collection -> its elements that could name a sought id when it was first searched."""
    _put: dict[str, dict[int, Any]] = field(init=False, default_factory=dict)
    """collection -> id(element) -> element, for each element put into a collection after it
    was first searched (kept here, so that no other object takes its id)."""
    _positions: dict[str, dict[str, int]] = field(init=False, default_factory=dict)
    """collection -> id -> position, made when asked and kept up to date when the collection's
    elements move (an element added or removed: those after it; a replaced one keeps its place)."""

    def __post_init__(self) -> None:
        self.collections = {name: list(items) for name, items in self.model.collections.items()}
        self.origins = dict(self.model.origins)
        self.where = {}
        for name, items in self.collections.items():
            self.where.update(dict.fromkeys(map(_ID, items), name))  # as a comprehension: the last name of an id

    def _position(self, name: str, element_id: str) -> int | None:
        positions = self._positions.get(name)
        if positions is None:
            items = self.collections[name]
            positions = self._positions[name] = dict(zip(map(_ID, items), range(len(items)), strict=True))
        return positions.get(element_id)

    def index(self, name: str, element_id: str) -> int:
        """The position of an element in its collection (KeyError if it is not there)."""
        position = self._position(name, element_id)
        if position is None:
            raise KeyError(element_id)
        return position

    def _track(self, name: str, element) -> None:
        if name in self._naming:
            self._put.setdefault(name, {})[id(element)] = element

    def _moved(self, name: str, position: int) -> None:
        """The elements from ``position`` on have moved: their positions, if made, anew."""
        positions = self._positions.get(name)
        if positions is not None:
            items = self.collections[name]
            positions.update(zip(map(_ID, items[position:]), range(position, len(items)), strict=True))

    def insert(self, name: str, position: int, element) -> None:
        items = self.collections[name]
        items.insert(position, element)
        if 0 <= position < len(items):
            self._moved(name, position)
        else:  # a position counted from the end, or past it: made anew when asked
            self._positions.pop(name, None)
        self._track(name, element)

    def put(self, name: str, position: int, element) -> None:
        """``element`` in place of the one at ``position`` (an element with the same id)."""
        self.collections[name][position] = element
        self._track(name, element)

    def delete(self, name: str, position: int) -> None:
        items = self.collections[name]
        position = range(len(items))[position]  # from the start (IndexError as ``del`` gives)
        positions = self._positions.get(name)
        if positions is not None and len(positions) != len(items):
            del self._positions[name]  # an id twice: made anew when asked
            positions = None
        gone = items.pop(position).id
        if positions is not None:
            del positions[gone]
        self._moved(name, position)

    def _candidates(self, name: str, target: str) -> list[Any]:
        """Elements of a collection, some perhaps no longer in it, among which are all that
        name ``target``: those that could name a sought id when the collection was first
        searched and those put into it since (every element enters through :meth:`insert`
        or :meth:`put`), that can name ``target``; every element, when it is not sought."""
        names = namer(COLLECTIONS[name])
        if target not in self.sought:
            return [e for e in self.collections[name] if names(e, {target})]
        made = self._naming.get(name)
        if made is None:
            made = self._naming[name] = [e for e in self.collections[name] if names(e, self.sought)]
        return [e for e in [*made, *self._put.get(name, {}).values()] if names(e, {target})]

    def dumps_naming(self, target: str) -> dict[str, list[dict]]:
        """The elements (as plain data, per collection, in order) that can name ``target``.

        Every element that names ``target`` (a string field or a profile key) is among the
        candidates (:func:`~pathways.scenarios.naming.namer` reads every field
        ``references`` compares), each kept only if it is still in the collection: so
        ``references`` of these is ``references`` of the whole model.
        """
        found: dict[str, list[dict]] = {}
        for name, items in self.collections.items():
            live = {}
            for element in self._candidates(name, target):
                position = self._position(name, element.id)
                if position is not None and items[position] is element:
                    live[position] = element
            found[name] = [dump_element(live[p]) for p in sorted(live)]
        return found

    def build(self) -> Model:
        return Model(
            meta=self.model.meta,
            collections={name: list(items) for name, items in self.collections.items()},
            origins=dict(self.origins),
            meta_origin=self.model.meta_origin,
            root=self.model.root,
        )
