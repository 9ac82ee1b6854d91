"""The model while a scenario's changes apply: its collections, origins and where each id is.

Also who can refer to an element: a removal looks for references in every element of the
model, so the JSON of each collection's elements is made once, one element a line, when it
is first searched; the elements put into it later are searched one by one, and only the
elements whose JSON holds the removed id are dumped and walked.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter
from typing import Any

from pydantic_core import to_json

from pathways.model.model import Model, Origin

_ID = attrgetter("id")


def dump_element(element) -> dict:
    """An element as plain data with every field (the form changes work on)."""
    return element.model_dump(mode="json", by_alias=True)


def _json(element) -> bytes:
    return element.__pydantic_serializer__.to_json(element, by_alias=True)


@dataclass(frozen=True)
class _Text:
    """A collection's elements as they were when it was first searched, their JSON one a
    line (an element's JSON has no line break) and where each line starts."""

    elements: list[Any]
    text: bytes
    starts: list[int]

    @classmethod
    def of(cls, elements: list[Any]) -> _Text:
        lines = [_json(e) for e in elements]
        starts = [0, *accumulate(len(line) + 1 for line in lines)][: len(lines)]
        return cls(list(elements), b"\n".join(lines), starts)

    def holding(self, needle: bytes) -> list[Any]:
        """The elements whose JSON holds ``needle``, in order."""
        text, starts, hits = self.text, self.starts, []
        at = text.find(needle)
        while at != -1:
            line = bisect_right(starts, at) - 1
            hits.append(self.elements[line])
            at = text.find(needle, starts[line + 1]) if line + 1 < len(starts) else -1
        return hits


@dataclass
class State:
    """The model being changed. Its collections change only through :meth:`insert`,
    :meth:`put` and :meth:`delete` (the search for referrers relies on it)."""

    model: Model
    collections: dict[str, list] = field(init=False)
    origins: dict[str, Origin] = field(init=False)
    where: dict[str, str] = field(init=False)
    _texts: dict[str, _Text] = field(init=False, default_factory=dict)
    _put: dict[str, dict[int, tuple[Any, bytes]]] = field(init=False, default_factory=dict)
    """collection -> id(element) -> (element, its JSON), for each element put into a collection
    after its text was made (kept here, so that no other object takes its id)."""
    _positions: dict[str, dict[str, int]] = field(init=False, default_factory=dict)
    """collection -> id -> position, made when asked and kept up to date when the collection's
    elements move (an element added or removed: those after it; a replaced one keeps its place)."""

    def __post_init__(self) -> None:
        self.collections = {name: list(items) for name, items in self.model.collections.items()}
        self.origins = dict(self.model.origins)
        self.where = {item.id: name for name, items in self.collections.items() for item in items}

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
        if name in self._texts:
            self._put.setdefault(name, {})[id(element)] = (element, _json(element))

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

    def dumps_naming(self, target: str) -> dict[str, list[dict]]:
        """The elements (as plain data, per collection, in order) that can name ``target``.

        Every field that names ``target`` (a string value or a profile key) is in the
        element's JSON as ``target`` in JSON (no line break in either), so the elements
        without it cannot name it: ``references`` of these is ``references`` of the whole
        model. The candidates are those of the collection's text and those put into it
        since, each kept only if it is still in the collection.
        """
        needle = to_json(target)
        found: dict[str, list[dict]] = {}
        for name, items in self.collections.items():
            made = self._texts.get(name)
            if made is None:
                made = self._texts[name] = _Text.of(items)
            candidates = made.holding(needle)
            candidates += [e for e, text in self._put.get(name, {}).values() if needle in text]
            live = {}
            for element in candidates:
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
