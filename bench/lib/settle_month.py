"""A month of completed orders stored straight into daiyun's tables, for the settlement benchmark.

The brand `benchbrand` has a model A contract with a Tmall and a JD store (category fee rates on
both) and the import benchmark's catalogue (`taobao_export.build_catalogue`: 2,000 SKUs in about
ten categories, guide prices in force from long before). Into a database migrated and loaded with
them, `fill_month` writes N order lines, every one completed in the month (Beijing time), as an
import stores them: `sales_order`, `order_line` (guide price snapshot and price check) and
`refund`, by bulk insert (`BulkInserter`: COPY on PostgreSQL, executemany on SQLite), in chunks,
with ids handed out here. About 3% of the lines sell below the guide price and 2% above the cap;
about 4% get one refund after completion (half return a unit, a quarter money-only for quality,
borne by the brand, a quarter money-only borne by the operator), some of them completing in the
next month. Deterministic for a seed. `MonthStats` says what a draft of the month must find.

    # from the repository root: the contract and catalogue files, for a look
    .venv/bin/python -m bench.lib.settle_month --out DIR
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from sqlalchemy import text

from daiyun.adapters.db.bulk import BulkInserter
from daiyun.adapters.db.engine import make_engine
from daiyun.adapters.db.tables import order_line, refund, sales_order

from .taobao_export import BEIJING, ExportSpec, Sku, build_catalogue, catalog_csv

__all__ = [
    "BRAND_CODE",
    "CONTRACT_CODE",
    "STORES",
    "MonthSpec",
    "MonthStats",
    "analyse",
    "contract_toml",
    "fill_month",
    "write_setup_files",
]

BRAND_CODE = "benchbrand"
CONTRACT_CODE = "BENCHBRAND-SETTLE"
# (store code, platform, share of the orders in thousandths)
STORES = (("benchbrand-tmall", "tmall", 750), ("benchbrand-jd", "jd", 250))
MARKUP_CAP_PERCENT = 10
CHUNK_ORDERS = 20_000
QUALITY = "quality"  # R-S9: the one reason charged to the brand
OPERATOR_REASON = "少发赠品"
SOURCE_FILE = "bench-settle"

_LINES_PER_ORDER = ((1, 2, 3, 4, 5), tuple(accumulate((670, 210, 80, 25, 15))))
_UNITS_PER_LINE = ((1, 2, 3, 4, 5), tuple(accumulate((80, 13, 4, 2, 1))))
_PLACES = (("浙江省", "杭州市"), ("上海", "上海市"), ("广东省", "广州市"), ("北京", "北京市"),
           ("江苏省", "南京市"), ("四川省", "成都市"))  # fmt: skip

_ORDER_COLUMNS = (
    "id", "platform", "store_id", "order_no", "status", "created_at", "paid_at", "shipped_at",
    "completed_at", "closed_at", "total_fen", "paid_fen", "shipping_fen", "refund_fen",
    "has_sku_lines", "buyer_key", "province", "city", "as_of", "source_file", "source_row",
)  # fmt: skip
_LINE_COLUMNS = (
    "id", "order_id", "line_no", "sku_id", "sku_code", "title", "units", "unit_price_fen",
    "line_amount_fen", "guide_price_fen", "price_check", "status", "completed_at",
    "refund_units", "refund_fen", "refund_reason", "refunded_at", "source_file", "source_row",
)  # fmt: skip
_REFUND_COLUMNS = (
    "id", "order_id", "order_line_id", "refund_key", "units", "amount_fen", "reason", "status",
    "completed_at",
)  # fmt: skip


@dataclass(frozen=True)
class MonthSpec:
    """What to generate: N order lines completed in one month (Beijing time), from a seed."""

    lines: int = 100_000
    seed: int = 20261101
    year: int = 2026
    month: int = 10
    skus: int = 2000

    @property
    def month_text(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def month_start(self) -> datetime:
        return datetime(self.year, self.month, 1, tzinfo=BEIJING)

    @property
    def month_end(self) -> datetime:
        """The first moment of the next month."""
        year, month = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
        return datetime(year, month, 1, tzinfo=BEIJING)

    @property
    def as_of(self) -> datetime:
        """When the orders were last imported: 10:00 on the next month's first day."""
        return self.month_end + timedelta(hours=10)

    def export_spec(self) -> ExportSpec:
        """The import benchmark's spec of the same catalogue."""
        return ExportSpec(seed=self.seed, year=self.year, month=self.month, skus=self.skus)

    def catalogue(self) -> tuple[Sku, ...]:
        return build_catalogue(self.export_spec())


