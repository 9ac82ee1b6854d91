"""Fast path: model files that are JSON.

A national-scale model is tens of megabytes; libyaml with positions reads about 1 MB/s
in Python, json about 100 MB/s. JSON is a subset of YAML, so a model file that is JSON
(``pathways synth`` writes such files) is read without YAML when YAML would read it the
same way, and the positions are left for later: :class:`~pathways.model.yamlio.LazyNode` reads the file again
with :func:`~pathways.model.yamlio.load_yaml` only when a problem must be located. Any doubt (a float, a
surrogate escape, a character YAML treats differently, a duplicate key, tabs or
carriage returns between tokens) sends the file down the YAML path, so a file reads to
the same data and the same problems either way.

:func:`read_json_model` validates the text with pydantic's own JSON parser at once
(``model_validate_json``: no Python dicts built first, half the time of ``json`` and
``model_validate``), in strict mode, so that a float (or NaN) never stands for an
integer; then the keys in the text must number as many as the validated document was
given (a key given twice leaves one fewer). When either check fails, the file is read by
:func:`read_json_compatible` and validated as before; strict mode only refuses what the
usual mode would turn into something else, so both give the same elements.
"""

from __future__ import annotations

import json
import re
from enum import Enum
from itertools import chain
from operator import attrgetter
from pathlib import Path
from types import UnionType
from typing import Annotated, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from pathways.model.yamlio import max_file_bytes

M = TypeVar("M", bound=BaseModel)

_NOT_SAME_IN_YAML = {
    b"\t": (b"\t",),
    b"\r": (b"\r",),
    b"\x7f": (b"\x7f",),
    b"\xe2": tuple(c.encode() for c in "\u2028\u2029"),
    b"\xef": tuple(c.encode() for c in "\ufeff\ufffe\uffff"),
}
"""Characters that JSON and YAML 1.1 read differently (or that one of them rejects), as UTF-8,
under their first byte (looked for first: one byte is found at memory speed); with the C1
controls U+0080-U+009F (:data:`_C1`)."""
_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abAB]")
"""A ``\\uD800``-``\\uDBFF`` escape: JSON joins surrogate pairs, PyYAML rejects them."""
_SPACED_KEY = re.compile(rb'"\s+:')
"""A key with white space before its colon (the key count below looks for ``":`` only)."""


class _NotSame(Exception):
    pass


def _no_duplicates(pairs: list) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _NotSame()
    return result


def _no_float(text: str) -> object:
    raise _NotSame()


def _json_text(path: Path) -> bytes | None:
    """The text of a file from its first ``{`` or ``[`` on, after leading ``#`` comment lines;
    None when it does not start so, is too large or unreadable, or holds what YAML reads differently.

    Bytes that are not UTF-8 are left to the parsers: pydantic's refuses them anywhere in the
    text, as ``json`` (:func:`_loads`, after decoding) does, and the file goes down the YAML path."""
    try:
        if path.stat().st_size > max_file_bytes():
            return None
        with path.open("rb") as f:
            head = f.read(1)
            while head in (b"#", b"\n", b" "):
                if head == b"#":
                    f.readline()
                head = f.read(1)
            if head not in (b"{", b"["):
                return None
            text = head + f.read()
    except OSError:
        return None
    for first, chars in _NOT_SAME_IN_YAML.items():
        if first in text and any(c in text for c in chars):
            return None
    if b"\xc2" in text and _C1.search(text):
        return None
    if b"\\" in text and _SURROGATE_ESCAPE.search(text):
        return None
    return text


def _most_keys(text: bytes) -> int | None:
    """At least the number of keys in a JSON text (each closing quote before a colon), or None
    when the count could miss one: a key ending in a backslash, or white space before a colon."""
    escaped = 0
    if b"\\" in text:
        if b"\\\\" in text:
            return None
        escaped = text.count(b'\\":')
    # the search first: on a national file it takes two thirds of the time of the two
    # ``in`` (quotes are frequent), which stay to decide when it finds one
    if _SPACED_KEY.search(text) and (b'" ' in text or b'"\n' in text):
        return None
    return text.count(b'":') - escaped


def _plan(cls: type[BaseModel]) -> list[tuple[str, str, type[BaseModel] | None]]:
    """The fields of a model class that may hold keys: (name, how, nested model class).

    ``how`` is ``model`` (a nested model or None), ``models`` (a list of them), ``dict``
    (a mapping whose values hold no keys) or ``any`` (walked value by value)."""
    plan: list[tuple[str, str, type[BaseModel] | None]] = []
    for name, info in cls.model_fields.items():
        kind = _kind(info.annotation)
        if kind is not None:
            plan.append((name, *kind))
    return plan


