"""The namer, a test per element class made from the schema, accepts an element exactly when it
names an id as ``references`` reads it (or the id is its own): checked on every string of every
element of the bundled model and of a small synthetic one, and on parts they leave out."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.model.load import load_model
from pathways.model.model import Model
from pathways.model.schema import COLLECTIONS, Gate, Handover, Reject
from pathways.scenarios.naming import _kind, namer
from pathways.scenarios.references import references
from pathways.scenarios.state import dump_element
from pathways.synth import synthesize, write_synth
from tests.cases.helpers import bundled


@lru_cache(maxsize=1)
def small() -> Model:
    with tempfile.TemporaryDirectory() as out:
        write_synth(synthesize(2, 6, 0), Path(out), scenarios=False)
        return load_model(out)


def _strings(data: Any) -> Iterator[str]:
    """Every string in plain data, and every key of a mapping: more than ``references`` compares."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, str):
        yield data


@pytest.mark.parametrize("which", ["bundled", "small"])
def test_an_element_is_accepted_exactly_when_it_names_the_id(which):
    model = bundled() if which == "bundled" else small()
    checked = 0
    for name, items in model.collections.items():
        names = namer(COLLECTIONS[name])
        for element in items:
            data = dump_element(element)
            for s in set(_strings(data)) - {element.id}:
                named = bool(references({name: [data]}, s))
                checked += named
                assert names(element, {s}) == named, (name, element.id, s)
                assert names(element, frozenset({s, "\x00not-an-id"})) == named
    assert checked > 1000


def _handover(base: Handover, value: str, where: str) -> Handover:
    """``base`` with ``value`` in one of the parts it may lack (made whole, then validated)."""
    data = dump_element(base)
    if where == "gate.by":
        data["gate"] = Gate(by=value, criteria="c").model_dump()
    elif where == "gate.criteria":
        data["gate"] = Gate(by="r", criteria=value).model_dump()
    elif where == "on_reject.to":
        data["on_reject"] = Reject(to=value).model_dump()
    else:
        data["on_reject"] = Reject(escalation=value).model_dump()
    return Handover.model_validate(data)


@settings(max_examples=40, deadline=None)
@given(
    value=st.from_regex(r"\A[a-zå0-9\-\"\\]{1,8}\Z"),
    where=st.sampled_from(["gate.by", "gate.criteria", "on_reject.to", "on_reject.escalation"]),
)
def test_a_part_the_element_may_lack_is_read(value, where):
    names = namer(Handover)
    for base in bundled().handovers[:3]:
        handover = _handover(base, value, where)
        if value == handover.id:
            continue
        assert bool(references({"handovers": [dump_element(handover)]}, value))
        assert names(handover, {value})


def test_a_field_of_an_unknown_kind_is_refused():
    with pytest.raises(TypeError):
        _kind(dict[str, int], "weights")
    with pytest.raises(TypeError):
        _kind(list[str] | None, "maybe")
    with pytest.raises(TypeError):
        _kind(float, "share")
