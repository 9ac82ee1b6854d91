"""The loader's bulk paths give what the element-by-element loops give.

* ``Model`` indexes a collection with no id seen before with two ``dict.update`` calls;
  otherwise, element by element, the first element of an id keeps it.
* ``_Gathered.add`` adds a JSON file's collection at once when no id repeats; otherwise
  the loop places each duplicate.
* ``_most_keys`` skips the search for a key spaced from its colon when every colon
  follows a quote.

Random ids from a small alphabet make duplicates within and across collections common.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathways.model.read as read
from pathways.model.jsonfast import _most_keys
from pathways.model.model import Model
from pathways.model.positions import LazyDoc
from pathways.model.schema import COLLECTIONS, Meta, ModelFile

_ids = st.lists(st.sampled_from("abcdefg"), max_size=6)
_collections = st.dictionaries(st.sampled_from(["sources", "roles", "events", "needs"]), _ids, max_size=4)


def _elements(name: str, ids: list[str]) -> list:
    return [COLLECTIONS[name].model_construct(id=i) for i in ids]


def _meta() -> Meta:
    return Meta.model_construct(id="m")


@settings(max_examples=200, deadline=None)
@given(_collections)
def test_model_index_equals_the_loop(collections):
    model = Model(meta=_meta(), collections={n: _elements(n, ids) for n, ids in collections.items()})
    by_id: dict = {}
    kind_of: dict = {}
    for name, items in model.collections.items():
        for item in items:
            by_id.setdefault(item.id, item)
            kind_of.setdefault(item.id, name)
    assert list(model.kind_of.items()) == list(kind_of.items())
    assert [(k, id(v)) for k, v in model.by_id.items()] == [(k, id(v)) for k, v in by_id.items()]


def _gather(files: list[ModelFile], bulk: bool, monkeypatch) -> read._Gathered:
    if not bulk:
        monkeypatch.setattr(read._Gathered, "_add_new", lambda *args: False)
    gathered = read._Gathered()
    for number, parsed in enumerate(files):
        display = f"f{number}.yaml"
        gathered.add(parsed, LazyDoc(Path("/nonexistent") / display, display), display)
    monkeypatch.undo()
    return gathered


@settings(max_examples=200, deadline=None)
@given(st.lists(_collections, min_size=1, max_size=3))
def test_gathering_equals_the_loop(files):
    parsed = [ModelFile.model_construct(**{n: _elements(n, ids) for n, ids in c.items()}) for c in files]
    monkeypatch = pytest.MonkeyPatch()
    bulk, loop = _gather(parsed, True, monkeypatch), _gather(parsed, False, monkeypatch)
    assert {n: [id(e) for e in items] for n, items in bulk.collections.items()} == {
        n: [id(e) for e in items] for n, items in loop.collections.items()
    }
    assert [(k, o.file, o.node.path) for k, o in bulk.origins.items()] == [
        (k, o.file, o.node.path) for k, o in loop.origins.items()
    ]
    assert bulk.problems == loop.problems


_SPACED_KEY = re.compile(rb'"\s+:')


def _most_keys_searching(text: bytes) -> int | None:
    """``_most_keys`` as it was: the text always searched for a key spaced from its colon."""
    escaped = 0
    if b"\\" in text:
        if b"\\\\" in text:
            return None
        escaped = text.count(b'\\":')
    if (b'" ' in text or b'"\n' in text) and _SPACED_KEY.search(text):
        return None
    return text.count(b'":') - escaped


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(['"', ":", " ", "\n", "\\", "a", "{", "}", '":', '" :', '"\n:', ","]), max_size=30))
def test_most_keys_equals_the_search(parts):
    text = "".join(parts).encode()
    assert _most_keys(text) == _most_keys_searching(text)
