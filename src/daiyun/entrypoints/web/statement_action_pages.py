"""The forms that draft, issue, confirm, dispute, pay and excuse delay the brand caused — each a
thin call of statement_desk. On success a done() redirect (a reload is safe, the next page says
what happened); refused, the statement page again with the reason next to the form (409; 422
for a field that is no day or amount); a form's address opened later goes to its statement.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from daiyun.domain.calendar import Month
from daiyun.domain.money import Money
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.web.rendering import done, render
from daiyun.entrypoints.web.statement_pages import (
    month_of,
    path_of,
    statement_context,
    statements_page,
    undrafted_page,
)
from daiyun.services.errors import NotFound, Refused
from daiyun.services.settlement import statement_desk
from daiyun.services.settlement.statements import DraftOutcome

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
_ACTIONS = ("draft", "issue", "confirm", "dispute", "pay", "pay-penalty", "excuse")


class _BadField(Exception):
    """A form field that is no day or no amount: the form is shown again with why (422)."""


def _refused(
    request: Request,
    principal: Principal,
    uow: Uow,
    now: Any,
    contract: str,
    month: Month,
    form: str,
    message: str,
    *,
    status_code: int,
    typed: dict[str, str] | None = None,
) -> Response:
    """The statement page again, the reason next to the form that was refused; for a month
    with no statement yet (a refused first draft) its not-drafted page with the reason beside
    the draft button, or the list when the contract is none the reader may see."""
    try:
        context = statement_context(uow, principal, contract, month, now, None)
    except (NotFound, Refused):
        undrafted = None
        with suppress(NotFound, Refused):
            undrafted = undrafted_page(
                request, principal, uow, now, contract, month, error=message,
                status_code=status_code,
            )  # fmt: skip
        if undrafted is not None:
            return undrafted
        return statements_page(
            request, principal, uow, now, "", "", "", message=message, status_code=status_code
        )
    context["errors"] = {form: message}
    context["typed"] = typed or {}
    return render(request, "statement.html", principal, context, status_code=status_code)


def _act(
    request: Request,
    principal: Principal,
    uow: Uow,
    now: Any,
    contract: str,
    month: Month,
    form: str,
    action: Callable[[], Response],
    typed: dict[str, str] | None = None,
) -> Response:
    """Run a statement action: on success its done() redirect; refused, the statement page
    with why next to the form (409), or the field that is no day or amount (422)."""
    try:
        return action()
    except _BadField as error:
        return _refused(
            request, principal, uow, now, contract, month, form, str(error),
            status_code=422, typed=typed,
        )  # fmt: skip
    except Refused as error:
        return _refused(
            request, principal, uow, now, contract, month, form, str(error),
            status_code=409, typed=typed,
        )  # fmt: skip


def _drafted(contract: str, month: Month, outcome: DraftOutcome) -> Response:
    view, path = outcome.view, path_of(contract, month)
    remittance = view.figures.remittance.display()
    if not outcome.changed:
        return done(path, "draft_unchanged", contract, month, remittance)
    return done(path, "drafted", contract, month, view.version, remittance)


@router.get("/statements/draft")
def draft_address(principal: Signed) -> Response:
    """The draft form's address opened (a reload after a refused draft): the list."""
    return RedirectResponse("/statements", status_code=303)


@router.post("/statements/draft")
def draft_form(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    contract: Annotated[str, Form(max_length=60, pattern=NO_NUL)],
    month: Annotated[str, Form(max_length=7, pattern=NO_NUL)],
) -> Response:
    try:
        the_month = Month.parse(month)
    except ValueError as error:
        return statements_page(
            request, principal, uow, now, "", "", "", message=str(error), status_code=422
        )

    def draft() -> Response:
        outcome = statement_desk.draft_statement_as(
            uow, principal.user, contract_code=contract, month=the_month, at=now
        )
        return _drafted(contract, the_month, outcome)

    return _act(request, principal, uow, now, contract, the_month, "draft", draft)


@router.get("/statements/{contract}/{month}/{action}")
def action_address(contract: str, month: str, action: str, principal: Signed, uow: Uow) -> Response:
    """A form's address opened (a reload after a refused form, a bookmark): its statement,
    for those who may see the contract's statements (R-D2: to others it does not exist)."""
    if action not in _ACTIONS:
        raise NotFound(f"no statement action {action!r}")
    the_month = month_of(month)
    statement_desk.list_statements(uow, principal.user, contract_code=contract)
    return RedirectResponse(path_of(contract, the_month), status_code=303)


