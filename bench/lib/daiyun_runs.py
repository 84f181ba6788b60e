"""Run the `daiyun` command line as a user would: a subprocess per command, on a chosen database.

A timed command (an import, a statement draft…) is measured from outside: wall time around the
child process, and its own peak resident memory from `os.wait4` (ru_maxrss, KiB on Linux) taken
by a small launcher process, so that the benchmark's own memory is never counted in it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "DaiyunFailed",
    "ImportRun",
    "MeasuredRun",
    "daiyun_command",
    "prepare_database",
    "run_import",
    "run_json",
    "run_measured",
    "startup_seconds",
]

STDERR_TAIL_LINES = 25


class DaiyunFailed(Exception):
    """A daiyun command failed or said something other than expected; the message says what."""


@dataclass(frozen=True)
class ImportRun:
    """One timed `daiyun orders import`."""

    seconds: float
    peak_rss_kib: int
    summary: dict[str, Any]

    @property
    def peak_mb(self) -> float:
        return self.peak_rss_kib / 1024


def daiyun_command() -> list[str]:
    """The `daiyun` script beside this Python (the venv's), else `python -m daiyun`."""
    script = Path(sys.executable).parent / "daiyun"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "daiyun"]


def _environment(database_url: str) -> dict[str, str]:
    return {**os.environ, "DAIYUN_DATABASE_URL": database_url}


def _tail(text: str) -> str:
    lines = text.strip().splitlines()[-STDERR_TAIL_LINES:]
    return "\n".join(f"    | {line}" for line in lines) or "    | (nothing on stderr)"


def _run_step(arguments: Sequence[str], database_url: str) -> None:
    command = [*daiyun_command(), *arguments]
    finished = subprocess.run(
        command, env=_environment(database_url), capture_output=True, text=True, check=False
    )
    if finished.returncode != 0:
        raise DaiyunFailed(
            f"`daiyun {' '.join(arguments)}` exited with {finished.returncode}:\n"
            + _tail(finished.stderr)
        )


def prepare_database(
    database_url: str, contract_file: Path, catalog_file: Path, brand: str
) -> None:
    """Migrate a fresh database, load the brand's contract and its catalogue (untimed)."""
    _run_step(["db", "upgrade"], database_url)
    _run_step(["contract", "load", str(contract_file)], database_url)
    _run_step(["catalog", "import", "--brand", brand, str(catalog_file)], database_url)


def startup_seconds() -> float:
    """Wall time of `daiyun --help`: the interpreter and the CLI's imports, doing nothing else."""
    started = time.perf_counter()
    subprocess.run([*daiyun_command(), "--help"], capture_output=True, check=False)
    return time.perf_counter() - started


_LAUNCHER = """
import json, os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": seconds, "peak_rss_kib": usage.ru_maxrss,
               "returncode": os.waitstatus_to_exitcode(status)}, out)
"""


@dataclass(frozen=True)
class MeasuredRun:
    """One timed `daiyun …` child: wall seconds, its own peak memory, what it printed."""

    seconds: float
    peak_rss_kib: int
    stdout: str
    stderr: str

    @property
    def peak_mb(self) -> float:
        return self.peak_rss_kib / 1024


def run_measured(
    database_url: str, arguments: Sequence[str], python_options: Sequence[str] = ()
) -> MeasuredRun:
    """Time `daiyun ARGUMENTS` as a child process and take its peak memory; fail if it fails.

    `python_options` run the command as `python OPTIONS -m daiyun …` instead (e.g. cProfile).
    """
    shown = f"`daiyun {' '.join(arguments[:4])}{' …' if len(arguments) > 4 else ''}`"
    command = (
        [sys.executable, *python_options, "-m", "daiyun"] if python_options else daiyun_command()
    )
    with (
        tempfile.TemporaryFile() as stdout,
        tempfile.TemporaryFile() as stderr,
        tempfile.NamedTemporaryFile(suffix=".json") as measured,
    ):
        # A small launcher starts the command, so that its peak memory is its own: a child
        # forked straight from this process (which may hold a ceiling's rows) would count this
        # process's pages in its ru_maxrss until it execs.
        launcher = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, measured.name, *command, *arguments],
            stdout=stdout,
            stderr=stderr,
            env=_environment(database_url),
            check=False,
        )
        figures = json.loads(Path(measured.name).read_text() or "{}")
        if not figures:
            raise DaiyunFailed(f"the launcher of {shown} failed with {launcher.returncode}")
        stdout.seek(0)
        stderr.seek(0)
        out = stdout.read().decode("utf-8", errors="replace")
        err = stderr.read().decode("utf-8", errors="replace")
    if figures["returncode"] != 0:
        raise DaiyunFailed(f"{shown} exited with {figures['returncode']}:\n{_tail(err)}")
    return MeasuredRun(figures["seconds"], figures["peak_rss_kib"], out, err)


def run_json(
    database_url: str, arguments: Sequence[str], python_options: Sequence[str] = ()
) -> tuple[MeasuredRun, dict[str, Any]]:
    """`run_measured` of a command given `--json`; also the one JSON object it printed."""
    run = run_measured(database_url, arguments, python_options)
    shown = f"`daiyun {' '.join(arguments[:4])} …`"
    return run, _summary(run.stdout, shown, run.stderr)


def run_import(
    database_url: str, store: str, files: Sequence[Path], expected_lines: int
) -> ImportRun:
    """Time `daiyun orders import --store STORE --json FILES…`; check it took every line as new."""
    arguments = ["orders", "import", "--store", store, "--json", *map(str, files)]
    shown = f"`daiyun {' '.join(arguments[:4])} --json …`"
    run, summary = run_json(database_url, arguments)
    new_lines = (
        summary.get("lines", {}).get("new") if isinstance(summary.get("lines"), dict) else None
    )
    if new_lines != expected_lines:
        raise DaiyunFailed(
            f"{shown} reported lines.new = {new_lines!r}, expected {expected_lines:,} "
            f"(every line of a fresh export is new). Its summary: {json.dumps(summary)[:800]}"
        )
    return ImportRun(run.seconds, run.peak_rss_kib, summary)


def _summary(out: str, shown: str, err: str) -> dict[str, Any]:
    try:
        document = json.loads(out)
    except json.JSONDecodeError as error:
        raise DaiyunFailed(
            f"{shown} did not print one JSON document on stdout ({error}); stdout began with "
            f"{out[:300]!r}\n{_tail(err)}"
        ) from error
    if not isinstance(document, dict):
        raise DaiyunFailed(f"{shown} printed JSON that is not an object: {out[:300]!r}")
    return document
