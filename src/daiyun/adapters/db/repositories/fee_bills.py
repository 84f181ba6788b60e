"""Model B's stored money (issue 18): fee bills with their versions, answers and payments, the
service fee's instalment payments, the deposit's events, and the Alipay lines a bill reads."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from daiyun.adapters.db.alipay_tables import alipay_entry
from daiyun.adapters.db.fee_bill_tables import (
    fee_bill,
    fee_bill_payment,
    fee_bill_version,
    service_deposit_event,
    service_fee_payment,
)
from daiyun.adapters.db.repositories.alipay import entry_of_row
from daiyun.adapters.db.tables import contract, store
from daiyun.domain.calendar import SHANGHAI, Month
from daiyun.domain.fee_bills.bill import BillFigures
from daiyun.domain.fee_bills.document import FeeBill
from daiyun.domain.fee_bills.lifecycle import BillStatus
from daiyun.domain.fee_bills.receipts import MonthReceipts
from daiyun.domain.fee_bills.records import (
    BillAnswer,
    BillHeader,
    BillPayment,
    BillVersion,
    ContractFeeRecords,
    DepositEvent,
    DepositEventKind,
    InstalmentPayment,
)
from daiyun.domain.money import Money
from daiyun.domain.reconciliation import AlipayEntry
from daiyun.domain.settlement.records import Answer

__all__ = ["SqlFeeBillRepository"]

_V = fee_bill_version


def _version_of(contract_code: str, month: Month, row: Any) -> BillVersion:
    receipts = MonthReceipts(month, Money(row.trade_income_fen), Money(row.refunds_paid_out_fen))
    figures = BillFigures(
        month=month,
        receipts=Money(row.receipts_fen),
        carried_in=Money(row.carried_in_fen),
        commission_base=Money(row.commission_base_fen),
        carried_out=Money(row.carried_out_fen),
        commission=Money(row.commission_fen),
        vat=Money(row.vat_fen),
        issue_by=row.issue_by,
        payment_due=row.payment_due,
        termination_right_from=row.termination_right_from,
    )
    answer = None
    if row.answer is not None:
        answer = BillAnswer(
            Answer(row.answer), row.answered_by, row.answered_at, row.answered_on, row.answer_reason
        )
    return BillVersion(
        version=row.version,
        bill=FeeBill(contract_code, receipts, figures, row.income_lines, row.refund_lines),
        content_hash=row.content_hash,
        drafted_at=row.drafted_at,
        drafted_by=row.drafted_by,
        issued_at=row.issued_at,
        issued_on=row.issued_on,
        issued_by=row.issued_by,
        answer=answer,
    )


def _figures_values(bill: FeeBill) -> dict[str, Any]:
    figures = bill.figures
    return {
        "content_hash": bill.content_hash,
        "trade_income_fen": bill.receipts.trade_income.fen,
        "refunds_paid_out_fen": bill.receipts.refunds_paid_out.fen,
        "receipts_fen": figures.receipts.fen,
        "carried_in_fen": figures.carried_in.fen,
        "commission_base_fen": figures.commission_base.fen,
        "carried_out_fen": figures.carried_out.fen,
        "commission_fen": figures.commission.fen,
        "vat_fen": figures.vat.fen,
        "income_lines": bill.income_lines,
        "refund_lines": bill.refund_lines,
        "issue_by": figures.issue_by,
        "payment_due": figures.payment_due,
        "termination_right_from": figures.termination_right_from,
    }


class SqlFeeBillRepository:
    """Fee bills by (contract, month); instalment payments and deposit events by contract."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _contract_id(self, contract_code: str) -> int:
        found = self._connection.execute(
            select(contract.c.id).where(contract.c.code == contract_code)
        ).scalar()
        if found is None:
            raise LookupError(f"no contract {contract_code!r}")
        return int(found)

    def _bill_id(self, contract_code: str, month: Month, *, lock: bool = False) -> int:
        query = (
            select(fee_bill.c.id)
            .join(contract, contract.c.id == fee_bill.c.contract_id)
            .where(contract.c.code == contract_code, fee_bill.c.month == str(month))
        )
        if lock:
            query = query.with_for_update(of=fee_bill)
        found = self._connection.execute(query).scalar()
        if found is None:
            raise LookupError(f"no fee bill {contract_code}/{month}")
        return int(found)

    # — bills —

    def get(self, contract_code: str, month: Month, *, lock: bool = False) -> BillHeader | None:
        query = (
            select(fee_bill.c.status, fee_bill.c.current_version)
            .join(contract, contract.c.id == fee_bill.c.contract_id)
            .where(contract.c.code == contract_code, fee_bill.c.month == str(month))
        )
        if lock:
            # PostgreSQL: one change of a bill at a time (SQLite's BEGIN IMMEDIATE already
            # gives the whole database to one writer).
            query = query.with_for_update(of=fee_bill)
        row = self._connection.execute(query).first()
        if row is None:
            return None
        return BillHeader(contract_code, month, BillStatus(row.status), row.current_version)

    def months(self, contract_code: str) -> list[BillHeader]:
        query = (
            select(fee_bill.c.month, fee_bill.c.status, fee_bill.c.current_version)
            .join(contract, contract.c.id == fee_bill.c.contract_id)
            .where(contract.c.code == contract_code)
            .order_by(fee_bill.c.month)
        )
        return [
            BillHeader(
                contract_code, Month.parse(row.month), BillStatus(row.status), row.current_version
            )
            for row in self._connection.execute(query)
        ]

    def create(self, contract_code: str, month: Month, at: datetime) -> None:
        self._connection.execute(
            insert(fee_bill).values(
                contract_id=self._contract_id(contract_code),
                month=str(month),
                status=BillStatus.DRAFT.value,
                current_version=1,
                created_at=at,
                updated_at=at,
            )
        )

    def set_status(
        self, contract_code: str, month: Month, status: BillStatus, version: int, at: datetime
    ) -> None:
        self._connection.execute(
            update(fee_bill)
            .where(fee_bill.c.id == self._bill_id(contract_code, month))
            .values(status=status.value, current_version=version, updated_at=at)
        )

    def versions(self, contract_code: str, month: Month) -> list[BillVersion]:
        query = (
            select(_V)
            .join(fee_bill, fee_bill.c.id == _V.c.bill_id)
            .join(contract, contract.c.id == fee_bill.c.contract_id)
            .where(contract.c.code == contract_code, fee_bill.c.month == str(month))
            .order_by(_V.c.version)
        )
        return [_version_of(contract_code, month, row) for row in self._connection.execute(query)]

    def save_draft(
        self,
        contract_code: str,
        month: Month,
        version: int,
        bill: FeeBill,
        *,
        at: datetime,
        actor: str,
    ) -> None:
        """Store the draft of `version`, replacing an earlier draft of it (never an issued one)."""
        bill_id = self._bill_id(contract_code, month)
        self._connection.execute(
            delete(_V).where(
                _V.c.bill_id == bill_id, _V.c.version == version, _V.c.issued_at.is_(None)
            )
        )
        self._connection.execute(
            insert(_V).values(
                bill_id=bill_id,
                version=version,
                drafted_at=at,
                drafted_by=actor,
                **_figures_values(bill),
            )
        )

    def issue(
        self, contract_code: str, month: Month, version: int, *, at: datetime, on: date, actor: str
    ) -> None:
        self._connection.execute(
            update(_V)
            .where(
                _V.c.bill_id == self._bill_id(contract_code, month),
                _V.c.version == version,
                _V.c.issued_at.is_(None),
            )
            .values(issued_at=at, issued_on=on, issued_by=actor)
        )

    def answer(self, contract_code: str, month: Month, version: int, answer: BillAnswer) -> None:
        self._connection.execute(
            update(_V)
            .where(
                _V.c.bill_id == self._bill_id(contract_code, month),
                _V.c.version == version,
                _V.c.answer.is_(None),
            )
            .values(
                answer=answer.answer.value,
                answered_at=answer.at,
                answered_on=answer.answered_on,
                answered_by=answer.by,
                answer_reason=answer.reason,
            )
        )

    def payments(self, contract_code: str, month: Month) -> list[BillPayment]:
        query = (
            select(fee_bill_payment)
            .join(fee_bill, fee_bill.c.id == fee_bill_payment.c.bill_id)
            .join(contract, contract.c.id == fee_bill.c.contract_id)
            .where(contract.c.code == contract_code, fee_bill.c.month == str(month))
            .order_by(fee_bill_payment.c.paid_on, fee_bill_payment.c.id)
        )
        return [
            BillPayment(
                row.version, row.paid_on, Money(row.amount_fen), row.recorded_at, row.recorded_by
            )
            for row in self._connection.execute(query)
        ]

    def add_payment(self, contract_code: str, month: Month, payment: BillPayment) -> None:
        self._connection.execute(
            insert(fee_bill_payment).values(
                bill_id=self._bill_id(contract_code, month),
                version=payment.version,
                paid_on=payment.paid_on,
                amount_fen=payment.amount.fen,
                recorded_at=payment.recorded_at,
                recorded_by=payment.recorded_by,
            )
        )

    # — what a bill reads: the Alipay lines of the contract's stores (R-B2) —

    def month_entries(self, contract_code: str, month: Month) -> Iterator[AlipayEntry]:
        """Every Alipay line of the contract's stores that occurred in `month` (Beijing time)."""
        period = month.period()
        query = (
            select(alipay_entry)
            .join(store, store.c.id == alipay_entry.c.store_id)
            .join(contract, contract.c.id == store.c.contract_id)
            .where(
                contract.c.code == contract_code,
                alipay_entry.c.occurred_at >= period.start,
                alipay_entry.c.occurred_at < period.end,
            )
            .order_by(alipay_entry.c.occurred_at, alipay_entry.c.id)
            .execution_options(yield_per=5_000)
        )
        for row in self._connection.execute(query):
            yield entry_of_row(row)

    def entry_span(self, contract_code: str) -> tuple[datetime, datetime] | None:
        """When the first and the latest Alipay lines of the contract's stores occurred."""
        query = (
            select(func.min(alipay_entry.c.occurred_at), func.max(alipay_entry.c.occurred_at))
            .join(store, store.c.id == alipay_entry.c.store_id)
            .join(contract, contract.c.id == store.c.contract_id)
            .where(contract.c.code == contract_code)
        )
        first, last = self._connection.execute(query).one()
        if first is None or last is None:
            return None
        return first.astimezone(SHANGHAI), last.astimezone(SHANGHAI)

    # — the service fee's instalments (R-B1) and the deposit (R-B4) —

    def instalment_payments(self, contract_code: str) -> list[InstalmentPayment]:
        query = (
            select(service_fee_payment)
            .join(contract, contract.c.id == service_fee_payment.c.contract_id)
            .where(contract.c.code == contract_code)
            .order_by(service_fee_payment.c.paid_on, service_fee_payment.c.id)
        )
        return [
            InstalmentPayment(
                row.instalment, row.paid_on, Money(row.amount_fen), row.recorded_at, row.recorded_by
            )
            for row in self._connection.execute(query)
        ]

    def add_instalment_payment(self, contract_code: str, payment: InstalmentPayment) -> None:
        self._connection.execute(
            insert(service_fee_payment).values(
                contract_id=self._contract_id(contract_code),
                instalment=payment.instalment,
                paid_on=payment.paid_on,
                amount_fen=payment.amount.fen,
                recorded_at=payment.recorded_at,
                recorded_by=payment.recorded_by,
            )
        )

    def deposit_events(self, contract_code: str) -> list[DepositEvent]:
        query = (
            select(service_deposit_event)
            .join(contract, contract.c.id == service_deposit_event.c.contract_id)
            .where(contract.c.code == contract_code)
            .order_by(service_deposit_event.c.happened_on, service_deposit_event.c.id)
        )
        return [
            DepositEvent(
                DepositEventKind(row.kind),
                row.happened_on,
                Money(row.amount_fen),
                row.reason,
                row.recorded_at,
                row.recorded_by,
            )
            for row in self._connection.execute(query)
        ]

    def add_deposit_event(self, contract_code: str, event: DepositEvent) -> None:
        stage = "received" if event.kind is DepositEventKind.RECEIVED else "end"
        self._connection.execute(
            insert(service_deposit_event).values(
                contract_id=self._contract_id(contract_code),
                kind=event.kind.value,
                stage=stage,
                happened_on=event.happened_on,
                amount_fen=event.amount.fen,
                reason=event.reason,
                recorded_at=event.recorded_at,
                recorded_by=event.recorded_by,
            )
        )

    def of_contracts(self, contract_codes: Sequence[str]) -> dict[str, ContractFeeRecords]:
        """Every bill (header, versions, payments), instalment payment and deposit event of
        these contracts, in five queries whatever their number (the obligations' lists)."""
        codes = list(contract_codes)
        found = {code: ContractFeeRecords(code) for code in codes}
        if not codes:
            return found
        headers = self._connection.execute(
            select(contract.c.code, fee_bill.c.month, fee_bill.c.status, fee_bill.c.current_version)
            .join(contract, contract.c.id == fee_bill.c.contract_id)
            .where(contract.c.code.in_(codes))
            .order_by(contract.c.code, fee_bill.c.month)
        )
        for row in headers:
            month = Month.parse(row.month)
            found[row.code].bills.append(
                BillHeader(row.code, month, BillStatus(row.status), row.current_version)
            )
        versions = self._connection.execute(
            select(_V, contract.c.code.label("contract_code"), fee_bill.c.month.label("bill_month"))
            .join(fee_bill, fee_bill.c.id == _V.c.bill_id)
            .join(contract, contract.c.id == fee_bill.c.contract_id)
            .where(contract.c.code.in_(codes))
            .order_by(_V.c.version)
        )
        for row in versions:
            month = Month.parse(row.bill_month)
            found[row.contract_code].versions.setdefault(month, []).append(
                _version_of(row.contract_code, month, row)
            )
        payments = self._connection.execute(
            select(
                fee_bill_payment,
                contract.c.code.label("contract_code"),
                fee_bill.c.month.label("bill_month"),
            )
            .join(fee_bill, fee_bill.c.id == fee_bill_payment.c.bill_id)
            .join(contract, contract.c.id == fee_bill.c.contract_id)
            .where(contract.c.code.in_(codes))
            .order_by(fee_bill_payment.c.paid_on, fee_bill_payment.c.id)
        )
        for row in payments:
            found[row.contract_code].payments.setdefault(Month.parse(row.bill_month), []).append(
                BillPayment(
                    row.version,
                    row.paid_on,
                    Money(row.amount_fen),
                    row.recorded_at,
                    row.recorded_by,
                )
            )
        instalments = self._connection.execute(
            select(service_fee_payment, contract.c.code.label("contract_code"))
            .join(contract, contract.c.id == service_fee_payment.c.contract_id)
            .where(contract.c.code.in_(codes))
            .order_by(service_fee_payment.c.paid_on, service_fee_payment.c.id)
        )
        for row in instalments:
            found[row.contract_code].instalment_payments.append(
                InstalmentPayment(
                    row.instalment, row.paid_on, Money(row.amount_fen), row.recorded_at,
                    row.recorded_by,
                )
            )  # fmt: skip
        events = self._connection.execute(
            select(service_deposit_event, contract.c.code.label("contract_code"))
            .join(contract, contract.c.id == service_deposit_event.c.contract_id)
            .where(contract.c.code.in_(codes))
            .order_by(service_deposit_event.c.happened_on, service_deposit_event.c.id)
        )
        for row in events:
            found[row.contract_code].deposit_events.append(
                DepositEvent(
                    DepositEventKind(row.kind), row.happened_on, Money(row.amount_fen),
                    row.reason, row.recorded_at, row.recorded_by,
                )
            )  # fmt: skip
        return found
