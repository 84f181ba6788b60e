"""Time the import itself, as the ceilings are timed: in a process that has loaded its code.

The ceilings are measured in a running process with their rows in memory; `daiyun orders import`
as a command also pays for starting Python and loading its libraries (about a second, whatever
the file). This runs the same import the command runs (read the files, import, commit, close)
in a fresh child process that first loads daiyun's code, and times only the import. It also
takes the CPU seconds the child and the database server spent on it (the server's from /proc,
PostgreSQL only), which show where the time went on a machine of two cores.

    python bench/lib/warm_import.py DATABASE_URL STORE ORDER_FILE ITEM_FILE   (prints JSON)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["WarmImport", "run_warm_import"]


@dataclass(frozen=True)
class WarmImport:
    """One import timed inside a warm process."""

    seconds: float
    client_cpu_seconds: float
    server_cpu_seconds: float | None
    new_lines: int


def run_warm_import(database_url: str, store: str, files: list[Path]) -> WarmImport:
    """Run this file as a child process on `files`; its figures, or RuntimeError saying why not."""
    finished = subprocess.run(
        [sys.executable, __file__, database_url, store, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode != 0:
        raise RuntimeError(f"the warm import failed:\n{finished.stderr.strip()[-2000:]}")
    figures: dict[str, Any] = json.loads(finished.stdout)
    return WarmImport(
        figures["seconds"],
        figures["client_cpu_seconds"],
        figures["server_cpu_seconds"],
        figures["new_lines"],
    )


def _postgres_cpu_seconds() -> float | None:
    """CPU seconds of every PostgreSQL process so far, ended backends included (the postmaster
    counts its reaped children); None where /proc cannot tell."""
    ticks, found = 0, False
    try:
        pids = [name for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return None
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        name, _, rest = stat.partition(" (")[2].partition(")")
        if name != "postgres":
            continue
        fields = rest.split()
        # utime, stime, cutime, cstime: fields 14-17 of stat, 12-15 after the name
        ticks += sum(int(value) for value in fields[11:15])
        found = True
    return ticks / os.sysconf("SC_CLK_TCK") if found else None


def _main(database_url: str, store: str, files: list[Path]) -> None:
    os.environ["DAIYUN_DATABASE_URL"] = database_url
    from datetime import UTC, datetime

    # the code the import loads, loaded before the clock starts
    from daiyun.adapters.platforms import read_order_files
    from daiyun.bootstrap import bootstrap
    from daiyun.services.orders.importing import import_orders

    is_postgresql = database_url.startswith("postgresql")
    server_before = _postgres_cpu_seconds() if is_postgresql else None
    client_before = time.process_time()
    started = time.perf_counter()
    application = bootstrap()
    try:
        summary = import_orders(
            application.unit_of_work(),
            store_code=store,
            source=read_order_files(files, as_of=None),
            skip_invalid=False,
            buyer_secret=application.settings.secret_key.encode(),
            at=datetime.now(UTC),
            actor="bench",
        )
    finally:
        application.close()
    seconds = time.perf_counter() - started
    client_cpu = time.process_time() - client_before
    if is_postgresql:
        time.sleep(0.3)  # the postmaster reaps the ended backend and adds its CPU to its own
    server_after = _postgres_cpu_seconds() if is_postgresql else None
    if not summary.stored:
        raise SystemExit(f"the import stored nothing: {summary.problems[:3]}")
    server_cpu = (
        None if server_before is None or server_after is None else server_after - server_before
    )
    json.dump(
        {
            "seconds": seconds,
            "client_cpu_seconds": client_cpu,
            "server_cpu_seconds": server_cpu,
            "new_lines": summary.lines.new,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    _main(sys.argv[1], sys.argv[2], [Path(name) for name in sys.argv[3:]])
