"""A cache of answers that depend only on a model's files and this program: the validated
model, and the findings of ``pathways gaps``.

Reading and validating a model, and running the gap rules on it, give the same answer for
the same files, the same version of pathways and of the libraries it runs on: so the
answer is kept, keyed by all of those, and read back the next time instead of computed.
Users run ``validate``, ``gaps``, ``render`` and ``report`` on one model many times while
they work on it; most of those runs read a model that has not changed.

What the key holds (a change in any of them is a different key, so a stale answer is
never read):

* every model file: its path as given and its bytes (``files_key``);
* the program: path, size and modification time of every file of the ``pathways``
  package (as Python's own bytecode cache checks its sources), the names of the installed
  distributions with their versions (pydantic, networkx, holidays, ...), and the Python
  version (``code_key``);
* the ``PATHWAYS_*`` settings in the environment (e.g. the largest file read);
* what else the answer depends on (the rule settings and options for findings).

Entries are pickles in ``$PATHWAYS_CACHE_DIR``, else ``$XDG_CACHE_HOME/pathways``, else
``~/.cache/pathways``; each is written to a temporary file and renamed into place, so a
reader never sees half an entry. At most :data:`KEEP` entries of each kind are kept (the
least recently used go). ``PATHWAYS_CACHE=off`` turns the cache off. A cache that cannot be
written (a read-only home, a full disk) or an entry that cannot be read is passed over in
silence: the answer is then computed, as without a cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

FORMAT = 1
"""Raised when what an entry holds changes shape; part of every key."""
KEEP = 16
"""Entries kept per kind (``model``, ``findings``)."""
OFF = frozenset({"0", "off", "no", "false"})
_OWN = "PATHWAYS_CACHE"
"""The cache's own settings (``PATHWAYS_CACHE``, ``PATHWAYS_CACHE_DIR``) are not part of a key."""


def enabled() -> bool:
    """Whether the cache is on (``PATHWAYS_CACHE`` unset or not ``off``/``0``/``no``/``false``).

    >>> os.environ["PATHWAYS_CACHE"] = "off"; enabled()
    False
    >>> del os.environ["PATHWAYS_CACHE"]; enabled()
    True
    """
    return os.environ.get("PATHWAYS_CACHE", "on").strip().lower() not in OFF


def directory() -> Path:
    """Where the entries are kept."""
    if os.environ.get("PATHWAYS_CACHE_DIR"):
        return Path(os.environ["PATHWAYS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pathways"


@lru_cache(maxsize=1)
def code_key() -> str:
    """The program's part of every key: pathways' files, the installed distributions, Python."""
    digest = hashlib.blake2b(f"{FORMAT} {sys.version} {sys.platform}".encode(), digest_size=16)
    package = Path(__file__).resolve().parent
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(names):
            st = os.stat(os.path.join(folder, name))
            digest.update(f"{folder[len(str(package)) :]}/{name} {st.st_size} {st.st_mtime_ns}\n".encode())
    for entry in sys.path:
        if os.path.isdir(entry):
            digest.update(" ".join(sorted(n for n in os.listdir(entry) if n.endswith(".dist-info"))).encode())
    return digest.hexdigest()


def files_key(paths: Iterable[Path], *extra: str) -> str:
    """The key of an answer read from ``paths`` (each as given, and its bytes), ``extra``
    and the ``PATHWAYS_*`` settings in the environment (the size limit of a file, ...).
    Files are hashed a megabyte at a time, so a file too large to read is not read whole here."""
    digest = hashlib.blake2b(code_key().encode(), digest_size=20)
    settings = sorted((k, v) for k, v in os.environ.items() if k.startswith("PATHWAYS_") and not k.startswith(_OWN))
    for part in (*extra, repr(settings)):
        digest.update(b"\0" + part.encode())
    for path in paths:
        digest.update(b"\0" + str(path).encode() + b"\0")
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def _entry(kind: str, key: str) -> Path:
    return directory() / kind / f"{key}.pickle"


def get(kind: str, key: str) -> Any | None:
    """The entry of ``kind`` under ``key``, or None when there is none (or the cache is off)."""
    if not enabled():
        return None
    path = _entry(kind, key)
    try:
        with path.open("rb") as stream:
            value = pickle.load(stream)
        os.utime(path)
    except Exception:  # a missing, truncated or foreign entry: computed again, as without a cache
        return None
    return value


def put(kind: str, key: str, value: Any) -> None:
    """Keep ``value`` under ``key``, then drop the least recently used entries past :data:`KEEP`."""
    if not enabled():
        return
    folder = _entry(kind, key).parent
    temporary: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as stream:
            temporary = stream.name
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, _entry(kind, key))
        temporary = None
        _prune(folder)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return  # not kept: the next run computes it again
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
