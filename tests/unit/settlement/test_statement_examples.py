"""Model A statements worked by hand (R-S1…R-S6, R-S9): every figure's arithmetic is written out.

Terms are rules.md's defaults: commission 5%, markup cap 10%, shipping income to the brand.
Tmall technical service fee: 美容护肤 4%, any other category 5% (R-S5).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from daiyun.domain.contracts import ContractTerms, Party
from daiyun.domain.money import Money, Rate
from daiyun.domain.orders.records import OrderStatus
from daiyun.domain.pricing import PriceCheck
from daiyun.domain.settlement import (
    QUALITY,
    DuplicateLine,
    EmptyReason,
    LineKind,
    RefundedLineMissing,
    UnsettleableOrder,
)
from tests.builders import beijing
from tests.unit.settlement.settlement_builders import draft, refund, sale, yuan

STATEMENT_JSON_KEYS = {
    "recognised_lines", "recognised_units", "returned_units", "sales_amount", "returned_amount",
    "concession_amount", "settlement_value", "commission", "spread", "brand_deductions",
    "shipping_income", "platform_fees", "remittance", "unsettleable_orders", "price_violations",
    # Issue 17, R-S5: extended (interfaces.md: "keep every documented key, extend freely").
    "platform_charges", "platform_fees_borne",
    "custody_losses",  # issue 19, R-F7
}  # fmt: skip


def test_a_plain_month_settles_at_guide_and_keeps_the_spread() -> None:
    """R-S1–R-S6: three lines completed in October 2026."""
    statement = draft(
        "2026-10",
        [
            # 2 × 面霜 at guide 128.00, paid 256.00 (at guide), 美容护肤 4%
            sale("T1001", units=2, actual="256.00", guide="128.00", completed="2026-10-05 14:00"),
            # 1 × 精华 guide 199.00, sold at 209.00 (within the 10% cap), 美容护肤 4%
            sale("T1002", sku="CH-SERUM", actual="209.00", guide="199.00"),
            # 3 × 口红 guide 89.90, paid 275.70 (91.90 each), 彩妆 5%, shipping 8.00
            sale(
                "T1003", sku="CH-LIP", category="彩妆", units=3, actual="275.70",
                guide="89.90", shipping="8.00", completed="2026-10-31 20:00",
            ),
        ],
    )  # fmt: skip
    figures = statement.figures
    assert figures.recognised_lines == 3
    assert figures.recognised_units == 2 + 1 + 3
    # sales: 256.00 + 209.00 + 275.70 = 740.70
    assert figures.sales_amount == yuan("740.70")
    # settlement: 2 × 128.00 + 199.00 + 3 × 89.90 = 256.00 + 199.00 + 269.70 = 724.70
    assert figures.settlement_value == yuan("724.70")
    # commission: 724.70 × 5% = 36.235 → 36.24 (half-up, once)
    assert figures.commission == yuan("36.24")
    # spread: 740.70 − 0 − 0 − 724.70 = 16.00 (0 + 10.00 + 6.00)
    assert figures.spread == yuan("16.00")
    # fees: 256.00 × 4% = 10.24; 209.00 × 4% = 8.36; 275.70 × 5% = 13.785 → 13.79; = 32.39
    assert figures.platform_fees == yuan("32.39")
    assert figures.shipping_income == yuan("8.00")
    # remittance: 724.70 + 8.00 − 36.24 − 0 = 696.46
    assert figures.remittance == yuan("696.46")
    assert figures.price_violations == 0
    assert statement.empty_reasons == ()


def test_commission_is_rounded_once_per_statement_not_per_line() -> None:
    """R-S3: three lines of 0.10 each: 0.30 × 5% = 1.5 fen → 2 fen (per line: 3 × 1 fen)."""
    statement = draft(
        "2026-10",
        [sale(f"T20{n}", sku="CH-SAMPLE", actual="0.10", guide="0.10") for n in range(3)],
    )
    assert statement.figures.commission == Money(2)


def test_a_markup_sale_at_exactly_the_cap_is_no_violation_and_the_markup_is_spread() -> None:
    """R-P3, R-S4: guide 100.00, cap 10% → 110.00 is the highest allowed price."""
    statement = draft("2026-10", [sale(actual="110.00", guide="100.00")])
    figures = statement.figures
    assert statement.lines[0].price_violations == 0
    assert figures.settlement_value == yuan("100.00")
    assert figures.spread == yuan("10.00")  # 110.00 − 100.00
    assert figures.commission == yuan("5.00")  # 100.00 × 5%
    assert figures.remittance == yuan("95.00")  # 100.00 − 5.00


def test_a_sale_below_guide_settles_at_guide_and_counts_as_a_violation() -> None:
    """R-P2, R-S2: sold at 90.00 against guide 100.00; the brand is still owed 100.00."""
    statement = draft("2026-10", [sale(actual="90.00", guide="100.00")])
    figures = statement.figures
    assert statement.lines[0].price_violations == 1
    assert figures.price_violations == 1
    assert figures.settlement_value == yuan("100.00")
    assert figures.spread == yuan("-10.00")  # 90.00 − 100.00: the operator's loss
    assert figures.remittance == yuan("95.00")  # 100.00 − 5.00


def test_a_guide_price_change_mid_month_settles_each_line_at_its_own_snapshot() -> None:
    """R-P1, R-S2: guide 128.00 until 10-15, then 138.00; both lines sold at 140.00."""
    statement = draft(
        "2026-10",
        [
            sale("T3001", actual="140.00", guide="128.00", completed="2026-10-12 10:00"),
            sale("T3002", actual="140.00", guide="138.00", completed="2026-10-22 10:00"),
        ],
    )
    figures = statement.figures
    assert figures.settlement_value == yuan("266.00")  # 128.00 + 138.00
    assert figures.spread == yuan("14.00")  # (140 − 128) + (140 − 138) = 12.00 + 2.00
    assert [line.settlement_unit_price_fen for line in statement.lines] == [12800, 13800]


def test_a_brand_funded_promotion_settles_at_the_promotion_price() -> None:
    """R-S2: guide 128.00, approved brand-funded promotion price 99.00, sold at 99.00."""
    line = sale(actual="99.00", guide="128.00", promotion="99.00", price_check=PriceCheck.WITHIN)
    figures = draft("2026-10", [line]).figures
    assert figures.settlement_value == yuan("99.00")
    assert figures.spread == Money(0)
    assert figures.commission == yuan("4.95")  # 99.00 × 5%


def test_completion_at_one_second_before_midnight_beijing_belongs_to_october() -> None:
    """R-S1: 31 Oct 23:59:59 is October; 1 Nov 00:00:00 (16:00:00 UTC) is November."""
    october_last = sale("T4001", completed="2026-10-31 23:59:59")
    # Given in UTC, as some platforms export it: 2026-10-31 16:00:00Z = 11-01 00:00 Beijing.
    november_first = replace(
        sale("T4002"), completed_at=datetime(2026, 10, 31, 16, 0, 0, tzinfo=UTC)
    )
    october = draft("2026-10", [october_last, november_first])
    november = draft("2026-11", [october_last, november_first], earlier=october.recognised_keys)
    assert october.recognised_keys == {("T4001", 1)}
    assert november.recognised_keys == {("T4002", 1)}


def test_a_full_refund_of_a_recognised_line_in_the_next_month_reverses_it_there() -> None:
    """R-S9: 2 × 128.00 recognised in October, both units returned on 3 November."""
    line = sale(units=2, actual="256.00", guide="128.00", completed="2026-10-20 09:00")
    returned = refund(units=2, amount="256.00", completed="2026-11-03 15:00", reason="七天无理由")
    october = draft("2026-10", [line], [returned])
    november = draft("2026-11", [line], [returned], earlier=october.recognised_keys)
    assert october.figures.settlement_value == yuan("256.00")  # the refund is November's
    figures = november.figures
    assert figures.recognised_lines == 0
    assert figures.returned_units == 2
    assert figures.returned_amount == yuan("256.00")
    assert figures.settlement_value == yuan("-256.00")  # −2 × 128.00
    assert figures.spread == Money(0)  # 0 − 256.00 − 0 − (−256.00)
    assert figures.platform_fees == yuan("-10.24")  # −(256.00 × 4%)
    assert figures.commission == yuan("-12.80")  # −256.00 × 5%
    assert figures.remittance == yuan("-243.20")  # −256.00 + 0 − (−12.80) − 0
    assert [(line.kind, line.rule, line.source) for line in november.lines] == [
        (LineKind.RETURN, "R-S9", ("T1001", 1))
    ]


@pytest.mark.parametrize(
    ("reason", "spread", "brand_deductions", "remittance"),
    [
        # operator-borne 价格保护: spread 209.00 − 15.00 − 199.00 = −5.00; remittance 199 − 9.95
        ("价格保护", "-5.00", "0.00", "189.05"),
        # quality: spread 209.00 − 199.00 = 10.00; remittance 199.00 − 9.95 − 15.00 = 174.05
        (QUALITY, "10.00", "15.00", "174.05"),
    ],
)
def test_a_money_only_refund_is_the_operators_unless_it_is_for_quality(
    reason: str, spread: str, brand_deductions: str, remittance: str
) -> None:
    """R-S9: 1 × 精华 guide 199.00 sold at 209.00; 15.00 given back without the unit."""
    line = sale(actual="209.00", guide="199.00", completed="2026-10-05 10:00")
    concession = refund(amount="15.00", completed="2026-10-20 10:00", reason=reason)
    figures = draft("2026-10", [line], [concession]).figures
    assert figures.concession_amount == yuan("15.00")
    assert figures.returned_units == 0
    assert figures.settlement_value == yuan("199.00")
    assert figures.commission == yuan("9.95")  # 199.00 × 5%
    assert figures.spread == yuan(spread)
    assert figures.brand_deductions == yuan(brand_deductions)
    assert figures.platform_fees == yuan("8.36")  # 209.00 × 4%; concessions change no fee
    assert figures.remittance == yuan(remittance)


def test_a_partial_return_before_completion_is_counted_with_the_sale() -> None:
    """R-S1, R-S9: 3 × 89.90 paid 275.70; 1 unit refunded 91.90 before completion."""
    line = sale(category="彩妆", units=3, actual="275.70", guide="89.90")
    early = refund(units=1, amount="91.90", completed="2026-09-28 10:00")
    figures = draft("2026-10", [line], [early]).figures
    assert (figures.recognised_units, figures.returned_units) == (3, 1)
    assert figures.settlement_value == yuan("179.80")  # 269.70 − 89.90
    # fees: 275.70 × 5% = 13.785 → 13.79; −(91.90 × 5% = 4.595 → 4.60) = 9.19
    assert figures.platform_fees == yuan("9.19")
    assert figures.spread == yuan("4.00")  # 275.70 − 91.90 − 179.80


def test_an_order_closed_before_completion_is_never_recognised() -> None:
    """R-S1: closed (交易关闭) orders are not sales; the month says why it is empty."""
    closed = sale(status=OrderStatus.CLOSED, completed=None)
    statement = draft("2026-10", [closed])
    assert statement.lines == ()
    assert statement.empty_reasons == (EmptyReason.NO_COMPLETED_ORDERS,)
    assert statement.explain_empty() == ("no order completed in 2026-10 (Beijing time)",)


def test_a_line_refunded_in_full_before_completion_is_never_recognised() -> None:
    """R-S1: both units returned on 10-03, the order then completed on 10-05."""
    line = sale(units=2, actual="256.00", completed="2026-10-05 10:00")
    early = refund(units=2, amount="256.00", completed="2026-10-03 10:00")
    statement = draft("2026-10", [line], [early])
    assert statement.lines == ()
    assert statement.empty_reasons == (EmptyReason.REFUNDED_BEFORE_COMPLETION,)


def test_lines_already_recognised_are_not_recognised_again() -> None:
    """R-S1: a newer snapshot of an October line (a later refund) re-drafted in October."""
    first = draft("2026-10", [sale()])
    newer = sale()  # the same stored line after a re-import
    again = draft("2026-10", [newer], earlier=first.recognised_keys)
    assert again.lines == ()
    assert again.empty_reasons == (EmptyReason.ALREADY_RECOGNISED,)
    assert "already recognised" in again.explain_empty()[0]


def test_redrafting_the_same_data_gives_the_same_figures_and_hash() -> None:
    """R-S8: re-running a month produces the same figures."""
    lines = [sale("T1"), sale("T2", actual="140.00")]
    assert draft("2026-10", lines).content_hash == draft("2026-10", lines[::-1]).content_hash
    assert draft("2026-10", lines).content_hash != draft("2026-10", lines[:1]).content_hash


def test_orders_without_sku_lines_or_guide_price_are_listed_never_guessed() -> None:
    """R-S1: an order-level report and a line whose SKU had no guide price when paid."""
    statement = draft(
        "2026-10",
        [sale("T5002", guide=None, price_check=PriceCheck.NO_GUIDE_PRICE)],
        without_sku_lines=[
            UnsettleableOrder("T5001", "order without SKU lines", beijing("2026-10-09 10:00")),
            UnsettleableOrder("T4999", "order without SKU lines", beijing("2026-09-09 10:00")),
        ],
    )
    assert statement.figures.unsettleable_orders == 2  # T4999 completed in September
    assert [order.order_no for order in statement.unsettleable] == ["T5001", "T5002"]
    assert statement.empty_reasons == (EmptyReason.ORDERS_WITHOUT_SKU_LINES,)
    assert statement.explain_empty()[0].endswith("T5001, T5002")


def test_shipping_income_kept_by_the_operator_is_not_remitted() -> None:
    """R-S6: with shipping_income_to = operator, the 8.00 postage is not the brand's."""
    terms = ContractTerms(shipping_income_to=Party.OPERATOR)
    figures = draft("2026-10", [sale(shipping="8.00")], terms=terms).figures
    assert figures.shipping_income == Money(0)
    assert figures.remittance == yuan("121.60")  # 128.00 − 6.40


