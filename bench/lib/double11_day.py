"""A Double-11 day of many brands, made up, for the Double-11 benchmark (issue 22 point 4).

Each brand (`d11brand01` …) has a model A contract with one Tmall store and its own catalogue
(bench/lib/taobao_export.py's SKUs, from a seed of its own); the day's N order lines are shared
out over the brands unevenly, as sales are (brand k gets a share ∝ 1/k^0.8, largest remainder,
each at least one line). For each brand, written into a folder of its own:

- the store's Taobao/Tmall seller-centre export pair of the brand's lines, the import
  benchmark's generator and format (GBK, 2016 layouts, `="…"` order numbers), every order
  created on 2026-11-11 (Beijing time), exported on 2026-11-30 at 10:00, so that most orders
  are completed by then (the import takes the export's time as the completion of a completed
  order: they fall in November's statement and reconciliation);
- its catalogue (catalog CSV) and contract file;
- the store's November Alipay statement (支付宝账务明细, bench/lib/alipay_statement.py),
  consistent with the orders: for each completed order its income (交易付款, `T200P<order>`: the
  goods and shipping, R-S4) and its 天猫佣金{order} fee (R-S5: per line, the line's amount × its
  category's rate, half-up), about 10% of orders a 淘宝客 commission (an other charge, not
  compared), and a withdrawal a day. Reconciling the month must then match every completed
  order with no difference.

Deterministic for a seed; streamed (memory stays small whatever N).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from daiyun.domain.money import Money, Rate, round_half_up_to_fen

from .alipay_statement import AlipayStatementWriter, StatementLine
from .taobao_export import (
    COMPLETED,
    ENCODING,
    FLUSH_ROWS,
    ITEM_COLUMNS,
    NEWLINE,
    ORDER_HEADER,
    ExportSpec,
    ExportStats,
    allocate_fen,
    build_catalogue,
    catalog_csv,
    generate_orders,
    item_rows,
    order_row,
)

__all__ = [
    "CATEGORY_RATES",
    "DEFAULT_RATE",
    "MONTH",
    "Brand",
    "BrandDay",
    "DaySpec",
    "brand_spec",
    "brands",
    "lines_per_brand",
    "totals",
    "write_brand_day",
]

BEIJING = ZoneInfo("Asia/Shanghai")
MONTH = "2026-11"
# The Tmall technical service fee rates of every brand's contract (R-S5), by SKU category.
CATEGORY_RATES = {"面霜": "0.04", "精华": "0.04", "彩妆": "0.05", "香水": "0.03"}
DEFAULT_RATE = "0.05"
_SKEW = 0.8  # brand k sells ∝ 1/k^0.8


@dataclass(frozen=True)
class DaySpec(ExportSpec):
    """An export of one day's orders (Beijing time), taken `export_day` of the month at 10:00."""

    year: int = 2026
    month: int = 11
    day: int = 11
    export_day: int = 30

    @property
    def month_start(self) -> datetime:
        """The first moment of the day (the generator's orders fall between these two)."""
        return datetime(self.year, self.month, self.day, tzinfo=BEIJING)

    @property
    def month_end(self) -> datetime:
        return self.month_start + timedelta(days=1)

    @property
    def as_of(self) -> datetime:
        return datetime(self.year, self.month, self.export_day, 10, tzinfo=BEIJING)


@dataclass(frozen=True)
class Brand:
    """One brand of the day: its codes and its share of the lines."""

    number: int
    lines: int

    @property
    def code(self) -> str:
        return f"d11brand{self.number:02d}"

    @property
    def name(self) -> str:
        return f"双十一品牌{self.number:02d}"

    @property
    def store(self) -> str:
        return f"{self.code}-tmall"

    @property
    def contract(self) -> str:
        return f"D11BRAND{self.number:02d}-2025"

    @property
    def alipay_account(self) -> str:
        return f"2088{self.number:012d}"


