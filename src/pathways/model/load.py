"""Read a model directory into a :class:`Model`, or fail with every problem found."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ValidationError

from pathways.model.errors import ModelError, Problem
from pathways.model.model import Model, Origin
from pathways.model.schema import COLLECTIONS, ModelFile
from pathways.model.validate import check_model
from pathways.model.yamlio import LazyDoc, LazyNode, PosDict, PosList, load_yaml, read_json_compatible
from pathways.perf import without_gc

MODEL_SUBDIRS = ("cases", "scenarios")
"""Folders inside a model directory that hold other things than model files."""


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml") and p.is_file())


def model_files(model_dir: Path) -> list[Path]:
    """The YAML files of a model directory: its own in name order (``rules.yaml`` aside), then
    those of its folders named after a kind (``handovers/*.yaml``, ...), folder by folder.

    A folder per kind lets a large model keep every file small: each file in it is an
    ordinary model file, by convention holding only that kind, and the files are read in
    name order, as if they were one list.
    """
    files = [p for p in _yaml_files(model_dir) if p.stem != "rules"]
    for name in COLLECTIONS:
        folder = model_dir / name
        if folder.is_dir():
            files.extend(_yaml_files(folder))
    return files


def _fields_of(cls: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in cls.model_fields.items()]


def _class_at(loc: tuple) -> type[BaseModel] | None:
    """The pydantic class whose field list applies at ``loc`` (for suggestions)."""
    cls: type[BaseModel] | None = ModelFile
    for step in loc[:-1]:
        if cls is None or isinstance(step, int):
            continue
        info = cls.model_fields.get(step) or next((f for f in cls.model_fields.values() if f.alias == step), None)
        if info is None:
            return None
        annotation = info.annotation
        cls = None
        for arg in (annotation, *getattr(annotation, "__args__", ())):
            for inner in (arg, *getattr(arg, "__args__", ())):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    cls = inner
    return cls


def _where(loc: tuple) -> str:
    """The field a location names, as a user reads it: 'passes', item 2."""
    names = [step for step in loc if isinstance(step, str)]
    field = f"'{names[-1]}'" if names else "the element"
    if loc and isinstance(loc[-1], int):
        return f"{field}, item {loc[-1] + 1}"
    return field


def _message(err: dict) -> str:
    """A pydantic error said for the people who edit the model."""
    loc = tuple(err["loc"])
    kind = err["type"]
    name = loc[-1] if loc else ""
    value = err.get("input")
    where = _where(loc)
    if kind == "extra_forbidden":
        cls = _class_at(loc)
        allowed = _fields_of(cls) if cls else []
        if len(loc) == 1:
            allowed = ["model", *COLLECTIONS]
            what = "collection"
        else:
            what = "field"
        close = difflib.get_close_matches(str(name), allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(allowed)}"
        return f"unknown {what} '{name}'{hint}"
    if kind == "missing":
        return f"missing required field '{name}'"
    if kind == "enum":
        allowed = re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", ""))
        close = difflib.get_close_matches(str(value), allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"{where}: '{value}' is not allowed; use one of: {', '.join(allowed)}{hint}"
    if kind == "string_pattern_mismatch":
        return f"{where}: an id may not be empty or begin or end with a space"
    if kind == "string_type":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f'{where}: write it in quotes to make it text: "{value}"'
        return f"{where}: must be text"
    if kind == "too_short":
        least = err.get("ctx", {}).get("min_length", 1)
        return f"{where}: needs at least {least} item{'s' if least != 1 else ''}"
    if kind == "list_type":
        return f"{where}: must be a list; write each element on its own line starting with '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{where}: must be a mapping of fields ('field: value' lines)"
    if kind == "value_error":
        return f"{where}: {err['msg'].removeprefix('Value error, ')}"
    return f"{where}: {err['msg']}"


def _locate(doc: object, loc: tuple) -> tuple[int, int, str]:
    """(line, col, element id) of a pydantic error location inside a loaded document."""
    node, line_col, element_id = doc, (1, 1), ""
    for depth, step in enumerate(loc):
        if isinstance(node, PosDict):
            line_col = node.where(step) if step in node else node.start
            node = node.get(step)
        elif isinstance(node, PosList) and isinstance(step, int) and step < len(node):
            line_col = node.where(step)
            node = node[step]
        else:
            break
        if depth <= 1 and isinstance(node, dict) and isinstance(node.get("id"), str):
            element_id = node["id"]
    return line_col[0], line_col[1], element_id


def _read_file(path: Path, display: str) -> tuple[ModelFile | None, object, list[Problem]]:
    fast = read_json_compatible(path)
    if isinstance(fast, dict):
        try:
            return ModelFile.model_validate(fast), LazyDoc(path, display), []
        except ValidationError:
            pass  # read it again with positions, to say where the problems are
    doc = load_yaml(path, display)
    if doc is None:
        return None, doc, []
    if not isinstance(doc, dict):
        return (
            None,
            doc,
            [
                Problem(
                    display, 1, 1, "", "a model file is a mapping of collection names (units:, needs:, ...) to lists"
                )
            ],
        )
    try:
        return ModelFile.model_validate(doc), doc, []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            line, col, eid = _locate(doc, tuple(err["loc"]))
            problems.append(Problem(display, line, col, eid, _message(err)))
        return None, doc, problems


def _size_kb(path: Path) -> int:
    try:
        return max(1, path.stat().st_size // 1024)
    except OSError:
        return 1


@without_gc
def load_model(model_dir: str | Path, *, progress: Callable[[str, int, int], None] | None = None) -> Model:
    """Load and validate a model directory; raise :class:`ModelError` listing every problem.

    >>> from pathlib import Path
    >>> m = load_model(Path(__file__).parents[3] / "model")   # doctest: +SKIP

    ``progress(task, done, total)``, if given, is called as files are read (task
    ``read``, in kB) and around the cross-element checks (task ``check``).
    """
    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        raise ModelError([Problem(str(model_dir), 1, 1, "", "no such model directory")])
    files = model_files(model_dir)
    if not files:
        raise ModelError([Problem(str(model_dir), 1, 1, "", "the directory holds no .yaml model files")])
    problems: list[Problem] = []
    collections: dict[str, list] = {name: [] for name in COLLECTIONS}
    origins: dict[str, Origin] = {}
    meta, meta_origin = None, None
    sizes = [_size_kb(path) for path in files] if progress else []
    for number, path in enumerate(files):
        if progress:
            progress("read", sum(sizes[:number]), sum(sizes))
        display = str(path)
        try:
            parsed, doc, file_problems = _read_file(path, display)
        except ModelError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(file_problems)
        if parsed is None:
            continue
        lazy = isinstance(doc, LazyDoc)
        if parsed.model is not None:
            if meta is not None:
                line, col = (LazyNode(doc, ()) if lazy else doc).where("model")
                problems.append(
                    Problem(
                        display,
                        line,
                        col,
                        parsed.model.id,
                        f"a second 'model:' header; the first is in {meta_origin.file}",
                    )
                )
            else:
                meta, meta_origin = parsed.model, Origin(display, LazyNode(doc, ("model",)) if lazy else doc["model"])
        for name in COLLECTIONS:
            items = getattr(parsed, name)
            if not items:
                continue
            raw = None if lazy else doc[name]
            for index, item in enumerate(items):
                node = LazyNode(doc, (name, index)) if lazy else raw[index]
                if item.id in origins:
                    first = origins[item.id]
                    line, col = node.where("id")
                    fline, _ = first.where("id")
                    problems.append(
                        Problem(display, line, col, item.id, f"duplicate id; first defined at {first.file}:{fline}")
                    )
                    continue
                origins[item.id] = Origin(display, node)
                collections[name].append(item)
    if meta is None and not problems:
        problems.append(
            Problem(
                str(model_dir), 1, 1, "", "no file has the 'model:' header (id, label, version, date, county, source)"
            )
        )
    if problems:
        raise ModelError(problems)
    model = Model(meta=meta, collections=collections, origins=origins, meta_origin=meta_origin, root=str(model_dir))
    if progress:
        progress("read", sum(sizes), sum(sizes))
        progress("check", 0, 1)
    problems = check_model(model)
    if progress:
        progress("check", 1, 1)
    if problems:
        raise ModelError(problems)
    return model
