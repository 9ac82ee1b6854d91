"""Safe YAML loading that remembers where every key and list item stands.

The parser is libyaml's (fast) when PyYAML has it; construction uses only the safe
constructors, so a file can hold nothing but plain data. Mappings come back as
:class:`PosDict` and lists as :class:`PosList`, which carry 1-based (line, column)
positions so that a problem found later can name its file and line.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from pathways.model.errors import ModelError, Problem
from pathways.model.positions import PosDict, PosList

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest model file read by default (a national-scale model's largest file is 20 MB)."""

LIMIT_VARIABLE = "PATHWAYS_MAX_FILE_MB"
"""Environment variable that sets another limit, in MiB (a model split over a folder per
kind keeps each file small instead; see docs/limits.md)."""


def max_file_bytes() -> int:
    """The largest model file read: ``PATHWAYS_MAX_FILE_MB`` MiB when set, else :data:`MAX_FILE_BYTES`.

    >>> import os
    >>> os.environ[LIMIT_VARIABLE] = "200"
    >>> max_file_bytes() // (1024 * 1024)
    200
    >>> del os.environ[LIMIT_VARIABLE]
    """
    text = os.environ.get(LIMIT_VARIABLE, "").strip()
    if not text:
        return MAX_FILE_BYTES
    try:
        megabytes = float(text)
    except ValueError:
        megabytes = 0
    if megabytes <= 0:
        raise ModelError(
            [Problem(LIMIT_VARIABLE, 1, 1, "", f"'{text}' is not a size; give the largest model file in MiB, e.g. 256")]
        )
    return int(megabytes * 1024 * 1024)


MAX_ALIAS_EXPANSION = 10
"""A document may expand through aliases to at most this many times its own size."""

MAX_NESTING = 100
"""Deepest nesting of lists and mappings read (a model file nests about six deep).

Checked by pathways itself, below the limits of libyaml (which some versions enforce
with their own message) and of Python's recursion, so a too-deep file gets the same
message and exit code with every supported PyYAML.
"""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _PosLoader(_Loader):  # type: ignore[misc, valid-type]
    pass


def _construct_map(loader: _PosLoader, node: yaml.MappingNode):
    data = PosDict()
    data.start = _mark(node)
    data.pos = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        _check_key(key, data, key_node)
        data[key] = loader.construct_object(value_node, deep=True)
        data.pos[key] = _mark(key_node)


def _construct_seq(loader: _PosLoader, node: yaml.SequenceNode):
    data = PosList()
    data.start = _mark(node)
    data.pos = [_mark(child) for child in node.value]
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)


_PosLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_PosLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_PosLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
"""Dates stay text: the schema checks them, with positions, instead of a crash on 2026-02-30."""


_MAP, _SEQ, _STR = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str"


class _TooDeep(Exception):
    """A document met by :func:`_construct` nests deeper than it was allowed to."""


def _construct(loader: _PosLoader, root: yaml.Node, deepest: int | None = None) -> object:
    """The document of ``root`` as ``loader.construct_document`` makes it (mappings and lists
    with positions, a node met twice through an alias made once), building mappings, lists
    and strings directly; other scalars and tags go through the loader's constructors.

    A third of the time of PyYAML's own walk (generators and bookkeeping per node), which
    every hand-written model file goes through. Called after :func:`_walk` has refused
    documents that nest too deep or expand too far, so the recursion is bounded; or, with
    ``deepest``, on a document without aliases, raising :class:`_TooDeep` at a list or mapping
    nested deeper than that (counting what keys hold too), which bounds the recursion instead.
    """
    made: dict[int, object] = {}
    limit = deepest if deepest is not None else -1

    def build(node: yaml.Node, depth: int) -> object:
        if id(node) in made:
            return made[id(node)]
        if node.tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value
        if depth == limit:
            raise _TooDeep()
        if node.tag == _MAP and isinstance(node, yaml.MappingNode):
            data = PosDict()
            data.start, data.pos = _mark(node), {}
            made[id(node)] = data
            loader.flatten_mapping(node)
            for key_node, value_node in node.value:
                key = build(key_node, depth + 1)
                _check_key(key, data, key_node)
                data[key] = build(value_node, depth + 1)
                data.pos[key] = _mark(key_node)
            return data
        if node.tag == _SEQ and isinstance(node, yaml.SequenceNode):
            items = PosList()
            items.start, items.pos = _mark(node), [_mark(child) for child in node.value]
            made[id(node)] = items
            items.extend(build(child, depth + 1) for child in node.value)
            return items
        made[id(node)] = found = loader.construct_object(node, deep=True)
        return found

    try:
        return build(root, 0)
    finally:
        loader.constructed_objects, loader.recursive_objects = {}, {}


