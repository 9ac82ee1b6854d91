"""Read and validate the files of a model: each file with positions (YAML) or through the
JSON fast path, every element through pydantic, then the checks across elements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pathways.model.errors import ModelError, Problem
from pathways.model.jsonfast import read_json_model
from pathways.model.model import Model, Origin
from pathways.model.positions import LazyDoc, LazyNode, PosDict
from pathways.model.pydantic_errors import validation_problems
from pathways.model.schema import COLLECTIONS, Identified, Meta, ModelFile
from pathways.model.validate import check_model
from pathways.model.yamlio import load_yaml

Doc = LazyDoc | PosDict
"""A file's document: with positions (YAML), or read again for them when asked (JSON)."""


def _read_file(path: Path, display: str) -> tuple[ModelFile | None, Doc | None, list[Problem]]:
    fast = read_json_model(path, ModelFile)
    if fast is not None:
        return fast, LazyDoc(path, display), []
    doc = load_yaml(path, display)
    if doc is None:
        return None, None, []
    if not isinstance(doc, PosDict):
        message = "a model file is a mapping of collection names (units:, needs:, ...) to lists"
        return None, None, [Problem(display, 1, 1, "", message)]
    try:
        return ModelFile.model_validate(doc), doc, []
    except ValidationError as exc:
        return None, doc, validation_problems(exc, ModelFile, doc, display, top=["model", *COLLECTIONS])


def _node(doc: Doc, *path: str | int) -> PosDict | LazyNode:
    """The mapping at ``path`` in a document (a :class:`LazyNode` of a JSON file's)."""
    if isinstance(doc, LazyDoc):
        return LazyNode(doc, path)
    node: Any = doc
    for step in path:
        node = node[step]
    return node


@dataclass
class _Gathered:
    """What the files of a model hold, file by file, before the cross-element checks."""

    collections: dict[str, list[Identified]] = field(default_factory=lambda: {name: [] for name in COLLECTIONS})
    origins: dict[str, Origin] = field(default_factory=dict)
    meta: Meta | None = None
    meta_origin: Origin | None = None
    problems: list[Problem] = field(default_factory=list)

    def add_meta(self, meta: Meta, doc: Doc, display: str) -> None:
        if self.meta is None or self.meta_origin is None:
            self.meta, self.meta_origin = meta, Origin(display, _node(doc, "model"))
            return
        line, col = _node(doc).where("model")
        message = f"a second 'model:' header; the first is in {self.meta_origin.file}"
        self.problems.append(Problem(display, line, col, meta.id, message))

    def add(self, parsed: ModelFile, doc: Doc, display: str) -> None:
        if parsed.model is not None:
            self.add_meta(parsed.model, doc, display)
        lazy = doc if isinstance(doc, LazyDoc) else None
        for name in COLLECTIONS:
            for index, item in enumerate(getattr(parsed, name)):
                node = LazyNode(lazy, (name, index)) if lazy is not None else _node(doc, name, index)
                if item.id in self.origins:
                    first = self.origins[item.id]
                    line, col = node.where("id")
                    fline, _ = first.where("id")
                    message = f"duplicate id; first defined at {first.file}:{fline}"
                    self.problems.append(Problem(display, line, col, item.id, message))
                    continue
                self.origins[item.id] = Origin(display, node)
                self.collections[name].append(item)


def _size_kb(path: Path) -> int:
    try:
        return max(1, path.stat().st_size // 1024)
    except OSError:
        return 1


def read_and_check(model_dir: Path, files: list[Path], progress: Callable[[str, int, int], None] | None) -> Model:
    """Read and validate the model ``files`` of ``model_dir``; raise :class:`ModelError` listing every problem."""
    gathered = _Gathered()
    sizes = [_size_kb(path) for path in files] if progress else []
    for number, path in enumerate(files):
        if progress:
            progress("read", sum(sizes[:number]), sum(sizes))
        display = str(path)
        try:
            parsed, doc, file_problems = _read_file(path, display)
        except ModelError as exc:
            gathered.problems.extend(exc.problems)
            continue
        gathered.problems.extend(file_problems)
        if parsed is not None and doc is not None:
            gathered.add(parsed, doc, display)
    meta, problems = gathered.meta, gathered.problems
    if meta is None and not problems:
        problems.append(
            Problem(
                str(model_dir), 1, 1, "", "no file has the 'model:' header (id, label, version, date, county, source)"
            )
        )
    if problems or meta is None:
        raise ModelError(problems)
    model = Model(
        meta=meta,
        collections=gathered.collections,
        origins=gathered.origins,
        meta_origin=gathered.meta_origin,
        root=str(model_dir),
    )
    if progress:
        progress("read", sum(sizes), sum(sizes))
        progress("check", 0, 1)
    problems = check_model(model)
    if progress:
        progress("check", 1, 1)
    if problems:
        raise ModelError(problems)
    return model
