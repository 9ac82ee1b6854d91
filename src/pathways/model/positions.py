"""Positions of what a model file holds: mappings and lists that know their (line, column),
and a file's positions read only when a problem must be located.

Kept apart from the YAML reader (:mod:`pathways.model.yamlio`) so that a model read back
from the cache (:mod:`pathways.cache`) needs neither PyYAML nor the reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pathways.model.errors import ModelError


class PosDict(dict):
    """A mapping with ``start`` (line, col) and ``pos[key]`` (line, col) of each key."""

    start: tuple[int, int] = (1, 1)
    pos: dict

    def where(self, key: object) -> tuple[int, int]:
        return self.pos.get(key, self.start)


class PosList(list):
    """A list with ``start`` (line, col) and ``pos[i]`` (line, col) of each item."""

    start: tuple[int, int] = (1, 1)
    pos: list

    def where(self, index: int) -> tuple[int, int]:
        return self.pos[index] if 0 <= index < len(self.pos) else self.start


class LazyDoc:
    """The position-carrying document of one file, read with :func:`load_yaml` on first use."""

    __slots__ = ("_doc", "_read", "display", "path")

    def __init__(self, path: Path, display: str):
        self.path, self.display = path, display
        self._doc: object = None
        self._read = False

    def get(self) -> object:
        from pathways.model.yamlio import load_yaml

        if not self._read:
            self._read = True
            try:
                self._doc = load_yaml(self.path, self.display)
            except ModelError:
                self._doc = None
        return self._doc


class LazyNode:
    """A node of a :class:`LazyDoc` at a path of keys and indices; resolved when asked for a position."""

    __slots__ = ("doc", "path")

    def __init__(self, doc: LazyDoc, path: tuple):
        self.doc, self.path = doc, path

    def resolve(self) -> PosDict | PosList | None:
        node: Any = self.doc.get()
        for step in self.path:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return None
        return node if isinstance(node, (PosDict, PosList)) else None

    @property
    def start(self) -> tuple[int, int]:
        node = self.resolve()
        return node.start if node is not None else (1, 1)

    def where(self, key: str | int) -> tuple[int, int]:
        node = self.resolve()
        if isinstance(node, PosDict):
            return node.where(key)
        if isinstance(node, PosList):
            return node.where(key) if isinstance(key, int) else node.start
        return (1, 1)
