"""`daiyun catalog import`: a brand's SKUs and guide prices (R-P1)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption

__all__ = ["catalog_app"]

catalog_app = typer.Typer(help="SKUs and guide prices.", no_args_is_help=True)


@catalog_app.command("import")
def catalog_import(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8 or GBK) or XLSX with a header row.")],
    brand: Annotated[str, typer.Option("--brand", help="The brand's code.")],
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add or update a brand's SKUs and guide prices."""
    from daiyun.services.pricing.catalog import import_catalog

    with common.open_daiyun() as application:
        # The reader (openpyxl) loads here, not at start-up: other commands start faster.
        entries, problems = application.catalog_files.read_file(file)
        if problems:
            for problem in problems[:100]:
                common.err.print(str(problem), soft_wrap=True)
            more = f" (first 100 shown of {len(problems)})" if len(problems) > 100 else ""
            common.bad_input(f"{file}: {len(problems)} problem(s){more}; nothing was imported")
        outcome = import_catalog(
            application.unit_of_work(),
            brand_code=brand,
            entries=entries,
            at=common.moment(at),
            actor=common.actor(),
        )
    document = {
        "brand": outcome.brand,
        "skus": {
            "new": outcome.skus_added,
            "updated": outcome.skus_updated,
            "unchanged": outcome.unchanged,
        },
        "guide_prices_added": outcome.guide_prices_added,
        "repricing_tasks": outcome.repricing_tasks,
    }
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"{brand}: {outcome.skus_added} new SKUs, {outcome.skus_updated} updated, "
            f"{outcome.guide_prices_added} new guide prices, {outcome.unchanged} unchanged; "
            f"{outcome.repricing_tasks} listings to reprice (R-P5)"
        ),
    )
