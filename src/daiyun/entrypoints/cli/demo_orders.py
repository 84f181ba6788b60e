"""The demo's orders: October and November 2026 of every model A brand's Tmall store, so that
a statement has lines to show. Made the same on every run (no randomness, a fixed snapshot
time), written as daiyun order files and imported as any file is — a second load changes
nothing (the files are known by their hash, the orders by their natural keys)."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from daiyun.bootstrap import Daiyun
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.contracts import ContractModel
from daiyun.domain.money import Money
from daiyun.services.demo.agency import DemoBrand, demo_contract
from daiyun.services.orders.importing import import_orders

__all__ = ["DEMO_ORDERS_AS_OF", "DemoOrders", "demo_order_file", "import_demo_orders"]

COLUMNS = (
    "order_no", "line_no", "sku", "units", "unit_price", "line_amount", "shipping", "status",
    "created_at", "paid_at", "shipped_at", "completed_at", "refund_units", "refund_amount",
    "refund_reason", "refunded_at", "buyer_key", "province", "city",
)  # fmt: skip
# The snapshot the demo files describe: early on 2026-11-20, Beijing time.
DEMO_ORDERS_AS_OF = datetime(2026, 11, 20, 8, 0, tzinfo=SHANGHAI)
_OCTOBER_ORDERS = 48
_NOVEMBER_ORDERS = 16
_CITIES = (("浙江省", "杭州市"), ("上海市", "上海市"), ("广东省", "广州市"), ("北京市", "北京市"))


@dataclass
class DemoOrders:
    """How many orders the demo files added (all zero on a second load)."""

    stores: int = 0
    orders_new: int = 0


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def demo_order_file(brand: DemoBrand, *, start: datetime, count: int, prefix: str) -> str:
    """`count` orders of the brand's first items at or a little above guide price, paid from
    `start` on, one every 13 hours; completed six days after payment if that is before the
    snapshot, else shipped."""
    items = brand.items[: max(1, min(12, len(brand.items)))]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for number in range(count):
        paid = start + timedelta(hours=13 * number, minutes=7 * (number % 5))
        shipped = paid + timedelta(hours=20)
        completed = paid + timedelta(days=6)
        done = completed <= DEMO_ORDERS_AS_OF
        province, city = _CITIES[number % len(_CITIES)]
        for line_no in (1, 2) if number % 4 == 0 else (1,):
            item = items[(number + line_no) % len(items)]
            units = 1 + (number + line_no) % 3
            # Every third order sells 5% above guide (within the cap): the operator's spread.
            price = Money(item.guide_price.fen * (105 if number % 3 == 1 else 100) // 100)
            writer.writerow(
                (
                    f"{prefix}{number + 1:05d}", line_no, item.sku, units,
                    price.yuan_text(), price.times(units).yuan_text(),
                    "0.00", "completed" if done else "shipped",
                    _when(paid - timedelta(minutes=3)), _when(paid), _when(shipped),
                    _when(completed) if done else "", 0, "0.00", "", "",
                    f"demo_buyer_{number % 17}", province, city,
                )
            )  # fmt: skip
    return out.getvalue()


def _files(index: int, brand: DemoBrand) -> list[tuple[str, str]]:
    code = f"26{index:02d}"  # order numbers are digits: 26, the brand's index, the month
    october = datetime(2026, 10, 1, 9, 0, tzinfo=SHANGHAI)
    november = datetime(2026, 11, 1, 9, 0, tzinfo=SHANGHAI)
    return [
        (
            f"demo-{brand.code}-2026-10.csv",
            demo_order_file(brand, start=october, count=_OCTOBER_ORDERS, prefix=f"{code}10"),
        ),
        (
            f"demo-{brand.code}-2026-11.csv",
            demo_order_file(brand, start=november, count=_NOVEMBER_ORDERS, prefix=f"{code}11"),
        ),
    ]


def import_demo_orders(
    application: Daiyun, brands: Sequence[DemoBrand], *, at: datetime, actor: str
) -> DemoOrders:
    """Import the demo order files of every model A brand's store."""
    outcome = DemoOrders()
    with tempfile.TemporaryDirectory(prefix="daiyun-demo-orders-") as folder:
        for index, brand in enumerate(sorted(brands, key=lambda b: b.code)):
            contract = demo_contract(index, brand)
            if contract.contract.model is not ContractModel.A:
                continue
            outcome.stores += 1
            for name, text in _files(index, brand):
                path = Path(folder) / name
                path.write_text(text, encoding="utf-8")
                summary = import_orders(
                    application.unit_of_work(),
                    store_code=contract.stores[0].code,
                    source=application.order_files.read([path], as_of=DEMO_ORDERS_AS_OF),
                    skip_invalid=False,
                    buyer_secret=application.settings.secret_key.encode(),
                    at=at,
                    actor=actor,
                )
                if not summary.stored:
                    raise RuntimeError(f"the demo file {name} has problems: {summary.problems[:3]}")
                outcome.orders_new += summary.orders.new
    return outcome
