"""The demo's model B brands (issue 18, point 4; R-B1–R-B5, R-C5): each pays its annual
service fee's instalments on time and its service deposit with the first, its store's Alipay
statements are made from its own orders and imported month by month, and every month's fee
bill before the latest is drafted, issued, confirmed by the brand's finance person and paid,
each step through the same use cases as the CLI, inside its deadline (on a working day where
the deadline leaves one) and at a moment of its own. The latest finished month's bill is
issued and left open for the visitor; one bill is paid late on purpose, as a worked example of
the termination right (R-B5).

Every step is taken once its moment has come by `at`, and a step already done is left as it
is: a second load at the same moment changes nothing, a later one carries on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from daiyun.domain.calendar import (
    SHANGHAI,
    CalendarUnknown,
    Month,
    is_working_day,
    working_day_after,
)
from daiyun.domain.contracts import ContractModel, ContractSpec, Platform, PlatformFeeSchedule
from daiyun.domain.fee_bills.lifecycle import BillStatus
from daiyun.domain.fee_bills.overdue import termination_right_from
from daiyun.domain.settlement.records import Answer
from daiyun.services.demo.agency import DemoBrand, demo_contract
from daiyun.services.demo.alipay_statement import statement_bytes, statement_name
from daiyun.services.demo.history import OPERATOR
from daiyun.services.demo.model_b_statements import MonthOfAccount, account_months, demo_account
from daiyun.services.fee_bills.bill_access import BillView
from daiyun.services.fee_bills.bills import (
    answer_bill,
    draft_bill_month,
    issue_bill,
    list_bills,
    pay_bill,
)
from daiyun.services.fee_bills.ports import FeeBillUnitOfWork
from daiyun.services.fee_bills.service_fee import pay_instalment, receive_deposit, service_fee
from daiyun.services.reconciliation.alipay_import import import_alipay_statements
from daiyun.services.reconciliation.ports import AlipaySource, AlipayUnitOfWork
from daiyun.services.reconciliation.reconcile import ReconciliationUnitOfWork

__all__ = [
    "LATE_BILL",
    "DemoAlipayUnitOfWork",
    "DemoLateBill",
    "DemoModelB",
    "StatementReader",
    "settle_demo_model_b",
]


class DemoAlipayUnitOfWork(AlipayUnitOfWork, ReconciliationUnitOfWork, Protocol):
    """The Alipay unit of work: the store's lines to import, its orders' month to read."""


# Reads statement files given as (name, bytes): the entrypoint writes them where the Alipay
# reader finds them, for as long as the demo load runs.
StatementReader = Callable[[Sequence[tuple[str, bytes]]], AlipaySource]


@dataclass(frozen=True)
class DemoLateBill:
    """The demo's one late fee bill (R-B5): whose, which month."""

    brand_code: str
    month: Month


# R-B5's worked example: maxam's March 2026 bill, due 5 April, is paid on 16 April, 11 days
# late — more than 10 days overdue, so the operator had the right to terminate (it did not).
LATE_BILL = DemoLateBill("maxam", Month(2026, 3))
_DRAFTED_AT, _ISSUED_AT = time(9, 30), time(10, 0)
_CONFIRMED_AT, _PAID_AT = time(11, 0), time(14, 0)
_FEE_PAID_AT, _DEPOSIT_AT = time(15, 0), time(15, 30)
# A month's statement file says it was exported on the 1st of M+1, before the bill's draft.
_STATEMENT_AT = time(8, 30)


@dataclass
class DemoModelB:
    """What laying down the model B brands' past did; all zeros on a second load at the same
    moment."""

    alipay_lines: int = 0
    instalments_paid: int = 0
    deposits_received: int = 0
    drafted: int = 0
    issued: int = 0
    confirmed: int = 0
    paid: int = 0
    # R-O1: the contracts whose next step waits for a year's holiday notice, and why.
    waiting_for_calendar: list[str] = field(default_factory=list)
    calendar_unknown: str | None = None

    def as_document(self) -> dict[str, Any]:
        """The counts as a JSON document."""
        return {
            "alipay_lines_added": self.alipay_lines,
            "instalments_paid": self.instalments_paid,
            "deposits_received": self.deposits_received,
            "bills_drafted": self.drafted,
            "bills_issued": self.issued,
            "bills_confirmed": self.confirmed,
            "bills_paid": self.paid,
            "waiting_for_calendar": self.waiting_for_calendar,
            "calendar_unknown": self.calendar_unknown,
        }

    def summary(self) -> str:
        """One line for people."""
        said = (
            f"model B: {self.alipay_lines} Alipay lines imported, {self.instalments_paid} "
            f"service fee instalments paid, {self.deposits_received} deposits received, "
            f"fee bills {self.issued} issued, {self.confirmed} confirmed, {self.paid} paid"
        )
        if self.waiting_for_calendar:
            said += f"; {', '.join(self.waiting_for_calendar)} wait: {self.calendar_unknown}"
        return said


