"""A month's statement: its lines, its figures as sums of the lines, its hash, why it is empty."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from operator import countOf, itemgetter

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import Party
from daiyun.domain.money import Money, Rate, round_half_up_to_fen
from daiyun.domain.settlement.inputs import LineKey, UnsettleableOrder
from daiyun.domain.settlement.lines import LineKind, StatementLine, canonical_lines_json
from daiyun.domain.settlement.platform_charges import PlatformCharge
from daiyun.domain.settlement.waiting import WaitingRefund

__all__ = [
    "EmptyReason",
    "RecognitionCounts",
    "Statement",
    "StatementFigures",
    "StatementSummary",
    "empty_reasons",
    "explain_empty",
    "figures_of_totals",
    "statement_hash",
    "sum_figures",
]


# Lines encoded per call: one C-level json.dumps per chunk instead of one per line.
_HASH_CHUNK = 10_000


class EmptyReason(StrEnum):
    """Why a month has nothing to settle (issue 4: an empty month says why)."""

    NO_COMPLETED_ORDERS = "no_completed_orders"
    ALREADY_RECOGNISED = "lines_already_recognised"
    ORDERS_WITHOUT_SKU_LINES = "orders_without_sku_lines"
    REFUNDED_BEFORE_COMPLETION = "refunded_before_completion"


@dataclass(frozen=True, slots=True)
class RecognitionCounts:
    """What recognition saw in the month besides the lines it recognised (R-S1)."""

    completed_lines: int = 0  # lines whose order completed in the month
    already_recognised: int = 0  # of those, recognised by an earlier statement
    refunded_before_completion: int = 0  # of those, refunded in full before completion


@dataclass(frozen=True, slots=True)
class StatementFigures:
    """The figures of interfaces.md's Statement JSON, keys and meanings exactly."""

    recognised_lines: int
    recognised_units: int
    returned_units: int
    sales_amount: Money
    returned_amount: Money
    concession_amount: Money
    settlement_value: Money
    commission: Money
    spread: Money
    brand_deductions: Money
    shipping_income: Money
    platform_fees: Money
    remittance: Money
    unsettleable_orders: int
    price_violations: int
    # Issue 17, R-S5: the deposit, annual fee and annual fee refund (negative) falling due in
    # the month (platform_charges.py), shown whoever bears them; and what the brand bears of
    # the platform's fees (`platform_fees` + `platform_charges` when the contract puts them
    # on the brand, else 0.00), deducted from the remittance in the month they are charged.
    platform_charges: Money = field(default=Money(0))
    platform_fees_borne: Money = field(default=Money(0))
    # Issue 19, R-F7: goods of the brand lost or damaged in the operator's custody in the
    # month, at the guide price; owed to the brand, so added to the remittance.
    custody_losses: Money = field(default=Money(0))

    def to_json(self) -> dict[str, int | str]:
        """The figures as the Statement JSON writes them: money as yuan text "1234.50"."""
        return {
            name: value.yuan_text() if isinstance(value, Money) else value
            for name in self.__dataclass_fields__
            for value in (getattr(self, name),)
        }

    def hashed_json(self) -> dict[str, int | str]:
        """The figures as the content hash takes them (R-S8): as to_json, but without
        `custody_losses` when it is 0.00, so that a month without custody losses keeps the hash
        it had before the figure existed (R-F7: issued versions are never seen as changed)."""
        document = self.to_json()
        if self.custody_losses.fen == 0:
            del document["custody_losses"]
        return document


# The columns of a statement line whose sums make the figures (R-S8).
SUMMED_FIELDS: tuple[str, ...] = (
    "units", "returned_units", "sales_fen", "returned_fen", "concession_fen",
    "brand_deduction_fen", "settlement_value_fen", "spread_fen", "platform_fee_fen",
    "shipping_income_fen", "price_violations",
)  # fmt: skip


def _column(lines: Sequence[StatementLine], name: str) -> int:
    return sum(map(itemgetter(StatementLine._fields.index(name)), lines))


def sum_figures(
    lines: Sequence[StatementLine],
    commission_rate: Rate,
    unsettleable_orders: int,
    charges: Sequence[PlatformCharge] = (),
    platform_fees_borne_by: Party = Party.OPERATOR,
    custody_losses: Money | None = None,
) -> StatementFigures:
    """Every total as the sum of its lines' column; commission rounded once (R-S3, R-S8);
    the month's platform charges summed, and borne by the brand when the contract says (R-S5);
    the month's custody losses owed to the brand (R-F7)."""
    return figures_of_totals(
        {name: _column(lines, name) for name in SUMMED_FIELDS},
        countOf(map(itemgetter(0), lines), LineKind.SALE),
        commission_rate,
        unsettleable_orders,
        charges,
        platform_fees_borne_by,
        custody_losses,
    )


