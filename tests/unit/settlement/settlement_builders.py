"""Settlement inputs with business defaults: a Tmall 自然堂 store, October 2026, Beijing time."""

from __future__ import annotations

from collections.abc import Iterable, Set

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractTerms, Platform, PlatformFeeSchedule
from daiyun.domain.money import Money, Rate
from daiyun.domain.orders.records import OrderStatus
from daiyun.domain.pricing import PriceCheck, check_sold_price
from daiyun.domain.settlement import (
    LineKey,
    RefundRecord,
    SettlementLine,
    Statement,
    UnsettleableOrder,
    draft_statement,
)
from daiyun.domain.settlement.platform_charges import PlatformCharge
from tests.builders import beijing

# R-S5: 美容护肤 at 4% on Tmall, every other category at the 5% default.
FEES = {
    Platform.TMALL: PlatformFeeSchedule(
        Platform.TMALL, category_rates={"美容护肤": Rate.of("0.04")}, default_rate=Rate.of("0.05")
    )
}
TERMS = ContractTerms()  # commission 5%, cap 10%, shipping to the brand (rules.md defaults)


def yuan(text: str) -> Money:
    """Money from yuan text."""
    return Money.of_yuan(text)


def sale(
    order_no: str = "T1001",
    line_no: int = 1,
    *,
    sku: str | None = "CH-CREAM-50",
    category: str | None = "美容护肤",
    units: int = 1,
    actual: str = "128.00",
    guide: str | None = "128.00",
    completed: str | None = "2026-10-15 12:00",
    status: OrderStatus = OrderStatus.COMPLETED,
    price_check: PriceCheck | None = None,
    promotion: str | None = None,
    shipping: str = "0.00",
) -> SettlementLine:
    """A completed order line; its price check is what the importer would have stored (R-P2/3)."""
    guide_price = yuan(guide) if guide is not None else None
    if price_check is None:
        price_check = check_sold_price(yuan(actual), units, guide_price, TERMS.markup_cap)
    return SettlementLine(
        order_no=order_no,
        line_no=line_no,
        sku=sku,
        category=category,
        platform=Platform.TMALL,
        units=units,
        actual_amount=yuan(actual),
        guide_price=guide_price,
        status=status,
        completed_at=beijing(completed) if completed is not None else None,
        price_check=price_check,
        promotion_price=yuan(promotion) if promotion is not None else None,
        shipping=yuan(shipping),
    )


def refund(
    order_no: str = "T1001",
    line_no: int = 1,
    *,
    units: int = 0,
    amount: str,
    completed: str,
    reason: str | None = None,
) -> RefundRecord:
    """A refund increment of a line, completed at a Beijing time."""
    return RefundRecord(order_no, line_no, units, yuan(amount), reason, beijing(completed))


def draft(
    month: str,
    lines: Iterable[SettlementLine],
    refunds: Iterable[RefundRecord] = (),
    *,
    earlier: Set[LineKey] = frozenset(),
    terms: ContractTerms = TERMS,
    without_sku_lines: Iterable[UnsettleableOrder] = (),
    charges: Iterable[PlatformCharge] = (),
) -> Statement:
    """Draft a month of the Tmall store under the default terms."""
    return draft_statement(
        Month.parse(month),
        lines,
        refunds,
        terms=terms,
        fee_schedules=FEES,
        recognised_earlier=earlier,
        orders_without_sku_lines=without_sku_lines,
        charges=charges,
    )