def _on(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=SHANGHAI)


def settle_demo_model_b(
    new_fee_uow: Callable[[], FeeBillUnitOfWork],
    new_alipay_uow: Callable[[], DemoAlipayUnitOfWork],
    read_statements: StatementReader,
    brands: Sequence[DemoBrand],
    *,
    at: datetime,
) -> DemoModelB:
    """Bring every model B demo contract as far as `at` allows: fees, statements, bills."""
    ordered = sorted(brands, key=lambda b: b.code)
    wanted = {
        spec.contract.code: index
        for index, brand in enumerate(ordered)
        if (spec := demo_contract(index, brand)).contract.model is ContractModel.B
    }
    with new_fee_uow() as uow:
        contracts = [
            (wanted[code], found)
            for code in wanted
            if (found := uow.contracts.get(code)) is not None and found.model is ContractModel.B
        ]
    outcome = DemoModelB()
    for index, contract in contracts:
        try:
            _pay_fees(new_fee_uow, contract, at, outcome)
            new_uows = (new_fee_uow, new_alipay_uow)
            _import_statements(new_uows, read_statements, index, contract, at, outcome)
            _settle_bills(new_fee_uow, contract, at, outcome)
        except CalendarUnknown as unknown:
            # R-O1: a day in a year without its holiday notice is never guessed.
            outcome.waiting_for_calendar.append(contract.code)
            outcome.calendar_unknown = str(unknown)
    return outcome


def _working_day_before(day: date) -> date:
    """The last working day before `day`."""
    earlier = day - timedelta(days=1)
    while not is_working_day(earlier):
        earlier -= timedelta(days=1)
    return earlier


def _pay_fees(
    new_fee_uow: Callable[[], FeeBillUnitOfWork],
    contract: ContractSpec,
    at: datetime,
    outcome: DemoModelB,
) -> None:
    """R-B1, R-C5, R-B4: the first instalment and the deposit arrive the day the contract takes
    effect (the first working day from signing, within 3 days); the second on the last working
    day before it falls due."""
    fees = service_fee(new_fee_uow(), contract_code=contract.code, at=at)
    for view in fees.instalments:
        if view.outstanding.fen <= 0:
            continue
        number = view.instalment.number
        paid_on = (
            contract.effective_on if number == 1 else _working_day_before(view.instalment.due_on)
        )
        if _on(paid_on, _FEE_PAID_AT) > at:
            continue
        pay_instalment(
            new_fee_uow(), contract_code=contract.code, number=number, amount=view.outstanding,
            paid_on=paid_on, at=_on(paid_on, _FEE_PAID_AT), actor=OPERATOR,
        )  # fmt: skip
        outcome.instalments_paid += 1
    received_on = contract.effective_on
    if fees.deposit.state == "not_received" and _on(received_on, _DEPOSIT_AT) <= at:
        receive_deposit(
            new_fee_uow(), contract_code=contract.code, received_on=received_on,
            at=_on(received_on, _DEPOSIT_AT), actor=OPERATOR,
        )  # fmt: skip
        outcome.deposits_received += 1


def _finished_months(contract: ContractSpec, at: datetime) -> list[Month]:
    """The contract's months from its first to the last one over by `at`."""
    months, month = [], Month.of(contract.effective_on)
    last = Month.containing(at).previous()
    while month <= last:
        months.append(month)
        month = month.next()
    return months


def _import_statements(
    new_uows: tuple[Callable[[], FeeBillUnitOfWork], Callable[[], DemoAlipayUnitOfWork]],
    read_statements: StatementReader,
    index: int,
    contract: ContractSpec,
    at: datetime,
    outcome: DemoModelB,
) -> None:
    """The store's monthly statements not imported yet, of the months over by `at`, in one
    import (R-X1); the months before them are made again only for the running balance."""
    new_fee_uow, new_alipay_uow = new_uows
    months = _finished_months(contract, at)
    with new_fee_uow() as uow:
        span = uow.fee_bills.entry_span(contract.code)
        stores = [store for store in uow.stores.list_all() if store.contract_code == contract.code]
        schedule = _tmall_schedule(uow.contracts.fee_schedules(contract.code))
    imported_to = None if span is None else Month.containing(span[1])
    if not stores or not months or (imported_to is not None and imported_to >= months[-1]):
        return
    store = stores[0]
    with new_alipay_uow() as uow:
        account = account_months(
            uow, store_code=store.code, index=index, months=months, go_live_on=store.go_live_on,
            annual_fee=schedule.annual_fee, rate_for=schedule.rate_for,
        )  # fmt: skip
    fresh = [
        each for each in account if each.lines and (imported_to is None or each.month > imported_to)
    ]
    if not fresh:
        return
    source = read_statements([_statement_file(index, each) for each in fresh])
    summary = import_alipay_statements(
        new_alipay_uow(), store_code=store.code, source=source, at=at, actor=OPERATOR
    )
    if not summary.stored:
        raise RuntimeError(
            f"the demo Alipay statements of {store.code} have problems: {summary.problems[:3]}"
        )
    outcome.alipay_lines += summary.new