@router.post("/statements/{contract}/{month}/{action}")
def statement_action(
    request: Request,
    contract: str,
    month: str,
    action: str,
    principal: Signed,
    uow: Uow,
    now: Now,
    reason: Annotated[str, Form(max_length=2000, pattern=NO_NUL)] = "",
    amount: Annotated[str, Form(max_length=20, pattern=NO_NUL)] = "",
    paid_on: Annotated[str, Form(max_length=10, pattern=NO_NUL)] = "",
    excused_from: Annotated[str, Form(max_length=10, pattern=NO_NUL)] = "",
    excused_to: Annotated[str, Form(max_length=10, pattern=NO_NUL)] = "",
) -> Response:
    the_month, user = month_of(month), principal.user
    path = path_of(contract, the_month)
    common: dict[str, Any] = {"contract_code": contract, "month": the_month, "at": now}

    def draft() -> Response:
        return _drafted(contract, the_month, statement_desk.draft_statement_as(uow, user, **common))

    def issue() -> Response:
        view = statement_desk.issue_statement_as(uow, user, **common).view
        remittance = view.figures.remittance.display()
        return done(path, "issued", contract, the_month, view.version, remittance, view.confirm_by)

    def confirm() -> Response:
        view = statement_desk.answer_statement(
            uow, user, confirm=True, reason=reason.strip() or None, **common
        )
        remittance = view.figures.remittance.display()
        return done(
            path, "confirmed", contract, the_month, view.version, remittance, view.payment_due
        )

    def dispute() -> Response:
        view = statement_desk.answer_statement(
            uow, user, confirm=False, reason=reason.strip() or None, **common
        )
        return done(path, "disputed", contract, the_month, view.version)

    def pay() -> Response:
        outcome = statement_desk.pay_statement_as(
            uow, user, amount=_yuan(amount), paid_on=_day(paid_on), **common
        )
        view, payment = outcome.view, outcome.payment
        paid_on_day = payment.paid_on.isoformat()
        if view.outstanding.fen <= 0:
            remittance = view.figures.remittance.display()
            return done(path, "paid_in_full", payment.amount.display(), paid_on_day, remittance)
        return done(
            path, "paid_part", payment.amount.display(), paid_on_day, view.paid.display(),
            view.outstanding.display(),
        )  # fmt: skip

    def pay_penalty() -> Response:
        outcome = statement_desk.pay_penalty_as(
            uow, user, amount=_yuan(amount), paid_on=_day(paid_on), **common
        )
        owed = outcome.before.owed - outcome.amount
        return done(
            path, "penalty_paid", outcome.amount.display(), outcome.paid_on.isoformat(),
            owed.display(),
        )  # fmt: skip

    def excuse() -> Response:
        outcome = statement_desk.excuse_delay_as(
            uow, user, first_day=_day(excused_from), last_day=_day(excused_to), reason=reason,
            **common,
        )  # fmt: skip
        delay = outcome.delay
        return done(
            path, "excused", delay.first_day.isoformat(), delay.last_day.isoformat(),
            delay.days, outcome.penalty_before.display(), outcome.view.penalty_accrued.display(),
        )  # fmt: skip

    actions: dict[str, Callable[[], Response]] = {
        "draft": draft,
        "issue": issue,
        "confirm": confirm,
        "dispute": dispute,
        "pay": pay,
        "pay-penalty": pay_penalty,
        "excuse": excuse,
    }
    if action not in actions:
        raise NotFound(f"no statement action {action!r}")
    typed = {
        "reason": reason,
        "amount": amount,
        "paid_on": paid_on,
        "excused_from": excused_from,
        "excused_to": excused_to,
    }
    return _act(request, principal, uow, now, contract, the_month, action, actions[action], typed)


def _day(text: str) -> date:
    day: date | None = None
    with suppress(ValueError):
        day = date.fromisoformat(text)
    if day is None:
        raise _BadField(f"{text!r} is not a day: write it as YYYY-MM-DD")
    return day


def _yuan(amount: str) -> Money:
    try:
        return Money.of_yuan(amount.replace(",", "").replace("¥", "").strip())
    except (ValueError, ArithmeticError) as error:
        raise _BadField(f"{amount!r} is not an amount in yuan, e.g. 1234.50") from error
