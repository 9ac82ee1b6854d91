"""The YAML reader's own construction (:func:`pathways.model.yamlio._construct`, issue 15:
start-up) makes what PyYAML's ``construct_document`` makes: the same values, mappings and
lists with the same positions, a node met twice through an alias made once, the same errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.model.yaml_documents import documents

from pathways.model import yamlio
from pathways.model.errors import ModelError
from pathways.model.positions import PosDict, PosList

ROOT = Path(__file__).resolve().parents[2]


def _both(text: str) -> tuple[object, object]:
    """(PyYAML's construction, the reader's) of one document."""
    made = []
    for own in (False, True):
        loader = yamlio._PosLoader(text)
        try:
            root = loader.get_single_node()
            if root is None:  # an empty file: parse_yaml reads it as None before any construction
                made.append(None)
                continue
            made.append(yamlio._construct(loader, root) if own else loader.construct_document(root))
        finally:
            loader.dispose()
    return made[0], made[1]


def _same(a: object, b: object, path: str = "$") -> None:
    assert type(a) is type(b), path
    if isinstance(a, (PosDict, PosList)):
        assert (a.start, a.pos) == (b.start, b.pos), path  # type: ignore[attr-defined]
    if isinstance(a, dict):
        assert list(a) == list(b), path
        for key in a:
            _same(a[key], b[key], f"{path}.{key}")  # type: ignore[index]
    elif isinstance(a, list):
        assert len(a) == len(b), path  # type: ignore[arg-type]
        for i, (x, y) in enumerate(zip(a, b, strict=True)):  # type: ignore[call-overload]
            _same(x, y, f"{path}[{i}]")
    else:
        assert a == b, path


def _constructed(path: Path) -> bool:
    """Whether the reader constructs the file's document: UTF-8 text (the invalid corpus holds one
    that is not) that neither expands through aliases too far nor nests too deep (refused before)."""
    try:
        yamlio.parse_yaml(path.read_text(encoding="utf-8"), str(path))
    except UnicodeDecodeError:
        return False
    except ModelError as exc:
        return not any("aliases expand" in p.message or "nested more than" in p.message for p in exc.problems)
    return True


def _texts() -> list[Path]:
    """The YAML files of the repository whose document the reader constructs."""
    paths = sorted((ROOT / "model").rglob("*.yaml")) + sorted((ROOT / "tests").rglob("*.yaml"))
    return [path for path in paths if _constructed(path)]


@pytest.mark.parametrize("path", _texts())
def test_every_model_file_of_the_repository_is_made_alike(path: Path):
    text = path.read_text(encoding="utf-8")
    try:
        old, new = _both(text)
    except yaml.YAMLError as exc:  # a file of the invalid corpus: both refuse it alike
        with pytest.raises(yaml.YAMLError) as own:
            loader = yamlio._PosLoader(text)
            yamlio._construct(loader, loader.get_single_node())
        assert str(own.value) == str(exc)
        return
    _same(old, new)


TRICKY = """
base: &base {kind: unit, entry: false, n: 0x1F, when: 2026-02-30, at: 2026-01-01 10:00:00}
first:
  <<: *base
  id: a
  list: &items [1, 1.5, .inf, ~, yes, "quoted", 'single', !!str 12, !!binary aGVq]
second: {<<: [*base], id: b, items: *items, set: !!set {x, y}, pairs: !!omap [{k: 1}, {j: 2}]}
3: three
"""


def test_aliases_merges_and_tagged_values_are_made_alike():
    old, new = _both(TRICKY)
    _same(old, new)
    assert new["first"]["list"] is new["second"]["items"]  # type: ignore[index]  # one list, as PyYAML makes it
    assert new["first"]["when"] == "2026-02-30"  # type: ignore[index]  # dates stay text


@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "? [x]\n: 1\n", "a: {b: 1, b: 2}\n"])
def test_a_bad_key_is_refused_with_the_same_message_and_place(text: str):
    messages = []
    for own in (False, True):
        loader = yamlio._PosLoader(text)
        root = loader.get_single_node()
        with pytest.raises(yaml.constructor.ConstructorError) as exc:
            yamlio._construct(loader, root) if own else loader.construct_document(root)
        messages.append((str(exc.value), exc.value.problem_mark.line, exc.value.problem_mark.column))  # type: ignore[union-attr]
    assert messages[0] == messages[1]


@settings(max_examples=40, deadline=None, database=None)
@given(documents, st.booleans())
def test_any_document_is_made_alike(doc: object, flow: bool):
    _same(*_both(yaml.safe_dump({"doc": doc}, default_flow_style=flow, allow_unicode=True)))
