"""Use cases: draft, issue, answer, pay and show a model B contract's monthly commission bill
(R-B2, R-B3, R-B5, R-D2, R-D3).

Months are billed in order: month M's bill starts from the shortfall carried out of M-1's
(domain/fee_bills/bill.py), so M-1's bill must exist to draft M and be issued to issue M —
except for the first month billed in daiyun (an agency starts using it mid-term), which starts
from no shortfall. A
month is billed once it is over and inside the term (R-C5), and only once an Alipay statement
of the contract's stores covers it (its lines begin before the month ends and reach into it): a
month no imported statement covers would be billed 0.00 for want of its statement, not for want
of receipts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from daiyun.domain.agency import Role, User
from daiyun.domain.calendar import Month, business_date
from daiyun.domain.contracts import ContractSpec
from daiyun.domain.fee_bills.document import FeeBill, draft_bill
from daiyun.domain.fee_bills.lifecycle import BillStatus, bill_key, status_after_payment
from daiyun.domain.fee_bills.records import BillAnswer, BillPayment, BillVersion
from daiyun.domain.money import Money
from daiyun.domain.settlement.draftable import month_problem
from daiyun.domain.settlement.records import Answer
from daiyun.services.errors import NotFound, Refused
from daiyun.services.fee_bills.bill_access import (
    BillView,
    current_version,
    model_b_contract,
    move_bill,
    stored_bill,
    version_of,
    view_of_bill,
)
from daiyun.services.fee_bills.ledger import post_bill_issue, post_bill_payment
from daiyun.services.fee_bills.ports import FeeBillUnitOfWork

__all__ = [
    "ANSWERING_ROLES",
    "BILL_DISPUTE_NEEDS_REASON",
    "BillDraftOutcome",
    "answer_bill",
    "draft_bill_month",
    "issue_bill",
    "list_bills",
    "pay_bill",
    "show_bill",
]

BILL_DISPUTE_NEEDS_REASON = "a dispute must say why the fee bill is wrong"
# R-D2: who answers a bill for the brand: its administrators and its finance people.
ANSWERING_ROLES = frozenset({Role.BRAND_ADMIN, Role.BRAND_FINANCE})
_PAYABLE = frozenset({BillStatus.ISSUED, BillStatus.CONFIRMED, BillStatus.PART_PAID})


@dataclass(frozen=True)
class BillDraftOutcome:
    """What drafting did: the draft as shown, and whether the stored draft changed."""

    view: BillView
    changed: bool


def _check_billable(
    uow: FeeBillUnitOfWork, contract: ContractSpec, month: Month, verb: str, at: datetime
) -> None:
    """R-B2, R-C5: a month that is over, inside the term, with its Alipay statement imported."""
    key = bill_key(contract.code, month)
    problem = month_problem(contract, month, today=business_date(at))
    if problem is not None:
        raise Refused(f"cannot {verb} fee bill {key}: {problem}")
    span = uow.fee_bills.entry_span(contract.code)
    period = month.period()
    if span is None or span[1] < period.start or span[0] >= period.end:
        if span is None:
            seen = "have no lines"
        else:
            seen = f"cover {business_date(span[0])} to {business_date(span[1])} only"
        raise Refused(
            f"cannot {verb} fee bill {key}: the Alipay statements imported for the contract's "
            f"stores {seen}; import the brand's Alipay statement of {month} first (R-B2)"
        )


def _previous_in_term(contract: ContractSpec, month: Month, at: datetime) -> Month | None:
    """The month before, when the contract billed it too (not before it took effect)."""
    previous = month.previous()
    if month_problem(contract, previous, today=business_date(at)) is not None:
        return None
    return previous


def _billed_before(uow: FeeBillUnitOfWork, contract: ContractSpec, month: Month) -> bool:
    """Whether daiyun holds a bill of the contract for any month before `month`."""
    return any(header.month < month for header in uow.fee_bills.months(contract.code))


def _carried_in(
    uow: FeeBillUnitOfWork, contract: ContractSpec, month: Month, at: datetime
) -> Money:
    """The shortfall M-1's bill carried out (R-B2). The first month billed in daiyun starts
    from nothing; after it, a month whose predecessor was never drafted is refused."""
    previous = _previous_in_term(contract, month, at)
    if previous is None:
        return Money.zero()
    header = uow.fee_bills.get(contract.code, previous)
    if header is None:
        if not _billed_before(uow, contract, previous):
            return Money.zero()
        raise Refused(
            f"cannot draft fee bill {bill_key(contract.code, month)}: the fee bill of {previous} "
            "has not been drafted; months are billed in order, as refunds beyond a month's "
            f"receipts carry to the next (R-B2): draft {previous} first"
        )
    return current_version(uow, header).bill.figures.carried_out


def _compute(uow: FeeBillUnitOfWork, contract: ContractSpec, month: Month, at: datetime) -> FeeBill:
    entries = uow.fee_bills.month_entries(contract.code, month)
    carried = _carried_in(uow, contract, month, at)
    return draft_bill(contract.code, month, entries, contract.terms, carried)


def _check_next_month_agrees(uow: FeeBillUnitOfWork, contract: ContractSpec, bill: FeeBill) -> None:
    """R-B2: months are billed in order. A month drafted (first, or again after a dispute)
    once the next month's bill is issued may not change the shortfall that bill started from:
    the issued figures are frozen, and the difference would never be billed or carried."""
    month = bill.figures.month
    following = month.next()
    header = uow.fee_bills.get(contract.code, following)
    if header is None:
        return
    issued = [v for v in uow.fee_bills.versions(contract.code, following) if v.is_issued]
    if not issued:
        return
    started_from = issued[-1].bill.figures.carried_in
    if started_from != bill.figures.carried_out:
        raise Refused(
            f"cannot draft fee bill {bill_key(contract.code, month)}: the fee bill of "
            f"{following} is issued already and started from a shortfall of "
            f"{started_from.yuan_text()}, while {month} would carry "
            f"{bill.figures.carried_out.yuan_text()} into it; months are billed in order (R-B2)"
        )


def draft_bill_month(
    uow: FeeBillUnitOfWork, *, contract_code: str, month: Month, at: datetime, actor: str
) -> BillDraftOutcome:
    """Compute the month's bill and store it as the draft; the same lines change nothing."""
    with uow:
        contract = model_b_contract(uow, contract_code)
        _check_billable(uow, contract, month, "draft", at)
        header = uow.fee_bills.get(contract.code, month, lock=True)
        stored_hash = None
        if header is None:
            version = 1
            uow.fee_bills.create(contract.code, month, at)
        elif header.status is BillStatus.DRAFT:
            version = header.current_version
            stored_hash = current_version(uow, header).content_hash
        else:
            # After a dispute the next version is drafted; any other state refuses.
            disputed = header.status is BillStatus.DISPUTED
            version = header.current_version + (1 if disputed else 0)
            move_bill(uow, header, BillStatus.DRAFT, contract, version=version, at=at, actor=actor)
        bill = _compute(uow, contract, month, at)
        _check_next_month_agrees(uow, contract, bill)
        changed = bill.content_hash != stored_hash
        if changed:
            uow.fee_bills.save_draft(contract.code, month, version, bill, at=at, actor=actor)
            uow.commit()
        record = BillVersion(version, bill, bill.content_hash, at, actor)
        view = view_of_bill(contract, record, BillStatus.DRAFT, [], at=at)
    return BillDraftOutcome(view, changed)


