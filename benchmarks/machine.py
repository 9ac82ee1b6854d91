"""The machine a benchmark ran on, for its results file: processor, cores, memory, Python,
Graphviz, the commit (and whether the work tree had changes) and the load before the run."""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import subprocess
from pathlib import Path

__all__ = ["machine"]

ROOT = Path(__file__).resolve().parents[1]


def _first_line(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], check=False, cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"


def machine() -> dict:
    """The machine, the commit and the load before the run, for the results file."""
    mem = _first_line("/proc/meminfo", "MemTotal")
    ram = f"{int(mem.split()[0]) / 1024 / 1024:.1f} GiB" if mem != "unknown" else mem
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    dot = (
        subprocess.run(["dot", "-V"], check=False, capture_output=True, text=True).stderr.strip()
        if shutil.which("dot")
        else "not installed"
    )
    return {
        "cpu": _first_line("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "ram": ram,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "commit": _git("rev-parse", "--short", "HEAD") + (" (with uncommitted changes)" if dirty else ""),
        "graphviz": dot,
        "load_before": os.getloadavg(),
    }
