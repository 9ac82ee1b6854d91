"""Read a model directory into a :class:`Model`, or fail with every problem found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pathways.model.errors import ModelError, Problem
from pathways.model.jsonfast import read_json_model
from pathways.model.model import Model, Origin
from pathways.model.pydantic_errors import validation_problems
from pathways.model.schema import COLLECTIONS, Identified, Meta, ModelFile
from pathways.model.validate import check_model
from pathways.model.yamlio import LazyDoc, LazyNode, PosDict, load_yaml
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
        for name in COLLECTIONS:
            for index, item in enumerate(getattr(parsed, name)):
                node = _node(doc, name, index)
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