def figures_of_totals(
    totals: Mapping[str, int],
    recognised_lines: int,
    commission_rate: Rate,
    unsettleable_orders: int,
    charges: Sequence[PlatformCharge] = (),
    platform_fees_borne_by: Party = Party.OPERATOR,
    custody_losses: Money | None = None,
) -> StatementFigures:
    """The figures from the sums of the lines' columns (SUMMED_FIELDS) and the count of sale
    lines, however they were summed (sum_figures, or batch by batch in month_columns.py)."""
    settlement_value = totals["settlement_value_fen"]
    # R-S3: the rate applies to the month's settlement value, rounded half-up once.
    commission = round_half_up_to_fen(commission_rate.apply(Money(settlement_value)))
    shipping, deductions = totals["shipping_income_fen"], totals["brand_deduction_fen"]
    platform_fees = totals["platform_fee_fen"]
    charged = sum(charge.amount.fen for charge in charges)
    # R-S5: fees the brand bears are deducted from the remittance in the month they are charged.
    borne = platform_fees + charged if platform_fees_borne_by is Party.BRAND else 0
    # R-F7: what the operator owes the brand for its goods lost or damaged in custody.
    lost = Money(0) if custody_losses is None else custody_losses
    if lost.fen < 0:
        raise ValueError(f"custody losses owed cannot be negative, not {lost}")
    return StatementFigures(
        recognised_lines=recognised_lines,
        recognised_units=totals["units"],
        returned_units=totals["returned_units"],
        sales_amount=Money(totals["sales_fen"]),
        returned_amount=Money(totals["returned_fen"]),
        concession_amount=Money(totals["concession_fen"]),
        settlement_value=Money(settlement_value),
        commission=commission,
        spread=Money(totals["spread_fen"]),
        brand_deductions=Money(deductions),
        shipping_income=Money(shipping),
        platform_fees=Money(platform_fees),
        # R-S6: settlement value + shipping income (brand's) − commission − brand deductions
        # − the platform fees the brand bears (R-S5) + the custody losses owed (R-F7).
        remittance=Money(
            settlement_value + shipping - commission.fen - deductions - borne + lost.fen
        ),
        unsettleable_orders=unsettleable_orders,
        price_violations=totals["price_violations"],
        platform_charges=Money(charged),
        platform_fees_borne=Money(borne),
        custody_losses=lost,
    )


def statement_hash(
    month: Month,
    figures: StatementFigures,
    unsettleable: Iterable[UnsettleableOrder],
    line_texts: Iterable[bytes],
) -> str:
    """R-S8: sha256 of the canonical JSON of month, figures, lines and unsettleable orders;
    `line_texts` are the lines' canonical JSON arrays joined by commas, in canonical order, in
    as many pieces as the caller likes (the pieces one after the other are the lines' text)."""
    digest = hashlib.sha256()
    figures_text = json.dumps(figures.hashed_json(), sort_keys=True, separators=(",", ":"))
    digest.update(f'{{"figures":{figures_text},"lines":['.encode())
    for text in line_texts:
        digest.update(text)
    listed = sorted([order.order_no, order.reason] for order in unsettleable)
    tail = {"month": str(month), "unsettleable": listed}
    digest.update(("]," + json.dumps(tail, ensure_ascii=False, separators=(",", ":"))[1:]).encode())
    return digest.hexdigest()


def empty_reasons(
    has_lines: bool, counts: RecognitionCounts, unsettleable: Sequence[UnsettleableOrder]
) -> tuple[EmptyReason, ...]:
    """Why nothing is settled in a month; () when its statement has lines."""
    if has_lines:
        return ()
    reasons = []
    if counts.completed_lines == 0 and not unsettleable:
        reasons.append(EmptyReason.NO_COMPLETED_ORDERS)
    if counts.already_recognised:
        reasons.append(EmptyReason.ALREADY_RECOGNISED)
    if counts.refunded_before_completion:
        reasons.append(EmptyReason.REFUNDED_BEFORE_COMPLETION)
    if unsettleable:
        reasons.append(EmptyReason.ORDERS_WITHOUT_SKU_LINES)
    return tuple(reasons)