@dataclass
class MonthStats:
    """What was generated, and so what a draft of the month must report."""

    orders: int = 0
    lines: int = 0
    units: int = 0
    sales_fen: int = 0
    price_violations: int = 0
    refunds: int = 0
    refunds_in_month: int = 0
    returned_units_in_month: int = 0
    concessions_in_month: int = 0
    lines_by_platform: dict[str, int] = field(default_factory=dict)
    lines_by_category: dict[str, int] = field(default_factory=dict)

    def as_document(self) -> dict[str, Any]:
        return {
            "orders": self.orders,
            "lines": self.lines,
            "units": self.units,
            "sales_fen": self.sales_fen,
            "price_violations": self.price_violations,
            "refunds": self.refunds,
            "refunds_in_month": self.refunds_in_month,
            "returned_units_in_month": self.returned_units_in_month,
            "concessions_in_month": self.concessions_in_month,
            "lines_by_platform": dict(sorted(self.lines_by_platform.items())),
            "lines_by_category": dict(sorted(self.lines_by_category.items())),
        }


def contract_toml(spec: MonthSpec) -> str:
    """The bench brand's model A contract (interfaces.md format): Tmall and JD, cap 10%."""
    effective = spec.month_start.date().replace(year=spec.year - 1)
    stores = "\n".join(
        f'[[stores]]\ncode = "{code}"\nplatform = "{platform}"\nname = "倍诗{platform}店"\n'
        f"go_live_on = {(effective + timedelta(days=31)).isoformat()}\n"
        for code, platform, _ in STORES
    )
    return f"""\
[brand]
code = "{BRAND_CODE}"
name = "倍诗"

[contract]
code = "{CONTRACT_CODE}"
model = "A"
signed_on = {effective.isoformat()}
effective_on = {effective.isoformat()}
term_months = 36
auto_renew = true
renewal_notice_months = 1
platforms = ["tmall", "jd"]
services = ["store_operation", "marketing", "customer_service", "it_systems"]

[contract.terms]
commission_rate = "0.05"
markup_cap = "0.{MARKUP_CAP_PERCENT:02d}"
shipping_income_to = "brand"
platform_fees_borne_by = "operator"
late_penalty_per_day = "0.003"

{stores}
[platform_fees.tmall]
deposit = "10000.00"
annual_fee = "6000.00"
category_rates = {{ "面霜" = "0.04", "精华" = "0.04", "彩妆" = "0.05", "香水" = "0.03", \
default = "0.05" }}

[platform_fees.jd]
deposit = "30000.00"
annual_fee = "12000.00"
category_rates = {{ "彩妆" = "0.08", "美发护发" = "0.06", default = "0.06" }}
"""


