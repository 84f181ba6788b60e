"""Properties of drafting that must hold for any data (R-S1, R-S3, R-S8, R-S9)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from daiyun.domain.calendar import SHANGHAI, Month
from daiyun.domain.contracts import Party, Platform
from daiyun.domain.money import Money
from daiyun.domain.orders.records import OrderStatus
from daiyun.domain.settlement import LineKey, RefundRecord, SettlementLine, Statement
from daiyun.domain.settlement.platform_charges import ChargeKind, PlatformCharge
from tests.unit.settlement.settlement_builders import TERMS, draft, sale

MONTHS = ("2026-09", "2026-10", "2026-11")
START = datetime(2026, 9, 1, tzinfo=SHANGHAI)
SPAN_MINUTES = 91 * 24 * 60  # September to November


@st.composite
def month_data(draw: st.DrawFn) -> tuple[list[SettlementLine], list[RefundRecord]]:
    """Lines completed (or closed) over three months, and refunds of some of them."""
    lines: list[SettlementLine] = []
    refunds: list[RefundRecord] = []
    for index in range(draw(st.integers(0, 12))):
        units = draw(st.integers(1, 4))
        guide = draw(st.integers(1, 50_000))
        actual = max(0, guide * units + draw(st.integers(-5_000, 5_000)))
        completed = START + timedelta(minutes=draw(st.integers(0, SPAN_MINUTES)))
        line = sale(
            f"T{index:03d}", units=units, actual=Money(actual).yuan_text(),
            guide=Money(guide).yuan_text(), completed=None,
            category=draw(st.sampled_from(["美容护肤", "彩妆", None])),
            status=draw(st.sampled_from([OrderStatus.COMPLETED] * 4 + [OrderStatus.CLOSED])),
        )  # fmt: skip
        lines.append(_completed_at(line, completed))
        for _ in range(draw(st.integers(0, 2))):
            at = completed + timedelta(minutes=draw(st.integers(-3_000, 40_000)))
            refunds.append(
                RefundRecord(
                    line.order_no, 1, draw(st.integers(0, units)),
                    Money(draw(st.integers(1, max(1, actual)))),
                    draw(st.sampled_from([None, "quality", "价格保护"])), at,
                )
            )  # fmt: skip
    return lines, refunds


def _completed_at(line: SettlementLine, at: datetime) -> SettlementLine:
    return replace(line, completed_at=at if line.status is OrderStatus.COMPLETED else None)


def _column(statement: Statement, name: str) -> int:
    return sum(getattr(line, name) for line in statement.lines)


@given(month_data(), st.sampled_from(MONTHS))
def test_statement_totals_equal_the_sum_of_their_lines_to_the_fen(
    data: tuple[list[SettlementLine], list[RefundRecord]], month: str
) -> None:
    """R-S8: every total is the sum of its lines; derived figures follow interfaces.md."""
    lines, refunds = data
    statement = draft(month, lines, refunds)
    figures = statement.figures
    assert figures.sales_amount.fen == _column(statement, "sales_fen")
    assert figures.returned_amount.fen == _column(statement, "returned_fen")
    assert figures.concession_amount.fen == _column(statement, "concession_fen")
    assert figures.settlement_value.fen == _column(statement, "settlement_value_fen")
    assert figures.spread.fen == _column(statement, "spread_fen")
    assert figures.brand_deductions.fen == _column(statement, "brand_deduction_fen")
    assert figures.platform_fees.fen == _column(statement, "platform_fee_fen")
    assert figures.recognised_units == _column(statement, "units")
    assert figures.returned_units == _column(statement, "returned_units")
    operator_concessions = figures.concession_amount - figures.brand_deductions
    assert figures.spread == (
        figures.sales_amount - figures.returned_amount - operator_concessions
        - figures.settlement_value
    )  # fmt: skip
    commission = TERMS.commission_rate.apply(figures.settlement_value)
    assert abs(commission - figures.commission.fen) <= 0.5
    assert figures.remittance == (
        figures.settlement_value + figures.shipping_income - figures.commission
        - figures.brand_deductions
    )  # fmt: skip


@given(
    month_data(),
    st.sampled_from(MONTHS),
    st.sampled_from([Party.BRAND, Party.OPERATOR]),
    st.lists(st.integers(-600_000, 15_000_000).filter(bool), max_size=3),
)
def test_the_remittance_deducts_exactly_the_platform_fees_the_brand_bears_r_s5(
    data: tuple[list[SettlementLine], list[RefundRecord]],
    month: str,
    borne_by: Party,
    amounts: list[int],
) -> None:
    """R-S5, R-S6 (issue 17): remittance = settlement value + shipping income − commission
    − brand deductions − platform fees borne; borne = technical fees + the month's charges
    when the brand bears them, else 0; the charges are shown either way."""
    lines, refunds = data
    terms = replace(TERMS, platform_fees_borne_by=borne_by)
    day = Month.parse(month).first_day
    charges = [
        PlatformCharge(f"k{index}", "C", "S", Platform.TMALL, ChargeKind.ANNUAL_FEE, day,
                       Money(amount), borne_by, "")
        for index, amount in enumerate(amounts)
    ]  # fmt: skip
    figures = draft(month, lines, refunds, terms=terms, charges=charges).figures
    assert figures.platform_charges.fen == sum(amounts)
    fees = figures.platform_fees.fen + sum(amounts)
    assert figures.platform_fees_borne.fen == (fees if borne_by is Party.BRAND else 0)
    assert figures.remittance == (
        figures.settlement_value + figures.shipping_income - figures.commission
        - figures.brand_deductions - figures.platform_fees_borne
    )  # fmt: skip
    # The same month without charges, operator-borne: the deduction is all that differs.
    plain = draft(month, lines, refunds).figures
    assert plain.remittance - figures.remittance == figures.platform_fees_borne


@settings(max_examples=60)
@given(month_data(), st.lists(st.sampled_from(MONTHS), max_size=8), st.integers(0, 12))
def test_no_line_is_recognised_twice_across_any_sequence_of_imports_and_reruns(
    data: tuple[list[SettlementLine], list[RefundRecord]], runs: list[str], imported: int
) -> None:
    """R-S1: drafts in any order, re-runs and growing imports never recognise a line twice."""
    lines, refunds = data
    recognised: dict[str, frozenset[LineKey]] = {}
    for step, month in enumerate(runs):
        # Each run sees what has been imported so far: more lines as time goes on.
        known = lines[: imported + step]
        known_keys = {line.key for line in known}
        earlier = frozenset().union(*(keys for m, keys in recognised.items() if m != month))
        known_refunds = [refund for refund in refunds if refund.key in known_keys]
        statement = draft(month, known, known_refunds, earlier=earlier)
        sales = [line.source for line in statement.lines if line.kind == "sale"]
        assert len(sales) == len(set(sales))
        recognised[month] = statement.recognised_keys
    every = [key for keys in recognised.values() for key in keys]
    assert len(every) == len(set(every))


@given(month_data(), st.sampled_from(MONTHS), st.randoms(use_true_random=False))
def test_the_same_inputs_in_any_order_give_the_same_statement_and_hash(
    data: tuple[list[SettlementLine], list[RefundRecord]], month: str, random: Random
) -> None:
    """R-S8: re-drafting gives byte-identical figures and the same content hash."""
    lines, refunds = data
    shuffled_lines, shuffled_refunds = list(lines), list(refunds)
    random.shuffle(shuffled_lines)
    random.shuffle(shuffled_refunds)
    first = draft(month, lines, refunds)
    second = draft(month, shuffled_lines, shuffled_refunds)
    assert second.lines == first.lines
    assert second.figures == first.figures
    assert second.content_hash == first.content_hash
