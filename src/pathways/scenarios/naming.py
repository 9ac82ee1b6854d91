"""Which elements can name some ids: a test per element kind, made from the schema.

:func:`references` (``pathways.scenarios.references``) walks an element's plain data and
compares every string in it with the removed id, except the free texts at its top level
(``TEXT_FIELDS``) and the values of a profile. :func:`namer` gives, per element class, a
test that reads the same strings off the element itself (its attributes, found from the
class's field annotations), with no dump: whether any of them is one of the ids sought.
An element the test rejects has no reference to any of them; one it accepts has one, but
for its own id (which ``references`` leaves out): it is dumped and walked as before.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from functools import cache
from operator import attrgetter
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel

from pathways.scenarios.references import PROFILE_FIELDS, TEXT_FIELDS

Namer = Callable[[Any, "set[str] | frozenset[str]"], bool]
"""``namer(element, ids)``: whether some string field of ``element`` is one of ``ids``."""


def _kind(annotation: Any, name: str) -> tuple[str, Any]:
    """What a field holds: ``text`` (a string: ``str``, a string enum, a literal of
    strings), ``texts`` (a list of them, or a profile: its keys), ``model`` or ``models``
    (one element part, a list of them), ``none`` (no string: numbers, booleans); with
    ``None`` allowed or not (a ``model`` that may be ``None`` is read with care)."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _kind(typing.get_args(annotation)[0], name)
    if origin in (Union, types.UnionType):
        kinds = {_kind(a, name) for a in typing.get_args(annotation) if a is not type(None)}
        if len(kinds) != 1:
            raise TypeError(f"field {name}: {annotation} mixes kinds")
        kind, part = kinds.pop()
        if kind in ("texts", "models"):
            raise TypeError(f"field {name}: {annotation} is a list that may be None")
        return ("optional", part) if kind == "model" else (kind, part)
    if origin is Literal:
        return ("text", None)  # its strings (a value of another type is no id: never sought)
    if origin is list:
        kind, part = _kind(typing.get_args(annotation)[0], name)
        if kind in ("text", "none"):
            return ("texts" if kind == "text" else "none", None)
        if kind == "model":
            return ("models", part)
    elif origin is dict and name in PROFILE_FIELDS:
        return ("texts", None)  # a profile: its keys are read, as ``references`` reads them
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation)
    elif isinstance(annotation, type) and issubclass(annotation, str):
        return ("text", None)
    elif annotation in (int, bool):
        return ("none", None)
    raise TypeError(f"field {name}: {annotation} is not a kind the namer knows")


def _paths(cls: type[BaseModel], top: bool, prefix: str = "") -> tuple[list[str], list[str], list]:
    """The dotted paths of a class's string fields and list fields (those of a part it always
    has, through it), and the parts it may lack or has a list of: (their getter, by dotted
    path, their namer, a list?)."""
    texts: list[str] = []
    lists: list[str] = []
    parts: list[tuple[Callable[[Any], Any], Namer, bool]] = []
    for name, info in cls.model_fields.items():
        if top and (info.alias or name) in TEXT_FIELDS:
            continue
        kind, part = _kind(info.annotation, info.alias or name)
        path = prefix + name
        if kind == "text":
            texts.append(path)
        elif kind == "texts":
            lists.append(path)
        elif kind == "model":
            more = _paths(part, False, path + ".")
            texts += more[0]
            lists += more[1]
            parts += more[2]
        elif kind in ("optional", "models"):
            parts.append((attrgetter(path), _namer(part, False), kind == "models"))
    return texts, lists, parts


def _getter(paths: list[str]) -> Callable[[Any], tuple]:
    """The values at ``paths`` as a tuple (one path: a tuple of one)."""
    if not paths:
        return lambda _: ()
    if len(paths) == 1:
        one = attrgetter(paths[0])
        return lambda e: (one(e),)
    return attrgetter(*paths)


@cache
def _namer(cls: type[BaseModel], top: bool) -> Namer:
    texts, lists, parts = _paths(cls, top)
    get_texts, get_lists = _getter(texts), _getter(lists)

    def names(element: Any, ids: set[str] | frozenset[str]) -> bool:
        if not ids.isdisjoint(get_texts(element)):
            return True
        for values in get_lists(element):
            if not ids.isdisjoint(values):
                return True
        for get, inner, many in parts:
            value = get(element)
            if value is not None and (any(inner(v, ids) for v in value) if many else inner(value, ids)):
                return True
        return False

    return names


def namer(cls: type[BaseModel]) -> Namer:
    """The test of an element of ``cls`` (a collection's class): whether one of the strings
    ``references`` compares with a removed id is one of ``ids``. Exact as a filter: a string
    field ``references`` reads is read here (every field of a part, every string field of
    the element but its top-level free texts, a profile's keys), so an element it rejects
    names none of ``ids``; a field of a kind it does not know is a TypeError when made."""
    return _namer(cls, True)