def _check_key(key: object, data: dict, key_node: yaml.Node) -> None:
    if isinstance(key, (list, dict)):
        raise yaml.constructor.ConstructorError(
            None, None, "a key must be a single value, not a list or a mapping", key_node.start_mark
        )
    if key in data:
        raise yaml.constructor.ConstructorError(
            None, None, f"duplicate key {key!r} (a key may stand once in a mapping)", key_node.start_mark
        )


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """Count nodes as a reader would meet them, aliases expanded; stop past ``limit``."""
    count, stack = 0, [root]
    while stack and count <= limit:
        node = stack.pop()
        count += 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return count


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where lists and mappings first nest deeper than :data:`MAX_NESTING`, if they do.

    Read with PyYAML's pure-Python parser, which has no nesting limit of its own, so the
    answer does not depend on the libyaml version. Only asked when the fast parser failed.

    >>> _too_deep("a: [[1]]") is None
    True
    >>> _too_deep("[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1))
    (1, 101)
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING and event.start_mark is not None:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def _deepest(root: yaml.Node) -> yaml.Node | None:
    """The first node nested deeper than :data:`MAX_NESTING` in a composed document."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and depth > MAX_NESTING:
            return node
        if isinstance(node, yaml.MappingNode):
            stack.extend((value, depth + 1) for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
    return None


def _nesting_error(name: str, where: tuple[int, int]) -> ModelError:
    message = f"lists or mappings are nested more than {MAX_NESTING} levels deep; a model file nests a few levels"
    return ModelError([Problem(name, where[0], where[1], "", message)])


def _walk(root: yaml.Node) -> tuple[int, bool, yaml.Node | None]:
    """One pass over a composed document: its distinct nodes, whether a node is met twice
    (through an alias), and, as :func:`_deepest` finds it when none is, the first node
    nested deeper than :data:`MAX_NESTING` (keys and what they hold are not counted in depth)."""
    seen: set[int] = set()
    shared = False
    deep: yaml.Node | None = None
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]  # depth 0: inside a key
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            shared = True
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            if deep is None and depth > MAX_NESTING:
                deep = node
            for key, value in node.value:
                stack.append((key, 0))
                stack.append((value, depth + 1 if depth else 0))
        elif isinstance(node, yaml.SequenceNode):
            if deep is None and depth > MAX_NESTING:
                deep = node
            stack.extend((child, depth + 1 if depth else 0) for child in node.value)
    return len(seen), shared, deep


def _explain(exc: yaml.MarkedYAMLError, line_text: str) -> str:
    """libyaml's words, with what they usually mean for a hand-edited file."""
    text = str(exc.problem or exc.context)
    if "\t" in line_text:
        return f"{text} (the line has a tab: indent with spaces)"
    if "expected key" in text or "expected <block end>" in text:
        return f"{text} (check the indentation of this line and the one above)"
    if "another document" in text:
        return f"{text} (a line '---' starts a second document; a model file holds one)"
    return text


def _line(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def read_text(path: Path, name: str) -> str:
    """A file's text, refused with a clear problem when too large, unreadable or not UTF-8."""
    try:
        size, limit = path.stat().st_size, max_file_bytes()
        if size > limit:
            message = (
                f"file is {size} bytes; a model file may be at most {limit} (split it over a folder per kind, "
                f"e.g. handovers/*.yaml, or raise {LIMIT_VARIABLE})"
            )
            raise ModelError([Problem(name, 1, 1, "", message)])
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ModelError([Problem(name, 1, 1, "", f"not UTF-8 text ({exc.reason}); save the file as UTF-8")]) from None
    except OSError as exc:
        raise ModelError([Problem(name, 1, 1, "", f"cannot read the file: {exc.strerror}")]) from None


_UNSURE = object()


def _parse_plain(text: str) -> object:
    """:func:`parse_yaml`'s document of a text without ``&``, or ``_UNSURE`` when reading it
    raises anything or it nests deeper than :data:`MAX_NESTING`.

    Without an anchor there is no alias (one without its anchor is an error), so no node is
    met twice and nothing expands: :func:`_walk`'s pass over the nodes finds nothing to refuse
    but a document nested too deep, which :func:`_construct` sees itself here. A document it
    builds without a problem is the one :func:`parse_checked` builds after the pass; for any
    other the text is read again the checked way, so that every problem is found and worded
    as before, whatever this attempt changed in its nodes (merge keys are taken out as read).
    """
    loader = _PosLoader(text)
    try:
        root = loader.get_single_node()
        return None if root is None else _construct(loader, root, deepest=MAX_NESTING)
    except Exception:  # any problem is found again, and worded, the checked way
        return _UNSURE
    finally:
        loader.dispose()


def parse_yaml(text: str, name: str) -> object:
    """One YAML document, safely, with positions; ModelError naming file and line on bad input.

    Read by :func:`_parse_plain` when the text has no ``&`` and that reads it without a
    problem, else by :func:`parse_checked`: the same document either way."""
    if "&" not in text and (plain := _parse_plain(text)) is not _UNSURE:
        return plain
    return parse_checked(text, name)


def parse_checked(text: str, name: str) -> object:
    """:func:`parse_yaml`'s document, or its ModelError, with the nodes checked first (their
    nesting, and what aliases expand to) before any is built."""
    loader = _PosLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        distinct, shared, deep = _walk(root)
        if shared:  # aliases: bound what they expand to before the depth walk follows them
            limit = MAX_ALIAS_EXPANSION * distinct + 1000
            if _expanded_size(root, limit) > limit:
                raise ModelError(
                    [Problem(name, 1, 1, "", "aliases expand the document too far; write the repeated parts out")]
                )
            deep = _deepest(root)
        if deep is not None:
            raise _nesting_error(name, _mark(deep))
        return _construct(loader, root)
    except (yaml.MarkedYAMLError, RecursionError) as exc:
        if (where := _too_deep(text)) is not None:
            raise _nesting_error(name, where) from None
        if not isinstance(exc, yaml.MarkedYAMLError):
            raise
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ModelError([Problem(name, line, col, "", f"YAML syntax: {_explain(exc, _line(text, line))}")]) from None
    except yaml.YAMLError as exc:
        raise ModelError([Problem(name, 1, 1, "", f"YAML: {exc}")]) from None
    finally:
        loader.dispose()


def load_yaml(path: Path, display: str | None = None) -> object:
    """Load one YAML file safely, with positions; raise ModelError on bad input.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.yaml"
    >>> _ = p.write_text("units:\\n  - id: x\\n    date: 2026-02-30\\n")
    >>> doc = load_yaml(p)
    >>> doc["units"][0].where("id"), doc["units"][0]["date"]
    ((2, 5), '2026-02-30')
    """
    name = display or str(path)
    return parse_yaml(read_text(path, name), name)
