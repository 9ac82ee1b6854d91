"""Property: the positions ``load_yaml`` remembers point at the text they came from."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.model.positions import PosDict, PosList
from pathways.model.yamlio import load_yaml

KEY_CHARS = "abcdefghijklmnopqrstuvwxyzåäöABCÅÄÖ0123456789_-"
keys = st.text(KEY_CHARS, min_size=1, max_size=16)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10_000, 10_000),
    st.text(KEY_CHARS + " .:/", max_size=24),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(keys, children, max_size=5),
    ),
    max_leaves=40,
)
top_level = st.dictionaries(keys, documents, min_size=1, max_size=5)


def walk(node, path=()):
    """Every (path, PosDict or PosList) inside a loaded document."""
    if isinstance(node, PosDict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, (*path, key))
    elif isinstance(node, PosList):
        yield path, node
        for index, value in enumerate(node):
            yield from walk(value, (*path, index))


def starts_with_key(text: str, key: str) -> bool:
    """The key stands here: plain, or quoted as safe_dump quotes keys that look like numbers or booleans."""
    return text.startswith((key, f"'{key}'", f'"{key}"'))


@settings(max_examples=60, deadline=None)
@given(data=top_level, flow=st.sampled_from([False, None, True]))
def test_key_positions_point_at_the_key(data, flow):
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, sort_keys=False)
    lines = text.splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.yaml"
        path.write_text(text, encoding="utf-8")
        loaded = load_yaml(path)
    assert loaded == data
    assert isinstance(loaded, PosDict)
    seen_keys = 0
    for where_from, node in walk(loaded):
        if not isinstance(node, PosDict):
            continue
        assert set(node.pos) == set(node), where_from
        for key in node:
            line, col = node.where(key)
            assert 1 <= line <= len(lines), (where_from, key, line)
            assert key in lines[line - 1], (where_from, key, line, text)
            assert starts_with_key(lines[line - 1][col - 1 :], key), (where_from, key, line, col, text)
            seen_keys += 1
    assert seen_keys >= len(data)


@settings(max_examples=40, deadline=None)
@given(data=top_level)
def test_list_item_positions_point_at_the_item(data):
    """Each list item's position is where the item starts (block style: after its '- ')."""
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=False, sort_keys=False)
    lines = text.splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.yaml"
        path.write_text(text, encoding="utf-8")
        loaded = load_yaml(path)
    for where_from, node in walk(loaded):
        if not isinstance(node, PosList):
            continue
        assert len(node.pos) == len(node), where_from
        for index, item in enumerate(node):
            line, col = node.where(index)
            assert lines[line - 1][: col - 1].rstrip().endswith("-"), (where_from, index, text)
            if isinstance(item, str) and item and item == item.strip() and " " not in item:
                assert item in lines[line - 1], (where_from, index, text)
            if isinstance(item, PosDict) and item:
                first = next(iter(item))
                assert item.where(first) == (line, col), (where_from, index, text)
