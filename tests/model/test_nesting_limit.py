"""The nesting limit is ours: the same message and exit code whatever PyYAML and libyaml do.

Depths just past :data:`MAX_NESTING` are composed by libyaml and caught by our walk of the
node tree; depths far past it make some libyaml versions fail in their scanner (with a
message of their own) and older ones recurse too deep; both must end in our message.
"""

from __future__ import annotations

from typing import ClassVar

import pytest
import yaml

from pathways.model import yamlio
from pathways.model.errors import ModelError


def nested(depth: int) -> str:
    return "grey_zones: " + "[" * depth + "]" * depth + "\n"


def problem_of(text: str):
    with pytest.raises(ModelError) as caught:
        yamlio.parse_yaml(text, "model/deep.yaml")
    (problem,) = caught.value.problems
    return problem


@pytest.mark.parametrize("depth", [yamlio.MAX_NESTING, yamlio.MAX_NESTING + 1, 3000])
def test_depth_past_the_limit_is_refused_at_the_first_level_too_deep(depth):
    # The mapping is level 1, so a list depth of MAX_NESTING already is one level too deep.
    problem = problem_of(nested(depth))
    assert (problem.line, problem.col) == (1, len("grey_zones: ") + yamlio.MAX_NESTING)
    assert str(yamlio.MAX_NESTING) in problem.message


def test_depth_at_the_limit_is_read():
    doc = yamlio.parse_yaml(nested(yamlio.MAX_NESTING - 1), "model/deep.yaml")
    inner = doc["grey_zones"]
    for _ in range(yamlio.MAX_NESTING - 2):
        (inner,) = inner
    assert inner == []


@pytest.mark.parametrize("depth", [yamlio.MAX_NESTING + 1, 3000])
def test_same_answer_with_the_pure_python_parser(monkeypatch, depth):
    class PurePosLoader(yaml.SafeLoader):
        yaml_constructors: ClassVar[dict] = dict(yamlio._PosLoader.yaml_constructors)

    monkeypatch.setattr(yamlio, "_PosLoader", PurePosLoader)
    problem = problem_of(nested(depth))
    assert (problem.line, problem.col) == (1, len("grey_zones: ") + yamlio.MAX_NESTING)


def test_a_syntax_error_is_not_taken_for_nesting():
    problem = problem_of("grey_zones: [[1]\n")
    assert "nested" not in problem.message
    assert problem.message.startswith("YAML syntax")
