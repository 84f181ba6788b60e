"""Facts about the machine a benchmark ran on, for the results file."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from pathlib import Path

__all__ = ["machine_facts"]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_mb() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        pass
    return None


def _commit(repository: Path) -> str | None:
    """The checked-out commit (read only: `git rev-parse HEAD`), when there is one."""
    try:
        finished = subprocess.run(
            ["git", "-C", str(repository), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    return finished.stdout.strip() or None


def machine_facts(repository: Path) -> dict[str, object]:
    """nproc, CPU model, memory, OS, Python, SQLite, the commit benchmarked."""
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_count": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_mb": _memory_mb(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "sqlite": sqlite3.sqlite_version,
        "commit": _commit(repository),
    }
