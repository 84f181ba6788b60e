"""The forms that act on model B's money (issue 18): draft, issue, confirm, dispute and pay a
fee bill; pay an instalment of the service fee; receive, refund or forfeit the deposit — each
a thin call of services/fee_bills after fee_bill_contract has said the reader may (R-D2).

On success a done() redirect (a reload is safe, the next page says what happened); refused,
the bill's or the service fee's page again with the reason next to the form (409), or with the
field that is no amount or day named in the reader's language (422, money_field.py); a form's
address opened later (a reload, a bookmark) goes to its page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from daiyun.domain.calendar import Month
from daiyun.domain.fee_bills.records import DepositEventKind
from daiyun.domain.money import Money
from daiyun.domain.permissions import Permission
from daiyun.domain.settlement.records import Answer
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.web.fee_bill_pages import (
    bill_context,
    bill_path,
    bills_page,
    fee_bill_uow,
    month_of,
    service_fee_context,
    service_fee_path,
    undrafted_page,
)
from daiyun.entrypoints.web.fee_bill_texts import FEE_BILL_TEXTS
from daiyun.entrypoints.web.money_field import FieldError, FieldErrors, FormCheck, half_width
from daiyun.entrypoints.web.rendering import done, render
from daiyun.services.errors import NotFound, Refused
from daiyun.services.fee_bills.bills import (
    BillDraftOutcome,
    answer_bill,
    draft_bill_month,
    issue_bill,
    pay_bill,
)
from daiyun.services.fee_bills.pages import fee_bill_contract
from daiyun.services.fee_bills.service_fee import end_deposit, pay_instalment, receive_deposit

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
_P = Permission
_BILL_ACTIONS = {
    "draft": _P.DRAFT_STATEMENTS,
    "issue": _P.DRAFT_STATEMENTS,
    "confirm": _P.ANSWER_STATEMENTS,  # R-D2: and answer_bill's own check of role and brand
    "dispute": _P.ANSWER_STATEMENTS,
    "pay": _P.RECORD_PAYMENTS,
}
_FEE_ACTIONS = ("pay", "receive-deposit", "refund-deposit", "forfeit-deposit")
Text = Annotated[str, Form(max_length=2000, pattern=NO_NUL)]
Short = Annotated[str, Form(max_length=20, pattern=NO_NUL)]


def _read_day(check: FormCheck, text: str, field: str) -> date | None:
    """The day typed into `field`, or None with its error kept (in both languages)."""
    typed = half_width(text).strip()
    day = None
    try:
        day = date.fromisoformat(typed)
    except ValueError:
        name = FEE_BILL_TEXTS[f"fb_field_{field}"]
        if not typed:
            check.refuse(field, FEE_BILL_TEXTS["fb_day_missing"], *name)
        else:
            check.refuse(field, FEE_BILL_TEXTS["fb_day_wrong"], name[0], typed, name[1], typed)
    return day


def _payment(amount: str, paid_on: str, day_field: str = "paid_on") -> tuple[Money, date]:
    """The amount and the day of a payment form, or FieldErrors naming each wrong field."""
    check = FormCheck()
    money = check.money(amount, "amount", FEE_BILL_TEXTS["fb_field_amount"], positive=True)
    day = _read_day(check, paid_on, day_field)
    check.done()
    assert money is not None and day is not None
    return money, day


# — The bill's forms —


def _bill_refused(
    request: Request,
    principal: Principal,
    uow: Uow,
    now: Any,
    contract: str,
    month: Month,
    form: str,
    *,
    message: str | None = None,
    errors: dict[str, FieldError] | None = None,
    typed: dict[str, str] | None = None,
    status_code: int,
) -> Response:
    """The bill's page again, why next to the refused form; a month with no bill yet (a
    refused first draft): its not-drafted page with why beside the draft button."""
    try:
        context = bill_context(request, uow, principal, contract, month, now, None)
    except NotFound:
        undrafted = undrafted_page(
            request, principal, uow, now, contract, month,
            error=message or "", status_code=status_code,
        )  # fmt: skip
        if undrafted is None:
            raise
        return undrafted
    context["errors"] = {form: message} if message else {}
    context["field_errors"] = errors or {}
    context["typed"] = typed or {}
    context["refused_form"] = form
    return render(request, "fee_bill.html", principal, context, status_code=status_code)


def _drafted(outcome: BillDraftOutcome) -> Response:
    view = outcome.view
    path = bill_path(view.contract, view.month)
    due = view.amount_due.display()
    if not outcome.changed:
        return done(path, "fb_draft_unchanged", view.contract, view.month, due)
    return done(path, "fb_drafted", view.contract, view.month, view.version, due)


@router.get("/fee-bills/draft")
def draft_address(principal: Signed) -> Response:
    """The draft form's address opened (a reload after a refused draft): the list."""
    return RedirectResponse("/fee-bills", status_code=303)


