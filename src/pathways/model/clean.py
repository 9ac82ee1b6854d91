"""Which models are known to be clean: models whose cross-element checks found no problem,
as long as their collections still hold the elements that were checked.

The loader marks each model it returns (read and checked, or read back from the cache,
which keeps only valid models); what-if marks the changed models it proved clean. Elements
are frozen, so a model whose collections hold the same elements is the model that was
checked. The marks live in this process only, and go with their model.
"""

from __future__ import annotations

import weakref
from typing import Any

from pathways.model.model import Model

_known: dict[int, tuple[weakref.ref[Model], Any, dict[str, tuple]]] = {}
"""id(model) -> (the model, its header and its collections as they were when it was marked)."""


def _snapshot(m: Model) -> tuple[Any, dict[str, tuple]]:
    return m.meta, {name: tuple(items) for name, items in m.collections.items()}


def mark_clean(m: Model) -> Model:
    """Record that ``m``, as it is now, has no cross-element problem; ``m`` is returned."""
    key = id(m)
    if key not in _known:
        weakref.finalize(m, _known.pop, key, None)
    _known[key] = (weakref.ref(m), *_snapshot(m))
    return m


def is_clean(m: Model) -> bool:
    """Whether ``m`` was marked clean and still holds the elements it held then."""
    kept = _known.get(id(m))
    if kept is None or kept[0]() is not m:
        return False
    meta, collections = _snapshot(m)
    return meta is kept[1] and collections == kept[2]
