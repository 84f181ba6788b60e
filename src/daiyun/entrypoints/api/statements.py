"""/api/statements: list, show, drill down to lines, draft, issue, confirm, dispute, pay,
excuse days of delay the brand caused, files."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from daiyun.domain.calendar import Month
from daiyun.domain.money import Money
from daiyun.domain.settlement.drilldown import LineSelection, UnknownFigure, derive
from daiyun.entrypoints.api.auth import Acting, App, Now, Uow
from daiyun.entrypoints.api.drilldown_schemas import FigureLinesPublic
from daiyun.entrypoints.api.errors import ERROR_RESPONSES
from daiyun.entrypoints.api.statement_schemas import (
    AnswerCreate,
    ExcusedDelayCreate,
    PaymentCreate,
    PenaltyPaymentCreate,
    StatementPublic,
    StatementRowPublic,
)
from daiyun.entrypoints.statement_file_bytes import statement_file
from daiyun.services.settlement import statement_desk

__all__ = ["month_of", "router"]

router = APIRouter(prefix="/api/statements", responses=ERROR_RESPONSES, tags=["statements"])

Contract = Annotated[str, Path(max_length=60, description="the contract's code")]
MonthText = Annotated[str, Path(max_length=7, description="YYYY-MM")]
Version = Annotated[int, Path(ge=1, le=10_000)]


def month_of(text: str) -> Month:
    """The month of a path, or 422 saying how to write one."""
    try:
        return Month.parse(text)
    except ValueError as error:
        detail = [{"loc": ["path", "month"], "msg": str(error), "type": "value_error"}]
        raise HTTPException(status_code=422, detail=detail) from error


@router.get("", response_model=list[StatementRowPublic])
def statements(
    uow: Uow,
    acting: Acting,
    brand: Annotated[str | None, Query(max_length=40)] = None,
    contract: Annotated[str | None, Query(max_length=60)] = None,
) -> list[StatementRowPublic]:
    """The statements you may see, newest month first; of one brand or contract."""
    found = statement_desk.list_statements(uow, acting, brand_code=brand, contract_code=contract)
    return [StatementRowPublic.of(row) for row in found]


@router.get("/{contract}/{month}", response_model=StatementPublic)
def statement(
    contract: Contract,
    month: MonthText,
    uow: Uow,
    acting: Acting,
    now: Now,
    version: Annotated[int | None, Query(ge=1, le=10_000)] = None,
) -> StatementPublic:
    """A version (default: the latest) as interfaces.md's Statement JSON."""
    page = statement_desk.statement_page(
        uow, acting, contract_code=contract, month=month_of(month), at=now, version=version
    )
    return StatementPublic.of(page.view)


@router.get("/{contract}/{month}/versions/{version}/lines", response_model=FigureLinesPublic)
def lines(
    contract: Contract,
    month: MonthText,
    version: Version,
    uow: Uow,
    acting: Acting,
    figure: Annotated[str | None, Query(max_length=40, description="a figure's name")] = None,
    rule: Annotated[str | None, Query(max_length=10, description="e.g. R-S1")] = None,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    size: Annotated[int, Query(ge=1, le=500)] = 100,
) -> FigureLinesPublic:
    """The lines making a figure of a version, what they add up to and how (R-S8): as the
    statement's lines page shows them, the commission's lines sum to the commission (its base
    × the rate, rounded once, R-S3), not to its base."""
    try:
        selection = LineSelection(figure=figure, rule=rule, page=page, size=size)
    except UnknownFigure as error:
        detail = [{"loc": ["query", "figure"], "msg": str(error), "type": "value_error"}]
        raise HTTPException(status_code=422, detail=detail) from error
    shown = statement_desk.figure_lines(
        uow, acting, contract_code=contract, month=month_of(month), version=version,
        selection=selection,
    )  # fmt: skip
    found, derivation, stated = shown.found, None, None
    if figure is not None:
        derivation = derive(
            figure, shown.figures, count=found.total, column_total=found.column_sum,
            commission_rate=found.commission_rate,
        )  # fmt: skip
        value = getattr(shown.figures, figure)
        stated = value.fen if isinstance(value, Money) else int(value)
    return FigureLinesPublic.of(
        found, derivation, stated, figure=figure, rule=rule, page=page, size=size,
        stores=shown.stores,
    )  # fmt: skip


@router.post("/{contract}/{month}/draft", response_model=StatementPublic)
def draft(
    contract: Contract, month: MonthText, uow: Uow, acting: Acting, now: Now
) -> StatementPublic:
    """Draft the month from the stored orders; again on the same data changes nothing."""
    outcome = statement_desk.draft_statement_as(
        uow, acting, contract_code=contract, month=month_of(month), at=now
    )
    return StatementPublic.of(outcome.view)


