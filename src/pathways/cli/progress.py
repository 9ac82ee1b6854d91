"""Progress bars for long steps, drawn on stderr, and nothing at all when output is not a terminal.

The analysis functions know nothing of terminals: the slow ones take an optional
``progress`` callback, ``progress(task, done, total)``, and call it as they go
(:func:`pathways.model.load.load_model`, :func:`pathways.graph.build.build_graph`,
:func:`pathways.gaps.analyze.find_gaps`, :func:`pathways.synth.synthesize`). A command
opens :func:`progress_bars` around its work and passes the callback it yields::

    with progress_bars() as progress:
        model = load_model(model_dir, progress=progress)
        findings = find_gaps(model, progress=progress)

Each task name gets one bar (labelled from :data:`TASKS`, or the name itself). The bars
disappear when the block ends. When stdout or stderr is not a terminal (a pipe, a file,
a test runner) the callback does nothing, so JSON or CSV output is never mixed with bars.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

ProgressCallback = Callable[[str, int, int], None]
"""``progress(task, done, total)``; ``done == total`` ends the task's bar."""

TASKS: dict[str, str] = {
    "read": "Läser filer / reading files (kB)",
    "check": "Kontrollerar modellen / validating",
    "graph": "Bygger grafen / building the graph",
    "gaps": "Söker luckor / finding gaps (rules)",
    "build": "Skapar regioner / building regions",
    "write": "Skriver filer / writing files (kB)",
}
"""Bar labels of the tasks the library reports."""


def quiet(task: str, done: int, total: int) -> None:
    """A progress callback that does nothing."""


def is_interactive() -> bool:
    """Whether both stdout and stderr are terminals (bars would not mix with output)."""
    return all(getattr(stream, "isatty", lambda: False)() for stream in (sys.stdout, sys.stderr))


SHOW_AFTER = 0.3
"""Seconds of work before the bars appear: quick steps (the Dalarna model) show nothing."""


@contextmanager
def progress_bars(enabled: bool | None = None, console: Console | None = None) -> Iterator[ProgressCallback]:
    """Yield a progress callback that draws rich bars, or :func:`quiet` when not interactive.

    ``enabled`` forces the choice (None: bars only when stdout and stderr are terminals).
    The bars appear once the block has run :data:`SHOW_AFTER` seconds.

    >>> with progress_bars(enabled=False) as progress:
    ...     progress("read", 1, 2)
    """
    if enabled is None:
        enabled = is_interactive()
    if not enabled:
        yield quiet
        return
    bars: Progress | None = None
    tasks: dict[str, TaskID] = {}
    began = time.monotonic()

    def report(task: str, done: int, total: int) -> None:
        nonlocal bars
        if bars is None:
            if time.monotonic() - began < SHOW_AFTER:
                return  # a quick step: no bars, and rich is not imported
            bars = _bars(console)
            bars.start()
        if task not in tasks:
            tasks[task] = bars.add_task(TASKS.get(task, task), total=total)
        bars.update(tasks[task], completed=done, total=total)

    try:
        yield report
    finally:
        if bars is not None:
            bars.stop()


def _bars(console: Console | None) -> Progress:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
        transient=True,
    )
