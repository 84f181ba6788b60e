"""Orders shipped late or not in time, on SQLite and PostgreSQL (R-F2, the dashboard)."""

from __future__ import annotations

from pathlib import Path

from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import Role, User
from daiyun.services.fulfilment.shipping import late_shipments
from tests.builders import beijing, daiyun_order_row, write_daiyun_orders
from tests.integration.cli_runner import run_daiyun

ADMIN = User("admin", "admin", Role.ADMIN, None)


def test_late_orders_have_their_hours_late_and_other_brands_see_none(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path
) -> None:
    rows = [
        # Paid Fri 20 Nov 10:00: ship by Mon 23 Nov 10:00 (72 hours); unshipped at 12:00 → 2 h.
        daiyun_order_row("3001", status="paid", paid_at="2026-11-20 10:00:00"),
        # Shipped the next morning: on time.
        daiyun_order_row(
            "3002", status="shipped", paid_at="2026-11-20 10:00:00",
            shipped_at="2026-11-21 09:00:00", buyer_key="b2",
        ),
        # Paid 18 Nov 08:00, ship by 21 Nov 08:00, shipped 22 Nov 08:00 → 24 h late.
        daiyun_order_row(
            "3003", status="shipped", paid_at="2026-11-18 08:00:00",
            shipped_at="2026-11-22 08:00:00", buyer_key="b3",
        ),
        # Paid an hour and a half ago: not late yet.
        daiyun_order_row("3004", status="paid", paid_at="2026-11-23 10:30:00", buyer_key="b4"),
    ]  # fmt: skip
    path = write_daiyun_orders(tmp_path / "orders.csv", rows)
    result = run_daiyun(
        chando_store, "orders", "import", "--store", "chando-tmall",
        "--as-of", "2026-11-23T12:00:00+08:00", str(path),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr

    found = late_shipments(daiyun_app.unit_of_work(), ADMIN, as_of=beijing("2026-11-23 12:00"))
    assert [(late.order_no, late.hours_late, late.shipped_at is None) for late in found] == [
        ("3003", 24, False),
        ("3001", 2, True),
    ]
    assert found[1].ship_by == beijing("2026-11-23 10:00")
    # R-D2: another brand's people see none of chando's orders.
    other = User("pechoin-finance", "x", Role.BRAND_FINANCE, "pechoin")
    assert late_shipments(daiyun_app.unit_of_work(), other, as_of=beijing("2026-11-23 12:00")) == []