def issue_bill(
    uow: FeeBillUnitOfWork, *, contract_code: str, month: Month, at: datetime, actor: str
) -> BillView:
    """Freeze the draft as its version and show it to the brand; post it to the ledger."""
    with uow:
        contract = model_b_contract(uow, contract_code)
        header = stored_bill(uow, contract, month)
        key = bill_key(contract.code, month)
        if header.status is BillStatus.DRAFT:
            _check_billable(uow, contract, month, "issue", at)
            previous = _previous_in_term(contract, month, at)
            if (
                previous is not None
                and _billed_before(uow, contract, month)
                and not any(
                    each.is_issued for each in uow.fee_bills.versions(contract.code, previous)
                )
            ):
                raise Refused(
                    f"cannot issue fee bill {key}: the fee bill of {previous} is not "
                    "issued; months are billed in order, issue it first"
                )
            drafted = current_version(uow, header)
            if _compute(uow, contract, month, at).content_hash != drafted.content_hash:
                raise Refused(
                    f"cannot issue fee bill {key} version {header.current_version}: the Alipay "
                    "lines or the month before changed since it was drafted; draft it again "
                    "and review it"
                )
        issued_on = business_date(at)
        move_bill(
            uow,
            header,
            BillStatus.ISSUED,
            contract,
            version=header.current_version,
            at=at,
            actor=actor,
        )
        uow.fee_bills.issue(
            contract.code, month, header.current_version, at=at, on=issued_on, actor=actor
        )
        record = current_version(uow, header)
        view = view_of_bill(contract, record, BillStatus.ISSUED, [], at=at)
        post_bill_issue(uow, view, issued_on, at)
        uow.commit()
    return view