def explain_empty(
    month: Month,
    reasons: Sequence[EmptyReason],
    counts: RecognitionCounts,
    unsettleable: Sequence[UnsettleableOrder],
) -> tuple[str, ...]:
    """The empty-month reasons in words a clerk understands."""
    words = {
        EmptyReason.NO_COMPLETED_ORDERS: f"no order completed in {month} (Beijing time)",
        EmptyReason.ALREADY_RECOGNISED: (
            f"{counts.already_recognised} line(s) completed in {month} were already "
            "recognised by an earlier statement"
        ),
        EmptyReason.REFUNDED_BEFORE_COMPLETION: (
            f"{counts.refunded_before_completion} line(s) were refunded in full before "
            "their order completed"
        ),
        EmptyReason.ORDERS_WITHOUT_SKU_LINES: (
            f"{len(unsettleable)} order(s) have no SKU lines or guide price and "
            "cannot be settled: " + ", ".join(sorted({order.order_no for order in unsettleable}))
        ),
    }
    return tuple(words[reason] for reason in reasons)


@dataclass(frozen=True)
class Statement:
    """A month's model A statement: lines in canonical order, figures summed from them."""

    month: Month
    commission_rate: Rate
    shipping_income_to: Party
    platform_fees_borne_by: Party
    lines: tuple[StatementLine, ...]
    unsettleable: tuple[UnsettleableOrder, ...]
    counts: RecognitionCounts
    figures: StatementFigures
    # Issue 17 (waiting.py): the month's refunds of earlier lines no issued statement
    # recognises; in no figure, so not in the content hash. A stored version reads back none:
    # drafting refuses while any of them can still be recognised.
    waiting_refunds: tuple[WaitingRefund, ...] = ()
    # Issue 17, R-S5: the platform charges falling due in the month (their sum is the
    # `platform_charges` figure, so they are in the content hash through it).
    charges: tuple[PlatformCharge, ...] = ()

    @cached_property
    def recognised_keys(self) -> frozenset[LineKey]:
        """The lines this statement recognises, for the next month's `recognised_earlier`."""
        return frozenset(line.source for line in self.lines if line.kind is LineKind.SALE)

    @cached_property
    def content_hash(self) -> str:
        """sha256 of canonical JSON of month, figures, lines and unsettleable orders (R-S8)."""
        # The lines are in canonical order already (drafting), so any input order hashes alike.
        texts = (
            ("," if start else "").encode()
            + canonical_lines_json(self.lines[start : start + _HASH_CHUNK])[1:-1].encode()
            for start in range(0, len(self.lines), _HASH_CHUNK)
        )
        return statement_hash(self.month, self.figures, self.unsettleable, texts)

    @property
    def empty_reasons(self) -> tuple[EmptyReason, ...]:
        """Why nothing is settled this month; () when the statement has lines."""
        return empty_reasons(bool(self.lines), self.counts, self.unsettleable)

    def explain_empty(self) -> tuple[str, ...]:
        """The empty-month reasons in words a clerk understands."""
        return explain_empty(self.month, self.empty_reasons, self.counts, self.unsettleable)

    def summary(self) -> StatementSummary:
        """The statement without its lines (what a month drafted in batches gives)."""
        return StatementSummary(
            month=self.month,
            commission_rate=self.commission_rate,
            shipping_income_to=self.shipping_income_to,
            platform_fees_borne_by=self.platform_fees_borne_by,
            line_count=len(self.lines),
            unsettleable=self.unsettleable,
            counts=self.counts,
            figures=self.figures,
            content_hash=self.content_hash,
            waiting_refunds=self.waiting_refunds,
            charges=self.charges,
        )


@dataclass(frozen=True)
class StatementSummary:
    """A month's statement without its lines: its figures, counts, unsettleable orders and
    content hash (R-S8), as drafting a month in batches gives it (month_columns.py); the lines
    themselves are stored batch by batch as they are made."""

    month: Month
    commission_rate: Rate
    shipping_income_to: Party
    platform_fees_borne_by: Party
    line_count: int
    unsettleable: tuple[UnsettleableOrder, ...]
    counts: RecognitionCounts
    figures: StatementFigures
    content_hash: str
    # Issue 17: as Statement.waiting_refunds and Statement.charges.
    waiting_refunds: tuple[WaitingRefund, ...] = ()
    charges: tuple[PlatformCharge, ...] = ()

    @property
    def empty_reasons(self) -> tuple[EmptyReason, ...]:
        """Why nothing is settled this month; () when the statement has lines."""
        return empty_reasons(self.line_count > 0, self.counts, self.unsettleable)

    def explain_empty(self) -> tuple[str, ...]:
        """The empty-month reasons in words a clerk understands."""
        return explain_empty(self.month, self.empty_reasons, self.counts, self.unsettleable)
