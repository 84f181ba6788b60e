"""`daiyun data export`: the brand's own operating data as a file (issue 20 point 4, R-R3).

Streamed: the rows are read in batches and written as they come, so a million lines take
bounded memory. Exit 2 for bad input (an unknown brand, --from after --to, a folder that does
not exist); nothing is left at --out then.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from daiyun.domain.brand_data import Dataset, ExportFormat
from daiyun.entrypoints.cli.common import bad_input, console_user, open_daiyun, parse_day
from daiyun.services.brand_data.exporting import export_brand_data

__all__ = ["data_app"]

data_app = typer.Typer(help="The brand's own operating data (R-R3).", no_args_is_help=True)


@data_app.command("export")
def data_export(
    brand: Annotated[str, typer.Option("--brand", help="The brand's code.")],
    dataset: Annotated[Dataset, typer.Option("--dataset", help="Which rows.")],
    export_format: Annotated[ExportFormat, typer.Option("--format", help="The file's format.")],
    out: Annotated[Path, typer.Option("--out", help="The file to write (replaced).")],
    paid_from: Annotated[
        str | None,
        typer.Option("--from", help="First paid day, YYYY-MM-DD (Beijing), included."),
    ] = None,
    paid_to: Annotated[
        str | None,
        typer.Option("--to", help="Last paid day, YYYY-MM-DD (Beijing), included."),
    ] = None,
) -> None:
    """Write one dataset of the brand's orders, order lines, refunds, statements (model A) or
    fee bills (model B) as CSV, XLSX or Parquet; the range keeps the orders paid in it (and
    their lines and refunds), or the statements' and bills' months it touches."""
    first = None if paid_from is None else parse_day("--from", paid_from)
    last = None if paid_to is None else parse_day("--to", paid_to)
    if not out.parent.is_dir():
        bad_input(f"--out {out}: the folder {out.parent} does not exist")
    partial = out.with_name(out.name + ".partial")
    try:
        with open_daiyun() as application, partial.open("wb") as sink:
            rows = export_brand_data(
                application.brand_data_unit_of_work(),
                application.brand_data_writers,
                console_user(),
                sink,
                brand_code=brand,
                dataset=dataset,
                export_format=export_format,
                paid_from=first,
                paid_to=last,
            )
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    typer.echo(f"{rows} rows of {brand} {dataset.value} written to {out}")