@router.post("/fee-bills/draft")
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
        return bills_page(
            request, principal, uow, now, "", "", "", message=str(error), status_code=422
        )
    fee_bill_contract(fee_bill_uow(request), principal.user, _P.DRAFT_STATEMENTS, contract)
    try:
        outcome = draft_bill_month(
            fee_bill_uow(request), contract_code=contract, month=the_month, at=now,
            actor=principal.user.login,
        )  # fmt: skip
    except Refused as error:
        return _bill_refused(
            request, principal, uow, now, contract, the_month, "draft", message=str(error),
            status_code=409,
        )  # fmt: skip
    return _drafted(outcome)


@router.get("/fee-bills/{contract}/{month}/{action}")
def bill_action_address(
    request: Request, contract: str, month: str, action: str, principal: Signed
) -> Response:
    """A form's address opened (a reload after a refused form, a bookmark): its bill, for
    those who may see the contract's bills (R-D2: to others it does not exist)."""
    if action not in _BILL_ACTIONS:
        raise NotFound(f"no fee bill action {action!r}")
    the_month = month_of(month)
    fee_bill_contract(fee_bill_uow(request), principal.user, _P.VIEW_STATEMENTS, contract)
    return RedirectResponse(bill_path(contract, the_month), status_code=303)


@router.post("/fee-bills/{contract}/{month}/{action}")
def bill_action(
    request: Request,
    contract: str,
    month: str,
    action: str,
    principal: Signed,
    uow: Uow,
    now: Now,
    reason: Text = "",
    amount: Short = "",
    paid_on: Short = "",
) -> Response:
    if action not in _BILL_ACTIONS:
        raise NotFound(f"no fee bill action {action!r}")
    the_month, user = month_of(month), principal.user
    fee_bill_contract(fee_bill_uow(request), user, _BILL_ACTIONS[action], contract)
    path = bill_path(contract, the_month)
    common: dict[str, Any] = {"contract_code": contract, "month": the_month, "at": now}

    def draft() -> Response:
        return _drafted(draft_bill_month(fee_bill_uow(request), actor=user.login, **common))

    def issue() -> Response:
        view = issue_bill(fee_bill_uow(request), actor=user.login, **common)
        figures = view.figures
        return done(
            path, "fb_issued", view.contract, view.month, view.version,
            view.amount_due.display(), figures.payment_due.isoformat(),
        )  # fmt: skip

    def answer(kind: Answer) -> Response:
        view = answer_bill(
            fee_bill_uow(request), answer=kind, by=user.login, reason=reason.strip() or None,
            **common,
        )  # fmt: skip
        if kind is Answer.DISPUTE:
            return done(path, "fb_disputed", view.contract, view.month, view.version)
        return done(
            path, "fb_confirmed", view.contract, view.month, view.version,
            view.amount_due.display(), view.figures.payment_due.isoformat(),
        )  # fmt: skip

    def pay() -> Response:
        money, day = _payment(amount, paid_on)
        view = pay_bill(
            fee_bill_uow(request), amount=money, paid_on=day, actor=user.login, **common
        )
        if view.outstanding.fen <= 0:
            return done(
                path, "fb_paid_in_full", money.display(), day.isoformat(),
                view.amount_due.display(),
            )  # fmt: skip
        return done(
            path, "fb_paid_part", money.display(), day.isoformat(), view.paid.display(),
            view.outstanding.display(),
        )  # fmt: skip

    actions: dict[str, Callable[[], Response]] = {
        "draft": draft,
        "issue": issue,
        "confirm": lambda: answer(Answer.CONFIRM),
        "dispute": lambda: answer(Answer.DISPUTE),
        "pay": pay,
    }
    typed = {"reason": reason, "amount": amount, "paid_on": paid_on}
    try:
        return actions[action]()
    except FieldErrors as wrong:
        return _bill_refused(
            request, principal, uow, now, contract, the_month, action,
            errors=wrong.by_field(), typed=typed, status_code=422,
        )  # fmt: skip
    except Refused as error:
        return _bill_refused(
            request, principal, uow, now, contract, the_month, action, message=str(error),
            typed=typed, status_code=409,
        )  # fmt: skip


