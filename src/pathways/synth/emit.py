"""Write model files as JSON-compatible YAML text: one element per line.

JSON is a subset of YAML, so these files are ordinary model files; the loader reads
them with the C ``json`` parser (``pathways.model.jsonfast.read_json_compatible``), which
is what makes a national-scale model load in seconds. ``json.dumps`` keeps the insertion
order of each mapping and the order of lists, so the same data gives the same bytes.
Synthetic data holds no floats and no characters YAML reads differently, so the YAML
reading of these files is the same data.
"""

from __future__ import annotations

import json

_dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def file_text(collections: list[tuple[str, object]], comment: str | None = None) -> str:
    """One model file: a mapping of top-level keys, lists written one element per line.

    >>> print(file_text([("units", [{"id": "a"}, {"id": "b"}]), ("model", {"id": "m"})], "x"), end="")
    # x
    {"units": [
     {"id": "a"},
     {"id": "b"}
    ],
    "model": {"id": "m"}}
    """
    parts = []
    for name, value in collections:
        if isinstance(value, list) and value:
            body = ",\n".join(" " + _dumps(item) for item in value)
            parts.append(f"{_dumps(name)}: [\n{body}\n]")
        else:
            parts.append(f"{_dumps(name)}: {_dumps(value)}")
    head = f"# {comment}\n" if comment else ""
    return head + "{" + ",\n".join(parts) + "}\n"
