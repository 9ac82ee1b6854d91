"""Where the elements behind findings stand in the model files: ``file:line`` per element id.

A YAML file read with positions gives the exact line. A file read by the fast path (no
positions kept, see :class:`pathways.model.yamlio.LazyNode`) is scanned once for its
``id:`` keys instead: parsing a big file again with positions would take minutes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pathways.model.model import Model
from pathways.model.positions import LazyNode

ID_KEY = re.compile(r"""(?m)^[ \t]*(?:-[ \t]*)?\{?[ \t]*["']?id["']?[ \t]*:[ \t]*["']?([^"',}\s]+)""")
"""An ``id:`` key that opens a line (YAML block or flow item, or a JSON object per line)."""


class _Index:
    """The line of the first ``id:`` key (:data:`ID_KEY`) naming each id in one file.

    The key opens its line and stays on it, so the file is matched line by line: much
    faster than searching the whole text for a line start, and the line number comes free.
    """

    def __init__(self, file: str):
        self.lines: dict[str, int] = {}
        match = ID_KEY.match
        with open(file, encoding="utf-8") as f:  # line by line: the file's text is never held whole
            for number, text in enumerate(f, start=1):
                found = match(text)
                if found is not None:
                    self.lines.setdefault(found.group(1), number)

    def line(self, element_id: str) -> int:
        return self.lines.get(element_id, 1)


@lru_cache(maxsize=32)
def _index(file: str, mtime: float) -> _Index:
    """The index of a file (``mtime`` keys the cache, so an edited file is read again)."""
    return _Index(file)


def element_location(model: Model, element_id: str) -> str:
    """``file:line`` of an element, or ``""`` for an id that is not in the model."""
    if model.get(element_id) is None:
        return ""
    origin = model.origin(element_id)
    if isinstance(origin.node, LazyNode):
        path = Path(origin.file)
        try:
            line = _index(str(path), path.stat().st_mtime).line(element_id)
        except OSError:
            line = 1
    else:
        line, _ = origin.where()
    return f"{origin.file}:{line}"


def locations(model: Model, findings: Iterable) -> dict[str, dict[str, str]]:
    """finding id -> element id -> ``file:line``, for the elements of each finding."""
    cache: dict[str, str] = {}
    out = {}
    for f in findings:
        where = {}
        for e in f.elements:
            if e not in cache:
                cache[e] = element_location(model, e)
            if cache[e]:
                where[e] = cache[e]
        out[f.id] = where
    return out
