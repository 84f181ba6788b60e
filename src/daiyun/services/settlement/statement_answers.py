"""Use cases: the brand confirms or disputes an issued statement (R-S6, R-D2, R-D3)."""

from __future__ import annotations

from datetime import datetime

from daiyun.domain.agency import Role, User
from daiyun.domain.calendar import Month, business_date
from daiyun.domain.contracts import ContractSpec
from daiyun.domain.settlement import payment_due
from daiyun.domain.settlement.lifecycle import StatementStatus
from daiyun.domain.settlement.records import Answer, BrandAnswer
from daiyun.services.errors import NotFound, Refused
from daiyun.services.settlement.statement_access import (
    StatementView,
    current_version,
    model_a_contract,
    move,
    stored_statement,
    view_of,
)
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["ANSWERING_ROLES", "DISPUTE_NEEDS_REASON", "confirm_statement", "dispute_statement"]

# R-S6: a dispute says why; the CLI adds how to give the reason (its --reason).
DISPUTE_NEEDS_REASON = "a dispute must say why the statement is wrong"

# R-D2: who answers a statement for the brand: its administrators and its finance people.
ANSWERING_ROLES = frozenset({Role.BRAND_ADMIN, Role.BRAND_FINANCE})


def confirm_statement(
    uow: UnitOfWork,
    *,
    contract_code: str,
    month: Month,
    by: str,
    at: datetime,
    reason: str | None = None,
) -> StatementView:
    """The brand agrees with the issued version; payment falls due (R-S6)."""
    return _answer(uow, contract_code, month, Answer.CONFIRM, by=by, at=at, reason=reason)


def dispute_statement(
    uow: UnitOfWork,
    *,
    contract_code: str,
    month: Month,
    by: str,
    at: datetime,
    reason: str | None,
) -> StatementView:
    """The brand disagrees, saying why; the operator drafts and issues a new version (R-S6)."""
    if reason is None or not reason.strip():
        raise Refused(DISPUTE_NEEDS_REASON)
    return _answer(uow, contract_code, month, Answer.DISPUTE, by=by, at=at, reason=reason)


def _answer(
    uow: UnitOfWork,
    contract_code: str,
    month: Month,
    answer: Answer,
    *,
    by: str,
    at: datetime,
    reason: str | None,
) -> StatementView:
    with uow:
        contract = model_a_contract(uow, contract_code)
        user = uow.users.get(by)
        if user is None:
            raise NotFound(f"no user with login {by!r}")
        _check_may_answer(user, contract)
        header = stored_statement(uow, contract, month)
        record = current_version(uow, header)
        answered_on = business_date(at)
        due = payment_due(month, answered_on, contract.terms) if answer is Answer.CONFIRM else None
        new = StatementStatus.CONFIRMED if answer is Answer.CONFIRM else StatementStatus.DISPUTED
        details = {"payment_due": due.isoformat()} if due is not None else {}
        if record.confirm_by is not None and answered_on > record.confirm_by:
            details["late_after"] = record.confirm_by.isoformat()  # R-O1: answered late
        move(
            uow,
            header,
            new,
            contract,
            version=record.version,
            at=at,
            actor=user.login,
            reason=reason,
            details=details,
        )
        brand_answer = BrandAnswer(answer, user.login, at, answered_on, reason, due)
        uow.statements.answer(contract.code, month, record.version, brand_answer)
        answered = current_version(uow, header)
        view = view_of(contract, month, answered, new, [], at=at)
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
            f"answer statement {contract.code} (R-D2)"
        )
    if user.role not in ANSWERING_ROLES:
        raise Refused(
            f"user {user.login} is a {user.role.value}: a statement is confirmed or disputed "
            "by a brand_admin or brand_finance user (R-D2)"
        )