@router.post("/{contract}/{month}/issue", response_model=StatementPublic)
def issue(
    contract: Contract, month: MonthText, uow: Uow, acting: Acting, now: Now
) -> StatementPublic:
    """Issue the drafted version to the brand; its receipt starts the answer clock (R-S6)."""
    outcome = statement_desk.issue_statement_as(
        uow, acting, contract_code=contract, month=month_of(month), at=now
    )
    return StatementPublic.of(outcome.view)


@router.post("/{contract}/{month}/confirm", response_model=StatementPublic)
def confirm(
    contract: Contract, month: MonthText, body: AnswerCreate, uow: Uow, acting: Acting, now: Now
) -> StatementPublic:
    """The brand confirms the issued version in writing; payment falls due (R-S6)."""
    view = statement_desk.answer_statement(
        uow, acting, contract_code=contract, month=month_of(month), confirm=True,
        reason=body.reason, at=now,
    )  # fmt: skip
    return StatementPublic.of(view)


@router.post("/{contract}/{month}/dispute", response_model=StatementPublic)
def dispute(
    contract: Contract, month: MonthText, body: AnswerCreate, uow: Uow, acting: Acting, now: Now
) -> StatementPublic:
    """The brand disputes the issued version, saying why (R-S6)."""
    view = statement_desk.answer_statement(
        uow, acting, contract_code=contract, month=month_of(month), confirm=False,
        reason=body.reason, at=now,
    )  # fmt: skip
    return StatementPublic.of(view)


@router.post("/{contract}/{month}/payments", response_model=StatementPublic, status_code=201)
def pay(
    contract: Contract, month: MonthText, body: PaymentCreate, uow: Uow, acting: Acting, now: Now
) -> StatementPublic:
    """Record a remittance (partial allowed) of a confirmed statement (R-S6, R-S7)."""
    outcome = statement_desk.pay_statement_as(
        uow, acting, contract_code=contract, month=month_of(month),
        amount=Money.of_yuan(body.amount), paid_on=body.paid_on, at=now,
    )  # fmt: skip
    return StatementPublic.of(outcome.view)


@router.post(
    "/{contract}/{month}/penalty-payments", response_model=StatementPublic, status_code=201
)
def pay_penalty(
    contract: Contract,
    month: MonthText,
    body: PenaltyPaymentCreate,
    uow: Uow,
    acting: Acting,
    now: Now,
) -> StatementPublic:
    """Pay the brand (partial allowed) the late penalty posted when a statement was paid in
    full (R-S7)."""
    outcome = statement_desk.pay_penalty_as(
        uow, acting, contract_code=contract, month=month_of(month),
        amount=Money.of_yuan(body.amount), paid_on=body.paid_on, at=now,
    )  # fmt: skip
    return StatementPublic.of(outcome.view)


@router.post("/{contract}/{month}/excused-delays", response_model=StatementPublic, status_code=201)
def excuse(
    contract: Contract,
    month: MonthText,
    body: ExcusedDelayCreate,
    uow: Uow,
    acting: Acting,
    now: Now,
) -> StatementPublic:
    """Record days (both ends included) the brand caused the delay of payment of a confirmed
    statement: no late penalty accrues on them, nor do they count as days late (R-S7)."""
    outcome = statement_desk.excuse_delay_as(
        uow, acting, contract_code=contract, month=month_of(month), first_day=body.first_day,
        last_day=body.to, reason=body.reason, at=now,
    )  # fmt: skip
    return StatementPublic.of(outcome.view)


_FILE_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"content": {"application/octet-stream": {}}, "description": "the file"},
}


@router.get(
    "/{contract}/{month}/versions/{version}/statement.{kind}",
    response_class=Response,
    responses=_FILE_RESPONSES,
)
async def download(
    contract: Contract,
    month: MonthText,
    version: Version,
    kind: Annotated[str, Path(pattern="^(xlsx|pdf)$")],
    uow: Uow,
    acting: Acting,
    now: Now,
    application: App,
) -> Response:
    """A stored version as an XLSX workbook or a PDF, with its version and content hash."""
    made = await run_in_threadpool(
        statement_file, uow, acting, contract=contract, month=month_of(month),
        version=version, kind=kind, at=now, writers=application.statement_files,
    )  # fmt: skip
    return Response(
        made.content,
        media_type=made.media_type,
        headers={"Content-Disposition": f'attachment; filename="{made.name}"'},
    )