def write_setup_files(spec: MonthSpec, folder: Path) -> tuple[Path, Path]:
    """The contract file and the catalog CSV, written into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    contract_file = folder / "benchbrand-settle.toml"
    contract_file.write_text(contract_toml(spec), encoding="utf-8")
    catalog_file = folder / "benchbrand-catalog.csv"
    catalog_file.write_text(catalog_csv(spec.export_spec(), spec.catalogue()), encoding="utf-8")
    return contract_file, catalog_file


# --- the month's orders --------------------------------------------------------------------------


@dataclass
class _Chunk:
    orders: list[tuple[Any, ...]] = field(default_factory=list)
    lines: list[tuple[Any, ...]] = field(default_factory=list)
    refunds: list[tuple[Any, ...]] = field(default_factory=list)


class _MonthMaker:
    """Makes up the month's orders from one random stream: the same seed, the same rows."""

    def __init__(self, spec: MonthSpec, store_ids: dict[str, int], sku_ids: dict[str, int]) -> None:
        self.spec = spec
        self.rng = random.Random(f"settle:{spec.seed}")
        catalogue = spec.catalogue()
        # A few SKUs sell much more than the rest, as in every shop.
        self.skus = [(sku, sku_ids[sku.code]) for sku in catalogue]
        self.sku_weights = list(accumulate(10**6 // (rank + 10) for rank in range(len(catalogue))))
        self.stores = [(store_ids[code], platform, share) for code, platform, share in STORES]
        self.start = spec.month_start.astimezone(UTC)
        self.end = spec.month_end.astimezone(UTC)
        self.seconds = int((self.end - self.start).total_seconds())
        self.as_of = spec.as_of.astimezone(UTC)
        self.stats = MonthStats()

    def chunks(self) -> Iterator[_Chunk]:
        remaining = self.spec.lines
        chunk = _Chunk()
        while remaining > 0:
            count = min(remaining, self._draw(_LINES_PER_ORDER))
            self._order(chunk, count)
            remaining -= count
            if len(chunk.orders) >= CHUNK_ORDERS:
                yield chunk
                chunk = _Chunk()
        if chunk.orders:
            yield chunk

    def _draw(self, weighted: tuple[tuple[int, ...], tuple[int, ...]]) -> int:
        values, cumulative = weighted
        return self.rng.choices(values, cum_weights=cumulative)[0]

    def _order(self, chunk: _Chunk, line_count: int) -> None:
        rng, stats = self.rng, self.stats
        order_id = stats.orders + 1
        stats.orders += 1
        store_id, platform, _ = self.stores[0] if rng.random() < 0.75 else self.stores[1]
        completed_at = self.start + timedelta(seconds=rng.randrange(self.seconds))
        paid_at = completed_at - timedelta(seconds=rng.randint(2 * 86400, 9 * 86400))
        created_at = paid_at - timedelta(seconds=rng.randint(5, 1800))
        shipped_at = paid_at + timedelta(seconds=rng.randint(3600, 86400))
        shipping_fen = 0 if rng.random() < 0.6 else rng.randint(6, 12) * 100
        goods_fen = refund_fen = 0
        picked = rng.choices(self.skus, cum_weights=self.sku_weights, k=line_count)
        for line_no, (sku, sku_id) in enumerate(picked, start=1):
            line_id = stats.lines + 1
            units = self._draw(_UNITS_PER_LINE)
            unit_fen, check = self._price(sku.guide_fen)
            amount_fen = unit_fen * units
            goods_fen += amount_fen
            refunded = self._refund(chunk, order_id, line_no, units, amount_fen, completed_at)
            refund_units, line_refund_fen, reason, refunded_at = refunded
            refund_fen += line_refund_fen
            chunk.lines.append((
                line_id, order_id, line_no, sku_id, sku.code, sku.title, units, unit_fen,
                amount_fen, sku.guide_fen, check, "completed", completed_at, refund_units,
                line_refund_fen, reason, refunded_at, SOURCE_FILE, line_id + 1,
            ))  # fmt: skip
            stats.lines += 1
            stats.units += units
            stats.sales_fen += amount_fen
            stats.price_violations += check != "within"
            stats.lines_by_platform[platform] = stats.lines_by_platform.get(platform, 0) + 1
            category = sku.category
            stats.lines_by_category[category] = stats.lines_by_category.get(category, 0) + 1
        total_fen = goods_fen + shipping_fen
        province, city = _PLACES[order_id % len(_PLACES)]
        chunk.orders.append((
            order_id, platform, store_id, _order_no(platform, order_id), "completed", created_at,
            paid_at, shipped_at, completed_at, None, total_fen, total_fen, shipping_fen,
            refund_fen, True, f"{rng.getrandbits(128):032x}", province, city, self.as_of,
            SOURCE_FILE, order_id + 1,
        ))  # fmt: skip

    def _price(self, guide_fen: int) -> tuple[int, str]:
        """A unit price: mostly at or a little above guide; 3% below guide, 2% above the cap."""
        draw = self.rng.random()
        if draw < 0.03:
            return guide_fen * self.rng.choice((80, 88, 95)) // 100, "below_guide"  # R-P2
        if draw < 0.05:
            return guide_fen * self.rng.choice((112, 115, 125)) // 100, "above_cap"  # R-P3
        return guide_fen * (100 + self.rng.choice((0, 0, 0, 2, 5, 8))) // 100, "within"

    def _refund(
        self,
        chunk: _Chunk,
        order_id: int,
        line_no: int,
        units: int,
        amount_fen: int,
        completed_at: datetime,
    ) -> tuple[int, int, str | None, datetime | None]:
        """About 4% of lines: one refund after completion; (units, fen, reason, when) or zeros."""
        rng, stats = self.rng, self.stats
        if rng.random() >= 0.04:
            return 0, 0, None, None
        at = completed_at + timedelta(seconds=rng.randint(3600, 12 * 86400))
        kind = rng.random()
        if kind < 0.5:  # R-S9: one unit back
            back, refund_fen, reason = 1, amount_fen // units, "七天无理由退货"
        elif kind < 0.75:  # R-S9: money only, a quality problem: the brand's
            back, refund_fen, reason = 0, max(100, amount_fen // 10), QUALITY
        else:  # R-S9: money only, any other reason: the operator's
            back, refund_fen, reason = 0, max(100, amount_fen // 20), OPERATOR_REASON
        stats.refunds += 1
        if at < self.end:
            stats.refunds_in_month += 1
            stats.returned_units_in_month += back
            stats.concessions_in_month += back == 0
        # The order repository's natural key: the line and its cumulative refund.
        chunk.refunds.append((
            stats.refunds, order_id, None, f"line {line_no}:{refund_fen}", back, refund_fen,
            reason, "completed", at,
        ))  # fmt: skip
        return back, refund_fen, reason, at


def _order_no(platform: str, order_id: int) -> str:
    # Tmall order numbers are 18–19 digits, JD's 12.
    return f"4{order_id:017d}" if platform == "tmall" else f"3{order_id:011d}"


def _ids(connection: Any) -> tuple[dict[str, int], dict[str, int]]:
    stores = connection.execute(text("SELECT code, id FROM store"))
    store_ids = {str(code): int(key) for code, key in stores}
    missing = [code for code, _, _ in STORES if code not in store_ids]
    if missing:
        raise RuntimeError(f"stores {missing} are not loaded: load the contract first")
    skus = connection.execute(
        text(
            "SELECT sku.code, sku.id FROM sku JOIN brand ON brand.id = sku.brand_id "
            "WHERE brand.code = :brand"
        ),
        {"brand": BRAND_CODE},
    )
    return store_ids, {str(code): int(key) for code, key in skus}


def fill_month(database_url: str, spec: MonthSpec) -> MonthStats:
    """Write the month's orders, lines and refunds into a migrated database with the contract
    and catalogue loaded; one transaction; PostgreSQL's id sequences moved past them."""
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            store_ids, sku_ids = _ids(connection)
            maker = _MonthMaker(spec, store_ids, sku_ids)
            bulk = BulkInserter(connection)
            for chunk in maker.chunks():
                bulk.insert(sales_order, _ORDER_COLUMNS, chunk.orders)
                bulk.insert(order_line, _LINE_COLUMNS, chunk.lines)
                bulk.insert(refund, _REFUND_COLUMNS, chunk.refunds)
            if connection.dialect.name == "postgresql":
                for table in (sales_order, order_line, refund):
                    connection.exec_driver_sql(
                        f"SELECT setval('{table.name}_id_seq', "
                        f"(SELECT coalesce(max(id), 1) FROM {table.name}))"
                    )
        return maker.stats
    finally:
        engine.dispose()


def analyse(database_url: str) -> None:
    """Give the planner statistics on the new rows, as autovacuum or `ANALYZE` would."""
    engine = make_engine(database_url)
    try:
        if engine.dialect.name == "postgresql":
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("ANALYZE")
        else:
            with engine.connect() as connection:
                connection.exec_driver_sql("ANALYZE")
                connection.commit()
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the settlement benchmark's setup files.")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=MonthSpec.seed)
    arguments = parser.parse_args(argv)
    contract_file, catalog_file = write_setup_files(MonthSpec(seed=arguments.seed), arguments.out)
    print(f"{contract_file}\n{catalog_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
