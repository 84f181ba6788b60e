"""Rows of a statement version <-> the domain's figures, counts and version records."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row

from daiyun.domain.money import Money
from daiyun.domain.settlement import RecognitionCounts, Statement, StatementFigures
from daiyun.domain.settlement.records import Answer, BrandAnswer, VersionRecord
from daiyun.domain.settlement.statement import StatementSummary

__all__ = ["counts_of", "figures_of", "version_record", "version_values"]

_MONEY_FIGURES = {
    "sales_amount": "sales_fen",
    "returned_amount": "returned_fen",
    "concession_amount": "concession_fen",
    "settlement_value": "settlement_value_fen",
    "commission": "commission_fen",
    "spread": "spread_fen",
    "brand_deductions": "brand_deductions_fen",
    "shipping_income": "shipping_income_fen",
    "platform_fees": "platform_fees_fen",
    "remittance": "remittance_fen",
    "platform_charges": "platform_charges_fen",  # issue 17, R-S5
    "platform_fees_borne": "platform_fees_borne_fen",  # issue 17, R-S5
    "custody_losses": "custody_losses_fen",  # issue 19, R-F7
}
_COUNT_FIGURES = (
    "recognised_lines", "recognised_units", "returned_units", "unsettleable_orders",
    "price_violations",
)  # fmt: skip
_COUNTS = ("completed_lines", "already_recognised", "refunded_before_completion")


def version_values(statement: Statement | StatementSummary) -> dict[str, Any]:
    figures, counts = statement.figures, statement.counts
    values: dict[str, Any] = {
        "content_hash": statement.content_hash,
        "commission_rate": statement.commission_rate.text(),
        "shipping_income_to": statement.shipping_income_to.value,
        "platform_fees_borne_by": statement.platform_fees_borne_by.value,
    }
    values |= {column: getattr(figures, name).fen for name, column in _MONEY_FIGURES.items()}
    values |= {name: getattr(figures, name) for name in _COUNT_FIGURES}
    values |= {name: getattr(counts, name) for name in _COUNTS}
    return values


def figures_of(row: Row[Any]) -> StatementFigures:
    values: dict[str, Any] = {
        name: Money(int(getattr(row, column))) for name, column in _MONEY_FIGURES.items()
    }
    values |= {name: int(getattr(row, name)) for name in _COUNT_FIGURES}
    return StatementFigures(**values)


def counts_of(row: Row[Any]) -> RecognitionCounts:
    return RecognitionCounts(*(int(getattr(row, name)) for name in _COUNTS))


def version_record(row: Row[Any]) -> VersionRecord:
    answer = None
    if row.answer is not None:
        answer = BrandAnswer(
            Answer(row.answer),
            row.user_login,
            row.at,
            row.answered_on,
            row.reason,
            row.payment_due,
        )
    return VersionRecord(
        version=int(row.version),
        is_issued=bool(row.is_issued),
        content_hash=row.content_hash,
        figures=figures_of(row),
        counts=counts_of(row),
        drafted_at=row.drafted_at,
        issued_at=row.issued_at,
        received_on=row.received_on,
        confirm_by=row.confirm_by,
        answer=answer,
    )
