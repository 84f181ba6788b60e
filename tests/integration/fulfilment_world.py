"""chando's store with a digital SKU besides its two physical ones, and helpers to import
order rows and stock lists through the command line (issue 19)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.builders import daiyun_order_row, write_daiyun_orders
from tests.integration.cli_runner import CliResult, run_daiyun

__all__ = [
    "CARD",
    "CREAM",
    "MASK",
    "STORE",
    "add_digital_card",
    "import_orders",
    "line",
    "stock_list",
]

STORE = "chando-tmall"
CREAM, MASK, CARD = "CD-CREAM-50", "CD-MASK-5", "CD-CARD-100"  # ¥139.00, ¥59.00; the card digital


def add_digital_card(database_url: str, folder: Path) -> None:
    """R-F6: a ¥100 gift card, digital goods (履约方式 虚拟)."""
    path = folder / "card.csv"
    path.write_text(
        "商家编码,商品名称,类目,零售指导价,生效时间,履约方式\n"
        f"{CARD},自然堂礼品卡100元,礼品卡,100.00,2026-01-01,虚拟\n",
        encoding="utf-8",
    )
    result = run_daiyun(database_url, "catalog", "import", "--brand", "chando", str(path))
    assert result.exit_code == 0, result.stderr


def line(
    order_no: str, line_no: int = 1, *, sku: str = CREAM, units: int = 2, **values: str
) -> dict[str, str]:
    """One row of the daiyun order file: `units` of `sku` at its guide price, created when paid."""
    price = {CREAM: 13900, MASK: 5900, CARD: 10000}[sku]
    row = daiyun_order_row(
        order_no, line_no, sku=sku, units=str(units), unit_price=f"{price // 100}.00",
        line_amount=f"{price * units // 100}.00",
    )  # fmt: skip
    row.update(values)
    if "created_at" not in values:
        row["created_at"] = row["paid_at"] or row["created_at"]
    return row


def import_orders(
    database_url: str, folder: Path, rows: list[dict[str, str]], as_of: str, name: str = "orders"
) -> CliResult:
    """Import the rows as one export as of `as_of` (ISO, Beijing time without an offset)."""
    path = write_daiyun_orders(folder / f"{name}.csv", rows)
    result = run_daiyun(
        database_url, "orders", "import", "--store", STORE, "--as-of", as_of, str(path)
    )
    assert result.exit_code == 0, result.stderr + result.stdout
    return result


def stock_list(folder: Path, rows: list[tuple[str, Any, str]], name: str = "stock.csv") -> Path:
    """A stock list with Chinese headers: (商家编码, 数量, 仓库)."""
    path = folder / name
    text = "商家编码,数量,仓库\n" + "".join(f"{sku},{qty},{place}\n" for sku, qty, place in rows)
    path.write_text(text, encoding="utf-8")
    return path
