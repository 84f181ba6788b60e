"""One obligation: a party, a due day, a status and the consequence of missing it (R-O1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import Party

__all__ = [
    "CONSEQUENCE_TEXTS",
    "Consequence",
    "Obligation",
    "ObligationKind",
    "ObligationStatus",
    "ObligationTopic",
    "obligation_status",
]


class ObligationKind(StrEnum):
    """What is owed."""

    ISSUE_STATEMENT = "issue_statement"  # R-S6: the operator, by the 10th of M+1
    ANSWER_STATEMENT = "answer_statement"  # R-S6: the brand confirms or disputes
    PAY_REMITTANCE = "pay_remittance"  # R-S6: the operator remits by the due date
    PAY_BEFORE_TERMINATION = "pay_before_termination"  # R-S7: past this, the brand may end it
    # Model B (issue 18): the brand collects and owes the operator its fees.
    ISSUE_FEE_BILL = "issue_fee_bill"  # R-B2: the operator, by the 3rd of M+1
    PAY_FEE_BILL = "pay_fee_bill"  # R-B2: the brand, by the 5th of M+1
    PAY_SERVICE_FEE = "pay_service_fee"  # R-B1: the brand, each instalment by its day
    # R-B5: past this, the operator may end the contract
    PAY_FEE_BEFORE_TERMINATION = "pay_fee_before_termination"
    REFUND_DEPOSIT = "refund_deposit"  # R-B4: the operator, once the contract ended and all paid
    # The goods (issue 19): the brand's shipping and stockout duties, the operator's task.
    SHIP_ORDER = "ship_order"  # R-F2: the brand, within the contract's hours of payment
    NOTIFY_STOCKOUT = "notify_stockout"  # R-F3: the brand, within stockout_notice_days
    REPLENISH_STOCK = "replenish_stock"  # R-F3: the brand, within replenish_days
    STOCKOUT_TASK = "stockout_task"  # R-F3: the operator, off sale or supply corrected
    MAKE_REPORT = "make_report"  # R-R1: the operator, each report by its due day (issue 20)
    # The contract's life (issue 21): the renewal notice, a breach's cure, the exit duties.
    OBJECT_TO_RENEWAL = "object_to_renewal"  # R-C5: either party, by the notice deadline
    CURE_BREACH = "cure_breach"  # R-C6: the party in breach, within breach_cure_days
    EXIT_REMOVE_MARKS = "exit_remove_marks"  # R-C6: the operator, within exit_days
    EXIT_RETURN_GOODS = "exit_return_goods"  # R-C6
    EXIT_FINAL_STATEMENT = "exit_final_statement"  # R-C6: model A
    EXIT_FINAL_BILL = "exit_final_bill"  # R-C6: model B
    EXIT_HAND_BACK_CREDENTIALS = "exit_hand_back_credentials"  # R-C6, R-B7


class ObligationTopic(StrEnum):
    """What an obligation's subject is, for a page to word and link it."""

    STATEMENT = "statement"  # a month's statement of a model A contract
    FEE_BILL = "fee_bill"  # a month's fee bill of a model B contract
    SERVICE_FEE = "service_fee"  # an instalment of a model B contract's annual service fee
    DEPOSIT = "deposit"  # a model B contract's service deposit
    ORDER = "order"  # an order of a store (R-F2)
    STOCKOUT = "stockout"  # a listing's stockout (R-F3)
    REPORT = "report"  # a contract's weekly, monthly or yearly report (issue 20, R-R1)
    CONTRACT = "contract"  # a contract's life: renewal, breach notice, exit (issue 21)


class ObligationStatus(StrEnum):
    """Open until its day passes; met if done by its day, missed otherwise (late or not done)."""

    OPEN = "open"
    MET = "met"
    MISSED = "missed"


class Consequence(StrEnum):
    """What missing a duty costs, as a stable key: the pages show it in the reader's language."""

    STATEMENT_AWAITED = "statement_awaited"  # R-S6: the issue duty
    PAYMENT_CLOCK_WAITS = "payment_clock_waits"  # R-S6: the answer duty
    LATE_PENALTY = "late_penalty"  # R-S7: one value, the daily penalty rate
    TERMINATION_RIGHT = "termination_right"  # R-S7
    FEE_BILL_AWAITED = "fee_bill_awaited"  # R-B2: the issue duty
    FEE_OVERDUE = "fee_overdue"  # R-B5: one value, the days overdue that give the right
    OPERATOR_TERMINATION_RIGHT = "operator_termination_right"  # R-B5
    DEPOSIT_WITHHELD = "deposit_withheld"  # R-B4
    SHIPPING_BREACH = "shipping_breach"  # R-F2
    STOCKOUT_UNANNOUNCED = "stockout_unannounced"  # R-F3: the notice duty
    LISTING_OFF_SALE = "listing_off_sale"  # R-F3: the replenishment duty
    LISTING_WITHOUT_GOODS = "listing_without_goods"  # R-F3: the operator's task
    REPORT_LATE = "report_late"  # R-R1 (issue 20)
    CONTRACT_RENEWS = "contract_renews"  # R-C5: one value, the months of the next term
    BREACH_TERMINATION_RIGHT = "breach_termination_right"  # R-C6: the notifying party's right
    EXIT_BREACH = "exit_breach"  # R-C6


