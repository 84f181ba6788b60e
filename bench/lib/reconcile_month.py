"""A month of one Tmall store's orders and its Alipay lines, stored straight into daiyun's tables,
for the reconciliation benchmark (issue 17 item 5).

The brand `benchbrand` and its model A contract are the settlement benchmark's
(`settle_month.write_setup_files`: the Tmall store `benchbrand-tmall`, category fee rates, the
import benchmark's 2,000 SKUs). Into a database migrated and loaded with them, `fill_month`
writes N orders of the store completed in the month (Beijing time), as an import stores them
(`sales_order`, `order_line`, `refund`), and the Alipay lines Tmall would pay and charge for them
(`alipay_entry`, as `daiyun alipay import` stores them: the order number and the charge kind
worked out by the domain's own `order_of_merchant_no` and `charge_of`):

- per order an income line (交易付款, `T200P…`) of its expected income and a 天猫佣金{…} fee of
  its expected fee (R-S5: per line, half-up, on the line less its refunds before completion);
  orders of the month's last two days get half their fees on the next month's 2nd;
- about 1% of orders get a refund before completion (less income, less fee), about 2% one after
  completion paid out by a 交易退款 line; about 10% a 淘宝客 commission (an other charge); a
  compensation red packet per 5,000 orders and a withdrawal per day (not the trade's money);
- N/1000 orders completed on September 30th whose money came on October 1st (not October's);
- one difference of each cause per 1,000 orders, on orders of its own: an income line left out
  with its fee (missing_receipt), an income 1.00 short (amount_differs), a fee 0.59 too high
  (fee_differs), a refund after completion never paid out (refund_unmatched), and an income
  with its fee naming an order daiyun does not have (missing_order).

By bulk insert (`BulkInserter`: COPY on PostgreSQL, executemany on SQLite), in chunks, ids
handed out here; deterministic for a seed. `ReconcileStats` says what `daiyun reconcile` must
find: the month's orders, the matched ones, the expected income and fees, the counts by cause.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import text

from daiyun.adapters.db.alipay_tables import alipay_entry
from daiyun.adapters.db.bulk import BulkInserter
from daiyun.adapters.db.engine import make_engine
from daiyun.adapters.db.tables import order_line, refund, sales_order
from daiyun.domain.money import Money, Rate, round_half_up_to_fen
from daiyun.domain.reconciliation import charge_of, order_of_merchant_no

from .settle_month import BRAND_CODE, MonthSpec

__all__ = [
    "CAUSES",
    "STORE_CODE",
    "ReconcileSpec",
    "ReconcileStats",
    "fill_month",
]

STORE_CODE = "benchbrand-tmall"
# The Tmall rates of settle_month.contract_toml (R-S5): the generator prices fees with them.
TMALL_RATES = {"面霜": "0.04", "精华": "0.04", "彩妆": "0.05", "香水": "0.03"}
DEFAULT_RATE = "0.05"
CAUSES = ("missing_receipt", "missing_order", "amount_differs", "fee_differs", "refund_unmatched")
DIFFERENCE_EVERY = 1000  # one difference of each cause per this many orders
CHUNK_ORDERS = 20_000
SOURCE_FILE = "bench-reconcile"

_LINES_PER_ORDER = ((1, 2, 3, 4), tuple(accumulate((700, 220, 60, 20))))
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
_ENTRY_COLUMNS = (
    "id", "store_id", "entry_no", "business_no", "merchant_order_no", "item_name",
    "occurred_at", "income_fen", "expense_fen", "balance_fen", "channel", "business_type",
    "remark", "order_no", "charge_kind", "imported_at",
)  # fmt: skip


@dataclass(frozen=True)
class ReconcileSpec:
    """N orders of the store completed in one month (Beijing time), from a seed."""

    orders: int = 1_000_000
    seed: int = 20261101
    year: int = 2026
    month: int = 10
    skus: int = 2000

    def month_spec(self) -> MonthSpec:
        """The settlement benchmark's spec: its contract and catalogue are used here."""
        return MonthSpec(lines=self.orders, seed=self.seed, year=self.year, month=self.month,
                         skus=self.skus)  # fmt: skip

    @property
    def month_text(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class ReconcileStats:
    """What was generated, and so what reconciling the month must report."""

    orders: int = 0  # completed in the month
    neighbours: int = 0  # completed in the month before, money in this one
    order_lines: int = 0
    refunds: int = 0
    entries: int = 0
    expected_income_fen: int = 0
    expected_fees_fen: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CAUSES, 0))

    @property
    def matched(self) -> int:
        """The month's orders without a difference (a missing order is none of them)."""
        return self.orders - sum(n for cause, n in self.counts.items() if cause != "missing_order")

    def as_document(self) -> dict[str, Any]:
        return {
            "orders": self.orders,
            "neighbour_orders": self.neighbours,
            "order_lines": self.order_lines,
            "refunds": self.refunds,
            "alipay_entries": self.entries,
            "matched": self.matched,
            "expected_income_fen": self.expected_income_fen,
            "expected_fees_fen": self.expected_fees_fen,
            "counts": dict(self.counts),
        }


