"""The reports on the web (issue 20 point 3, R-R1, R-R2, R-D2): `/reports` lists a contract's
reports owed — due when, made when, on time or not — with a form to make one; the report's
page `/reports/{contract}/{kind}/{period}` shows every section of the recorded document with
its charts (ECharts, served by daiyun, drawn by static/report_charts.js from a JSON block) and
the same figures in tables; `/reports/{contract}/{kind}/{period}/pdf` is its PDF with the
charts drawn by matplotlib. A brand's people see their own brand's reports only: another's is
404, as an unknown code."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from daiyun.domain.calendar import business_date
from daiyun.domain.permissions import PERMISSIONS, Permission
from daiyun.domain.reports.document import ReportDocument
from daiyun.domain.reports.periods import ReportKind, ReportPeriod
from daiyun.domain.reports.record import MadeReport
from daiyun.entrypoints.api.auth import Now, Principal, current_principal, daiyun_of
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.web.i18n import labeller, language_of, translator
from daiyun.entrypoints.web.rendering import done, render
from daiyun.entrypoints.web.report_view import report_charts
from daiyun.services.errors import NotFound
from daiyun.services.reports.making import make_report
from daiyun.services.reports.overview import report_overview
from daiyun.services.reports.reading import recorded_report

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
Code = Annotated[str, Form(min_length=1, max_length=60, pattern=NO_NUL)]
Short = Annotated[str, Form(min_length=1, max_length=10, pattern=NO_NUL)]


def _list_page(
    request: Request,
    principal: Principal,
    contract: str | None,
    today: date,
    *,
    message: str | None = None,
    typed: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    application = daiyun_of(request)
    overview = report_overview(
        application.report_unit_of_work(read_only=True), acting=principal.user,
        contract_code=contract, as_of=today,
    )  # fmt: skip
    context = {
        "overview": overview,
        "kinds": [kind.value for kind in ReportKind],
        "may_make": Permission.MAKE_REPORTS in PERMISSIONS[principal.user.role],
        "message": message,
        "typed": typed or {},
    }
    return render(request, "reports.html", principal, context, status_code=status_code)


@router.get("/reports", response_class=HTMLResponse)
def reports_page(
    request: Request,
    principal: Signed,
    now: Now,
    contract: Annotated[str | None, Query(max_length=60, pattern=NO_NUL)] = None,
) -> HTMLResponse:
    return _list_page(request, principal, contract or None, business_date(now))


@router.post("/reports")
def reports_make(
    request: Request, principal: Signed, now: Now, contract: Code, kind: Short, period: Short
) -> Response:
    """Make the report (R-R1): recorded once with when it was made and whether on time."""
    try:
        chosen = ReportPeriod.parse(kind, period)
    except ValueError as error:
        typed = {"kind": kind, "period": period}
        return _list_page(
            request, principal, contract, business_date(now), message=str(error), typed=typed,
            status_code=422,
        )  # fmt: skip
    application = daiyun_of(request)
    outcome = make_report(
        application.report_unit_of_work(), contract_code=contract, kind=chosen.kind,
        period=chosen.text, at=now, actor=principal.user.login, acting=principal.user,
    )  # fmt: skip
    key = "rp_made_before" if outcome.made_before else "rp_made"
    return done(_address(contract, chosen), key, f"{contract} {chosen.text}")


def _address(contract: str, chosen: ReportPeriod) -> str:
    return f"/reports/{quote(contract, safe='')}/{chosen.kind.value}/{chosen.text}"


def _recorded(
    request: Request, principal: Principal, contract: str, kind: str, period: str
) -> tuple[MadeReport, ReportDocument]:
    try:
        chosen = ReportPeriod.parse(kind, period)
    except ValueError as error:  # an address no report has
        raise NotFound(f"no report of {contract} for {period} was made") from error
    return recorded_report(
        daiyun_of(request).report_unit_of_work(read_only=True), contract_code=contract,
        kind=chosen.kind, period=chosen.text, acting=principal.user,
    )  # fmt: skip


@router.get("/reports/{contract}/{kind}/{period}", response_class=HTMLResponse)
def report_page(
    request: Request, principal: Signed, contract: str, kind: str, period: str
) -> HTMLResponse:
    record, document = _recorded(request, principal, contract, kind, period)
    language = language_of(request)
    charts = report_charts(document, translator(language), labeller(language), language)
    chart_json = json.dumps([chart.to_json() for chart in charts], ensure_ascii=False)
    context = {
        "record": record,
        "document": document,
        "charts": charts,
        # "</" cannot end the script block early: every "<" is written as \u003c.
        "chart_json": chart_json.replace("<", "\\u003c"),
        "pdf": f"{_address(contract, ReportPeriod.parse(kind, period))}/pdf",
    }
    return render(request, "report.html", principal, context)


@router.get("/reports/{contract}/{kind}/{period}/pdf")
def report_pdf(
    request: Request, principal: Signed, contract: str, kind: str, period: str
) -> Response:
    """The report as a PDF with its charts (the same recorded document)."""
    _, document = _recorded(request, principal, contract, kind, period)
    data = daiyun_of(request).report_files.pdf_bytes(document)
    name = f"report-{document.contract}-{document.kind.value}-{document.period}.pdf"
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