# — The service fee's and the deposit's forms —


def _fees_refused(
    request: Request,
    principal: Principal,
    uow: Uow,
    now: Any,
    contract: str,
    form: str,
    *,
    message: str | None = None,
    errors: dict[str, FieldError] | None = None,
    typed: dict[str, str] | None = None,
    status_code: int,
) -> Response:
    context = service_fee_context(request, uow, principal, contract, now)
    context["errors"] = {form: message} if message else {}
    context["field_errors"] = errors or {}
    context["typed"] = typed or {}
    context["refused_form"] = form
    return render(request, "fee_bill_service_fee.html", principal, context, status_code=status_code)


@router.get("/service-fees/{contract}/{action}")
def fee_action_address(request: Request, contract: str, action: str, principal: Signed) -> Response:
    """A form's address opened: the contract's service fee page, for those who may see it."""
    if action not in _FEE_ACTIONS:
        raise NotFound(f"no service fee action {action!r}")
    fee_bill_contract(fee_bill_uow(request), principal.user, _P.VIEW_STATEMENTS, contract)
    return RedirectResponse(service_fee_path(contract), status_code=303)


@router.post("/service-fees/{contract}/{action}")
def fee_action(
    request: Request,
    contract: str,
    action: str,
    principal: Signed,
    uow: Uow,
    now: Now,
    instalment: Short = "",
    amount: Short = "",
    paid_on: Short = "",
    on: Short = "",
    reason: Text = "",
) -> Response:
    if action not in _FEE_ACTIONS:
        raise NotFound(f"no service fee action {action!r}")
    user = principal.user
    fee_bill_contract(fee_bill_uow(request), user, _P.RECORD_PAYMENTS, contract)
    path = service_fee_path(contract)
    form = f"pay-{instalment}" if action == "pay" else action

    def pay() -> Response:
        check = FormCheck()
        number = int(instalment) if instalment.strip().isdigit() else None
        if number is None:
            check.refuse("instalment", FEE_BILL_TEXTS["fb_instalment_wrong"], instalment)
        money = check.money(amount, "amount", FEE_BILL_TEXTS["fb_field_amount"], positive=True)
        day = _read_day(check, paid_on, "paid_on")
        check.done()
        assert number is not None and money is not None and day is not None
        view = pay_instalment(
            fee_bill_uow(request), contract_code=contract, number=number, amount=money,
            paid_on=day, at=now, actor=user.login,
        )  # fmt: skip
        return done(
            path, "fb_instalment_paid", money.display(), number, day.isoformat(),
            view.paid.display(), view.outstanding.display(),
        )  # fmt: skip

    def deposit_day() -> date:
        check = FormCheck()
        day = _read_day(check, on, "on")
        check.done()
        assert day is not None
        return day

    def receive() -> Response:
        day = deposit_day()
        view = receive_deposit(
            fee_bill_uow(request), contract_code=contract, received_on=day, at=now,
            actor=user.login,
        )  # fmt: skip
        return done(path, "fb_deposit_received", view.agreed.display(), day.isoformat())

    def end(kind: DepositEventKind) -> Response:
        day = deposit_day()
        view = end_deposit(
            fee_bill_uow(request), contract_code=contract, kind=kind, on=day,
            reason=reason.strip() or None, at=now, actor=user.login,
        )  # fmt: skip
        return done(path, f"fb_deposit_{kind.value}", view.agreed.display(), day.isoformat())

    actions: dict[str, Callable[[], Response]] = {
        "pay": pay,
        "receive-deposit": receive,
        "refund-deposit": lambda: end(DepositEventKind.REFUNDED),
        "forfeit-deposit": lambda: end(DepositEventKind.FORFEITED),
    }
    typed = {"amount": amount, "paid_on": paid_on, "on": on, "reason": reason}
    try:
        return actions[action]()
    except FieldErrors as wrong:
        return _fees_refused(
            request, principal, uow, now, contract, form, errors=wrong.by_field(), typed=typed,
            status_code=422,
        )  # fmt: skip
    except (Refused, NotFound) as error:
        # NotFound here: an instalment the contract does not have (the contract is found).
        return _fees_refused(
            request, principal, uow, now, contract, form, message=str(error), typed=typed,
            status_code=409,
        )  # fmt: skip