@dataclass
class _Chunk:
    orders: list[tuple[Any, ...]] = field(default_factory=list)
    lines: list[tuple[Any, ...]] = field(default_factory=list)
    refunds: list[tuple[Any, ...]] = field(default_factory=list)
    entries: list[tuple[Any, ...]] = field(default_factory=list)


class _MonthMaker:
    """Makes up the month from one random stream: the same seed, the same rows."""

    def __init__(self, spec: ReconcileSpec, store_id: int, sku_ids: dict[str, int]) -> None:
        self.spec = spec
        self.rng = random.Random(f"reconcile:{spec.seed}")
        month = spec.month_spec()
        catalogue = month.catalogue()
        self.skus = [(sku, sku_ids[sku.code]) for sku in catalogue]
        self.sku_weights = list(accumulate(10**6 // (rank + 10) for rank in range(len(catalogue))))
        rates = {name: Rate.of(value) for name, value in TMALL_RATES.items()}
        default = Rate.of(DEFAULT_RATE)
        self.rate_of = {sku.code: rates.get(sku.category, default) for sku in catalogue}
        self.store_id = store_id
        self.start = month.month_start.astimezone(UTC)
        self.end = month.month_end.astimezone(UTC)
        self.seconds = int((self.end - self.start).total_seconds())
        self.as_of = month.as_of.astimezone(UTC)
        self.imported_at = self.as_of + timedelta(hours=1)
        self.stats = ReconcileStats()
        self.next_order = self.next_line = self.next_refund = self.next_entry = 0

    # --- the rows ---------------------------------------------------------------------------

    def chunks(self) -> Iterator[_Chunk]:
        chunk = _Chunk()
        neighbours = max(1, self.spec.orders // 1000)
        for n in range(self.spec.orders):
            # Differences on orders of their own, spread over the month (n ≡ 1..5 mod K).
            slot = n % DIFFERENCE_EVERY
            cause = CAUSES[slot - 1] if 1 <= slot <= len(CAUSES) else None
            self._order(chunk, self.start + timedelta(seconds=self._draw_second()), cause)
            if n < neighbours:
                # September 30th, 23:00–23:59 Beijing: its money on October 1st.
                done = self.start - timedelta(seconds=self.rng.randint(60, 3600))
                self._order(chunk, done, None, neighbour=True)
            if len(chunk.orders) >= CHUNK_ORDERS:
                yield chunk
                chunk = _Chunk()
        for day in range(31):
            at = self.start + timedelta(days=day, hours=3)
            if at < self.end:
                self._entry(chunk, at, expense=100_000_00, business_type="提现", remark="提现")
        for n in range(max(1, self.spec.orders // 5000)):
            at = self.start + timedelta(seconds=self._draw_second())
            self._entry(chunk, at, expense=300 + n % 700, business_type="其他",
                        remark="卖家延迟发货赔付红包")  # fmt: skip
        if chunk.orders or chunk.entries:
            yield chunk

    def _draw_second(self) -> int:
        return self.rng.randrange(self.seconds - 600)

    def _order(
        self, chunk: _Chunk, completed_at: datetime, cause: str | None, neighbour: bool = False
    ) -> None:
        rng, stats = self.rng, self.stats
        self.next_order += 1
        order_id = self.next_order
        order_no = f"4{order_id:017d}"
        if cause == "refund_unmatched":
            # A refund after completion, still in the month: completion in its first 3 weeks.
            completed_at = self.start + timedelta(seconds=rng.randrange(21 * 86400))
        paid_at = completed_at - timedelta(seconds=rng.randint(2 * 86400, 9 * 86400))
        shipping_fen = 0 if rng.random() < 0.6 else rng.randint(6, 12) * 100
        count = rng.choices(_LINES_PER_ORDER[0], cum_weights=_LINES_PER_ORDER[1])[0]
        picked = rng.choices(self.skus, cum_weights=self.sku_weights, k=count)
        amounts: list[tuple[int, int, Any, int]] = []  # line_no, amount, sku, sku_id
        for line_no, (sku, sku_id) in enumerate(picked, start=1):
            units = 1 if rng.random() < 0.85 else 2
            amounts.append((line_no, sku.guide_fen * units, sku, sku_id))
        before = after = None  # (line_no, fen, at)
        draw = 1.0 if cause == "refund_unmatched" else rng.random()
        if draw < 0.01:  # money back before completion: less income, less fee
            line_no, amount = amounts[0][0], amounts[0][1]
            before = (line_no, max(100, amount // 10), completed_at - timedelta(hours=20))
        elif draw < 0.03 or cause == "refund_unmatched":  # after completion: paid out
            line_no, amount = amounts[-1][0], amounts[-1][1]
            at = completed_at + timedelta(seconds=rng.randint(3600, 5 * 86400))
            if cause == "refund_unmatched":
                at = min(at, self.end - timedelta(seconds=60))
            after = (line_no, max(100, amount // 5), at)
        refund_fen = 0
        fee_fen = 0
        for line_no, amount, sku, sku_id in amounts:
            self.next_line += 1
            units = amount // sku.guide_fen
            refunded = [r for r in (before, after) if r is not None and r[0] == line_no]
            line_refund = sum(r[1] for r in refunded)
            refund_fen += line_refund
            base = amount - (before[1] if before is not None and before[0] == line_no else 0)
            fee_fen += round_half_up_to_fen(self.rate_of[sku.code].apply(Money(base))).fen
            chunk.lines.append((
                self.next_line, order_id, line_no, sku_id, sku.code, sku.title, units,
                sku.guide_fen, amount, sku.guide_fen, "within", "completed", completed_at,
                0, line_refund, "质量问题" if refunded else None,
                refunded[-1][2] if refunded else None, SOURCE_FILE, self.next_line + 1,
            ))  # fmt: skip
        for kept in (before, after):
            if kept is None:
                continue
            self.next_refund += 1
            line_no, fen, at = kept
            chunk.refunds.append((
                self.next_refund, order_id, None, f"line {line_no}:{fen}", 0, fen, "质量问题",
                "completed", at,
            ))  # fmt: skip
        goods_fen = sum(amount for _, amount, _, _ in amounts)
        total_fen = goods_fen + shipping_fen
        chunk.orders.append((
            order_id, "tmall", self.store_id, order_no, "completed", paid_at, paid_at,
            paid_at + timedelta(hours=6), completed_at, None, total_fen, total_fen, shipping_fen,
            refund_fen, True, f"{rng.getrandbits(64):016x}", "浙江省", "杭州市", self.as_of,
            SOURCE_FILE, order_id + 1,
        ))  # fmt: skip
        income_fen = total_fen - (before[1] if before is not None else 0)
        stats.order_lines += len(amounts)
        stats.refunds += (before is not None) + (after is not None)
        if neighbour:
            stats.neighbours += 1
        else:
            stats.orders += 1
            stats.expected_income_fen += income_fen
            stats.expected_fees_fen += fee_fen
        if cause is not None:
            stats.counts[cause] += 1
        self._alipay_of(chunk, order_no, completed_at, income_fen, fee_fen, after, cause)

    def _alipay_of(
        self,
        chunk: _Chunk,
        order_no: str,
        completed_at: datetime,
        income_fen: int,
        fee_fen: int,
        after: tuple[int, int, datetime] | None,
        cause: str | None,
    ) -> None:
        """The order's lines in the account as Tmall pays and charges them, but for `cause`."""
        rng = self.rng
        fee_at = completed_at + timedelta(seconds=6)
        if completed_at > self.end - timedelta(days=2) and rng.random() < 0.5:
            fee_at = self.end + timedelta(days=1, hours=3)  # the next month's statement
        if cause == "missing_order":
            # The same money for an order daiyun never imported, beside this one's.
            unknown = f"49{self.next_order:016d}"
            self._entry(chunk, completed_at + timedelta(seconds=2), income=income_fen,
                        merchant=f"T200P{unknown}")  # fmt: skip
            self._entry(chunk, completed_at + timedelta(seconds=3), expense=fee_fen,
                        business_type="收费", remark=f"天猫佣金{{{unknown}}}")  # fmt: skip
        if cause != "missing_receipt":
            received = income_fen - (100 if cause == "amount_differs" else 0)
            self._entry(chunk, completed_at + timedelta(seconds=5), income=received,
                        merchant=f"T200P{order_no}")  # fmt: skip
            if fee_fen or cause == "fee_differs":
                charged = fee_fen + (59 if cause == "fee_differs" else 0)
                self._entry(chunk, fee_at, expense=charged, business_type="收费",
                            remark=f"天猫佣金{{{order_no}}}")  # fmt: skip
        if rng.random() < 0.1:  # 淘宝客: an other charge, never compared
            self._entry(chunk, fee_at, expense=max(1, income_fen * 3 // 100),
                        business_type="收费", remark=f"淘宝客佣金代扣款[{order_no}]")  # fmt: skip
        if after is not None and cause != "refund_unmatched":
            self._entry(chunk, after[2] + timedelta(seconds=3), expense=after[1],
                        business_type="交易退款", merchant=f"T200P{order_no}")  # fmt: skip

    def _entry(
        self,
        chunk: _Chunk,
        at: datetime,
        *,
        income: int = 0,
        expense: int = 0,
        business_type: str = "交易付款",
        merchant: str = "",
        remark: str = "",
    ) -> None:
        self.next_entry += 1
        number = self.next_entry
        # What the import stores beside the line (adapters/db/repositories/alipay.py).
        charge = charge_of(remark)
        order_no = (
            charge.order_no
            if charge is not None and charge.order_no is not None
            else order_of_merchant_no(merchant)
        )
        chunk.entries.append((
            number, self.store_id, f"20261{number:015d}", f"{number:020d}", merchant,
            "倍诗旗舰店商品" if merchant else "", at, income, expense, None, "支付宝",
            business_type, remark, order_no, None if charge is None else charge.kind.value,
            self.imported_at,
        ))  # fmt: skip
        self.stats.entries += 1


def _ids(connection: Any) -> tuple[int, dict[str, int]]:
    found = connection.execute(
        text("SELECT id FROM store WHERE code = :code"), {"code": STORE_CODE}
    ).scalar()
    if found is None:
        raise RuntimeError(f"store {STORE_CODE} is not loaded: load the contract first")
    skus = connection.execute(
        text(
            "SELECT sku.code, sku.id FROM sku JOIN brand ON brand.id = sku.brand_id "
            "WHERE brand.code = :brand"
        ),
        {"brand": BRAND_CODE},
    )
    return int(found), {str(code): int(key) for code, key in skus}


def fill_month(database_url: str, spec: ReconcileSpec) -> ReconcileStats:
    """Write the month's orders, lines, refunds and Alipay lines into a migrated database with
    the contract and catalogue loaded; one transaction; PostgreSQL's id sequences moved on."""
    engine = make_engine(database_url)
    tables = (sales_order, order_line, refund, alipay_entry)
    try:
        with engine.begin() as connection:
            store_id, sku_ids = _ids(connection)
            maker = _MonthMaker(spec, store_id, sku_ids)
            bulk = BulkInserter(connection)
            for chunk in maker.chunks():
                bulk.insert(sales_order, _ORDER_COLUMNS, chunk.orders)
                bulk.insert(order_line, _LINE_COLUMNS, chunk.lines)
                bulk.insert(refund, _REFUND_COLUMNS, chunk.refunds)
                bulk.insert(alipay_entry, _ENTRY_COLUMNS, chunk.entries)
            if connection.dialect.name == "postgresql":
                for table in tables:
                    connection.exec_driver_sql(
                        f"SELECT setval('{table.name}_id_seq', "
                        f"(SELECT coalesce(max(id), 1) FROM {table.name}))"
                    )
        return maker.stats
    finally:
        engine.dispose()
