"""The pure parts of the order pages (issue 15, point 6): an order number's start as a range,
the list's sorting, a line's price check with promotions (R-P2, R-P3, R-P4), the timeline,
and the export's rows and files."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from daiyun.domain.contracts import Party
from daiyun.domain.money import Money, Rate
from daiyun.domain.orders import OrderStatus
from daiyun.domain.orders.detail import (
    OrderDetail,
    OrderFile,
    OrderRefund,
    StatementMention,
    line_price_check,
    order_timeline,
)
from daiyun.domain.orders.search import (
    OrderLineView,
    OrderSort,
    OrderSorting,
    OrderSummary,
    prefix_bounds,
)
from daiyun.domain.pricing import PriceCheck, PromotionAllowance
from daiyun.entrypoints.web.order_export import (
    HEADERS,
    export_row,
    orders_csv,
    orders_xlsx,
)
from tests.builders import beijing

# --- an order number's start as a range (compared code point by code point) ---------------


def _starts(text: str, prefix: str) -> bool:
    low, high = prefix_bounds(prefix)
    return low <= text and (high is None or text < high)


@pytest.mark.parametrize(
    ("prefix", "high"),
    [
        ("TB/", "TB0"),  # "/" + 1 = "0"
        ("1002", "1003"),
        ("a\U0010ffff", "b"),  # the last code point has no next: the one before moves on
        ("\ud7ff", "\ue000"),  # past the surrogates, which UTF-8 cannot hold
        ("", None),  # no prefix: everything
        ("\U0010ffff", None),
    ],
)
def test_a_prefix_is_the_range_up_to_the_next_text(prefix: str, high: str | None) -> None:
    assert prefix_bounds(prefix) == (prefix, high)


_TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], max_codepoint=0x10FFFE), max_size=8
)


@given(_TEXT, _TEXT)
def test_a_text_is_in_the_range_exactly_when_it_starts_with_the_prefix(
    text: str, prefix: str
) -> None:
    assert _starts(text, prefix) == text.startswith(prefix)
    assert _starts(prefix + text, prefix)


# --- sorting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "direction", "expected"),
    [
        (None, None, OrderSorting(OrderSort.PAID_AT, True)),
        ("amount", "asc", OrderSorting(OrderSort.AMOUNT, False)),
        ("status", "desc", OrderSorting(OrderSort.STATUS, True)),
        ("buyer_key; drop", "sideways", OrderSorting(OrderSort.PAID_AT, True)),
    ],
)
def test_a_pages_sort_query_is_read_and_anything_unknown_is_the_default(
    key: str | None, direction: str | None, expected: OrderSorting
) -> None:
    assert OrderSorting.parse(key, direction) == expected


# --- a line's price check -----------------------------------------------------------------

_CAP = Rate.of("0.10")
_GUIDE = Money(13900)


def _line(
    amount: int, units: int, check: PriceCheck, guide: Money | None = _GUIDE
) -> OrderLineView:
    return OrderLineView(
        line_no=1, sku_code="CD-CREAM-50", title=None, units=units,
        unit_price=Money(amount // max(units, 1)), line_amount=Money(amount), guide_price=guide,
        price_check=check.value, status=OrderStatus.PAID, refund_units=0,
        refund_amount=Money(0),
    )  # fmt: skip


_DOUBLE11 = PromotionAllowance("DOUBLE11", 1, Money(11900), Party.BRAND)


def test_a_sale_below_guide_at_the_promotion_price_is_covered() -> None:
    # 2 × 119.00 = 238.00 paid; the promotion's price for 2 units is also 238.00 (R-P4)
    shown = line_price_check(_line(23800, 2, PriceCheck.BELOW_GUIDE), _CAP, _DOUBLE11)
    assert shown.check is PriceCheck.IN_PROMOTION and not shown.is_violation
    assert shown.promotion == _DOUBLE11 and shown.brand_funded and shown.gap is None
    # per unit 238.00 ÷ 2 = 119.00; the cap 139.00 × 1.10 = 152.90 (R-P3)
    assert (shown.unit_paid, shown.floor, shown.cap) == (Money(11900), _GUIDE, Money(15290))


def test_a_sale_below_even_the_promotion_price_stays_a_violation() -> None:
    # 2 units for 230.00 < 2 × 119.00 = 238.00: the gap is to the guide, 278.00 − 230.00
    shown = line_price_check(_line(23000, 2, PriceCheck.BELOW_GUIDE), _CAP, _DOUBLE11)
    assert shown.check is PriceCheck.BELOW_GUIDE and shown.is_violation
    assert shown.promotion is None and shown.gap == Money(4800)


def test_a_sale_above_the_cap_says_by_how_much() -> None:
    # cap 152.90 × 3 = 458.70; paid 470.00: 11.30 above (R-P3)
    shown = line_price_check(_line(47000, 3, PriceCheck.ABOVE_CAP), _CAP, None)
    assert shown.check is PriceCheck.ABOVE_CAP and shown.gap == Money(1130)


def test_a_line_without_guide_price_or_units_has_nothing_to_compare() -> None:
    shown = line_price_check(_line(0, 0, PriceCheck.NO_GUIDE_PRICE, None), _CAP, None)
    assert (shown.check, shown.unit_paid, shown.floor, shown.cap, shown.gap) == (
        PriceCheck.NO_GUIDE_PRICE, None, None, None, None,
    )  # fmt: skip


# --- the timeline -------------------------------------------------------------------------


def _order(
    created_at: datetime | None = None,
    paid_at: datetime | None = None,
    shipped_at: datetime | None = None,
    completed_at: datetime | None = None,
) -> OrderSummary:
    return OrderSummary(
        brand_code="chando", store_code="chando-tmall", platform="tmall", order_no="TB/1",
        status=OrderStatus.COMPLETED, created_at=created_at, paid_at=paid_at,
        shipped_at=shipped_at, completed_at=completed_at, total=Money(21900),
        paid=Money(16900), shipping=Money(0), refunded=Money(5000), province=None, city=None,
    )  # fmt: skip


def test_the_timeline_puts_steps_refunds_files_and_statements_in_time_order() -> None:
    paid = beijing("2026-11-11 10:00")
    detail = OrderDetail(
        order=_order(
            created_at=beijing("2026-11-11 09:58"), paid_at=paid,
            shipped_at=beijing("2026-11-11 18:00"), completed_at=beijing("2026-11-15 10:00"),
        ),
        brand_name="自然堂", store_name="自然堂官方旗舰店", contract_code="CHANDO-2026",
        buyer_key=None, closed_at=None, as_of=beijing("2026-11-21 09:00"), product_names={},
        refunds=(
            OrderRefund(2, 1, Money(5000), "quality", "completed", beijing("2026-11-20 09:00")),
            OrderRefund(None, 0, Money(100), None, "completed", paid),  # same moment as paid
        ),
        files=(
            OrderFile("a.csv", "daiyun", paid, beijing("2026-11-21 09:30"), "ops", (2, 3)),
        ),
        statements=(
            StatementMention(1, "CHANDO-2026", "2026-11", 1, "sale", "R-S1", "issued",
                             beijing("2026-12-02 10:00"), True),
            StatementMention(2, "CHANDO-2026", "2026-11", 1, "sale", "R-S1", "issued",
                             beijing("2026-12-02 10:00"), True),
        ),
    )  # fmt: skip
    events = [(event.kind, event.values) for event in order_timeline(detail)]
    assert events == [
        ("created", ()),
        ("paid", ()),
        ("refund_order", ("¥1.00",)),  # a tie: the order's own step first
        ("shipped", ()),
        ("completed", ()),
        ("refund_line", ("2", "¥50.00")),
        ("imported", ("a.csv", "ops")),
        ("issued", ("CHANDO-2026", "2026-11", "1")),  # once for the version, not per line
    ]


def test_an_order_never_paid_has_only_the_steps_it_took() -> None:
    detail = OrderDetail(
        _order(created_at=datetime(2026, 11, 1, tzinfo=UTC)), brand_name="b", store_name="s",
        contract_code="C", buyer_key=None, closed_at=None,
        as_of=datetime(2026, 11, 2, tzinfo=UTC), product_names={}, refunds=(), files=(),
        statements=(),
    )  # fmt: skip
    assert [event.kind for event in order_timeline(detail)] == ["created"]


# --- the export's rows and files ----------------------------------------------------------


def _label(kind: str, code: object, *values: object) -> str:
    return f"{kind}:{code}"


def test_an_export_row_has_beijing_times_and_yuan_with_two_decimals() -> None:
    order = _order(paid_at=datetime(2026, 11, 11, 2, 0, tzinfo=UTC))  # 10:00 in Beijing
    row = export_row(order, _label)
    assert len(row) == len(HEADERS)
    assert row[:5] == ("TB/1", "chando", "chando-tmall", "platform:tmall", "order:completed")
    assert row[6] == beijing("2026-11-11 10:00").replace(tzinfo=None)
    assert row[9:13] == (Decimal("219.00"), Decimal("169.00"), Decimal("0.00"), Decimal("50.00"))


def test_a_cell_a_spreadsheet_would_run_as_a_formula_stays_text() -> None:
    money = (Decimal("1.00"), Decimal("1.00"), Decimal("0.00"), Decimal("0.00"))
    hostile = ('=HYPERLINK("x")', "b", "s", "p", "st", None, None, None, None, *money, "+1", "@x")
    text = orders_csv([hostile]).decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert (row[0], row[13], row[14], row[9]) == ('\'=HYPERLINK("x")', "'+1", "'@x", "1.00")
    sheet = load_workbook(io.BytesIO(orders_xlsx([hostile]))).worksheets[0]
    assert sheet["A2"].value == '=HYPERLINK("x")' and sheet["A2"].data_type == "s"
    assert sheet["J2"].number_format == "#,##0.00"