def _kind(annotation: object) -> tuple[str, type[BaseModel] | None] | None:
    """How a field of this type may hold keys (see :func:`_plan`); None when it holds none."""
    origin = get_origin(annotation)
    args = [a for a in get_args(annotation) if a is not type(None)]
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return "model", annotation
        return None if issubclass(annotation, str | int | bool | Enum) else ("any", None)
    if origin is Literal:
        return None
    if (origin in (Union, UnionType) and len(args) == 1) or origin is Annotated:
        return _kind(args[0])
    inner = _kind(args[-1]) if origin in (list, dict) and args else ("any", None)
    if origin is list and (inner is None or inner[0] == "model"):
        return None if inner is None else ("models", inner[1])
    if origin is dict and inner is None:
        return "dict", None
    return "any", None


_PLANS: dict[type[BaseModel], list[tuple[str, str, type[BaseModel] | None]]] = {}
_GIVEN = attrgetter("__pydantic_fields_set__")


def _keys(document: BaseModel) -> int:
    """The keys a validated document was given: each model's fields set, each dict's keys.

    Counted class by class over all elements at once (40,000 at national scale)."""
    count = 0
    todo: list[tuple[type[BaseModel], list[BaseModel]]] = [(type(document), [document])]
    while todo:
        cls, items = todo.pop()
        count += sum(map(len, map(_GIVEN, items)))
        plan = _PLANS.get(cls)
        if plan is None:
            plan = _PLANS[cls] = _plan(cls)
        for name, how, nested in plan:
            values = [v for v in map(attrgetter(name), items) if v]
            if how == "model" and nested is not None:
                todo.append((nested, values))
            elif how == "models" and nested is not None:
                todo.append((nested, list(chain.from_iterable(values))))
            elif how == "dict":
                count += sum(map(len, values))
            elif how == "any":
                count += sum(map(_walk, values))
    return count


def _walk(value: object) -> int:
    """The keys in any value: of each model's fields given, of each dict."""
    if isinstance(value, BaseModel):
        return _keys(value)
    if isinstance(value, dict):
        return len(value) + sum(map(_walk, value.values()))
    if isinstance(value, list):
        return sum(map(_walk, value))
    return 0


def read_json_compatible(path: Path) -> dict | list | None:
    """The document of a file that is JSON (after leading ``#`` comment lines) and reads the same as YAML.

    Returns plain ``dict``/``list`` data without positions, or None whenever the file
    is not such JSON or is too large or unreadable: the caller then reads it with
    :func:`load_yaml`, which reports any problem.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.yaml"
    >>> _ = p.write_text('# units\\n{"units": [{"id": "x"}]}\\n')
    >>> read_json_compatible(p)
    {'units': [{'id': 'x'}]}
    >>> _ = p.write_text("units:\\n  - id: x\\n")
    >>> read_json_compatible(p) is None
    True
    """
    text = _json_text(path)
    return None if text is None else _loads(text)


def _loads(text: bytes) -> dict | list | None:
    try:
        return json.loads(
            text.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_float=_no_float, parse_constant=_no_float
        )
    except (ValueError, _NotSame, RecursionError):
        return None


def read_json_model(path: Path, model: type[M]) -> M | None:
    """A file that is JSON and reads the same as YAML, validated as ``model``; None when it is not
    such JSON or does not validate (the caller then reads it with positions, to say where).

    >>> import tempfile, pathlib
    >>> from pathways.model.schema import ModelFile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.yaml"
    >>> _ = p.write_text('{"grey_zones": [{"id": "g", "number": 1, "label": {"sv": "a", "en": "b"}, '
    ...                  '"source": {"doc": "d"}}]}')
    >>> read_json_model(p, ModelFile).grey_zones[0].number
    1
    >>> _ = p.write_text('{"grey_zones": [{"id": "g", "id": "h"}]}')
    >>> read_json_model(p, ModelFile) is None
    True
    """
    text = _json_text(path)
    if text is None:
        return None
    expected = _most_keys(text)
    if expected is not None:
        try:
            parsed = model.model_validate_json(text, strict=True)
        except ValidationError:
            return None
        if _keys(parsed) == expected:
            return parsed
    document = _loads(text)
    if not isinstance(document, dict):
        return None
    try:
        return model.model_validate(document)
    except ValidationError:
        return None
