"""The revision stamp every output carries: which model, in which state, made when.

The content hash covers every file of the model directory (names and bytes), so an
edited model gets a new stamp even when its version field stays the same. When the
model is in a git work tree, the stamp also names the commit and whether the model's
files differ from it.

Where each output carries it:

- the report (HTML/PDF header and page foot, Word footer, the workbook's first sheet),
  the CSV files (a last column), JSON (a ``stamp`` object) and Markdown (a first line):
  the whole stamp;
- every diagram (DOT, SVG, PNG): the content hash in its title row
  (:func:`diagram_text`), so the same model gives the same bytes and the committed
  ``diagrams/`` change only when the model does; the SVG files ``pathways render``
  and the report write also hold the whole stamp as ``<metadata>``
  (``pathways render --stamp model`` leaves it out, as ``make diagrams`` does).
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
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
        """One line, e.g. ``modell 1a2b3c4d5e6f · git 0abc123 (ändrad sedan incheckning) · 2026-12-03``;
        a pinned stamp (:meth:`pinned`) is the content hash alone."""
        words = STAMP[lang]
        parts = [f"{words['model']} {self.content_hash}"]
        if self.commit:
            parts.append(f"git {self.commit}" + (f" ({words['dirty']})" if self.dirty else ""))
        elif self.made:
            parts.append(words["not_in_git"])
        if self.made:
            parts.append(self.made)
        return " · ".join(parts)

    def pinned(self) -> Stamp:
        """The stamp without commit and date: what changes only when the model does."""
        return Stamp(self.content_hash, None, False, "")

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


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


def diagram_text(model_root: str | Path, lang: str = "sv") -> str:
    """The pinned stamp of the model at ``model_root`` (``modell 1a2b3c4d5e6f``), or ``""``
    when that is not a directory (a model read back from Neo4j). Cached per state of the
    files, so the many diagrams of one model hash it once."""
    root = Path(model_root)
    if not root.is_dir():
        return ""
    files = tuple(
        (str(p), st.st_size, st.st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file() for st in (p.stat(),)
    )
    return Stamp(_cached_hash(str(root.resolve()), files), None, False, "").text(lang)


@lru_cache(maxsize=16)
def _cached_hash(root: str, files: tuple) -> str:
    return content_hash(root)
