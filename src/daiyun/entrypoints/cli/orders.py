"""`daiyun orders import`: platform order files into a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption

__all__ = ["orders_app"]

orders_app = typer.Typer(help="Platform order files.", no_args_is_help=True)


@orders_app.command("import")
def orders_import(
    files: Annotated[list[Path], typer.Argument(help="Order files; a Taobao pair together.")],
    store: Annotated[str, typer.Option("--store", help="The store's code.")],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="The snapshot time (default: the export time in the file names, else now).",
        ),
    ] = None,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="Store the valid rows; write rejects to a CSV."),
    ] = False,
    background: Annotated[
        bool,
        typer.Option(
            "--background",
            help="Enqueue for a worker (daiyun worker) instead; print the job's id.",
        ),
    ] = False,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import platform order files into a store, exactly once; all or nothing by default."""
    if background:
        from daiyun.entrypoints.cli.jobs import submit_import_in_background

        submit_import_in_background(
            files,
            store=store,
            as_of=None if as_of is None else common.moment(as_of),
            skip_invalid=skip_invalid,
            at=common.moment(at),
            as_json=as_json,
        )
        return
    from daiyun.entrypoints.cli.order_import import run_order_import

    run_order_import(
        files,
        store=store,
        as_of=None if as_of is None else common.moment(as_of),
        skip_invalid=skip_invalid,
        at=common.moment(at),
        as_json=as_json,
        open_daiyun=common.open_daiyun,
        console=common.err,
        fail=common.fail,
        actor=common.actor(),
    )
