"""The model while a scenario's changes apply: its collections, origins and where each id is.

Also who can refer to an element: a removal looks for references in every element of the
model, so each element's JSON is made once (and again only when the element is changed)
and only the elements whose JSON holds the removed id are dumped and walked.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from pydantic_core import to_json

from pathways.model.model import Model, Origin


def dump_element(element) -> dict:
    """An element as plain data with every field (the form changes work on)."""
    return element.model_dump(mode="json", by_alias=True)


@dataclass
class State:
    model: Model
    collections: dict[str, list] = field(init=False)
    origins: dict[str, Origin] = field(init=False)
    where: dict[str, str] = field(init=False)
    _json: dict[int, bytes] = field(init=False, default_factory=dict)
    """id(element) -> its JSON, for each element in ``_kept`` (so that no other takes its id)."""
    _kept: list[Any] = field(init=False, default_factory=list)
    _texts: dict[str, tuple[list[int], bytes, list[int]]] = field(init=False, default_factory=dict)
    """collection -> (ids of its elements, their JSON one a line, where each line starts)."""
    _positions: dict[str, dict[str, int]] = field(init=False, default_factory=dict)
    """collection -> id -> position, made when asked and dropped when the collection's
    elements move (an element added or removed; a replaced one keeps its place)."""

    def __post_init__(self) -> None:
        self.collections = {name: list(items) for name, items in self.model.collections.items()}
        self.origins = dict(self.model.origins)
        self.where = {item.id: name for name, items in self.collections.items() for item in items}

    def index(self, name: str, element_id: str) -> int:
        """The position of an element in its collection (KeyError if it is not there)."""
        positions = self._positions.get(name)
        if positions is None:
            positions = self._positions[name] = {item.id: i for i, item in enumerate(self.collections[name])}
        return positions[element_id]

    def insert(self, name: str, position: int, element) -> None:
        self.collections[name].insert(position, element)
        self._positions.pop(name, None)

    def delete(self, name: str, position: int) -> None:
        del self.collections[name][position]
        self._positions.pop(name, None)

    def _json_of(self, element) -> bytes:
        found = self._json.get(id(element))
        if found is None:
            self._kept.append(element)
            found = self._json[id(element)] = element.__pydantic_serializer__.to_json(element, by_alias=True)
        return found

    def _text(self, name: str) -> tuple[bytes, list[int]]:
        """The JSON of a collection's elements, one a line, and where each line starts;
        made again only when an element of the collection is another object."""
        items = self.collections[name]
        ids = list(map(id, items))
        made = self._texts.get(name)
        if made is None or made[0] != ids:
            lines = [self._json_of(e) for e in items]
            starts, at = [], 0
            for line in lines:
                starts.append(at)
                at += len(line) + 1
            made = self._texts[name] = (ids, b"\n".join(lines), starts)
        return made[1], made[2]

    def dumps_naming(self, target: str) -> dict[str, list[dict]]:
        """The elements (as plain data, per collection, in order) that can name ``target``.

        Every field that names ``target`` (a string value or a profile key) is in the
        element's JSON as ``target`` in JSON (no line break in either), so the elements
        without it cannot name it: ``references`` of these is ``references`` of the whole model.
        """
        needle = to_json(target)
        found: dict[str, list[dict]] = {}
        for name, items in self.collections.items():
            text, starts = self._text(name)
            hits, at = [], text.find(needle)
            while at != -1:
                index = bisect_right(starts, at) - 1
                hits.append(dump_element(items[index]))
                at = text.find(needle, starts[index + 1]) if index + 1 < len(starts) else -1
            found[name] = hits
        return found

    def build(self) -> Model:
        return Model(
            meta=self.model.meta,
            collections={name: list(items) for name, items in self.collections.items()},
            origins=dict(self.origins),
            meta_origin=self.model.meta_origin,
            root=self.model.root,
        )
