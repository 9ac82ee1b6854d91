"""A side of a comparison: a model directory, or the model directory inside a git revision.

A git revision is read with ``git archive`` into a temporary directory; the work tree is
never touched. Positions are shown as ``REV:path/file.yaml:line`` for a revision.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from pathways.model.errors import ModelError, Problem


@dataclass(frozen=True)
class Side:
    """Where a model was read from: ``path`` on disk; ``shown`` as it is named to the user."""

    name: str
    path: Path
    shown: str

    def display(self, file: str) -> str:
        """A file of the loaded model as the user knows it (the revision instead of the temp folder)."""
        text = str(file)
        root = str(self.path)
        if text.startswith(root):
            return self.shown + text[len(root) :]
        return text


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)


def _model_in_repo(model_dir: Path, cwd: Path) -> tuple[Path, str]:
    """The top of the repository holding ``cwd``, and the model directory as a path from there."""
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    if top.returncode != 0:
        return cwd, model_dir.as_posix()
    root = Path(top.stdout.decode().strip()).resolve()
    base = model_dir if model_dir.is_absolute() else (cwd / model_dir)
    try:
        return root, base.resolve().relative_to(root).as_posix()
    except ValueError:
        return root, model_dir.as_posix()


@contextmanager
def open_side(ref: str, model_dir: Path, cwd: Path | None = None):
    """Yield a :class:`Side` for ``ref``: an existing directory, or a git revision holding ``model_dir``."""
    cwd = cwd or Path.cwd()
    as_dir = Path(ref)
    if not as_dir.is_absolute():
        as_dir = cwd / as_dir
    if as_dir.is_dir():
        yield Side(ref, as_dir, ref.rstrip("/"))
        return
    commit = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    if commit.returncode != 0:
        raise ModelError(
            [Problem(ref, 1, 1, "", "neither a model directory nor a git revision (e.g. HEAD~1, main, a tag)")]
        )
    root, inside = _model_in_repo(model_dir, cwd)
    archive = _git(["archive", "--format=tar", commit.stdout.decode().strip(), "--", inside], root)
    if archive.returncode != 0:
        raise ModelError([Problem(f"{ref}:{inside}", 1, 1, "", f"the revision has no model directory '{inside}'")])
    with tempfile.TemporaryDirectory(prefix="pathways-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        yield Side(ref, Path(tmp) / inside, f"{ref}:{inside}")


def shown_problems(exc: ModelError, side: Side) -> ModelError:
    """The same problems with files named as the user knows them."""
    return ModelError([replace(p, file=side.display(p.file)) for p in exc.problems])
