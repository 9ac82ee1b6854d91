"""The model while a scenario's changes apply: its collections, origins and where each id is.

Also who can refer to an element: a removal looks for references in every element of the
model, so each element's JSON is made once (and again only when the element is changed)
and only the elements whose JSON holds the removed id are dumped and walked.
"""

from __future__ import annotations

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

    def __post_init__(self) -> None:
        self.collections = {name: list(items) for name, items in self.model.collections.items()}
        self.origins = dict(self.model.origins)
        self.where = {item.id: name for name, items in self.collections.items() for item in items}

    def index(self, name: str, element_id: str) -> int:
        for i, item in enumerate(self.collections[name]):
            if item.id == element_id:
                return i
        raise KeyError(element_id)

    def _json_of(self, element) -> bytes:
        self._kept.append(element)
        made = self._json[id(element)] = element.__pydantic_serializer__.to_json(element, by_alias=True)
        return made

    def dumps_naming(self, target: str) -> dict[str, list[dict]]:
        """The elements (as plain data, per collection, in order) that can name ``target``.

        Every field that names ``target`` (a string value or a profile key) is in the
        element's JSON as ``target`` in JSON, so the elements without it cannot name it:
        ``references`` of these is ``references`` of the whole model.
        """
        needle, made, make = to_json(target), self._json.get, self._json_of
        return {
            name: [dump_element(e) for e in items if needle in (made(id(e)) or make(e))]
            for name, items in self.collections.items()
        }

    def build(self) -> Model:
        return Model(
            meta=self.model.meta,
            collections={name: list(items) for name, items in self.collections.items()},
            origins=dict(self.origins),
            meta_origin=self.model.meta_origin,
            root=self.model.root,
        )
