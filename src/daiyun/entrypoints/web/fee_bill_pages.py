"""Model B's pages (issue 18, R-B1–R-B5): the fee bills by month, a bill with every figure and
how it is made, a month not drafted yet, and a contract's service fee and deposit. The forms
that act on them are in fee_bill_action_pages.py.

The same addresses serve the agency and the brand portal, as the statement pages do: what a
reader sees and may do follows their role (services/fee_bills/pages.py: R-D2 first; a brand's
people never see a draft). A model A contract's bill is the services' refusal on the error
page (409, in the reader's language), never a page of its own.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response

from daiyun.domain.calendar import Month, business_date
from daiyun.domain.fee_bills.lifecycle import BillStatus
from daiyun.domain.money import Rate
from daiyun.domain.permissions import Permission, can
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal, daiyun_of
from daiyun.entrypoints.fee_bill_files import fee_bill_file_bytes
from daiyun.entrypoints.web.rendering import render
from daiyun.services import oversight
from daiyun.services.contracts import brand_views
from daiyun.services.errors import NotFound
from daiyun.services.fee_bills.bill_access import BillView
from daiyun.services.fee_bills.pages import (
    fee_bill_contracts,
    fee_bill_page,
    list_fee_bills,
    service_fee_page,
    undrafted_fee_bill,
)
from daiyun.services.fee_bills.ports import FeeBillUnitOfWork

__all__ = [
    "bill_context",
    "bill_path",
    "bills_page",
    "exact_yuan",
    "fee_bill_uow",
    "file_path",
    "month_of",
    "router",
    "service_fee_context",
    "service_fee_path",
    "undrafted_page",
]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
_BILLS_PER_PAGE = 50


def fee_bill_uow(request: Request) -> FeeBillUnitOfWork:
    """A fresh unit of work that reaches the fee bills (bootstrap's fee_bill_unit_of_work): a
    read-only one for GET and HEAD, which only read (as api/auth.py's unit_of_work, issue 22)."""
    reading = request.method in {"GET", "HEAD"}
    return daiyun_of(request).fee_bill_unit_of_work(read_only=reading)


def month_of(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as error:  # its words have their Chinese (refusal_texts.py)
        raise NotFound(str(error)) from error


def bill_path(contract: str, month: Month | str) -> str:
    return f"/fee-bills/{quote(contract, safe='')}/{month}"


def service_fee_path(contract: str) -> str:
    return f"/service-fees/{quote(contract, safe='')}"


def file_path(contract: str, month: Month | str, version: int, kind: str) -> str:
    """A version's XLSX or PDF (entrypoints/fee_bill_files.py)."""
    return f"{bill_path(contract, month)}/versions/{version}/bill.{kind}"


def exact_yuan(fen: Decimal) -> str:
    """An exact amount of fen in yuan with every decimal it has (at least two): ¥370.368."""
    yuan = fen / 100
    places = max(2, -int(yuan.normalize().as_tuple().exponent))
    sign = "-" if yuan < 0 else ""
    return f"{sign}¥{abs(yuan):,.{places}f}"


@dataclass(frozen=True)
class Derivation:
    """How the bill's commission and VAT are made (R-B2, R-B3): each rate as a percentage, the
    exact products before the one rounding half-up to the fen."""

    commission_rate: str  # "3%"
    commission_exact: str  # "¥370.368"
    vat_rate: str
    vat_exact: str


def derivation_of(view: BillView) -> Derivation:
    figures = view.figures
    commission_rate, vat_rate = Rate.of(view.commission_rate), Rate.of(view.vat_rate)
    return Derivation(
        commission_rate=commission_rate.percent_text(),
        commission_exact=exact_yuan(commission_rate.apply(figures.commission_base)),
        vat_rate=vat_rate.percent_text(),
        vat_exact=exact_yuan(vat_rate.apply(figures.commission)),
    )


def _status(text: str) -> BillStatus | None:
    with suppress(ValueError):
        return BillStatus(text)
    return None


@router.get("/fee-bills", response_class=HTMLResponse)
def fee_bills(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    brand: str | None = None,
    month: str | None = None,
    status: str | None = None,
    page: int = 1,
) -> HTMLResponse:
    return bills_page(
        request, principal, uow, now, brand or "", month or "", status or "", page=page
    )


def bills_page(
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
    """The bills by month with their filters (brands by name too), 50 a page; the draft form
    for those who draft; each contract's service fee and deposit."""
    user = principal.user
    fees = fee_bill_uow(request)
    brands = brand_views.list_brands(uow, user)
    names = {each.code: each.name for each in brands}
    code = next((each.code for each in brands if brand in (each.code, each.name)), brand)
    chosen_month = None
    with suppress(ValueError):
        chosen_month = Month.parse(month) if month else None
    try:
        rows = list_fee_bills(
            fees, user, at=now, brand_code=code or None, month=chosen_month, status=_status(status)
        )
    except NotFound as error:  # a brand nobody has (or not the reader's, R-D2)
        rows, message, status_code = [], message or str(error), 404
    contracts = fee_bill_contracts(fees, user)
    pages = max(1, -(-len(rows) // _BILLS_PER_PAGE))
    number = max(1, min(page, pages))
    first = (number - 1) * _BILLS_PER_PAGE
    shown_month = "" if chosen_month is None else str(chosen_month)
    shown_status = status if _status(status) else ""
    kept = {"brand": code, "month": shown_month, "status": shown_status}
    context = {
        "rows": rows[first : first + _BILLS_PER_PAGE],
        "total": len(rows),
        "page": number,
        "pages": pages,
        "filters": {name: value for name, value in kept.items() if value},
        "brands": brands,
        "brand_names": names,
        "brand": code,
        "month": shown_month,
        "status": shown_status,
        "statuses": [each.value for each in BillStatus],
        "contracts": contracts,
        "draftable": [
            c.code for c in contracts if can(user, Permission.DRAFT_STATEMENTS, c.brand_code)
        ],
        "last_month": Month.of(business_date(now)).previous(),
        "message": message,
        "path_of": bill_path,
        "fees_path": service_fee_path,
    }
    return render(request, "fee_bills.html", principal, context, status_code=status_code)


def bill_context(
    request: Request,
    uow: Uow,
    principal: Principal,
    contract: str,
    month: Month,
    now: Any,
    version: int | None,
) -> dict[str, Any]:
    user = principal.user
    shown = fee_bill_page(
        fee_bill_uow(request), user, contract_code=contract, month=month, at=now, version=version
    )
    view = shown.view
    history = oversight.audit_log(
        uow, user, entity="fee_bill", entity_key=f"{view.contract}/{month}", brand_code=None
    ) if can(user, Permission.VIEW_AUDIT_LOG, view.brand) else []  # fmt: skip
    names = {each.code: each.name for each in brand_views.list_brands(uow, user)}
    return {
        "view": view,
        "page": shown,
        "figures": view.figures,
        "receipts": view.record.bill.receipts,
        "lines": view.record.bill,
        "how": derivation_of(view),
        "brand_name": names.get(view.brand, view.brand),
        "brand_names": names,
        "base": bill_path(view.contract, month),
        "fees_path": service_fee_path(view.contract),
        "file_path": file_path,
        "history": history,
        "today": business_date(now),
        "errors": {},
        "field_errors": {},
        "refused_form": "",
        "typed": {},
    }


@router.get("/fee-bills/{contract}/{month}", response_class=HTMLResponse)
def fee_bill(
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
        context = bill_context(request, uow, principal, contract, the_month, now, version)
    except NotFound:
        undrafted = undrafted_page(request, principal, uow, now, contract, the_month)
        if undrafted is None:
            raise
        return undrafted
    return render(request, "fee_bill.html", principal, context)


@router.get("/fee-bills/{contract}/{month}/versions/{version}/bill.{kind}")
def fee_bill_file(
    request: Request,
    contract: str,
    month: str,
    version: int,
    kind: Annotated[str, Path(pattern="^(xlsx|pdf)$")],
    principal: Signed,
    now: Now,
) -> Response:
    """A version as the XLSX workbook or the PDF, with its figures and how they are made, its
    payments and the VAT invoice request (R-B2, R-B3), for those who may see it (R-D2: a
    brand's people an issued version only)."""
    shown = fee_bill_page(
        fee_bill_uow(request), principal.user, contract_code=contract, month=month_of(month),
        at=now, version=version,
    )  # fmt: skip
    content, name, media_type = fee_bill_file_bytes(daiyun_of(request), shown.view, kind)
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(content, media_type=media_type, headers=headers)


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
    """A month with no bill, as the agency sees it: when it is due (R-B2), the draft button
    for one who may draft, else why not. None for a brand's people (their 404 stays, R-D2)."""
    month_shown = undrafted_fee_bill(
        fee_bill_uow(request), principal.user, contract_code=contract, month=month, at=now
    )
    if month_shown is None:
        return None
    names = {each.code: each.name for each in brand_views.list_brands(uow, principal.user)}
    context = {
        "undrafted": month_shown,
        "brand_name": names.get(month_shown.brand, month_shown.brand),
        "base": bill_path(contract, month),
        "today": business_date(now),
        "error": error,
    }
    return render(request, "fee_bill_undrafted.html", principal, context, status_code=status_code)


def service_fee_context(
    request: Request, uow: Uow, principal: Principal, contract: str, now: Any
) -> dict[str, Any]:
    user = principal.user
    shown = service_fee_page(fee_bill_uow(request), user, contract_code=contract, at=now)
    view = shown.view
    history = []
    if can(user, Permission.VIEW_AUDIT_LOG, view.brand):
        keys = [("service_deposit", view.contract)]
        keys += [("service_fee", f"{view.contract}/instalment {each.instalment.number}")
                 for each in view.instalments]  # fmt: skip
        for entity, key in keys:
            history += oversight.audit_log(
                uow, user, entity=entity, entity_key=key, brand_code=None
            )
        history.sort(key=lambda entry: entry.at, reverse=True)
    names = {each.code: each.name for each in brand_views.list_brands(uow, user)}
    return {
        "view": view,
        "page": shown,
        "deposit": view.deposit,
        "vat_rate": Rate.of(view.vat_rate).percent_text(),
        "brand_name": names.get(view.brand, view.brand),
        "brand_names": names,
        "base": service_fee_path(view.contract),
        "bills_path": f"/fee-bills?brand={quote(view.brand, safe='')}",
        "history": history,
        "today": business_date(now),
        "errors": {},
        "field_errors": {},
        "refused_form": "",
        "typed": {},
    }


@router.get("/service-fees/{contract}", response_class=HTMLResponse)
def service_fees(
    request: Request, contract: str, principal: Signed, uow: Uow, now: Now
) -> HTMLResponse:
    context = service_fee_context(request, uow, principal, contract, now)
    return render(request, "fee_bill_service_fee.html", principal, context)
