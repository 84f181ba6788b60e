"""Run `daiyun …` in-process against a test database, as a user would type it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from typer.testing import CliRunner

from daiyun.entrypoints.cli.main import app


@dataclass(frozen=True)
class CliResult:
    """What the command printed and its exit code."""

    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """The one JSON document on stdout."""
        return json.loads(self.stdout)


def run_daiyun(database_url: str, *args: str, stdin: str | None = None) -> CliResult:
    """`daiyun ARGS` with DAIYUN_DATABASE_URL pointing at the test database."""
    result = CliRunner().invoke(
        app, list(args), input=stdin, env={"DAIYUN_DATABASE_URL": database_url}
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return CliResult(result.exit_code, result.stdout, result.stderr)
