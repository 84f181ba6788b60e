"""`daiyun demo load`: the demo agency."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption

if TYPE_CHECKING:
    from daiyun.bootstrap import Daiyun
    from daiyun.services.reconciliation.ports import AlipaySource

__all__ = ["demo_app"]

demo_app = typer.Typer(help="The demo agency.", no_args_is_help=True)


@demo_app.command("load")
def demo_load(
    listings: Annotated[
        Path | None,
        typer.Option("--listings", help="The 2016 Tmall cosmetics listings file."),
    ] = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Load the demo agency: 22 cosmetics brands, their contracts, stores, SKUs and orders, the
    model A statements of the months before --at issued, confirmed and paid, and the model B
    brands' Alipay statements, service fees and fee bills (the latest left open)."""
    from daiyun.entrypoints.cli.demo_orders import import_demo_orders
    from daiyun.entrypoints.cli.demo_source import find_listings_file
    from daiyun.services.demo.agency import load_demo
    from daiyun.services.demo.history import settle_demo_history
    from daiyun.services.demo.listings import demo_brands
    from daiyun.services.demo.model_b import settle_demo_model_b

    path = listings or find_listings_file()
    if path is None or not path.is_file():
        common.fail(
            common.EXIT_BAD_INPUT,
            "the listings file was not found: give --listings PATH "
            "or set DAIYUN_SHARED_DATA_DIR to the folder holding shared/data/real",
        )
    moment = common.moment(at)
    with common.open_daiyun() as application:
        brands, problems = demo_brands(application.demo_listings, path)
        if problems:
            for problem in problems[:20]:
                common.err.print(problem, soft_wrap=True)
            common.bad_input(f"{path}: {len(problems)} problem(s); nothing was loaded")
        outcome = load_demo(
            application.unit_of_work(),
            brands,
            hash_password=application.passwords.hash,
            at=moment,
            actor=common.actor(),
        )
        # A month of orders per model A store, so that a statement has lines to show.
        orders = import_demo_orders(application, brands, at=moment, actor=common.actor())
        # R-S6, R-S7: the months before `moment` settled, so the demo is in good standing.
        history = settle_demo_history(application.unit_of_work, brands, at=moment)
        # Issue 18: the model B brands' Alipay statements, service fees and fee bills.
        with tempfile.TemporaryDirectory(prefix="daiyun-demo-alipay-") as folder:
            model_b = settle_demo_model_b(
                application.fee_bill_unit_of_work,
                application.alipay_unit_of_work,
                lambda files: _read_statements(application, Path(folder), files),
                brands,
                at=moment,
            )
    document = {
        **outcome.as_document(),
        "orders_added": orders.orders_new,
        **history.as_document(),
        "model_b": model_b.as_document(),
    }
    said = (
        f"{outcome.summary()}; {orders.orders_new} demo orders added; {history.summary()}; "
        f"{model_b.summary()}"
    )
    common.emit(as_json, document, lambda: common.err.print(said, soft_wrap=True))


def _read_statements(
    application: Daiyun, folder: Path, files: Sequence[tuple[str, bytes]]
) -> AlipaySource:
    """The demo's Alipay statements written into `folder` and read as any download is."""
    paths = []
    for name, data in files:
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return application.alipay_files.read(paths)
