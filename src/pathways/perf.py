"""Performance helpers shared by the loader, the graph builder and the gap rules.

:func:`paused_gc` pauses Python's cyclic garbage collector while a model is loaded,
built into a graph or analysed. Those phases allocate millions of small acyclic objects
(dicts, strings, pydantic elements), and each allocation burst makes the collector
rescan everything still alive: at national scale (40,000 elements, 300,000 edges) that
doubled the time of ``pathways gaps``. Reference counting still frees every acyclic
object at once; only cycles wait, and the model holds none.

When the outermost pause ends, what it allocated and still holds is frozen
(:func:`gc.freeze`): moved to the collector's permanent generation, which it never
scans. Otherwise the first collection after the pause would scan all of it (0.5 s at
national scale, at the end of each phase). Reference counting still frees frozen
objects; only a cycle among them would stay until the process ends.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def paused_gc(freeze: bool = True) -> Iterator[None]:
    """Pause the cyclic garbage collector for the block; nested pauses are fine.

    ``freeze=False`` for a block whose allocations die with it (a Neo4j push's rows): what
    it leaves is collected as usual, so a cycle it made (in the driver) is not kept forever.

    >>> with paused_gc():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze:
                gc.freeze()
            gc.enable()


def without_gc(function: Callable[..., T]) -> Callable[..., T]:
    """Decorator: run ``function`` with the cyclic garbage collector paused."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with paused_gc():
            return function(*args, **kwargs)

    return wrapper
