"""/api/reports: the reports a contract owes (issue 20, R-R1, R-R2), as `daiyun report`.

`GET /api/reports?contract=` lists the reports made; `POST /api/reports` makes one (the agency's
people who may make reports), recorded once: made again, the recorded one is answered with
`made_before` true; `GET /api/reports/{contract}/{kind}/{period}` is one report's document as
interfaces.md's JSON. A brand's token sees its own brand's contracts only: another's is 404,
as an unknown code (R-D2).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field

from daiyun.domain.reports.periods import ReportKind, ReportPeriod
from daiyun.entrypoints.api.auth import Acting, App, Now
from daiyun.entrypoints.api.errors import ERROR_RESPONSES
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.services.reports.making import make_report
from daiyun.services.reports.reading import list_reports, recorded_report

__all__ = ["ReportCreate", "ReportPublic", "router"]

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, tags=["reports"])

ContractCode = Annotated[str, Path(max_length=60)]
PeriodText = Annotated[str, Path(max_length=10)]


class ReportCreate(BaseModel):
    """The report to make: the contract, its kind and its period."""

    contract: str = Field(min_length=1, max_length=60, pattern=NO_NUL)
    kind: ReportKind
    period: str = Field(
        min_length=4, max_length=10, description="2026-W41 (ISO week), 2026-10 or 2026"
    )


class ReportPublic(BaseModel):
    """A report made: when, by whom, due when and whether on time (R-R1)."""

    contract: str
    brand: str
    kind: ReportKind
    period: str
    start: str
    end: str
    due: str
    made_at: str
    made_by: str
    on_time: bool
    content_hash: str


def _period(kind: ReportKind | str, period: str, where: str) -> None:
    try:
        ReportPeriod.parse(kind, period)
    except ValueError as error:
        raise RequestValidationError(
            [{"loc": [where, "period"], "msg": str(error), "type": "value_error"}]
        ) from error


@router.get("/reports", response_model=list[ReportPublic])
def reports(
    app: App,
    acting: Acting,
    contract: Annotated[str, Query(min_length=1, max_length=60, pattern=NO_NUL)],
) -> list[ReportPublic]:
    """The contract's reports made, by kind and period."""
    found = list_reports(
        app.report_unit_of_work(read_only=True), contract_code=contract, acting=acting
    )
    return [ReportPublic.model_validate(record.to_json()) for record in found]


@router.post("/reports")
def make_a_report(body: ReportCreate, app: App, acting: Acting, now: Now) -> dict[str, Any]:
    """Make the report the contract owes for the period (R-R1): interfaces.md's JSON, then
    `made_before` and `content_hash`; 409 before the period has ended."""
    _period(body.kind, body.period, "body")
    outcome = make_report(
        app.report_unit_of_work(), contract_code=body.contract, kind=body.kind,
        period=body.period, at=now, actor=acting.login, acting=acting,
    )  # fmt: skip
    return outcome.to_json()


@router.get("/reports/{contract}/{kind}/{period}")
def report(
    contract: ContractCode, kind: ReportKind, period: PeriodText, app: App, acting: Acting
) -> dict[str, Any]:
    """One report as recorded: interfaces.md's JSON, then every section."""
    _period(kind, period, "path")
    record, document = recorded_report(
        app.report_unit_of_work(read_only=True), contract_code=contract, kind=kind,
        period=period, acting=acting,
    )  # fmt: skip
    return {**document.to_json(), "content_hash": record.content_hash}
