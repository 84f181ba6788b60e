"""A month drafted in column batches gives draft_statement's statement to the fen and to the hash
(issue 22: settlement in bounded memory; R-S1…R-S9, R-S8).

draft_statement is the specification; MonthDrafting must make the same lines in the same order,
the same figures, counts, unsettleable orders, waiting refunds and content hash, whatever the
batches' sizes. Generated months mix every path: plain sales (done over whole columns), refunds
before, in and after the month, lines recognised by another month, no SKU or guide price,
promotions, closed orders, odd order numbers ("T10" sorts before "T9", non-ASCII), shipping.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daiyun.domain.calendar import SHANGHAI, Month
from daiyun.domain.contracts import ContractTerms, Party, Platform, PlatformFeeSchedule
from daiyun.domain.money import Money, Rate
from daiyun.domain.orders.columns import microseconds
from daiyun.domain.orders.records import OrderStatus
from daiyun.domain.pricing import PriceCheck
from daiyun.domain.settlement import (
    DuplicateLine,
    LineKey,
    RefundRecord,
    SettlementLine,
    StatementLine,
    UnsettleableOrder,
    draft_statement,
)
from daiyun.domain.settlement.drafting import NO_SKU_LINES
from daiyun.domain.settlement.lines import LineKind
from daiyun.domain.settlement.lines_json import LINE_FIELDS
from daiyun.domain.settlement.month_columns import SOURCE_SCHEMA, MonthDrafting
from daiyun.domain.settlement.platform_charges import ChargeKind, PlatformCharge

MONTH = Month(2026, 10)
START = datetime(2026, 9, 1, tzinfo=SHANGHAI)
FEES = {
    Platform.TMALL: PlatformFeeSchedule(
        Platform.TMALL,
        category_rates={"美容护肤": Rate.of("0.04"), "彩妆": Rate.of("0.0525")},
        default_rate=Rate.of("0.05"),
    ),
    Platform.JD: PlatformFeeSchedule(Platform.JD, default_rate=Rate.of("0.06")),
}
T = TypeVar("T")
ORDER_NUMBERS = ("T9", "T10", "T1", "T100", "t1", "订单7", "JD-2", "A")


def promote(lines: list[SettlementLine]) -> list[SettlementLine]:
    """A stand-in for the brand's approved promotions (R-P4, R-S2): lines sold below guide of
    SKUs ending in "P" are covered, brand-funded at 90% of the guide price."""
    covered = []
    for line in lines:
        if (
            line.price_check is PriceCheck.BELOW_GUIDE
            and line.sku is not None
            and line.sku.endswith("P")
            and line.guide_price is not None
        ):
            line = replace(
                line,
                price_check=PriceCheck.IN_PROMOTION,
                promotion_price=Money(line.guide_price.fen * 9 // 10),
            )
        covered.append(line)
    return covered


@st.composite
def months(
    draw: st.DrawFn,
) -> tuple[list[SettlementLine], list[RefundRecord], set[LineKey], list[UnsettleableOrder]]:
    """Lines over three months, refunds completed in October, keys another month recognised,
    and orders without SKU lines."""
    lines: list[SettlementLine] = []
    refunds: list[RefundRecord] = []
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(ORDER_NUMBERS), st.integers(1, 3)), unique=True, max_size=14
        )
    )
    for order_no, line_no in keys:
        units = draw(st.integers(1, 4))
        guide = draw(st.one_of(st.none(), st.integers(1, 50_000)))
        actual = max(0, (guide or 100) * units + draw(st.integers(-5_000, 5_000)))
        status = draw(st.sampled_from([OrderStatus.COMPLETED] * 4 + [OrderStatus.CLOSED]))
        # Mostly October; Hypothesis draws small integers more often, so the month is drawn.
        completed = datetime(2026, draw(st.sampled_from([9, 10, 10, 10, 11])), 1, tzinfo=SHANGHAI)
        completed += timedelta(minutes=draw(st.integers(0, 29 * 24 * 60)))
        if draw(st.booleans()):
            completed = completed.replace(second=0, microsecond=0)
        else:
            completed += timedelta(microseconds=draw(st.integers(0, 999_999)))
        line = SettlementLine(
            order_no=order_no,
            line_no=line_no,
            sku=draw(st.sampled_from(["CH-1", "CH-2P", None, 'Q"1'])),
            category=draw(st.sampled_from(["美容护肤", "彩妆", None, ""])),
            platform=draw(st.sampled_from([Platform.TMALL, Platform.JD])),
            units=units,
            actual_amount=Money(actual),
            guide_price=None if guide is None else Money(guide),
            status=status,
            completed_at=completed if status is OrderStatus.COMPLETED else None,
            price_check=draw(st.sampled_from(list(PriceCheck))),
            shipping=Money(draw(st.sampled_from([0, 0, 800, 1200]))),
            store=draw(st.sampled_from(["TM-1", "JD-1"])),
            paid_at=completed - timedelta(days=3),
        )
        lines.append(line)
        for _ in range(draw(st.integers(0, 3))):
            # In October: before the line completed, at the same moment, or after.
            at = MONTH.period().start + timedelta(minutes=draw(st.integers(0, 31 * 24 * 60 - 1)))
            if line.completed_at is not None and draw(st.booleans()):
                at = line.completed_at + timedelta(minutes=draw(st.integers(0, 3 * 24 * 60)))
                at = min(max(at, MONTH.period().start), MONTH.period().end - timedelta(minutes=1))
            refunds.append(
                RefundRecord(
                    order_no,
                    line_no,
                    draw(st.integers(0, units)),
                    Money(draw(st.integers(1, max(1, actual)))),
                    draw(st.sampled_from([None, "quality", "价格保护"])),
                    at,
                )
            )
    earlier = {line.key for line in lines if draw(st.integers(0, 5)) == 0}
    orders = [
        UnsettleableOrder(f"N{index}", NO_SKU_LINES, START + timedelta(days=30 + index * 9))
        for index in range(draw(st.integers(0, 3)))
    ]
    return lines, refunds, earlier, orders


def source_rows(
    lines: Sequence[SettlementLine], refunds: Sequence[RefundRecord], earlier: set[LineKey]
) -> list[dict[str, Any]]:
    """The rows a store gives (SOURCE_SCHEMA): the month's lines and the lines its refunds name,
    one row per refund, in (order number, line number) order."""
    period = MONTH.period()
    named: dict[LineKey, list[RefundRecord]] = {}
    for record in refunds:
        named.setdefault(record.key, []).append(record)
    rows = []
    for line_id, line in enumerate(lines, start=1):
        in_month = line.completed_at is not None and period.start <= line.completed_at < period.end
        if not in_month and line.key not in named:
            continue
        values = {
            "line_id": line_id,
            "order_no": line.order_no,
            "line_no": line.line_no,
            "sku": line.sku,
            "category": line.category,
            "platform": line.platform.value,
            "units": line.units,
            "actual_fen": line.actual_amount.fen,
            "guide_fen": None if line.guide_price is None else line.guide_price.fen,
            "status": line.status.value,
            "completed_at": _micro(line.completed_at),
            "price_check": line.price_check.value,
            "shipping_fen": line.shipping.fen,
            "store": line.store,
            "paid_at": _micro(line.paid_at),
            "elsewhere": int(line.key in earlier),
        }
        refunds_of: list[RefundRecord | None] = list(named.get(line.key, [])) or [None]
        for each in refunds_of:
            rows.append(
                values
                | {
                    "refund_units": None if each is None else each.units,
                    "refund_fen": None if each is None else each.amount.fen,
                    "refund_reason": None if each is None else each.reason,
                    "refund_at": None if each is None else _micro(each.completed_at),
                }
            )
    rows.sort(key=lambda row: (row["order_no"], row["line_no"]))
    return rows


def _micro(moment: datetime | None) -> int | None:
    return None if moment is None else microseconds(moment)


def batches(rows: list[dict[str, Any]], sizes: Sequence[int]) -> list[pa.RecordBatch]:
    """The rows cut into batches of the given sizes (cycled), the last one what is left."""
    cut, start, index = [], 0, 0
    while start < len(rows):
        size = sizes[index % len(sizes)] if sizes else len(rows)
        cut.append(pa.RecordBatch.from_pylist(rows[start : start + size], schema=SOURCE_SCHEMA))
        start += size
        index += 1
    return cut


def drafted(
    rows: list[dict[str, Any]],
    sizes: Sequence[int],
    terms: ContractTerms,
    *,
    promotions: bool,
    orders: Sequence[UnsettleableOrder] = (),
    charges: Sequence[PlatformCharge] = (),
    custody_losses: Money | None = None,
) -> tuple[Any, list[StatementLine]]:
    drafting = MonthDrafting(
        MONTH, terms=terms, fee_schedules=FEES, promote=promote if promotions else None
    )
    made = [drafting.take(batch) for batch in batches(rows, sizes)]
    made.append(drafting.rest())
    summary = drafting.finish(
        made, orders_without_sku_lines=orders, charges=charges, custody_losses=custody_losses
    )
    return summary, [line for batch in made for line in _lines(batch)]


def _lines(batch: pa.RecordBatch) -> list[StatementLine]:
    """Batch rows as StatementLine tuples (times as aware datetimes, kinds as LineKind)."""
    lines = []
    for row in batch.to_pylist():
        values = [row[name] for name in LINE_FIELDS]
        values[0] = LineKind(values[0])
        values[7] = datetime(1970, 1, 1, tzinfo=SHANGHAI) + timedelta(
            microseconds=values[7], hours=8
        )
        lines.append(StatementLine(*values))
    return lines


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    months(),
    st.lists(st.integers(1, 7), max_size=4),
    st.booleans(),
    st.sampled_from([Party.BRAND, Party.OPERATOR]),
    st.sampled_from([None, Money(0), Money(38_700), Money(1)]),
)
def test_batches_of_any_size_give_draft_statements_lines_figures_and_hash(
    month: tuple[list[SettlementLine], list[RefundRecord], set[LineKey], list[UnsettleableOrder]],
    sizes: list[int],
    promotions: bool,
    shipping_to: Party,
    lost: Money | None,  # issue 19, R-F7: the month's custody losses, the same on both paths
) -> None:
    lines, refunds, earlier, orders = month
    terms = ContractTerms(shipping_income_to=shipping_to, platform_fees_borne_by=shipping_to)
    charges = [
        PlatformCharge(
            "deposit:TM-1", "C-1", "TM-1", Platform.TMALL, ChargeKind.DEPOSIT, MONTH.first_day,
            Money(1_000_000), shipping_to, "deposit",
        )
    ]  # fmt: skip
    # In (order, line) order, as the month comes batch by batch: the one thing that hangs on
    # the order lines are given in is which line's completion an unsettleable order shows.
    given_lines = sorted(promote(lines) if promotions else lines, key=lambda line: line.key)
    expected = outcome(
        lambda: draft_statement(
            MONTH, given_lines, refunds, terms=terms, fee_schedules=FEES,
            recognised_earlier=earlier, orders_without_sku_lines=orders, charges=charges,
            custody_losses=lost,
        )
    )  # fmt: skip
    got = outcome(
        lambda: drafted(
            source_rows(lines, refunds, earlier), sizes, terms, promotions=promotions,
            orders=orders, charges=charges, custody_losses=lost,
        )
    )  # fmt: skip
    if isinstance(expected, Exception):
        # A line recognised earlier without a settlement price cannot be reversed: both refuse
        # (naming the first such line each meets: the batches' order, or the caller's).
        assert type(got) is type(expected)
        assert str(got).endswith("has no settlement price") == str(expected).endswith(
            "has no settlement price"
        )
        return
    assert not isinstance(got, Exception), got
    summary, made = got
    assert made == list(expected.lines)
    assert summary == expected.summary()


def outcome(work: Callable[[], T]) -> T | ValueError:
    try:
        return work()
    except ValueError as refused:
        return refused


def test_a_month_of_plain_sales_worked_by_hand() -> None:
    """Two Tmall sales completed in October 2026 (R-S1, R-S2, R-S4, R-S5), in one batch and in
    batches of one:
    T2/1 美容护肤 2 units at guide 100.00, paid 190.00 → settlement 200.00, spread −10.00,
        fee 190.00 × 0.04 = 7.60;
    T1/1 彩妆 1 unit at guide 33.33, paid 33.33 → settlement 33.33, spread 0,
        fee 33.33 × 0.0525 = 1.749825 → 1.75 (half-up).
    Settlement value 233.33; commission 5% = 11.6665 → 11.67; shipping 8.00 on T1 (the brand's);
    remittance 233.33 + 8.00 − 11.67 = 229.66. T1 sorts first (canonical order)."""
    october = MONTH.period().start + timedelta(days=4)
    lines = [
        SettlementLine(
            "T2", 1, "CH-1", "美容护肤", Platform.TMALL, 2, Money(19_000), Money(10_000),
            OrderStatus.COMPLETED, october, PriceCheck.WITHIN,
        ),
        SettlementLine(
            "T1", 1, "CH-2", "彩妆", Platform.TMALL, 1, Money(3_333), Money(3_333),
            OrderStatus.COMPLETED, october, PriceCheck.WITHIN, shipping=Money(800),
        ),
    ]  # fmt: skip
    rows = source_rows(lines, [], set())
    for sizes in ([], [1]):
        summary, made = drafted(rows, sizes, ContractTerms(), promotions=False)
        assert [(line.order_no, line.platform_fee_fen) for line in made] == [
            ("T1", 175),
            ("T2", 760),
        ]
        figures = summary.figures
        assert figures.settlement_value == Money(23_333)
        assert figures.spread == Money(-1_000)
        assert figures.commission == Money(1_167)
        assert figures.shipping_income == Money(800)
        assert figures.remittance == Money(22_966)
        assert (
            summary.content_hash
            == draft_statement(MONTH, lines, terms=ContractTerms(), fee_schedules=FEES).content_hash
        )


def test_two_stored_lines_with_one_order_and_line_number_are_refused() -> None:
    """R-S1: a line is recognised at most once; two stores' lines sharing (order, line) number
    cannot both be (draft_statement refuses the same)."""
    october = MONTH.period().start + timedelta(days=4)
    line = SettlementLine(
        "T1", 1, "CH-1", None, Platform.TMALL, 1, Money(100), Money(100),
        OrderStatus.COMPLETED, october,
    )  # fmt: skip
    rows = source_rows([line, replace(line, store="JD-1")], [], set())
    with pytest.raises(DuplicateLine, match="order T1 line 1 was given twice"):
        drafted(rows, [1], ContractTerms(), promotions=False)
    with pytest.raises(DuplicateLine):
        draft_statement(MONTH, [line, line], terms=ContractTerms(), fee_schedules=FEES)


def test_rows_out_of_order_are_refused() -> None:
    october = MONTH.period().start + timedelta(days=4)
    lines = [
        SettlementLine(
            number, 1, "CH-1", None, Platform.TMALL, 1, Money(100), Money(100),
            OrderStatus.COMPLETED, october,
        )
        for number in ("T2", "T1")
    ]  # fmt: skip
    rows = source_rows(lines, [], set())
    rows.reverse()
    with pytest.raises(ValueError, match="order number, line number"):
        drafted(rows, [], ContractTerms(), promotions=False)