def lines_per_brand(lines: int, count: int) -> list[int]:
    """`lines` shared over `count` brands ∝ 1/k^0.8, each at least one line."""
    if lines < count:
        raise ValueError(f"{lines} lines cannot be shared over {count} brands")
    weights = [round(10**9 / (rank**_SKEW)) for rank in range(1, count + 1)]
    shares = allocate_fen(lines - count, weights)
    return [share + 1 for share in shares]


def brands(lines: int, count: int) -> list[Brand]:
    return [Brand(n, share) for n, share in enumerate(lines_per_brand(lines, count), start=1)]


@dataclass
class BrandDay:
    """One brand's files and what is in them: what importing, drafting and reconciling them
    must report."""

    brand: Brand
    contract_file: Path
    catalog_file: Path
    order_file: Path
    item_file: Path
    alipay_file: Path
    stats: ExportStats = field(default_factory=ExportStats)
    paid_orders: int = 0
    completed_orders: int = 0
    completed_lines: int = 0
    completed_units: int = 0
    expected_income_fen: int = 0
    expected_fees_fen: int = 0
    alipay_lines: int = 0
    seconds: float = 0.0


def contract_toml(brand: Brand, spec: DaySpec) -> str:
    """The brand's model A contract (interfaces.md format): one Tmall store, cap 10%."""
    effective = spec.month_start.date().replace(year=spec.year - 1, day=1)
    rates = ", ".join(f'"{name}" = "{rate}"' for name, rate in CATEGORY_RATES.items())
    return f"""\
[brand]
code = "{brand.code}"
name = "{brand.name}"

[contract]
code = "{brand.contract}"
model = "A"
signed_on = {effective.isoformat()}
effective_on = {effective.isoformat()}
term_months = 36
auto_renew = true
renewal_notice_months = 1
platforms = ["tmall"]
services = ["store_operation", "marketing", "customer_service", "it_systems"]

[contract.terms]
commission_rate = "0.05"
markup_cap = "0.10"
shipping_income_to = "brand"
platform_fees_borne_by = "operator"
late_penalty_per_day = "0.003"

[[stores]]
code = "{brand.store}"
platform = "tmall"
name = "{brand.name}官方旗舰店"
go_live_on = {(effective + timedelta(days=31)).isoformat()}

[platform_fees.tmall]
deposit = "10000.00"
annual_fee = "6000.00"
category_rates = {{ {rates}, default = "{DEFAULT_RATE}" }}
"""


def brand_spec(brand: Brand, seed: int, skus: int) -> DaySpec:
    return DaySpec(lines=brand.lines, seed=seed * 100 + brand.number, skus=skus)


