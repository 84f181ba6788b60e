"""Time `daiyun reconcile`'s service in a process that has loaded its code, with its peak memory.

`daiyun reconcile` as a command also pays for starting Python and loading its libraries (about a
second whatever the month). This runs, in a fresh child process, what the command runs —
`bootstrap()`, then `reconcile_store_month` on the Alipay unit of work as the console's user —
timing only the service (bootstrap and the unit of work included, as the command does it). The
child is started by a small launcher that takes its peak resident memory (`os.wait4`,
ru_maxrss), so that the benchmark's own memory is never counted in it; the child also says its
resident memory before the service began (Python and daiyun's code loaded), and the CPU seconds
it and the PostgreSQL server spent.

    python bench/lib/warm_reconcile.py DATABASE_URL STORE YYYY-MM   (prints JSON)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["WarmReconcile", "run_warm_reconcile"]

_LAUNCHER = """
import json, os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as out:
    json.dump({"peak_rss_kib": usage.ru_maxrss,
               "returncode": os.waitstatus_to_exitcode(status)}, out)
"""


@dataclass(frozen=True)
class WarmReconcile:
    """One reconciliation timed inside a warm process."""

    seconds: float
    peak_rss_kib: int
    rss_before_kib: int
    client_cpu_seconds: float
    server_cpu_seconds: float | None
    document: dict[str, Any]  # the service's JSON (interfaces.md), differences left out
    differences: int

    @property
    def peak_mb(self) -> float:
        return self.peak_rss_kib / 1024

    @property
    def before_mb(self) -> float:
        return self.rss_before_kib / 1024


def run_warm_reconcile(
    database_url: str, store: str, month: str, python_options: tuple[str, ...] = ()
) -> WarmReconcile:
    """Run this file as a child process; its figures, or RuntimeError saying why not.

    `python_options` (e.g. `-m cProfile -o FILE`) go before the script."""
    with tempfile.NamedTemporaryFile(suffix=".json") as measured:
        finished = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, measured.name, sys.executable, *python_options,
             __file__, database_url, store, month],
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
        launched = json.loads(Path(measured.name).read_text() or "{}")
    if finished.returncode != 0 or launched.get("returncode") != 0:
        raise RuntimeError(f"the warm reconciliation failed:\n{finished.stderr.strip()[-2000:]}")
    figures: dict[str, Any] = json.loads(finished.stdout)
    return WarmReconcile(
        figures["seconds"],
        launched["peak_rss_kib"],
        figures["rss_before_kib"],
        figures["client_cpu_seconds"],
        figures["server_cpu_seconds"],
        figures["document"],
        figures["differences"],
    )


def _resident_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _main(database_url: str, store: str, month_text: str) -> None:
    os.environ["DAIYUN_DATABASE_URL"] = database_url
    # the code the command loads, loaded before the clock starts
    from daiyun.bootstrap import bootstrap
    from daiyun.domain.calendar import Month
    from daiyun.entrypoints.cli.common import console_user
    from daiyun.services.reconciliation.reconcile import reconcile_store_month

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from warm_import import _postgres_cpu_seconds

    month = Month.parse(month_text)
    acting = console_user()
    is_postgresql = database_url.startswith("postgresql")
    rss_before = _resident_kib()
    server_before = _postgres_cpu_seconds() if is_postgresql else None
    client_before = time.process_time()
    started = time.perf_counter()
    application = bootstrap()
    try:
        found = reconcile_store_month(
            application.alipay_unit_of_work(), acting=acting, store_code=store, month=month
        )
    finally:
        application.close()
    seconds = time.perf_counter() - started
    client_cpu = time.process_time() - client_before
    if is_postgresql:
        time.sleep(0.3)  # the postmaster reaps the ended backend and adds its CPU to its own
    server_after = _postgres_cpu_seconds() if is_postgresql else None
    server_cpu = (
        None if server_before is None or server_after is None else server_after - server_before
    )
    document = found.as_document()
    differences = document.pop("differences")
    json.dump(
        {
            "seconds": seconds,
            "rss_before_kib": rss_before,
            "client_cpu_seconds": client_cpu,
            "server_cpu_seconds": server_cpu,
            "document": document,
            "differences": len(differences),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    _main(sys.argv[1], sys.argv[2], sys.argv[3])