def answer_bill(
    uow: FeeBillUnitOfWork,
    *,
    contract_code: str,
    month: Month,
    answer: Answer,
    by: str,
    at: datetime,
    reason: str | None = None,
) -> BillView:
    """The brand confirms the issued version, or disputes it saying why (R-D2, R-D3)."""
    if answer is Answer.DISPUTE and (reason is None or not reason.strip()):
        raise Refused(BILL_DISPUTE_NEEDS_REASON)
    with uow:
        contract = model_b_contract(uow, contract_code)
        user = uow.users.get(by)
        if user is None:
            raise NotFound(f"no user with login {by!r}")
        _check_may_answer(user, contract)
        header = stored_bill(uow, contract, month)
        record = current_version(uow, header)
        if answer is Answer.DISPUTE:
            new = BillStatus.DISPUTED
        elif record.bill.figures.amount_due.is_zero:
            new = BillStatus.SETTLED  # nothing is owed: confirmed is settled
        else:
            new = BillStatus.CONFIRMED
        verb = "confirm" if answer is Answer.CONFIRM else "dispute"
        move_bill(
            uow,
            header,
            new,
            contract,
            version=record.version,
            at=at,
            actor=user.login,
            reason=reason,
            verb=verb,
        )
        answered = BillAnswer(answer, user.login, at, business_date(at), reason)
        uow.fee_bills.answer(contract.code, month, record.version, answered)
        record = current_version(uow, header)
        payments = uow.fee_bills.payments(contract.code, month)
        view = view_of_bill(contract, record, new, payments, at=at)
        uow.commit()
    return view


def _check_may_answer(user: User, contract: ContractSpec) -> None:
    """R-D2: only the contract's own brand's administrators and finance people answer."""
    if not user.is_active:
        raise Refused(f"user {user.login} is not active")
    if user.brand_code != contract.brand_code:
        whose = "agency staff" if user.brand_code is None else f"of brand {user.brand_code}"
        raise Refused(
            f"user {user.login} is {whose}: only brand {contract.brand_code}'s own users "
            f"answer fee bill {contract.code} (R-D2)"
        )
    if user.role not in ANSWERING_ROLES:
        raise Refused(
            f"user {user.login} is a {user.role.value}: a fee bill is confirmed or disputed "
            "by a brand_admin or brand_finance user (R-D2)"
        )


