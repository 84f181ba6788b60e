"""Reconciliation pages (issue 17, R-X1): choose a store and a month; the month's figures —
orders completed and matched, expected against Alipay income, fees and refunds, the charges
not compared — each cause's count opening its lines, the differences with their orders and
Alipay lines, the workbook of them, and the upload of an Alipay statement.

Thin calls of services/reconciliation: reconcile.py reads what the reader may see (R-D2: a
brand's people reconcile their own stores only; another brand's store is a 404 page in the
words an unknown code gets), alipay_import.py imports a statement, all or nothing, for those
who may import one (Permission.IMPORT_ALIPAY: the agency's finance and administrators).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from daiyun.domain.agency import Store
from daiyun.domain.calendar import Month, business_date
from daiyun.domain.money import Money
from daiyun.domain.orders import ImportProblem
from daiyun.domain.permissions import Permission, can
from daiyun.domain.reconciliation import Cause
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal, daiyun_of
from daiyun.entrypoints.import_uploads import safe_file_name
from daiyun.entrypoints.reconciliation_file import differences_xlsx
from daiyun.entrypoints.web.order_export import XLSX_MEDIA
from daiyun.entrypoints.web.order_pages import order_url
from daiyun.entrypoints.web.rendering import done, error_page, render
from daiyun.services.contracts import brand_views
from daiyun.services.errors import NotFound, Refused
from daiyun.services.reconciliation.alipay_import import (
    AlipayImportSummary,
    check_may_import_alipay,
    import_alipay_statements,
)
from daiyun.services.reconciliation.reconcile import StoreMonth, reconcile_store_month
from daiyun.services.scope import visible_brands

__all__ = ["reconciliation_url", "router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
# Platforms whose money arrives in an Alipay account (formats.md): the stores one may choose.
_ALIPAY_PLATFORMS = frozenset({"tmall", "taobao"})
_PER_PAGE = 100
_SHOWN_PROBLEMS = 100
_UPLOAD_LIMIT = 200 * 1024 * 1024  # bytes, all the files of one upload together
_TOO_LARGE = "the files are larger than 200 MB together: export fewer days at a time"
_CHUNK = 1024 * 1024
_FILE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def reconciliation_url(store_code: str, month: Month | str, **query: str) -> str:
    """The address of a store's month: `/reconciliation/{store}/{month}`, with a query."""
    path = f"/reconciliation/{quote(store_code, safe='')}/{month}"
    kept = {name: value for name, value in query.items() if value}
    return f"{path}?{urlencode(kept)}" if kept else path


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as error:  # its words have their Chinese (refusal_texts.py)
        raise NotFound(str(error)) from error


def _alipay_stores(uow: Uow, principal: Principal) -> list[Store]:
    """The stores the reader may reconcile: of their brands (R-D2), on Tmall or Taobao."""
    visible_brands(principal.user, Permission.VIEW_STATEMENTS)  # 403 to whom may not
    stores = brand_views.list_stores(uow, principal.user)
    return [store for store in stores if store.platform in _ALIPAY_PLATFORMS]


@router.get("/reconciliation", response_class=HTMLResponse)
def choose(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    store: str | None = None,
    month: str | None = None,
) -> Response:
    """The store (by name) and the month to reconcile; both chosen, their page. A store that
    is not the reader's is not found, in the words an unknown code gets (R-D2)."""
    stores = _alipay_stores(uow, principal)
    if store and month:
        if store not in {each.code for each in brand_views.list_stores(uow, principal.user)}:
            raise NotFound(f"no store with code {store!r}")
        return RedirectResponse(reconciliation_url(store, month.strip()), status_code=303)
    last = Month.of(business_date(now)).previous()
    context = {
        "stores": stores,
        "chosen": store or "",
        "month": month or str(last),
        "recent": [last, last.previous(), last.previous().previous()],
        "url": reconciliation_url,
    }
    return render(request, "reconciliation_choose.html", principal, context)


@dataclass(frozen=True)
class _Figure:
    """A row of the month's amounts: expected, Alipay, and Alipay less expected."""

    key: str
    expected: Money
    actual: Money

    @property
    def gap(self) -> Money:
        return self.actual - self.expected


def _reconciled(request: Request, principal: Principal, store: str, month: Month) -> StoreMonth:
    return reconcile_store_month(
        daiyun_of(request).alipay_unit_of_work(read_only=True),  # only reads: never waits
        acting=principal.user,
        store_code=store,
        month=month,
    )


