"""Resident memory of running processes and their descendants, sampled from /proc (Linux).

A `daiyun worker` runs its jobs on threads, and an import may start a helper process of its
own: a worker's memory is the RSS of its whole process tree, summed at each sample. The peak
is the largest sum seen (sampled every `interval` seconds, so a peak shorter than that may be
missed; the worker's own ru_maxrss, from os.wait4 when it exits, is reported beside it).
Also the load average over the run, sampled alike.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

__all__ = ["TreeSampler", "tree_rss_kib"]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text()
            found.extend(int(child) for child in text.split())
    except OSError:
        pass
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_rss_kib(pid: int) -> int:
    """The RSS of `pid` and every descendant, KiB (0 once it is gone)."""
    total, stack, seen = 0, [pid], set()
    while stack:
        each = stack.pop()
        if each in seen:
            continue
        seen.add(each)
        total += _rss_kib(each)
        stack.extend(_children(each))
    return total


class TreeSampler:
    """Samples the trees of `roots` (and the load average) on a thread until stopped."""

    def __init__(self, roots: Sequence[int], interval: float = 0.25) -> None:
        self.roots = list(roots)
        self.interval = interval
        self.peak_kib = dict.fromkeys(self.roots, 0)  # per root
        self.peak_total_kib = 0  # all roots at the same moment
        self.loads: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        ticks = 0
        while not self._stop.is_set():
            total = 0
            for root in self.roots:
                rss = tree_rss_kib(root)
                total += rss
                self.peak_kib[root] = max(self.peak_kib[root], rss)
            self.peak_total_kib = max(self.peak_total_kib, total)
            if ticks % max(1, round(5 / self.interval)) == 0:
                self.loads.append(os.getloadavg()[0])
            ticks += 1
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
