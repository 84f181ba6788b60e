"""Run many `daiyun` commands in one process: the setup of a benchmark with many brands.

`daiyun contract load` and `daiyun catalog import` for 50 brands as 100 processes would spend
most of their time starting Python and the CLI's libraries; here one child process runs each
command line through the CLI itself (Typer's test runner: the same code, arguments and exit
codes), on the database DAIYUN_DATABASE_URL names. Also how the Double-11 benchmark submits a
stage's jobs by default: one process submitting them all, as a web process or a scheduler
would, instead of 50 command-line start-ups (a few seconds each on a busy machine).

    python bench/lib/daiyun_batch.py COMMANDS.json   # a JSON list of argument lists
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Batch", "run_batch"]


@dataclass(frozen=True)
class Batch:
    """What a batch printed: each command's stdout, in order; and the process's peak memory."""

    outputs: list[str]
    peak_rss_kib: int
    seconds: float


def run_batch(database_url: str, commands: Sequence[Sequence[str]]) -> Batch:
    """Run `commands` (each the arguments after `daiyun`) in one child process, in order;
    RuntimeError naming the first that failed."""
    with tempfile.TemporaryDirectory(prefix="daiyun-batch-") as folder:
        listed, out = Path(folder) / "commands.json", Path(folder) / "outputs.json"
        listed.write_text(json.dumps([list(command) for command in commands]), encoding="utf-8")
        started = time.perf_counter()
        finished = subprocess.run(
            [sys.executable, __file__, str(listed), str(out)],
            env={**os.environ, "DAIYUN_DATABASE_URL": database_url},
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        if finished.returncode != 0:
            raise RuntimeError(
                f"a batch of daiyun commands failed:\n{finished.stdout[-3000:]}\n"
                f"{finished.stderr[-3000:]}"
            )
        document = json.loads(out.read_text(encoding="utf-8"))
    return Batch(document["outputs"], document["peak_rss_kib"], seconds)


def _main(path: str, out: str) -> int:
    from typer.testing import CliRunner

    from daiyun.entrypoints.cli.main import app

    runner = CliRunner()
    outputs = []
    for command in json.loads(Path(path).read_text(encoding="utf-8")):
        result = runner.invoke(app, command, catch_exceptions=False)
        if result.exit_code != 0:
            print(f"`daiyun {' '.join(command)}` exited with {result.exit_code}: {result.output}")
            return 1
        outputs.append(result.stdout)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    Path(out).write_text(json.dumps({"outputs": outputs, "peak_rss_kib": peak}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1], sys.argv[2]))