def _month_page(
    request: Request,
    principal: Principal,
    uow: Uow,
    store: str,
    month: Month,
    *,
    cause: str = "",
    page: int = 1,
    imported: AlipayImportSummary | None = None,
    refusal: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    found = _reconciled(request, principal, store, month)  # NotFound: not the reader's (R-D2)
    shown = brand_views.get_store(uow, principal.user, store)
    result = found.result
    chosen = cause if cause in set(Cause) else ""
    rows = [d for d in result.differences if not chosen or d.cause.value == chosen]
    pages = max(1, -(-len(rows) // _PER_PAGE))
    number = max(1, min(page, pages))
    first = (number - 1) * _PER_PAGE
    problems: list[ImportProblem] = [] if imported is None else imported.problems
    context: dict[str, Any] = {
        "store": shown,
        "month": month,
        "result": result,
        "counts": result.counts,
        "causes": [each.value for each in Cause],
        "cause": chosen,
        "figures": [
            _Figure("rec_income", result.expected_income, result.alipay_income),
            _Figure("rec_fees", result.expected_fees, result.alipay_fees),
            _Figure("rec_refunds", result.expected_refunds, result.alipay_refunds),
        ],
        "rows": rows[first : first + _PER_PAGE],
        "total": len(rows),
        "page": number,
        "pages": pages,
        "url": lambda **query: reconciliation_url(store, month, **query),
        "previous_url": reconciliation_url(store, month.previous()),
        "next_url": reconciliation_url(store, month.next()),
        "xlsx_url": reconciliation_url(store, month) + "/differences.xlsx",
        "order_url": lambda order_no: order_url(store, order_no),
        "may_import": can(principal.user, Permission.IMPORT_ALIPAY, shown.brand_code),
        "import_url": reconciliation_url(store, month) + "/alipay",
        "problems": problems[:_SHOWN_PROBLEMS],
        "problem_count": 0 if imported is None else imported.problem_count,
        "refusal": refusal,
        "stores": _alipay_stores(uow, principal),
    }
    return render(request, "reconciliation.html", principal, context, status_code=status_code)


@router.get("/reconciliation/{store}/{month}", response_class=HTMLResponse)
def month_page(
    request: Request,
    store: str,
    month: str,
    principal: Signed,
    uow: Uow,
    cause: str | None = None,
    page: int = 1,
) -> HTMLResponse:
    """A store's month reconciled; `?cause=` shows that cause's lines only."""
    the_month = _month(month)
    number = max(1, min(page, 1_000_000))
    return _month_page(request, principal, uow, store, the_month, cause=cause or "", page=number)


@router.get("/reconciliation/{store}/{month}/differences.xlsx")
def differences_workbook(request: Request, store: str, month: str, principal: Signed) -> Response:
    """The month's differences and figures as the XLSX `daiyun reconcile --xlsx` writes."""
    the_month = _month(month)
    found = _reconciled(request, principal, store, the_month)
    name = f"{_FILE_NAME.sub('-', store)}-{the_month}-differences.xlsx"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(differences_xlsx(found), media_type=XLSX_MEDIA, headers=headers)


@router.post("/reconciliation/{store}/{month}/alipay")
def import_statement(
    request: Request,
    store: str,
    month: str,
    principal: Signed,
    uow: Uow,
    now: Now,
    file: Annotated[list[UploadFile], File()],
) -> Response:
    """Import the uploaded Alipay statements (the ZIP as downloaded, or its CSV) into the
    store, then show its month again: what was imported, or why nothing was."""
    the_month = _month(month)
    user = principal.user
    check_may_import_alipay(uow, user, store)  # R-D2: another brand's is not found
    if sum(each.size or 0 for each in file) > _UPLOAD_LIMIT:
        return error_page(request, 413, _TOO_LARGE)
    application = daiyun_of(request)
    folder = Path(tempfile.mkdtemp(prefix="daiyun-alipay-"))
    try:
        paths = _kept(folder, file)
        try:
            summary = import_alipay_statements(
                application.alipay_unit_of_work(),
                store_code=store,
                source=application.alipay_files.read(paths),
                at=now,
                actor=user.login,
            )
        except Refused as error:  # another account's statement (R-X1): nothing changed
            return _month_page(
                request, principal, uow, store, the_month, refusal=str(error), status_code=409
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not summary.stored:
        return _month_page(
            request, principal, uow, store, the_month, imported=summary, status_code=422
        )
    return done(
        reconciliation_url(store, the_month), "rec_imported", summary.new, summary.unchanged
    )


def _kept(folder: Path, uploads: list[UploadFile]) -> list[Path]:
    """Each uploaded file written under its own name, in a folder of its own (two files may
    share a name); the reader opens a ZIP itself and names its problems by the file's name."""
    paths = []
    for index, upload in enumerate(uploads):
        place = folder / str(index)
        place.mkdir()
        path = place / safe_file_name(upload.filename or "statement.csv")
        with path.open("wb") as out:
            while chunk := upload.file.read(_CHUNK):
                out.write(chunk)
        paths.append(path)
    return paths
