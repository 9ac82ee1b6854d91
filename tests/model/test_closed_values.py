"""An enum field checked as the literal of its values (``Annotated[E, Closed]``) validates as
the enum field with ``use_enum_values`` did: the same value (a plain ``str``) or the same
errors (type, place, message, input, expected), from JSON in strict mode (the fast path) and
from Python data in lax mode (the YAML path); and its JSON Schema is the enum's.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError, create_model

from pathways.model import enums
from pathways.model.enums import Closed, ModelJsonSchema
from pathways.model.schema import ModelFile, Strict

ENUMS = [e for e in vars(enums).values() if isinstance(e, type) and issubclass(e, Enum) and e is not Enum]
VALUES = sorted({m.value for e in ENUMS for m in e})


def _pair(enum: type[Enum]) -> tuple[type[Strict], type[Strict]]:
    """The same fields typed with the enum, and with the enum as closed values."""
    plain = create_model(f"Plain{enum.__name__}", __base__=Strict, one=(enum, ...), many=(list[enum], []))
    closed = create_model(
        f"Closed{enum.__name__}",
        __base__=Strict,
        one=(Annotated[enum, Closed], ...),
        many=(list[Annotated[enum, Closed]], []),
    )
    return plain, closed


PAIRS = {e: _pair(e) for e in ENUMS}
_value = st.one_of(st.sampled_from(VALUES), st.text(max_size=5), st.integers(-2, 2), st.none(), st.booleans())


def _outcome(validate) -> object:
    try:
        model = validate()
        return repr(model.__dict__), model.model_fields_set  # a str shows as 'x', a member as <E.x: 'x'>
    except ValidationError as exc:
        return [{k: v for k, v in e.items() if k != "url"} for e in exc.errors()]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(ENUMS), st.dictionaries(st.sampled_from(["one", "many"]), _value | st.lists(_value, max_size=3)))
def test_closed_values_validate_as_the_enum(enum, document):
    plain, closed = PAIRS[enum]
    text = json.dumps(document)
    assert _outcome(lambda: closed.model_validate_json(text, strict=True)) == _outcome(
        lambda: plain.model_validate_json(text, strict=True)
    )
    assert _outcome(lambda: closed.model_validate(document)) == _outcome(lambda: plain.model_validate(document))


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_closed_values_have_the_enums_json_schema(enum):
    plain, closed = PAIRS[enum]
    ours = json.dumps(closed.model_json_schema(schema_generator=ModelJsonSchema))
    assert ours == json.dumps(plain.model_json_schema()).replace(plain.__name__, closed.__name__)


def _validated_kinds(node: object) -> list[str]:
    """The type of every node of a core schema that validates (metadata left out)."""
    if isinstance(node, list):
        return [kind for item in node for kind in _validated_kinds(item)]
    if not isinstance(node, dict):
        return []
    own = [node["type"]] if isinstance(node.get("type"), str) else []
    return own + [kind for key, value in node.items() if key != "metadata" for kind in _validated_kinds(value)]


def test_every_enum_field_of_the_format_is_closed():
    """No field is left validated through the enum (its ``value`` property read per value)."""
    ModelFile.model_rebuild()
    kinds = _validated_kinds(ModelFile.__pydantic_core_schema__)
    assert "enum" not in kinds
