"""The demo's orders: October and November 2026 of every model A brand's Tmall store, so that
a statement has lines to show; every month from go-live (February 2026) to November of each
model B brand's store, some refunded after the buyer confirmed receipt, so that its Alipay
statements and fee bills have months of receipts (services/demo/model_b.py, issue 18). Made the
same on every run (no randomness, a fixed snapshot time), written as daiyun order files and
imported as any file is — a second load changes nothing (the files are known by their hash,
the orders by their natural keys)."""

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
# Model B stores from go-live: February to September, then October and November as model A's.
_MODEL_B_MONTHLY_ORDERS = (26, 30, 34, 32, 40, 36, 38, 42)
_CITIES = (("浙江省", "杭州市"), ("上海市", "上海市"), ("广东省", "广州市"), ("北京市", "北京市"))


@dataclass
class DemoOrders:
    """How many orders the demo files added (all zero on a second load)."""

    stores: int = 0
    orders_new: int = 0


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def demo_order_file(
    brand: DemoBrand, *, start: datetime, count: int, prefix: str, refunds: bool = False
) -> str:
    """`count` orders of the brand's first items at or a little above guide price, paid from
    `start` on, one every 13 hours; completed six days after payment if that is before the
    snapshot, else shipped. With `refunds`, one order in 9 has a unit of its first line
    refunded three days after completion (paid back out of the seller's account) and one in 13
    a unit refunded before completion (out of escrow, never reaching the seller)."""
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
            refunded = _refund_time(number, line_no, shipped, completed) if refunds else None
            refund = ("1", price.yuan_text(), "质量问题", _when(refunded)) if refunded else None
            writer.writerow(
                (
                    f"{prefix}{number + 1:05d}", line_no, item.sku, units,
                    price.yuan_text(), price.times(units).yuan_text(),
                    "0.00", "completed" if done else "shipped",
                    _when(paid - timedelta(minutes=3)), _when(paid), _when(shipped),
                    _when(completed) if done else "", *(refund or (0, "0.00", "", "")),
                    f"demo_buyer_{number % 17}", province, city,
                )
            )  # fmt: skip
    return out.getvalue()


def _refund_time(
    number: int, line_no: int, shipped: datetime, completed: datetime
) -> datetime | None:
    """When the order's first line has a unit refunded, if it has (see demo_order_file)."""
    if line_no != 1:
        return None
    after_completion = completed + timedelta(days=3, hours=2)
    if number % 9 == 4 and after_completion <= DEMO_ORDERS_AS_OF:
        return after_completion
    if number % 13 == 6:
        return shipped + timedelta(days=2)
    return None


def _files(index: int, brand: DemoBrand, model: ContractModel) -> list[tuple[str, str]]:
    code = f"26{index:02d}"  # order numbers are digits: 26, the brand's index, the month
    october = datetime(2026, 10, 1, 9, 0, tzinfo=SHANGHAI)
    november = datetime(2026, 11, 1, 9, 0, tzinfo=SHANGHAI)
    if model is ContractModel.B:
        months = [*enumerate(_MODEL_B_MONTHLY_ORDERS, 2), (10, _OCTOBER_ORDERS)]
        files = []
        for month, count in [*months, (11, _NOVEMBER_ORDERS)]:
            start = datetime(2026, month, 1, 9, 0, tzinfo=SHANGHAI)
            prefix = f"{code}{month:02d}"
            text = demo_order_file(brand, start=start, count=count, prefix=prefix, refunds=True)
            files.append((f"demo-{brand.code}-2026-{month:02d}.csv", text))
        return files
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
    """Import the demo order files of every brand's store."""
    outcome = DemoOrders()
    with tempfile.TemporaryDirectory(prefix="daiyun-demo-orders-") as folder:
        for index, brand in enumerate(sorted(brands, key=lambda b: b.code)):
            contract = demo_contract(index, brand)
            outcome.stores += 1
            for name, text in _files(index, brand, contract.contract.model):
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