def pay_bill(
    uow: FeeBillUnitOfWork,
    *,
    contract_code: str,
    month: Month,
    amount: Money,
    paid_on: date,
    at: datetime,
    actor: str,
) -> BillView:
    """The brand's payment of an issued bill, partial allowed; settled once paid in full.

    A payment of an issued bill the brand has not answered is its acceptance (R-B2 sets a
    payment day, not a confirmation); a disputed bill waits for its next version."""
    if amount.fen <= 0:
        raise Refused(f"a payment must be more than zero, not {amount.yuan_text()}")
    with uow:
        contract = model_b_contract(uow, contract_code)
        header = stored_bill(uow, contract, month)
        key = bill_key(contract.code, month)
        if header.status is BillStatus.SETTLED:
            raise Refused(f"cannot pay fee bill {key}: it is settled, paid in full")
        if header.status not in _PAYABLE:
            why = {
                BillStatus.DRAFT: "a draft the brand has not received: issue it first",
                BillStatus.DISPUTED: "disputed: draft and issue the next version first",
            }[header.status]
            raise Refused(
                f"cannot pay fee bill {key} version {header.current_version}: it is {why}"
            )
        today = business_date(at)
        if paid_on > today:
            raise Refused(f"a payment cannot be dated {paid_on}, after today {today}")
        record = current_version(uow, header)
        if record.issued_on is not None and paid_on < record.issued_on:
            raise Refused(
                f"a payment of fee bill {key} cannot be dated {paid_on}, before the bill was "
                f"issued on {record.issued_on}"
            )
        payments = uow.fee_bills.payments(contract.code, month)
        mine = [each for each in payments if each.version == record.version]
        if any(each.paid_on == paid_on and each.amount == amount for each in mine):
            raise Refused(
                f"a payment of {amount.yuan_text()} on {paid_on} is recorded already for "
                f"fee bill {key}"
            )
        due = record.bill.figures.amount_due
        outstanding = due - Money.total(each.amount for each in mine)
        if amount.fen > outstanding.fen:
            raise Refused(
                f"a payment of {amount.yuan_text()} overpays fee bill {key}: "
                f"{outstanding.yuan_text()} is outstanding of {due.yuan_text()}"
            )
        new = status_after_payment(due, due - outstanding + amount)
        move_bill(
            uow,
            header,
            new,
            contract,
            version=record.version,
            at=at,
            actor=actor,
            details={"amount": amount.yuan_text(), "paid_on": paid_on.isoformat()},
        )
        payment = BillPayment(record.version, paid_on, amount, at, actor)
        uow.fee_bills.add_payment(contract.code, month, payment)
        view = view_of_bill(contract, record, new, [*payments, payment], at=at)
        post_bill_payment(uow, view, paid_on, amount, at)
        uow.commit()
    return view


def show_bill(
    uow: FeeBillUnitOfWork,
    *,
    contract_code: str,
    month: Month,
    at: datetime,
    version: int | None = None,
) -> BillView:
    """A version (default: the latest) with its payments, as of `at`."""
    with uow:
        contract = model_b_contract(uow, contract_code)
        header = uow.fee_bills.get(contract.code, month)
        if header is None:
            raise NotFound(f"no fee bill {bill_key(contract.code, month)}: draft it first")
        record = version_of(uow, contract.code, month, version or header.current_version)
        status = header.status if record.version == header.current_version else record.status
        payments = uow.fee_bills.payments(contract.code, month)
        return view_of_bill(contract, record, status, payments, at=at)


def list_bills(uow: FeeBillUnitOfWork, *, contract_code: str, at: datetime) -> list[BillView]:
    """Every month's bill of the contract at its current version, oldest first."""
    with uow:
        contract = model_b_contract(uow, contract_code)
        views = []
        for header in uow.fee_bills.months(contract.code):
            record = current_version(uow, header)
            payments = uow.fee_bills.payments(contract.code, header.month)
            views.append(view_of_bill(contract, record, header.status, payments, at=at))
        return views
