"""Files written whole or not at all: every writer of the tool goes through :func:`replacing`.

A reader (a user's editor, Excel, a CI step) never sees half a file, and a failed write
leaves the old file as it was. Errors name the file the user asked for, not the temporary
file beside it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: Path | str) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed onto it when the block ends without error.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with replacing(target) as tmp:
    ...     _ = tmp.write_text("whole")
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('whole', ['a.txt'])
    >>> try:
    ...     with replacing(target.parent / "missing" / "b.txt"):
    ...         pass
    ... except OSError as exc:
    ...     print(exc.filename.endswith("missing/b.txt"))
    True
    """
    path = Path(path)
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: Path | str, text: str, newline: str | None = None) -> None:
    """Write ``text`` as UTF-8 to ``path``, whole or not at all."""
    with replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline=newline) as out:
        out.write(text)
