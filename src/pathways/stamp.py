"""The revision stamp every output carries: which model, in which state, made when.

The content hash covers every file of the model directory (names and bytes), so an
edited model gets a new stamp even when its version field stays the same. When the
model is in a git work tree, the stamp also names the commit and whether the model's
files differ from it.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pathways.texts import STAMP


@dataclass(frozen=True)
class Stamp:
    content_hash: str
    """The first 12 hex digits of SHA-256 over the model directory's files."""
    commit: str | None
    """The short git commit of the work tree holding the model, if any."""
    dirty: bool
    """True when the model's files differ from that commit."""
    made: str
    """The date the output was made (ISO)."""

    def text(self, lang: str = "sv") -> str:
        """One line, e.g. ``modell 1a2b3c4d5e6f · git 0abc123 (ändrad) · 2026-12-03``."""
        words = STAMP[lang]
        git = (
            f"git {self.commit}" + (f" ({words['dirty']})" if self.dirty else "")
            if self.commit
            else words["not_in_git"]
        )
        return f"{words['model']} {self.content_hash} · {git} · {self.made}"


def content_hash(model_dir: str | Path) -> str:
    """SHA-256 over the relative path and bytes of every file under ``model_dir``, in path order."""
    root = Path(model_dir)
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def _git(model_dir: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(
            ["git", "-C", str(model_dir), *args], check=False, capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


def stamp_of(model_dir: str | Path, made: date | None = None) -> Stamp:
    """The stamp of a model directory now (``made`` defaults to today)."""
    root = Path(model_dir).resolve()
    commit = _git(root, "rev-parse", "--short", "HEAD")
    dirty = bool(_git(root, "status", "--porcelain", "--", ".")) if commit else False
    return Stamp(content_hash(root), commit, dirty, (made or date.today()).isoformat())
