"""A text without ``&`` is read in one pass (:func:`pathways.model.yamlio._parse_plain`, issue 15:
start-up): the same document, positions and problems as the checked way (:func:`parse_checked`)."""

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
LIMIT = yamlio.MAX_NESTING


def _shape(value: object) -> object:
    """A value with its positions, comparable with ``==`` (types kept: 1 and True differ)."""
    if isinstance(value, PosDict):
        return ("map", value.start, value.pos, [(_shape(k), _shape(v)) for k, v in value.items()])
    if isinstance(value, PosList):
        return ("seq", value.start, value.pos, [_shape(v) for v in value])
    return (type(value).__name__, repr(value))


def _outcome(parse, text: str) -> object:
    try:
        return _shape(parse(text, "f.yaml"))
    except ModelError as exc:
        return [str(problem) for problem in exc.problems]


def _alike(text: str) -> None:
    assert _outcome(yamlio.parse_yaml, text) == _outcome(yamlio.parse_checked, text)


def _files() -> list[Path]:
    paths = sorted((ROOT / "model").rglob("*.yaml")) + sorted((ROOT / "tests").rglob("*.yaml"))
    return [path for path in paths if path.read_bytes().isascii() or _utf8(path)]


def _utf8(path: Path) -> bool:
    try:
        path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_repository_reads_alike(path: Path):
    _alike(path.read_text(encoding="utf-8"))


def _nested(depth: int, flow: bool, in_key: bool = False) -> str:
    if flow:
        inner = "[" * depth + "1" + "]" * depth
        return f"? {inner}\n: x\n" if in_key else f"a: {inner}\n"
    return "".join(f"{'  ' * i}- \n" for i in range(depth - 1)) + f"{'  ' * (depth - 1)}- 1\n"


ODD = [
    "",
    "# only a comment\n",
    "a: 1\na: 2\n",
    "? [x]\n: 1\n",
    "a: {b: 1, b: 2}\n",
    "<<: {x: 1}\ny: 2\n",
    "a: {<<: 5, b: 1}\n",
    "a: {<<: [5], b: 1}\n",
    "a: *nowhere\n",
    "a: [1, 2\n",
    "a: 1\n---\nb: 2\n",
    "a:\n\t- 1\n",
    "a: !!python/object:os.system x\n",
    "when: 2026-02-30\nn: 0x1F\nf: .inf\nyes: no\n",
    "list: [1, 1.5, ~, 'single', !!str 12, !!binary aGVq]\nset: !!set {x, y}\npairs: !!omap [{k: 1}, {j: 2}]\n",
    "a: &x [1, 2]\nb: *x\n",
    "a: 'an & in a string'\n",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_documents_read_alike(text: str):
    _alike(text)


@pytest.mark.parametrize("depth", [LIMIT - 2, LIMIT - 1, LIMIT, LIMIT + 1, LIMIT + 2, 3 * LIMIT])
@pytest.mark.parametrize("flow", [False, True])
def test_nesting_about_the_limit_reads_alike(depth: int, flow: bool):
    _alike(_nested(depth, flow))
    _alike(f"top:\n  {_nested(depth, True)}")
    if flow:
        _alike(_nested(depth, flow, in_key=True))


def test_aliases_that_expand_too_far_are_refused_alike():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(6)
    )
    with pytest.raises(ModelError, match="aliases expand"):  # first: built, the document is huge
        yamlio.parse_yaml(bomb, "f.yaml")
    _alike(bomb)


@settings(max_examples=60, deadline=None, database=None)
@given(documents, st.booleans(), st.integers(min_value=0, max_value=3))
def test_any_document_reads_alike(doc: object, flow: bool, cut: int):
    text = yaml.safe_dump({"doc": doc}, default_flow_style=flow, allow_unicode=True)
    _alike(text)
    _alike(text[: len(text) * cut // 4])  # cut short: often not YAML any more
