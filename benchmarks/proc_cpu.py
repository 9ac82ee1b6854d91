"""CPU time from Linux's /proc: of a process, of its threads by name, of the whole machine, and
what the hypervisor took from the machine (steal), for benchmarks on a shared virtual machine.

A benchmark that compares CPU times push by push needs to know what else moved meanwhile: the
rest of the machine (other processes) and the host (the virtual CPUs waiting for a physical
one, which slows what runs beside it too). These read the kernel's counters, which cost a file
read each, rather than sampling.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["machine_cpu", "process_cpu", "steal_cpu", "threads_cpu"]


def _ticks(seconds: int) -> float:
    return seconds / os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int | None) -> float:
    """User + system CPU seconds of process ``pid`` so far (all its threads); 0 without one."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return _ticks(int(fields[11]) + int(fields[12]))


def threads_cpu(pid: int | None, prefix: str) -> tuple[float, float]:
    """CPU seconds of process ``pid``'s threads so far: those whose name starts with ``prefix``,
    and all the others."""
    if pid is None:
        return 0.0, 0.0
    named = other = 0.0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:  # the thread ended
            continue
        name, fields = stat[stat.index("(") + 1 : stat.rindex(")")], stat.rsplit(")", 1)[1].split()
        seconds = _ticks(int(fields[11]) + int(fields[12]))
        if name.startswith(prefix):
            named += seconds
        else:
            other += seconds
    return named, other


def _machine_fields() -> list[int]:
    return [int(t) for t in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]


def machine_cpu() -> float:
    """CPU seconds the whole machine has been busy so far (all its cores), from /proc/stat."""
    user, nice, system, _idle, _iowait, irq, softirq, *_ = _machine_fields()
    return _ticks(user + nice + system + irq + softirq)


def steal_cpu() -> float:
    """CPU seconds the machine's virtual CPUs wanted to run but the host ran something else
    (``steal`` in /proc/stat; 0 on bare metal): the host's load, which no process here shows."""
    fields = _machine_fields()
    return _ticks(fields[7]) if len(fields) > 7 else 0.0
