"""A report document made by hand for the report's outputs' tests (issue 20 point 3): a month of
brand chando's sales with every section filled, its figures small enough to check by hand.

October 2026: 3 orders on 10-05 (2 + 1 units of CH-SERUM-30 at 199.00 and 1 CH-CREAM-50 at
89.50: 597.00 + 89.50 = 686.50), 1 order on 10-20 of 2 CH-CREAM-50 (179.00); sales 4 orders,
6 units, 865.50. Refunds: 1 of 89.50 (quality). Buyers 3: 2 new, 1 repeat."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from daiyun.domain.money import Money
from daiyun.domain.reports.document import (
    BROWSING_NOT_AVAILABLE,
    Analysis,
    Browsing,
    Customers,
    Inventory,
    PriceBandRow,
    ReasonRow,
    RefundReasonRow,
    Refunds,
    ReportDocument,
    ReturnRow,
    Returns,
    SalesFigures,
    SalesRow,
    SegmentRow,
    SkuChange,
    StockRow,
    ViolationRow,
)
from daiyun.domain.reports.periods import ReportKind

BEIJING = ZoneInfo("Asia/Shanghai")


def _y(text: str) -> Money:
    return Money.of_yuan(text)


def sample_document() -> ReportDocument:
    serum = SalesRow("CH-SERUM-30", 2, 3, _y("597.00"))
    cream = SalesRow("CH-CREAM-50", 2, 3, _y("268.50"))
    return ReportDocument(
        contract="CHANDO-2026",
        brand="chando",
        kind=ReportKind.MONTHLY,
        period="2026-10",
        start=date(2026, 10, 1),
        end=date(2026, 10, 31),
        due=date(2026, 11, 3),
        made_at=datetime(2026, 11, 2, 9, 0, tzinfo=BEIJING),
        on_time=True,
        sales=SalesFigures(4, 6, _y("865.50")),
        refunds=Refunds(1, _y("89.50"), (RefundReasonRow("质量问题", 1, _y("89.50")),)),
        customers=Customers(
            buyers=3,
            new=2,
            repeat=1,
            segments=(
                SegmentRow("loyal", 1, 2, _y("776.00")),
                SegmentRow("new", 2, 2, _y("89.50")),
            ),
            provinces=(SalesRow("上海", 1, 2, _y("179.00")), SalesRow("浙江", 3, 4, _y("686.50"))),
            province_buyers=(("上海", 1), ("浙江", 2)),
            hours=(SalesRow("09", 3, 4, _y("686.50")), SalesRow("21", 1, 2, _y("179.00"))),
        ),
        top_skus=(serum, cream),
        sales_by={
            "sku": (cream, serum),
            "category": (
                SalesRow("精华", 2, 3, _y("597.00")),
                SalesRow("面霜", 2, 3, _y("268.50")),
            ),
            "store": (SalesRow("chando-tmall", 4, 6, _y("865.50")),),
            "platform": (SalesRow("tmall", 4, 6, _y("865.50")),),
            "province": (
                SalesRow("上海", 1, 2, _y("179.00")),
                SalesRow("浙江", 3, 4, _y("686.50")),
            ),
            "day": (
                SalesRow("2026-10-05", 3, 4, _y("686.50")),
                SalesRow("2026-10-20", 1, 2, _y("179.00")),
            ),
            "hour": (SalesRow("09", 3, 4, _y("686.50")), SalesRow("21", 1, 2, _y("179.00"))),
        },
        analysis=Analysis(
            previous_period="2026-09",
            previous=SalesFigures(2, 5, _y("995.00")),
            year_before_period="2025-10",
            year_before=SalesFigures(0, 0, Money.zero()),
            falling_skus=(SkuChange("CH-SERUM-30", 3, _y("597.00"), 5, _y("995.00")),),
            price_bands=(
                PriceBandRow("50-100", _y("50"), _y("100"), 2, 3, _y("268.50")),
                PriceBandRow("100-200", _y("100"), _y("200"), 2, 3, _y("597.00")),
            ),
            guided_units=6,
            guided_amount=_y("865.50"),
            guide_amount=_y("840.00"),
            violations=(ViolationRow("within", 4, 6, _y("865.50")),),
        ),
        returns=Returns(
            by_sku=(ReturnRow("CH-CREAM-50", 1, 0, 2), ReturnRow("CH-SERUM-30", 0, 1, 2)),
            by_reason=(ReasonRow("质量问题", 1, 0), ReasonRow("尺码不合适", 0, 1)),
        ),
        inventory=Inventory(
            as_of=datetime(2026, 11, 1, 0, 0, tzinfo=BEIJING),
            list_as_of=datetime(2026, 10, 1, 8, 0, tzinfo=BEIJING),
            rows=(StockRow("CH-CREAM-50", 40, 3, 400), StockRow("CH-SERUM-30", 12, 3, 120)),
        ),
        browsing=Browsing(False, *BROWSING_NOT_AVAILABLE),
    )
