"""`daiyun orders import`: read the files, import them, report, write rejects."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from daiyun.bootstrap import Daiyun
from daiyun.domain.orders.records import ImportProblem
from daiyun.services.orders.importing import ImportSummary, import_orders

__all__ = ["run_order_import"]

EXIT_BAD_INPUT = 2
_SHOWN_PROBLEMS = 100
# R-D1: buyer keys made now under the published key stay guessable for good.
_DEVELOPMENT_KEY_WARNING = (
    "warning: buyer keys are made with the published development key (DAIYUN_SECRET_KEY is "
    "not set): set a key of your own before importing real orders (docs/web-and-api.md) / "
    "警告：买家标识正以公开的开发密钥计算，导入真实订单之前请设置 DAIYUN_SECRET_KEY"
)
# The readers word the export time's problems for a page as for the command line, which names
# its flag: on stderr, in the JSON and in the rejects file as interfaces.md has them (issue 15).
_FLAG_HINTS = (
    (
        re.compile(r"says nothing of when it was exported; give the export time"),
        "says nothing of when it was exported; give that time (--as-of)",
    ),
    (
        re.compile(
            r"an export time from (\S+) until (\S+) is needed "
            r"\(check the export time given or the time in the file name\)"
        ),
        r"an as-of time from \1 until \2 is needed (check --as-of or the time in the file name)",
    ),
)


def run_order_import(
    files: list[Path],
    *,
    store: str,
    as_of: datetime | None,
    skip_invalid: bool,
    at: datetime,
    as_json: bool,
    open_daiyun: Callable[[], AbstractContextManager[Daiyun]],
    console: Console,
    fail: Callable[[int, str], NoReturn],
    actor: str,
) -> None:
    """Run one import as the command line asks, and print its summary."""
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        fail(EXIT_BAD_INPUT, f"no such file: {', '.join(missing)}")
    with open_daiyun() as application:
        if application.settings.uses_development_key:
            console.print(_DEVELOPMENT_KEY_WARNING, soft_wrap=True, highlight=False)
        if as_of is None and not any(
            application.order_files.export_time_in_name(path.name) for path in files
        ):
            # As the web's imports do: a file whose name carries no export time (the Tmall
            # report, daiyun's own order file) is taken as exported at the moment of import.
            as_of = at
            console.print(
                f"snapshot time {as_of.isoformat()}: the file names carry no export time "
                "(give --as-of to say when the file was exported)",
                soft_wrap=True,
            )
        source = application.order_files.read(files, as_of=as_of)
        with _progress(console) as progress:
            task = progress.add_task("importing orders", total=None)
            summary = import_orders(
                application.unit_of_work(),
                store_code=store,
                source=source,
                skip_invalid=skip_invalid,
                buyer_secret=application.settings.secret_key.encode(),
                at=at,
                actor=actor,
                progress=lambda done: progress.update(task, completed=done),
            )
    summary = replace(summary, problems=[_with_flag(problem) for problem in summary.problems])
    rejects = _write_rejects(files[0], summary) if skip_invalid and summary.problems else None
    document = summary.as_document()
    if rejects is not None:
        document["rejects_file"] = str(rejects)
    if as_json:
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    _report(console, summary, rejects)
    if not summary.stored:
        raise typer.Exit(EXIT_BAD_INPUT)


def _with_flag(problem: ImportProblem) -> ImportProblem:
    """The problem as the command line words it: naming --as-of where the reader asks for the
    export time."""
    for neutral, flagged in _FLAG_HINTS:
        if neutral.fullmatch(problem.message):
            return replace(problem, message=neutral.sub(flagged, problem.message))
    return problem


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}: {task.completed:,} orders"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def _report(console: Console, summary: ImportSummary, rejects: Path | None) -> None:
    for problem in summary.problems[:_SHOWN_PROBLEMS]:
        console.print(str(problem), soft_wrap=True, highlight=False)
    if summary.problem_count > _SHOWN_PROBLEMS:
        console.print(f"… and {summary.problem_count - _SHOWN_PROBLEMS} more problems")
    for order_file in summary.files:
        if order_file["repeated"]:
            console.print(f"{order_file['name']} was imported before (same content)")
    if not summary.stored:
        console.print(
            f"[bold red]error:[/] {summary.problem_count} problem(s); nothing was imported "
            "(fix the file, or use --skip-invalid to store the valid rows)"
        )
        return
    orders, lines = summary.orders, summary.lines
    console.print(
        f"orders: {orders.new} new, {orders.updated} updated, {orders.unchanged} unchanged; "
        f"lines: {lines.new} new, {lines.updated} updated, {lines.unchanged} unchanged; "
        f"price violations: {summary.price_violations}",
        highlight=False,
    )
    if rejects is not None:
        console.print(f"{summary.problem_count} rejected row(s) written to {rejects}")


def _write_rejects(first_file: Path, summary: ImportSummary) -> Path:
    path = first_file.with_name(first_file.stem + ".rejects.csv")
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "row", "column", "value", "message"])
        for problem in summary.problems:
            writer.writerow(
                [
                    _cell(problem.file),
                    problem.row,
                    _cell(problem.column),
                    _cell(problem.value),
                    _cell(problem.message),
                ]
            )
    return path


def _cell(text: str) -> str:
    # A spreadsheet runs a cell starting with = + - @ as a formula: show it as text instead.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
