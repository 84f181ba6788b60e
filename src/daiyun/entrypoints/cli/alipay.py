"""`daiyun alipay import`: a store's Alipay account statements (支付宝账务明细), R-X1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.services.reconciliation.alipay_import import (
    AlipayImportSummary,
    import_alipay_statements,
)

__all__ = ["alipay_app"]

alipay_app = typer.Typer(help="Alipay account statements (支付宝账务明细).", no_args_is_help=True)

_SHOWN_PROBLEMS = 100


@alipay_app.command("import")
def alipay_import(
    files: Annotated[
        list[Path], typer.Argument(help="Statements as downloaded: the ZIP, or the CSV in it.")
    ],
    store: Annotated[str, typer.Option("--store", help="The store's code.")],
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import a store's Alipay account statements, each line once; all or nothing."""
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        common.bad_input(f"no such file / 文件不存在: {', '.join(missing)}")
    moment = common.moment(at)
    console = common.err
    with common.open_daiyun() as application:
        source = application.alipay_files.read(files)
        with _progress(console) as progress:
            task = progress.add_task("importing Alipay lines / 导入支付宝明细", total=None)
            summary = import_alipay_statements(
                application.alipay_unit_of_work(),
                store_code=store,
                source=source,
                at=moment,
                actor=common.actor(),
                progress=lambda done: progress.update(task, completed=done),
            )
    if as_json:
        typer.echo(json.dumps(summary.as_document(), ensure_ascii=False, indent=2))
    _report(console, summary)
    if not summary.stored:
        raise typer.Exit(common.EXIT_BAD_INPUT)


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}: {task.completed:,} lines / 行"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def _report(console: Console, summary: AlipayImportSummary) -> None:
    for problem in summary.problems[:_SHOWN_PROBLEMS]:
        console.print(str(problem), soft_wrap=True, highlight=False, markup=False)
    if summary.problem_count > _SHOWN_PROBLEMS:
        more = summary.problem_count - _SHOWN_PROBLEMS
        console.print(f"… and {more} more problems / 另有 {more} 个问题")
    for statement_file in summary.files:
        if statement_file["repeated"]:
            console.print(
                f"{statement_file['name']} was imported before (same content) / 此文件已导入过",
                highlight=False,
                markup=False,
            )
    if not summary.stored:
        console.print(
            f"[bold red]error:[/] {summary.problem_count} problem(s); nothing was imported "
            f"(fix the file, or download it again) / 发现 {summary.problem_count} 个问题，"
            "未导入任何内容（请修正文件或重新下载）"
        )
        return
    accounts = sorted({str(f["account"]) for f in summary.files if f["account"]})
    console.print(
        f"Alipay account {', '.join(accounts)}: {summary.new} new line(s), {summary.unchanged} "
        f"unchanged / 支付宝账户 {', '.join(accounts)}：新增 {summary.new} 行，"
        f"已有 {summary.unchanged} 行",
        highlight=False,
        markup=False,
    )
