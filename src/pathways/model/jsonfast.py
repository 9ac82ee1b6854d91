"""Fast path: model files that are JSON.

A national-scale model is tens of megabytes; libyaml with positions reads about 1 MB/s
in Python, json about 100 MB/s. JSON is a subset of YAML, so a model file that is JSON
(``pathways synth`` writes such files) is read with ``json`` when YAML would read it the
same way, and the positions are left for later: :class:`~pathways.model.yamlio.LazyNode` reads the file again
with :func:`~pathways.model.yamlio.load_yaml` only when a problem must be located. Any doubt (a float, a
surrogate escape, a character YAML treats differently, a duplicate key, tabs or
carriage returns between tokens) sends the file down the YAML path, so a file reads to
the same data and the same problems either way.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pathways.model.yamlio import max_file_bytes

_NOT_SAME_IN_YAML = re.compile(r"[\t\r\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
"""Characters that JSON and YAML 1.1 read differently (or that one of them rejects)."""
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abAB]")
"""A ``\\uD800``-``\\uDBFF`` escape: JSON joins surrogate pairs, PyYAML rejects them."""


class _NotSame(Exception):
    pass


def _no_duplicates(pairs: list) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _NotSame()
    return result


def _no_float(text: str) -> object:
    raise _NotSame()


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
            text = (head + f.read()).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if _NOT_SAME_IN_YAML.search(text) or ("\\u" in text and _SURROGATE_ESCAPE.search(text)):
        return None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_float=_no_float, parse_constant=_no_float)
    except (ValueError, _NotSame, RecursionError):
        return None
