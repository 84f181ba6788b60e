"""Statement pages: the list, a version with every figure linked to its lines, the lines, and
the forms that draft, issue, confirm, dispute, pay and excuse delay the brand caused — each a
thin call of statement_desk."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from daiyun.domain.calendar import Month, business_date
from daiyun.domain.money import Money
from daiyun.domain.permissions import Permission, can
from daiyun.domain.settlement.drilldown import (
    FIGURE_COLUMNS,
    LINE_FIGURES,
    LineSelection,
    UnknownFigure,
)
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.web.rendering import render
from daiyun.services import oversight
from daiyun.services.contracts import brand_views
from daiyun.services.errors import NotFound, Refused
from daiyun.services.settlement import statement_desk

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
_LINES_PER_PAGE = 100
# The figures in the order the statement shows them: money first, then counts.
_MONEY_FIGURES = (
    "sales_amount",
    "returned_amount",
    "concession_amount",
    "settlement_value",
    "commission",
    "spread",
    "brand_deductions",
    "shipping_income",
    "platform_fees",
    "remittance",
)
_COUNT_FIGURES = (
    "recognised_lines",
    "recognised_units",
    "returned_units",
    "unsettleable_orders",
    "price_violations",
)


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as error:
        raise NotFound(f"no statement for {text!r}: {error}") from error


def _path(contract: str, month: Month) -> str:
    return f"/statements/{quote(contract, safe='')}/{month}"


@router.get("/statements", response_class=HTMLResponse)
def statements(
    request: Request, principal: Signed, uow: Uow, now: Now, brand: str | None = None
) -> HTMLResponse:
    user = principal.user
    rows = statement_desk.list_statements(uow, user, brand_code=brand or None)
    contracts = []
    if can(user, Permission.DRAFT_STATEMENTS, None):
        contracts = [c.code for c in brand_views.list_contracts(uow, user) if c.model.value == "A"]
    context = {
        "rows": rows,
        "brand": brand or "",
        "contracts": contracts,
        "last_month": Month.of(business_date(now)).previous(),
    }
    return render(request, "statements.html", principal, context)


def _statement_context(
    uow: Uow, principal: Principal, contract: str, month: Month, now: Any, version: int | None
) -> dict[str, Any]:
    user = principal.user
    page = statement_desk.statement_page(
        uow, user, contract_code=contract, month=month, at=now, version=version
    )
    view = page.view
    history = oversight.audit_log(
        uow, user, entity="statement", entity_key=f"{contract}/{month}", brand_code=None
    ) if can(user, Permission.VIEW_AUDIT_LOG, view.brand) else []  # fmt: skip
    return {
        "view": view,
        "page": page,
        "figures": view.figures,
        "money_figures": _MONEY_FIGURES,
        "count_figures": _COUNT_FIGURES,
        "base": _path(contract, month),
        "history": history,
        "may_draft": can(user, Permission.DRAFT_STATEMENTS, view.brand),
        "may_answer": can(user, Permission.ANSWER_STATEMENTS, view.brand),
        "may_pay": can(user, Permission.RECORD_PAYMENTS, view.brand),
        "today": business_date(now),
    }


@router.get("/statements/{contract}/{month}", response_class=HTMLResponse)
def statement(
    request: Request,
    contract: str,
    month: str,
    principal: Signed,
    uow: Uow,
    now: Now,
    version: int | None = None,
) -> HTMLResponse:
    context = _statement_context(uow, principal, contract, _month(month), now, version)
    return render(request, "statement.html", principal, context)


@router.get("/statements/{contract}/{month}/versions/{version}/lines", response_class=HTMLResponse)
def lines(
    request: Request,
    contract: str,
    month: str,
    version: int,
    principal: Signed,
    uow: Uow,
    figure: str | None = None,
    rule: str | None = None,
    page: int = 1,
) -> HTMLResponse:
    number = max(1, min(page, 1_000_000))
    try:
        selection = LineSelection(
            figure=figure or None, rule=rule or None, page=number, size=_LINES_PER_PAGE
        )
    except UnknownFigure as error:
        raise NotFound(str(error)) from error
    the_month = _month(month)
    found = statement_desk.statement_lines(
        uow, principal.user, contract_code=contract, month=the_month, version=version,
        selection=selection,
    )  # fmt: skip
    column = FIGURE_COLUMNS.get(figure or "")
    context = {
        "contract": contract,
        "month": the_month,
        "version": version,
        "figure": figure or "",
        "rule": rule or "",
        "found": found,
        "column_sum_money": None
        if found.column_sum is None or column is None or not column.endswith("_fen")
        else Money(found.column_sum),
        "figures": LINE_FIGURES,
        "page": number,
        "pages": max(1, -(-found.total // _LINES_PER_PAGE)),
        "base": _path(contract, the_month),
    }
    return render(request, "statement_lines.html", principal, context)


def _act(
    request: Request,
    principal: Principal,
    uow: Uow,
    now: Any,
    contract: str,
    month: Month,
    action: Callable[[], object],
) -> Response:
    """Run a statement action; back to the statement, or the statement with why it was refused."""
    try:
        action()
    except Refused as error:
        context = _statement_context(uow, principal, contract, month, now, None)
        context["message"] = str(error)
        return render(request, "statement.html", principal, context, status_code=409)
    return RedirectResponse(_path(contract, month), status_code=303)


@router.post("/statements/draft")
def draft_form(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    contract: Annotated[str, Form(max_length=60, pattern=NO_NUL)],
    month: Annotated[str, Form(max_length=7, pattern=NO_NUL)],
) -> Response:
    the_month = _month(month)
    statement_desk.draft_statement_as(
        uow, principal.user, contract_code=contract, month=the_month, at=now
    )
    return RedirectResponse(_path(contract, the_month), status_code=303)


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
    the_month, user = _month(month), principal.user
    common: dict[str, Any] = {"contract_code": contract, "month": the_month, "at": now}
    actions: dict[str, Callable[[], object]] = {
        "draft": lambda: statement_desk.draft_statement_as(uow, user, **common),
        "issue": lambda: statement_desk.issue_statement_as(uow, user, **common),
        "confirm": lambda: statement_desk.answer_statement(
            uow, user, confirm=True, reason=reason.strip() or None, **common
        ),
        "dispute": lambda: statement_desk.answer_statement(
            uow, user, confirm=False, reason=reason.strip() or None, **common
        ),
        "pay": lambda: statement_desk.pay_statement_as(
            uow, user, amount=_yuan(amount), paid_on=_day(paid_on), **common
        ),
        "pay-penalty": lambda: statement_desk.pay_penalty_as(
            uow, user, amount=_yuan(amount), paid_on=_day(paid_on), **common
        ),
        "excuse": lambda: statement_desk.excuse_delay_as(
            uow,
            user,
            first_day=_day(excused_from),
            last_day=_day(excused_to),
            reason=reason,
            **common,
        ),
    }
    if action not in actions:
        raise NotFound(f"no statement action {action!r}")
    return _act(request, principal, uow, now, contract, the_month, actions[action])


def _day(text: str) -> date:
    day: date | None = None
    with suppress(ValueError):
        day = date.fromisoformat(text)
    if day is None:
        raise Refused(f"{text!r} is not a day: write it as YYYY-MM-DD")
    return day


def _yuan(amount: str) -> Money:
    try:
        return Money.of_yuan(amount.replace(",", "").replace("¥", "").strip())
    except (ValueError, ArithmeticError) as error:
        raise Refused(f"{amount!r} is not an amount in yuan, e.g. 1234.50") from error