def _statement_file(index: int, month: MonthOfAccount) -> tuple[str, bytes]:
    account = demo_account(index)
    exported_at = _on(month.month.next().first_day, _STATEMENT_AT)
    return (
        statement_name(account, month.month),
        statement_bytes(account, month.month, month.lines, exported_at),
    )


def _tmall_schedule(schedules: tuple[PlatformFeeSchedule, ...]) -> PlatformFeeSchedule:
    """The contract's Tmall fees (R-S5's defaults when it lists none)."""
    for schedule in schedules:
        if schedule.platform == Platform.TMALL:
            return schedule
    return PlatformFeeSchedule(Platform.TMALL)


def _bill_days(contract: ContractSpec, month: Month) -> tuple[date, date, date]:
    """R-B2: issued on the 1st working day of M+1, confirmed by the brand on the next working
    day and paid on the one after, none after its deadline (issue by the 3rd, pay by the 5th):
    where M+1 begins with holidays (May, October) a step falls on its deadline day instead. The
    late example is paid on the first day of the termination right (R-B5)."""
    terms = contract.terms
    billed_in = month.next()
    issue_by = billed_in.day(terms.commission_issue_day)
    due = billed_in.day(terms.commission_payment_day)
    issue_on = min(working_day_after(month.last_day, 1), issue_by)
    confirm_on = min(working_day_after(issue_on, 1), due)
    pay_on = min(working_day_after(confirm_on, 1), due)
    if (contract.brand_code, month) == (LATE_BILL.brand_code, LATE_BILL.month):
        pay_on = termination_right_from(due, terms.fee_overdue_termination_days)
        while not is_working_day(pay_on):
            pay_on += timedelta(days=1)
    return issue_on, confirm_on, pay_on


def _settle_bills(
    new_fee_uow: Callable[[], FeeBillUnitOfWork],
    contract: ContractSpec,
    at: datetime,
    outcome: DemoModelB,
) -> None:
    """Each month's bill as far as its moments before `at` go, oldest first; the latest
    finished month's is issued and left open. A month whose statement is not imported, or a
    bill disputed or drafted again by hand, stops the contract's months there."""
    with new_fee_uow() as uow:
        span = uow.fee_bills.entry_span(contract.code)
    bills = list_bills(new_fee_uow(), contract_code=contract.code, at=at)
    stored = {view.month: view for view in bills}
    months = _finished_months(contract, at)
    for month in months:
        period = month.period()
        if span is None or span[0] >= period.end or span[1] < period.start:
            return  # R-B2: no statement of the month yet
        view = stored.get(month)
        if view is not None and (view.version > 1 or view.status is BillStatus.DISPUTED):
            return  # handled by hand
        issue_on, confirm_on, pay_on = _bill_days(contract, month)
        if view is None or view.status is BillStatus.DRAFT:
            view = _issue(new_fee_uow, contract, month, issue_on, at, outcome)
            if view is None:
                return
        if month == months[-1]:
            return  # the current bill: left for the visitor to confirm and pay
        if view.status is BillStatus.ISSUED:
            if _on(confirm_on, _CONFIRMED_AT) > at:
                return
            view = answer_bill(
                new_fee_uow(), contract_code=contract.code, month=month, answer=Answer.CONFIRM,
                by=f"{contract.brand_code}-finance", at=_on(confirm_on, _CONFIRMED_AT),
            )  # fmt: skip
            outcome.confirmed += 1
        if view.status in (BillStatus.CONFIRMED, BillStatus.PART_PAID):
            if _on(pay_on, _PAID_AT) > at:
                return
            pay_bill(
                new_fee_uow(), contract_code=contract.code, month=month,
                amount=view.outstanding, paid_on=pay_on, at=_on(pay_on, _PAID_AT),
                actor=OPERATOR,
            )  # fmt: skip
            outcome.paid += 1


def _issue(
    new_fee_uow: Callable[[], FeeBillUnitOfWork],
    contract: ContractSpec,
    month: Month,
    issue_on: date,
    at: datetime,
    outcome: DemoModelB,
) -> BillView | None:
    """Drafted and issued on the issue day (R-B2); None while its moments are after `at`."""
    if _on(issue_on, _DRAFTED_AT) > at:
        return None
    drafted = draft_bill_month(
        new_fee_uow(), contract_code=contract.code, month=month,
        at=_on(issue_on, _DRAFTED_AT), actor=OPERATOR,
    )  # fmt: skip
    outcome.drafted += drafted.changed
    if _on(issue_on, _ISSUED_AT) > at:
        return None
    view = issue_bill(
        new_fee_uow(), contract_code=contract.code, month=month, at=_on(issue_on, _ISSUED_AT),
        actor=OPERATOR,
    )  # fmt: skip
    outcome.issued += 1
    return view
