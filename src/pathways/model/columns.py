"""The handover fields the graph rules read, held in columns: plain lists in model order.

The gap rules that follow handovers from unit to unit (the handover index of
:mod:`pathways.analysis.handover_graph`, PW113-PW117) read five fields of every handover.
Each handover is a pydantic object with a ``__dict__`` of its own and a nested
``on_reject``; at four times national their 100,000 objects are some 150 MB, far past the
processor's cache, and every field read there is a miss (``benchmarks/LINEAR.md``). The
columns hold references to the same strings and lists side by side, one list per field,
so that a pass over the handovers walks a few dense lists instead of the objects.

:func:`handover_columns` builds them in one pass; :func:`columns_of` keeps them on the
model, built on first use. A loader may build them while it creates the handovers (each
object is then in the cache already) and attach them with :func:`attach_columns`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pathways.model.model import Model


@dataclass
class HandoverColumns:
    """The handovers of a model field by field, side by side (position ``i`` is the ``i``-th handover)."""

    ids: list[str]
    senders: list[str]
    receivers: list[str]
    needs: list[list[str]]
    """Each handover's own ``needs`` list (shared with the element: read it, do not change it)."""
    rejected_to: list[str | None]
    """``on_reject.to``, or None when the handover has no rejection path with a target."""


def handover_columns(handovers: Iterable[Any]) -> HandoverColumns:
    """The columns of ``handovers`` (in their order).

    >>> from pathways.model.schema import Handover
    >>> h = Handover.model_validate({"id": "h", "from": "a", "to": "b", "trigger": "t", "mode": "referral",
    ...     "needs": ["n"], "label": {"sv": "h", "en": "h"}, "source": {"doc": "d"}, "status": "agreement"})
    >>> handover_columns([h])
    HandoverColumns(ids=['h'], senders=['a'], receivers=['b'], needs=[['n']], rejected_to=[None])
    """
    columns = HandoverColumns([], [], [], [], [])
    ids, senders, receivers, needs, rejected_to = (
        columns.ids.append,
        columns.senders.append,
        columns.receivers.append,
        columns.needs.append,
        columns.rejected_to.append,
    )
    for h in handovers:
        ids(h.id)
        senders(h.from_)
        receivers(h.to)
        needs(h.needs)
        reject = h.on_reject
        rejected_to(reject.to if reject is not None else None)
    return columns


def attach_columns(model: Model, columns: HandoverColumns) -> None:
    """Keep ``columns`` (built from ``model.handovers``, in their order) on the model for :func:`columns_of`."""
    model.__dict__["handover_columns"] = columns


def columns_of(model: Model) -> HandoverColumns:
    """The handover columns of a model: those attached, or built now from its handovers and kept."""
    found = model.__dict__.get("handover_columns")
    if found is None:
        found = handover_columns(model.handovers)
        attach_columns(model, found)
    return found
