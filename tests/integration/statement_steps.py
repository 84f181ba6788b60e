"""Steps of the statement journeys, as a clerk types them (`daiyun statement …`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.builders import daiyun_order_row, write_daiyun_orders
from tests.integration.cli_runner import CliResult, run_daiyun

CONTRACT = "CHANDO-2026"
STORE = "chando-tmall"


def import_orders(database_url: str, path: Path, rows: list[dict[str, str]], as_of: str) -> None:
    """Import a daiyun order file of `rows` into chando's Tmall store as of `as_of`."""
    write_daiyun_orders(path, rows)
    result = run_daiyun(
        database_url, "orders", "import", "--store", STORE, "--as-of", as_of, str(path)
    )
    assert result.exit_code == 0, result.stderr


def statement(database_url: str, action: str, month: str, *extra: str) -> CliResult:
    """`daiyun statement ACTION --contract CHANDO-2026 --month MONTH --json EXTRA…`."""
    return run_daiyun(
        database_url, "statement", action, "--contract", CONTRACT, "--month", month, "--json",
        *extra,
    )  # fmt: skip


def ok(result: CliResult) -> Any:
    """The JSON of a command that succeeded."""
    assert result.exit_code == 0, result.stderr
    return result.json()


def pay(database_url: str, month: str, amount: str, paid_on: str, at: str) -> CliResult:
    """`daiyun payment record …` for chando's statement of `month`."""
    return run_daiyun(
        database_url, "payment", "record", "--contract", CONTRACT, "--month", month,
        "--amount", amount, "--paid-on", paid_on, "--at", at, "--json",
    )  # fmt: skip


def add_brand_user(database_url: str, login: str, role: str, brand: str = "chando") -> None:
    """A brand's user with `role`."""
    result = run_daiyun(
        database_url, "user", "add", "--login", login, "--role", role, "--brand", brand
    )
    assert result.exit_code == 0, result.stderr


def completed(order_no: str, line_no: int = 1, *, at: str, **values: str) -> dict[str, str]:
    """A daiyun order row completed (交易成功) at `at`, Beijing time."""
    return daiyun_order_row(
        order_no, line_no, status="completed", shipped_at="2026-10-06 09:00:00",
        completed_at=at, **values,
    )  # fmt: skip


# October 2026 at chando's Tmall store (SKUs: 面霜 CD-CREAM-50 guide 139.00, 面膜 CD-MASK-5
# guide 59.00; both "other" categories on Tmall: 5% technical service fee, R-S5).
OCTOBER = [
    # 2 × 139.00 = 278.00 at guide, shipping 10.00 on line 1 (income to the brand)
    completed("1001", at="2026-10-12 08:00:00", shipping="10.00"),
    # 1 × 59.00 at guide
    completed(
        "1001", 2, at="2026-10-12 08:00:00", sku="CD-MASK-5", units="1", unit_price="59.00",
        line_amount="59.00",
    ),
    # 1 × 150.00: 11.00 above guide, within the 10% cap (152.90)
    completed(
        "1002", at="2026-10-20 18:30:00", units="1", unit_price="150.00", line_amount="150.00",
        buyer_key="tb_buyer_2",
    ),
    # shipped, not completed: not recognised (R-S1)
    daiyun_order_row("1003", status="shipped", shipped_at="2026-10-30 09:00:00"),
]  # fmt: skip