# The English the CLI and the JSON documents write; {} take the consequence's values in order.
CONSEQUENCE_TEXTS: dict[Consequence, str] = {
    Consequence.STATEMENT_AWAITED: (
        "the brand's answer and the payment wait for it; a breach of the statement clause"
    ),
    Consequence.PAYMENT_CLOCK_WAITS: (
        "the payment clock does not start; days of delay the brand causes carry no late penalty"
    ),
    Consequence.LATE_PENALTY: "late penalty of {} a day on the unpaid remittance",
    Consequence.TERMINATION_RIGHT: "the brand may terminate the contract",
    Consequence.FEE_BILL_AWAITED: (
        "the brand's payment waits for it; a breach of the billing clause"
    ),
    Consequence.FEE_OVERDUE: (
        "the fee is overdue; more than {} days overdue gives the operator a termination right"
    ),
    Consequence.OPERATOR_TERMINATION_RIGHT: "the operator may terminate the contract",
    Consequence.DEPOSIT_WITHHELD: (
        "the brand's deposit is held past its refund day; a breach of the deposit clause"
    ),
    Consequence.SHIPPING_BREACH: "a breach record with the hours late; it lowers the on-time rate",
    Consequence.STOCKOUT_UNANNOUNCED: (
        "the operator learns of the stockout only from the stock; a breach of the supply clause"
    ),
    Consequence.LISTING_OFF_SALE: (
        "the listing is taken off sale or its supply information corrected"
    ),
    Consequence.LISTING_WITHOUT_GOODS: "buyers can order goods that cannot be shipped",
    Consequence.REPORT_LATE: "the brand gets its report late; a breach of the reporting clause",
    Consequence.CONTRACT_RENEWS: (
        "without a written objection by then, the contract renews for another {} months"
    ),
    Consequence.BREACH_TERMINATION_RIGHT: (
        "not cured by then, the notifying party may terminate the contract"
    ),
    Consequence.EXIT_BREACH: "a breach of the exit duties after the contract's end",
}


def obligation_status(due_on: date, done_on: date | None, as_of: date) -> ObligationStatus:
    """R-O1: a duty done on or before its due day is met; one not done by then is missed."""
    if done_on is not None and done_on <= as_of:
        return ObligationStatus.MET if done_on <= due_on else ObligationStatus.MISSED
    return ObligationStatus.MISSED if as_of > due_on else ObligationStatus.OPEN


@dataclass(frozen=True, slots=True)
class Obligation:
    """A dated duty as `daiyun obligations list` shows it."""

    kind: ObligationKind
    party: Party
    subject: str  # e.g. "statement CHANDO-2026 2026-10"
    brand: str
    due_on: date
    status: ObligationStatus
    done_on: date | None
    consequence: str  # in English, from CONSEQUENCE_TEXTS
    rule: str
    consequence_key: Consequence
    consequence_values: tuple[str, ...] = ()  # what fills the text's {} (e.g. "0.3%")
    # What the subject names, for a page to word and link it: a month's statement of a contract,
    # or (model B) a month's fee bill, an instalment of the service fee, the deposit.
    contract: str | None = None
    month: Month | None = None
    topic: ObligationTopic = ObligationTopic.STATEMENT
    instalment: int | None = None

    def is_due_on(self, day: date) -> bool:
        """Open, and `day` is the last day to do it (the obligation judged as of `day`)."""
        return self.status is ObligationStatus.OPEN and self.due_on == day

    @property
    def is_overdue(self) -> bool:
        """Missed and still not done: its day has passed without it (R-O1)."""
        return self.status is ObligationStatus.MISSED and self.done_on is None

    def to_json(self) -> dict[str, str | None]:
        """The obligation as the JSON documents write it: dates as YYYY-MM-DD."""
        return {
            "kind": self.kind.value,
            "party": self.party.value,
            "subject": self.subject,
            "brand": self.brand,
            "due_on": self.due_on.isoformat(),
            "status": self.status.value,
            "done_on": self.done_on.isoformat() if self.done_on else None,
            "consequence": self.consequence,
            "rule": self.rule,
        }
