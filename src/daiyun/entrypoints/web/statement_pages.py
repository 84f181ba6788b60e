"""Statement pages: the list, a version with every figure linked to its lines, the lines, and
a month not drafted yet. The forms that act on a statement are in statement_action_pages.py.

Every form redirects after it succeeded (done(): a reload is safe, the next page says what
happened); a refused form shows the statement page again with the reason next to the form
(409; 422 for a field that is no day or amount), and opening a form's address afterwards (a
reload, a bookmark) goes to the statement page instead of an error.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from daiyun.domain.calendar import Month, business_date
from daiyun.domain.money import Money
from daiyun.domain.permissions import Permission, can
from daiyun.domain.settlement.drilldown import (
    LINE_FIGURES,
    RECIPES,
    UNSETTLEABLE,
    Derivation,
    How,
    LineSelection,
    UnknownFigure,
    derive,
    line_share,
)
from daiyun.domain.settlement.lifecycle import StatementStatus
from daiyun.domain.settlement.lines import StatementLine
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal
from daiyun.entrypoints.web.rendering import render
from daiyun.services import oversight
from daiyun.services.contracts import brand_views
from daiyun.services.errors import NotFound
from daiyun.services.settlement import statement_desk

__all__ = [
    "month_of",
    "order_path",
    "path_of",
    "router",
    "statement_context",
    "statements_page",
    "undrafted_page",
]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
_LINES_PER_PAGE = 100
_STATEMENTS_PER_PAGE = 50
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
    "platform_charges",
    "platform_fees_borne",
    "custody_losses",  # issue 19, R-F7: owed to the brand, added to the remittance
    "remittance",
)
# Figures made of the contract's charges (R-S5: deposit, annual fee), not of order lines: shown
# without a lines page; the XLSX and the ledger list the charges. So are the custody losses
# (issue 19, R-F7): goods lost in custody, listed by `daiyun stock loss list --month`.
_CHARGE_FIGURES = frozenset({"platform_charges", "platform_fees_borne", "custody_losses"})
_COUNT_FIGURES = (
    "recognised_lines",
    "recognised_units",
    "returned_units",
    "unsettleable_orders",
    "price_violations",
)


def month_of(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as error:
        raise NotFound(f"no statement for {text!r}: {error}") from error


def path_of(contract: str, month: Month) -> str:
    return f"/statements/{quote(contract, safe='')}/{month}"


def _status(text: str) -> StatementStatus | None:
    with suppress(ValueError):
        return StatementStatus(text)
    return None


@router.get("/statements", response_class=HTMLResponse)
def statements(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    brand: str | None = None,
    month: str | None = None,
    status: str | None = None,
    page: int = 1,
) -> HTMLResponse:
    return statements_page(
        request, principal, uow, now, brand or "", month or "", status or "", page=page
    )


def statements_page(
    request: Request,
    principal: Principal,
    uow: Uow,
    now: Any,
    brand: str,
    month: str,
    status: str,
    *,
    page: int = 1,
    message: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The list with its filters: brands by name (a name typed in the address works too), a
    month, a status; 50 a page, the pages' links keeping the filters; the draft form for those
    who draft."""
    user = principal.user
    brands = brand_views.list_brands(uow, user)
    names = {each.code: each.name for each in brands}
    # ?brand=自然堂 (a name) means the brand of that name.
    code = next((each.code for each in brands if brand in (each.code, each.name)), brand)
    chosen_month = None
    with suppress(ValueError):
        chosen_month = Month.parse(month) if month else None
    try:
        rows = statement_desk.list_statements(
            uow, user, brand_code=code or None, month=chosen_month, status=_status(status)
        )
    except NotFound as error:  # a brand nobody has (or not the reader's, R-D2)
        rows, message, status_code = [], message or str(error), 404
    pages = max(1, -(-len(rows) // _STATEMENTS_PER_PAGE))
    number = max(1, min(page, pages))
    first = (number - 1) * _STATEMENTS_PER_PAGE
    shown_month = "" if chosen_month is None else str(chosen_month)
    shown_status = status if _status(status) else ""
    kept = {"brand": code, "month": shown_month, "status": shown_status}
    filters = {name: value for name, value in kept.items() if value}
    contracts = []
    if can(user, Permission.DRAFT_STATEMENTS, None):
        contracts = [c.code for c in brand_views.list_contracts(uow, user) if c.model.value == "A"]
    context = {
        "rows": rows[first : first + _STATEMENTS_PER_PAGE],
        "total": len(rows),
        "page": number,
        "pages": pages,
        "filters": filters,
        "brands": brands,
        "brand_names": names,
        "brand": code,
        "month": shown_month,
        "status": shown_status,
        "statuses": [each.value for each in StatementStatus],
        "contracts": contracts,
        "last_month": Month.of(business_date(now)).previous(),
        "message": message,
    }
    return render(request, "statements.html", principal, context, status_code=status_code)


def statement_context(
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
        "charge_figures": _CHARGE_FIGURES,
        "count_figures": _COUNT_FIGURES,
        "base": path_of(contract, month),
        "history": history,
        "may_draft": can(user, Permission.DRAFT_STATEMENTS, view.brand),
        "may_answer": can(user, Permission.ANSWER_STATEMENTS, view.brand),
        "may_pay": can(user, Permission.RECORD_PAYMENTS, view.brand),
        "today": business_date(now),
        "errors": {},
        "typed": {},
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
    the_month = month_of(month)
    try:
        context = statement_context(uow, principal, contract, the_month, now, version)
    except NotFound:
        undrafted = undrafted_page(request, principal, uow, now, contract, the_month)
        if undrafted is None:
            raise
        return undrafted
    return render(request, "statement.html", principal, context)


def undrafted_page(
    request: Request,
    principal: Principal,
    uow: Uow,
    now: Any,
    contract: str,
    month: Month,
    *,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse | None:
    """A month never drafted, as a duty's link leads there (出具对账单 · 自然堂 2026年1月): it is
    not drafted yet, when it is due (R-S6), and the draft button for one who may draft a month
    that may be drafted, else why not (draftable.py: R-S1, R-S6, R-C5). None for a brand's
    people and a month that has a statement: their 404 stays (R-D2)."""
    month_shown = statement_desk.undrafted_month(
        uow, principal.user, contract_code=contract, month=month, at=now
    )
    if month_shown is None:
        return None
    names = {each.code: each.name for each in brand_views.list_brands(uow, principal.user)}
    context = {
        "undrafted": month_shown,
        "brand_name": names.get(month_shown.brand, month_shown.brand),
        "base": path_of(contract, month),
        "today": business_date(now),
        "error": error,
    }
    return render(request, "statement_undrafted.html", principal, context, status_code=status_code)


# — The drill-down (R-S8): each figure's lines, the column that adds up to it, and how —


@dataclass(frozen=True)
class _Column:
    """A column of the lines table: a line field (or the commission's exact share)."""

    field: str
    label: str  # a text key
    kind: str  # money | int | rate | text | exact
    summed: bool = False


_LABELS = {
    "units": "units",
    "returned_units": "fig_returned_units",
    "sales_fen": "fig_sales_amount",
    "returned_fen": "fig_returned_amount",
    "concession_fen": "fig_concession_amount",
    "settlement_unit_price_fen": "fig_settlement_price",
    "settlement_value_fen": "fig_settlement_value",
    "spread_fen": "fig_spread",
    "brand_deduction_fen": "fig_brand_deductions",
    "shipping_income_fen": "fig_shipping_income",
    "platform_fee_fen": "fig_platform_fees",
    "fee_rate": "fig_fee_rate",
    "price_violations": "fig_price_violations",
    "refund_reason": "refund_reason",
    "commission": "commission_exact",
}
_KINDS = {"units": "int", "returned_units": "int", "price_violations": "int"}
_KINDS |= {"fee_rate": "rate", "refund_reason": "text", "commission": "exact"}
# Every line, no figure chosen: what a clerk checks first.
_ALL_LINES = (
    "units", "settlement_unit_price_fen", "sales_fen", "settlement_value_fen", "spread_fen",
    "platform_fee_fen", "fee_rate",
)  # fmt: skip


def _columns(figure: str) -> list[_Column]:
    recipe = RECIPES.get(figure)
    fields = _ALL_LINES if recipe is None else recipe.shown
    summed = None if recipe is None or recipe.how is How.FORMULA else recipe.column
    columns = []
    for field in fields:
        label = _LABELS[field]
        if figure == "commission" and field == "settlement_value_fen":
            label = "fig_commission_base"  # R-S3: 计佣基数
        is_summed = field == summed or (figure == "commission" and field == "commission")
        columns.append(_Column(field, label, _KINDS.get(field, "money"), is_summed))
    return columns


def _exact_yuan(fen: Decimal) -> str:
    """An exact amount of fen in yuan, with every decimal it has (at least two): ¥6.255."""
    yuan = fen / 100
    places = max(2, -int(yuan.normalize().as_tuple().exponent))
    sign = "-" if yuan < 0 else ""
    return f"{sign}¥{abs(yuan):,.{places}f}"


def _cells(line: StatementLine, columns: list[_Column], figure: str, rate: Any) -> list[str]:
    cells = []
    for column in columns:
        if column.field == "commission":
            share = line_share(RECIPES[figure], line, rate)
            cells.append(_exact_yuan(Decimal(share)))
            continue
        value = getattr(line, column.field)
        if column.kind == "money":
            cells.append(Money(value).display())
        elif column.kind == "rate":
            cells.append(f"{(Decimal(value) * 100).normalize():f}%")
        elif column.kind == "int":
            cells.append(f"{value:,}")
        else:
            cells.append(value or "—")
    return cells


def _amount(figure: str, value: int) -> str:
    """A figure's value as the statement shows it: money as ¥, counts with separators."""
    if figure in _MONEY_FIGURES or figure.endswith("_fen") or figure == "commission":
        return Money(value).display()
    return f"{value:,}"


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
    the_month = month_of(month)
    shown = statement_desk.figure_lines(
        uow, principal.user, contract_code=contract, month=the_month, version=version,
        selection=selection,
    )  # fmt: skip
    found, figure = shown.found, figure or ""
    columns = _columns(figure)
    derivation = None
    if figure:
        derivation = derive(
            figure, shown.figures, count=found.total, column_total=found.column_sum,
            commission_rate=found.commission_rate,
        )  # fmt: skip
    footer, column_sum = _footer(columns, figure, derivation)
    context = {
        "contract": contract,
        "month": the_month,
        "version": version,
        "figure": figure,
        "footer": footer,
        "column_sum": column_sum,
        "rule": rule or "",
        "found": found,
        "columns": columns,
        "rows": [
            (line, _cells(line, columns, figure, found.commission_rate)) for line in found.lines
        ],
        "derivation": derivation,
        "stated": None if not figure else _amount(figure, _stated(shown.figures, figure)),
        "adds_up": derivation is not None and derivation.adds_up_to(shown.figures),
        "amount": _amount,
        "exact_yuan": _exact_yuan,
        "unsettleable": figure == UNSETTLEABLE,
        "figures": LINE_FIGURES,
        "page": number,
        "pages": max(1, -(-found.total // _LINES_PER_PAGE)),
        "base": path_of(contract, the_month),
        "order_links": {no: order_path(store, no) for no, store in shown.stores.items()},
    }
    return render(request, "statement_lines.html", principal, context)


def order_path(store: str, order_no: str) -> str:
    """The order's page (order_pages.py: /orders/{store}/{order_no:path}), R-S8."""
    return f"/orders/{quote(store, safe='')}/{quote(order_no, safe='/')}"


def _footer(
    columns: list[_Column], figure: str, derivation: Derivation | None
) -> tuple[list[str] | None, str | None]:
    """The totals row under the summed columns (over every line, not the page) and the sum
    the count line states; None for a count, a formula or every line."""
    if derivation is None or derivation.column_total is None:
        return None, None
    total = derivation.column_total
    footer = []
    for column in columns:
        if column.field == "commission" and derivation.exact_fen is not None:
            footer.append(_exact_yuan(derivation.exact_fen))
        elif column.summed:
            footer.append(_amount(column.field, total))
        else:
            footer.append("")
    return footer, _amount(figure, derivation.result)


def _stated(figures: Any, figure: str) -> int:
    value = getattr(figures, figure)
    return value.fen if isinstance(value, Money) else int(value)
