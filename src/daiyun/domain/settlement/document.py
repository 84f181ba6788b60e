"""What a statement file shows (R-S8): the statement plus the header facts a reader needs, and
the figures' labels in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Final

from daiyun.domain.money import Money
from daiyun.domain.settlement import ExcusedDelay, Statement
from daiyun.domain.settlement.glossary import GLOSSARY

__all__ = [
    "FIGURE_LABELS",
    "FigureLabel",
    "StatementDocument",
    "yuan",
]


@dataclass(frozen=True, slots=True)
class FigureLabel:
    """One figure of interfaces.md's Statement JSON: its key and its Chinese and English labels."""

    key: str
    zh: str
    en: str
    is_money: bool


# In the order of interfaces.md's Statement JSON; keys exactly as there; names from the glossary.
_FIGURE_KEYS: Final = (
    "recognised_lines", "recognised_units", "returned_units", "sales_amount", "returned_amount",
    "concession_amount", "settlement_value", "commission", "spread", "brand_deductions",
    "shipping_income", "platform_fees",
    # Issue 17, R-S5: the platform's charges of the month and what the brand bears, before
    # the remittance they are deducted from.
    "platform_charges", "platform_fees_borne",
    # Issue 19, R-F7: the custody losses owed to the brand, added to the remittance.
    "custody_losses",
    "remittance", "unsettleable_orders", "price_violations", "penalty_accrued",
)  # fmt: skip
FIGURE_LABELS: Final[tuple[FigureLabel, ...]] = tuple(
    FigureLabel(key, GLOSSARY[key].zh, GLOSSARY[key].en, GLOSSARY[key].is_money)
    for key in _FIGURE_KEYS
)

_STATUS_ZH: Final[dict[str, str]] = {
    "draft": "草稿",
    "issued": "已出具",
    "confirmed": "已确认",
    "disputed": "有异议",
    "superseded": "已被新版本取代",
    "partially_paid": "部分付款",
    "settled": "已结清",
}

_RATE: Final = GLOSSARY["commission_rate"]
_PARTY_ZH: Final[dict[str, str]] = {"brand": "品牌方", "operator": "代运营商"}


def yuan(fen: int) -> Decimal:
    """Whole fen as exact yuan: 123456 → Decimal("1234.56"); no float, no context rounding."""
    sign, digits, _ = Decimal(fen).as_tuple()
    return Decimal((sign, digits, -2))


@dataclass(frozen=True, slots=True)
class StatementDocument:
    """A statement version as its files show it: the statement and the facts of its header."""

    statement: Statement
    contract_code: str
    brand_code: str
    brand_name: str
    version: int
    status: str  # "draft", "issued", … (a StrEnum is a str)
    issue_by: date | None = None
    confirm_by: date | None = None
    payment_due: date | None = None
    penalty_accrued: Money = field(default_factory=Money.zero)  # R-S7, as stated on the day
    # R-S7: days late counted for the penalty, and the spans of delay the brand caused, whose
    # days it leaves out: a reader can check the penalty from the file alone.
    days_late: int = 0
    days_excused: int = 0
    excused_delays: tuple[ExcusedDelay, ...] = ()

    @property
    def content_hash(self) -> str:
        """The statement's content hash (R-S8): what both files print on every page."""
        return self.statement.content_hash

    @property
    def status_label(self) -> str:
        """The status in Chinese and as interfaces.md writes it: "草稿 draft"."""
        status = str(self.status)
        zh = _STATUS_ZH.get(status)
        return f"{zh} {status}" if zh else status

    def figure_values(self) -> tuple[tuple[FigureLabel, int | Money], ...]:
        """Every figure of the Statement JSON with its labels: counts as int, amounts as Money."""
        figures = self.statement.figures
        return tuple(
            (
                label,
                self.penalty_accrued
                if label.key == "penalty_accrued"
                else getattr(figures, label.key),
            )
            for label in FIGURE_LABELS
        )

    def header_facts(self) -> tuple[tuple[str, str, str], ...]:
        """The header as (中文, English, value) rows, dates as YYYY-MM-DD, "—" when not yet set."""
        statement = self.statement
        return (
            ("合同", "Contract", self.contract_code),
            ("品牌", "Brand", f"{self.brand_name} ({self.brand_code})"),
            ("月份", "Month", str(statement.month)),
            ("版本", "Version", str(self.version)),
            ("状态", "Status", self.status_label),
            ("内容哈希", "Content hash (sha256)", self.content_hash),
            ("出具截止", "Issue by", _day(self.issue_by)),
            ("确认截止", "Confirm by", _day(self.confirm_by)),
            ("付款截止", "Payment due", _day(self.payment_due)),
            (_RATE.zh, _RATE.en, f"{statement.commission_rate.value}"),
            ("运费收入归属", "Shipping income to", _party(str(statement.shipping_income_to))),
            (
                "平台费承担方",
                "Platform fees borne by",
                _party(str(statement.platform_fees_borne_by)),
            ),
        )

    def penalty_facts(self) -> tuple[tuple[str, str, str], ...]:
        """The late penalty's days (R-S7) as (中文, English, value) rows: the days late it counts,
        the days the brand's delays excused, and each such span with its reason; () when the
        payment is not late and nothing was excused."""
        if not self.days_late and not self.excused_delays:
            return ()
        facts = [("逾期天数", "Days late (counted)", str(self.days_late))]
        if self.excused_delays:
            facts.append(("免计天数", "Days excused", str(self.days_excused)))
        for delay in self.excused_delays:
            span = f"{delay.first_day.isoformat()} – {delay.last_day.isoformat()}"
            facts.append(
                (
                    "品牌原因延误",
                    "Delay the brand caused",
                    f"{span} ({delay.days} d): {delay.reason}",
                )
            )
        return tuple(facts)


def _day(day: date | None) -> str:
    return day.isoformat() if day is not None else "—"


def _party(party: str) -> str:
    zh = _PARTY_ZH.get(party)
    return f"{zh} {party}" if zh else party