def write_brand_day(brand: Brand, seed: int, skus: int, folder: Path) -> BrandDay:
    """Write the brand's files into `folder` (made if need be); its figures."""
    import time

    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    spec = brand_spec(brand, seed, skus)
    catalogue = build_catalogue(spec)
    day = BrandDay(
        brand,
        contract_file=folder / f"{brand.code}.toml",
        catalog_file=folder / f"{brand.code}-catalog.csv",
        order_file=folder / spec.order_file_name,
        item_file=folder / spec.item_file_name,
        alipay_file=folder / f"{brand.alipay_account}_20261101_20261130_账务明细.csv",
    )
    day.contract_file.write_text(contract_toml(brand, spec), encoding="utf-8")
    day.catalog_file.write_text(catalog_csv(spec, catalogue), encoding="utf-8")
    default = Rate.of(DEFAULT_RATE)
    rates = {name: Rate.of(rate) for name, rate in CATEGORY_RATES.items()}
    rate_of = {sku.code: rates.get(sku.category, default) for sku in catalogue}
    rng = random.Random(f"alipay:{spec.seed}")
    month_start = datetime(spec.year, spec.month, 1, tzinfo=BEIJING)
    month_end = datetime(spec.year, spec.month + 1, 1, tzinfo=BEIJING)
    entry = 0

    def entry_no() -> str:
        nonlocal entry
        entry += 1
        return f"2026{brand.number:03d}{entry:013d}"

    with (
        _open(day.order_file) as orders_out,
        _open(day.item_file) as items_out,
        AlipayStatementWriter(
            day.alipay_file, brand.alipay_account, month_start, month_end
        ) as alipay,
    ):
        orders_out.write(",".join(ORDER_HEADER) + NEWLINE)
        items_out.write(",".join(ITEM_COLUMNS) + NEWLINE)
        order_chunk: list[str] = []
        item_chunk: list[str] = []
        for order in generate_orders(spec, catalogue):
            day.stats.add(order)
            order_chunk.append(order_row(order))
            item_chunk.append(item_rows(order))
            if len(order_chunk) >= FLUSH_ROWS:
                orders_out.write("".join(order_chunk))
                items_out.write("".join(item_chunk))
                order_chunk.clear()
                item_chunk.clear()
            day.paid_orders += order.paid_at is not None
            if order.status != COMPLETED:
                continue  # no money reaches the seller before the buyer confirms
            fee = sum(
                round_half_up_to_fen(rate_of[line.sku.code].apply(Money(line.amount_fen))).fen
                for line in order.lines
            )
            income = order.total_fen
            day.completed_orders += 1
            day.completed_lines += sum(line.status == COMPLETED for line in order.lines)
            day.completed_units += sum(
                line.units for line in order.lines if line.status == COMPLETED
            )
            day.expected_income_fen += income
            day.expected_fees_fen += fee
            # The buyer confirmed some days after the sale (before the export was taken).
            confirmed = order.created_at + timedelta(seconds=rng.randint(3 * 86400, 17 * 86400))
            lines = [
                StatementLine(
                    entry_no(),
                    confirmed,
                    income_fen=income,
                    merchant_order_no=f"T200P{order.order_no}",
                    item_name=order.lines[0].sku.title[:60],
                    counterparty=order.alipay_account,
                ),
                StatementLine(
                    entry_no(),
                    confirmed + timedelta(seconds=6),
                    expense_fen=fee,
                    business_type="收费",
                    remark=f"天猫佣金{{{order.order_no}}}",
                ),
            ]
            if rng.random() < 0.1:  # 淘宝客: an other charge, never compared
                lines.append(
                    StatementLine(
                        entry_no(),
                        confirmed + timedelta(seconds=7),
                        expense_fen=max(1, income * 3 // 100),
                        business_type="收费",
                        remark=f"淘宝客佣金代扣款[{order.order_no}]",
                    )
                )
            for line in lines:
                if line.income_fen or line.expense_fen:
                    alipay.write(line)
                    day.alipay_lines += 1
        orders_out.write("".join(order_chunk))
        items_out.write("".join(item_chunk))
        for n in range(30):  # a withdrawal a day: not the trade's money
            alipay.write(
                StatementLine(
                    entry_no(),
                    month_start + timedelta(days=n, hours=3),
                    expense_fen=1_000_00,
                    business_type="提现",
                    remark="提现",
                )
            )
            day.alipay_lines += 1
        alipay.close(month_end + timedelta(hours=9, minutes=30))
    day.seconds = time.perf_counter() - started
    return day


def _open(path: Path):  # type: ignore[no-untyped-def]
    # errors="strict": a character GBK lacks fails loudly, never becomes "?".
    return path.open("w", encoding=ENCODING, newline="", buffering=1 << 20)


def totals(days: Sequence[BrandDay]) -> dict[str, int]:
    """The day's figures over every brand."""
    return {
        "brands": len(days),
        "orders": sum(day.stats.orders for day in days),
        "lines": sum(day.stats.lines for day in days),
        "completed_orders": sum(day.completed_orders for day in days),
        "completed_lines": sum(day.completed_lines for day in days),
        "alipay_lines": sum(day.alipay_lines for day in days),
        "expected_income_fen": sum(day.expected_income_fen for day in days),
        "expected_fees_fen": sum(day.expected_fees_fen for day in days),
    }