def test_a_line_given_twice_is_refused_rather_than_recognised_twice() -> None:
    """R-S1: at most once, even when the caller repeats a line."""
    with pytest.raises(DuplicateLine, match="T1001 line 1"):
        draft("2026-10", [sale(), sale()])


def test_a_refund_whose_line_is_missing_is_refused() -> None:
    """R-S9: a refund of the month is never settled without its line's prices."""
    with pytest.raises(RefundedLineMissing, match="T9 line 1"):
        draft("2026-10", [], [refund("T9", amount="1.00", completed="2026-10-02 10:00")])


def test_every_line_carries_its_rule_inputs_and_source_and_the_json_keys_are_complete() -> None:
    """R-S8, interfaces.md: the Statement JSON keys, exactly; each line names its rule."""
    statement = draft("2026-10", [sale(actual="130.00")])
    [line] = statement.lines
    assert (line.rule, line.source, line.sku, line.fee_rate) == (
        "R-S1",
        ("T1001", 1),
        "CH-CREAM-50",
        "0.04",
    )
    assert (line.units, line.settlement_unit_price_fen, line.sales_fen) == (1, 12800, 13000)
    assert line.at == beijing("2026-10-15 12:00")
    assert set(statement.figures.to_json()) == STATEMENT_JSON_KEYS
    assert statement.figures.to_json()["spread"] == "2.00"
    assert statement.commission_rate == Rate(Decimal("0.05"))
