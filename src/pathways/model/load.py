"""Read a model directory into a :class:`Model`, or fail with every problem found.

The files are found here (:func:`model_files`); a model validated before from the same
files is read back from :mod:`pathways.cache`; otherwise :mod:`pathways.model.read` reads
and validates them (and is imported only then).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pathways import cache
from pathways.model.clean import mark_clean
from pathways.model.errors import ModelError, Problem
from pathways.model.model import Model
from pathways.model.schema import COLLECTIONS
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


def load_model(model_dir: str | Path, *, progress: Callable[[str, int, int], None] | None = None) -> Model:
    """Load and validate a model directory; raise :class:`ModelError` listing every problem.

    >>> from pathlib import Path
    >>> m = load_model(Path(__file__).parents[3] / "model")   # doctest: +SKIP

    ``progress(task, done, total)``, if given, is called as files are read (task
    ``read``, in kB) and around the cross-element checks (task ``check``).
    """
    return load_keyed(model_dir, progress=progress)[0]


@without_gc
def load_keyed(
    model_dir: str | Path, *, progress: Callable[[str, int, int], None] | None = None
) -> tuple[Model, str | None]:
    """:func:`load_model`, and the cache key of its files (None with the cache off).

    A model validated before from the same files by the same program is read back from
    :mod:`pathways.cache`; an invalid model is never kept, so its problems are always found.
    """
    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        raise ModelError([Problem(str(model_dir), 1, 1, "", "no such model directory")])
    files = model_files(model_dir)
    if not files:
        raise ModelError([Problem(str(model_dir), 1, 1, "", "the directory holds no .yaml model files")])
    key = _key(files, model_dir)
    kept = cache.get("model", key) if key else None
    if isinstance(kept, Model):
        return mark_clean(kept), key
    from pathways.model.read import read_and_check  # only when the cache has no answer

    model = mark_clean(read_and_check(model_dir, files, progress))
    if key:
        cache.put("model", key, model)
    return model, key


def _key(files: list[Path], model_dir: Path) -> str | None:
    if not cache.enabled():
        return None
    try:
        return cache.files_key(files, str(model_dir))
    except OSError:
        return None  # an unreadable file: the loader says which
