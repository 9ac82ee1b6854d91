"""Progress bars: none for a quick step, the task's bar once a step has run a while."""

from __future__ import annotations

import io

from rich.console import Console

from pathways.cli import progress


def _console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=100), out


def test_a_quick_step_draws_nothing():
    console, out = _console()
    with progress.progress_bars(enabled=True, console=console) as report:
        report("read", 1, 2)
        report("read", 2, 2)
    assert out.getvalue() == ""


def test_a_long_step_draws_its_bar(monkeypatch):
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    console, out = _console()
    with progress.progress_bars(enabled=True, console=console) as report:
        report("read", 1, 4)
        report("check", 0, 1)
    assert progress.TASKS["read"] in out.getvalue()
    assert progress.TASKS["check"] in out.getvalue()


def test_not_a_terminal_gets_the_quiet_callback():
    with progress.progress_bars(enabled=False) as report:
        assert report is progress.quiet


def test_a_console_made_on_first_use_takes_rich_options():
    from pathways.cli.common import console

    out = io.StringIO()
    narrow = type(console)(file=out, width=30)
    assert narrow.file is out
    narrow.print("ord " * 20)
    lines = out.getvalue().splitlines()
    assert len(lines) > 1 and max(len(line) for line in lines) <= 30
